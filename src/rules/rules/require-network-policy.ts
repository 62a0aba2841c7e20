import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const requireNetworkPolicy: Rule = {
  id: 'require-network-policy',
  title: 'Every pod template is selected by a NetworkPolicy in its namespace',
  severity: Severity.WARNING,
  standsFor: 'Gatekeeper require NetworkPolicy (warn); Kyverno require-netpol',
  fix: 'Add a NetworkPolicy (at least a default-deny) in the namespace that selects the pods.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      if (index.policiesSelecting(t).length === 0) {
        out.push({ object: t.owner, message: `${describe(t.owner)}: no NetworkPolicy in its namespace selects its pods` });
      }
    }
    return out;
  },
};
