import { stringMap } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

const MODES = ['enforce', 'audit', 'warn'];

export const podSecurityLabels: Rule = {
  id: 'pod-security-labels',
  title: 'Namespaces enforce, audit and warn on the restricted Pod Security level',
  severity: Severity.ERROR,
  standsFor: 'Gatekeeper Pod Security (deny); Pod Security Admission',
  fix: 'Label the Namespace `pod-security.kubernetes.io/{enforce,audit,warn}: restricted`.',
  check: ({ index, config }) => {
    const out: Violation[] = [];
    for (const ns of index.ofKind('Namespace')) {
      const labels = stringMap(ns.metadata?.labels);
      const wrong = MODES
        .map(m => `pod-security.kubernetes.io/${m}`)
        .filter(key => labels[key] !== config.podSecurityLevel)
        .map(key => `${key} is ${labels[key] === undefined ? 'missing' : JSON.stringify(labels[key])}`);
      if (wrong.length > 0) {
        out.push({ object: ns, message: `${describe(ns)}: ${wrong.join(', ')} (must be ${JSON.stringify(config.podSecurityLevel)})` });
      }
    }
    return out;
  },
};
