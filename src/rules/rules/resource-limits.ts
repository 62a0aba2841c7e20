import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers, missingResources } from './helpers';

export const resourceLimits: Rule = {
  id: 'resource-limits',
  title: 'Containers limit CPU and memory',
  severity: Severity.ERROR,
  standsFor: 'R8; kube-score container-resources; Polaris cpuLimitsMissing/memoryLimitsMissing; Checkov CKV_K8S_11/CKV_K8S_13; kubeaudit limits',
  fix: 'Set `resources.limits.cpu` and `resources.limits.memory` on every container.',
  check: context => checkContainers(context, ({ container }) => missingResources(container, 'limits')),
};
