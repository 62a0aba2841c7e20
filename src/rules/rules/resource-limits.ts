import { isObj } from '../kube';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const resourceLimits: Rule = {
  id: 'resource-limits',
  title: 'Containers limit CPU and memory',
  severity: Severity.ERROR,
  standsFor: 'R8; kube-score container-resources; Polaris cpuLimitsMissing/memoryLimitsMissing; Checkov CKV_K8S_11/CKV_K8S_13; kubeaudit limits',
  fix: 'Set `resources.limits.cpu` and `resources.limits.memory` on every container.',
  check: context => checkContainers(context, ({ container }) => {
    const limits = isObj(container.resources) && isObj(container.resources.limits) ? container.resources.limits : {};
    const missing = ['cpu', 'memory'].filter(r => limits[r] === undefined || limits[r] === null || limits[r] === '');
    return missing.length > 0 ? `has no ${missing.map(m => `resources.limits.${m}`).join(' and ')}` : undefined;
  }),
};
