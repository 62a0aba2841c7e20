import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers, missingResources } from './helpers';

export const resourceRequests: Rule = {
  id: 'resource-requests',
  title: 'Containers request CPU and memory',
  severity: Severity.ERROR,
  standsFor: 'Gatekeeper resource requests (deny); R8; kube-score container-resources; Polaris cpuRequestsMissing/memoryRequestsMissing; Checkov CKV_K8S_10/CKV_K8S_12',
  fix: 'Set `resources.requests.cpu` and `resources.requests.memory` on every container.',
  check: context => checkContainers(context, ({ container }) => missingResources(container, 'requests')),
};
