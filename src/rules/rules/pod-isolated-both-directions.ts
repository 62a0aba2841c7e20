import { describe, policyTypesOf } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const podIsolatedBothDirections: Rule = {
  id: 'pod-isolated-both-directions',
  title: 'Every pod template is isolated for ingress and egress by the policies selecting it',
  severity: Severity.ERROR,
  standsFor: 'R1/R3; NIST SP 800-171 3.13.6 (deny by default); kube-score pod-networkpolicy',
  fix: 'Select the pods with policies whose policyTypes together cover Ingress and Egress (default-deny does).',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const covered = new Set(index.policiesSelecting(t).flatMap(policyTypesOf));
      const open = ['Ingress', 'Egress'].filter(d => !covered.has(d));
      if (open.length > 0) {
        out.push({ object: t.owner, message: `${describe(t.owner)}: no NetworkPolicy isolates its pods for ${open.join(' and ')} (all such traffic is allowed)` });
      }
    }
    return out;
  },
};
