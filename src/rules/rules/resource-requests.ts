import { isObj } from '../kube';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const resourceRequests: Rule = {
  id: 'resource-requests',
  title: 'Containers request CPU and memory',
  severity: Severity.ERROR,
  standsFor: 'Gatekeeper resource requests (deny); R8; kube-score container-resources; Polaris cpuRequestsMissing/memoryRequestsMissing; Checkov CKV_K8S_10/CKV_K8S_12',
  fix: 'Set `resources.requests.cpu` and `resources.requests.memory` on every container.',
  check: context => checkContainers(context, ({ container }) => {
    const requests = isObj(container.resources) && isObj(container.resources.requests) ? container.resources.requests : {};
    const missing = ['cpu', 'memory'].filter(r => requests[r] === undefined || requests[r] === null || requests[r] === '');
    return missing.length > 0 ? `has no ${missing.map(m => `resources.requests.${m}`).join(' and ')}` : undefined;
  }),
};
