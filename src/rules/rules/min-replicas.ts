import { kindOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const minReplicas: Rule = {
  id: 'min-replicas',
  title: 'Deployments and StatefulSets run at least 2 replicas',
  severity: Severity.WARNING,
  standsFor: 'Gatekeeper minimum replicas (warn); R9; kube-linter minimum-three-replicas (relaxed to 2)',
  fix: 'Set `spec.replicas` to 2 or more, or suppress with the reason a single replica is acceptable.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const obj of index.podTemplates.map(t => t.owner)) {
      if (!['Deployment', 'StatefulSet'].includes(kindOf(obj))) {
        continue;
      }
      const replicas = obj.spec?.replicas ?? 1; // the API server's default
      if (typeof replicas !== 'number' || replicas < 2) {
        out.push({ object: obj, message: `${describe(obj)} has replicas ${JSON.stringify(replicas)}${obj.spec?.replicas === undefined ? ' (unset, defaults to 1)' : ''}` });
      }
    }
    return out;
  },
};
