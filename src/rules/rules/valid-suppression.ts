import { Rule } from '../rule';
import { Severity } from '../severity';

/**
 * Suppressions are checked by the runner (it knows the pack's rule ids); this entry gives the
 * finding its id, title and fix, and lists it in SARIF metadata.
 */
export const validSuppression: Rule = {
  id: 'valid-suppression',
  title: 'Suppressions name a known rule and give a reason',
  severity: Severity.ERROR,
  standsFor: 'cdk8s-netsec: every exception is explained where it is made',
  fix: 'Write the annotation as `cdk8s-netsec.io/suppress: "<rule-id>: <reason>"`, one entry per line or comma.',
  check: () => [],
};
