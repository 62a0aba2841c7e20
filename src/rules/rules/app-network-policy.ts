import { annotationsOf, Obj } from '../../kube/objects';
import { describe, isEmptySelector } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { policyRules, ruleLabel } from './network-policy-rules';

/**
 * On a NetworkPolicy, `cdk8s-netsec.io/ingress: none` declares that the pods it selects receive no
 * connections (a worker, a Job): then no ingress rule is wanted, and one would contradict it.
 */
export const NO_INGRESS_ANNOTATION = 'cdk8s-netsec.io/ingress';

function declaresNoIngress(policy: Obj): boolean {
  return annotationsOf(policy)[NO_INGRESS_ANNOTATION] === 'none';
}

function shortfall(policy: Obj): string[] {
  const problems: string[] = [];
  const types = Array.isArray(policy.spec?.policyTypes) ? policy.spec.policyTypes.map(String) : [];
  for (const t of ['Ingress', 'Egress']) {
    if (!types.includes(t)) problems.push(`policyTypes lacks ${t}`);
  }
  const rules = policyRules(policy);
  for (const dir of ['ingress', 'egress']) {
    if (!rules.some(r => r.direction === dir) && !(dir === 'ingress' && declaresNoIngress(policy))) {
      problems.push(`it has no ${dir} rule${dir === 'ingress' ? ` (if the pods receive no connections by design, annotate the policy ${NO_INGRESS_ANNOTATION}: none)` : ''}`);
    }
  }
  return problems;
}

export const appNetworkPolicy: Rule = {
  id: 'app-network-policy',
  title: 'Each app has its own NetworkPolicy: both policyTypes, ingress and egress rules, protocol on every port',
  severity: Severity.ERROR,
  standsFor: 'R3; Polaris missingNetworkPolicy; kube-score pod-networkpolicy; cyclonus lint',
  fix: 'Add a NetworkPolicy whose podSelector matches the pod labels, with `policyTypes: [Ingress, Egress]`, '
    + 'the ingress and egress rules the app needs (or, for pods that receive nothing, the annotation '
    + '`cdk8s-netsec.io/ingress: none` and no ingress rule), and `protocol` on every port. SecureApp does this; '
    + 'for an existing workload (cdk8s-plus, ApiObject, Include, Helm) use `new AdoptedWorkload(scope, id, { workload })`.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      // An app policy selects these pods specifically: default-deny's empty selector does not count.
      const candidates = index.policiesSelecting(t).filter(p => !isEmptySelector(p.spec?.podSelector));
      if (candidates.length === 0) {
        out.push({ object: t.owner, message: `${describe(t.owner)}: no NetworkPolicy selects its pods (labels ${JSON.stringify(t.labels)})` });
        continue;
      }
      if (!candidates.some(p => shortfall(p).length === 0)) {
        const p = candidates[0];
        out.push({ object: t.owner, message: `${describe(t.owner)}: its policy ${describe(p)} is incomplete: ${shortfall(p).join('; ')}` });
      }
    }
    for (const policy of index.ofKind('NetworkPolicy')) {
      const ingressRules = policyRules(policy).filter(r => r.direction === 'ingress').length;
      if (declaresNoIngress(policy) && ingressRules > 0) {
        out.push({
          object: policy,
          message: `${describe(policy)}: annotated ${NO_INGRESS_ANNOTATION}: none but has ${ingressRules} ingress rule(s); drop the annotation or the rules`,
        });
      }
      const unset = policyRules(policy).flatMap(r => r.ports.map((p, i) => ({ r, p, i }))).filter(x => x.p.protocol === undefined);
      if (unset.length > 0) {
        out.push({
          object: policy,
          message: `${describe(policy)}: port(s) without protocol: ${unset.map(x => `${ruleLabel(x.r)}.ports[${x.i}] (${JSON.stringify(x.p.port ?? 'all')})`).join(', ')}`,
        });
      }
    }
    return out;
  },
};
