import { kindOf, namespaceOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

function percent(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d+%$/.test(value) ? Number(value.slice(0, -1)) : undefined;
}

export const pdbAllowsDisruption: Rule = {
  id: 'pdb-allows-disruption',
  title: 'PodDisruptionBudgets let at least one pod be evicted',
  severity: Severity.ERROR,
  standsFor: 'Gatekeeper PodDisruptionBudget (deny); kube-linter pdb-max-unavailable / pdb-min-available',
  fix: 'Use `maxUnavailable: 1` (or a `minAvailable` lower than the replicas).',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const pdb of index.ofKind('PodDisruptionBudget')) {
      const spec = pdb.spec ?? {};
      const ns = namespaceOf(pdb);
      if (spec.maxUnavailable === 0 || percent(spec.maxUnavailable) === 0) {
        out.push({ object: pdb, message: `${describe(pdb)} sets maxUnavailable ${JSON.stringify(spec.maxUnavailable)}: no pod can ever be evicted, node drains block` });
        continue;
      }
      if (spec.minAvailable === undefined) {
        continue;
      }
      if (percent(spec.minAvailable) === 100) {
        out.push({ object: pdb, message: `${describe(pdb)} sets minAvailable "100%": no pod can ever be evicted` });
        continue;
      }
      if (typeof spec.minAvailable !== 'number') {
        continue;
      }
      for (const t of index.templatesSelectedBy(ns, spec.selector)) {
        if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(kindOf(t.owner))) {
          continue;
        }
        const replicas = typeof t.owner.spec?.replicas === 'number' ? t.owner.spec.replicas : 1;
        if (spec.minAvailable >= replicas) {
          out.push({ object: pdb, message: `${describe(pdb)} sets minAvailable ${spec.minAvailable} >= the ${replicas} replicas of ${describe(t.owner)}: no pod can ever be evicted` });
        }
      }
    }
    return out;
  },
};
