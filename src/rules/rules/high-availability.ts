import { isObj, kindOf, Obj, objectsOf } from '../../kube/objects';
import { PodTemplate } from '../../kube/workloads';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

const NODE_KEY = 'kubernetes.io/hostname';

function spreadsAcrossNodes(t: PodTemplate): boolean {
  const spread = objectsOf(t.spec.topologySpreadConstraints).some(c => c.topologyKey === NODE_KEY);
  const anti = isObj(t.spec.affinity) && isObj(t.spec.affinity.podAntiAffinity) ? t.spec.affinity.podAntiAffinity : {};
  const terms: Obj[] = [
    ...objectsOf(anti.requiredDuringSchedulingIgnoredDuringExecution),
    ...objectsOf(anti.preferredDuringSchedulingIgnoredDuringExecution).map(w => (isObj(w.podAffinityTerm) ? w.podAffinityTerm : {})),
  ];
  return spread || terms.some(term => term.topologyKey === NODE_KEY);
}

export const highAvailability: Rule = {
  id: 'high-availability',
  title: 'Replicated workloads have a PodDisruptionBudget and spread across nodes',
  severity: Severity.ERROR,
  standsFor: 'R9; kube-score deployment-has-poddisruptionbudget / deployment-has-host-podantiaffinity; Polaris; kube-linter no-anti-affinity',
  fix: 'Add a PodDisruptionBudget selecting the pods and a topologySpreadConstraint (or podAntiAffinity) on kubernetes.io/hostname.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const obj = t.owner;
      const replicas = obj.spec?.replicas;
      if (!['Deployment', 'StatefulSet'].includes(kindOf(obj)) || typeof replicas !== 'number' || replicas < 2) {
        continue; // single replicas are min-replicas' business
      }
      const missing: string[] = [];
      const hasPdb = index.budgetsSelecting(t).length > 0;
      if (!hasPdb) {
        missing.push('no PodDisruptionBudget selects its pods');
      }
      if (!spreadsAcrossNodes(t)) {
        missing.push(`its pods do not spread across nodes (no topologySpreadConstraint or podAntiAffinity on ${NODE_KEY})`);
      }
      if (missing.length > 0) {
        out.push({ object: obj, message: `${describe(obj)} runs ${replicas} replicas but ${missing.join(' and ')}` });
      }
    }
    return out;
  },
};
