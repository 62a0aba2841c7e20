import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

// Pod Security `restricted` lets containers add back only this one.
const ADDABLE = ['NET_BIND_SERVICE'];

export const dropAllCapabilities: Rule = {
  id: 'drop-all-capabilities',
  title: 'Containers drop all capabilities',
  severity: Severity.ERROR,
  standsFor: 'R8; Pod Security restricted; kubeaudit capabilities; Checkov CKV_K8S_28/CKV_K8S_37; Polaris dangerousCapabilities',
  fix: 'Set `securityContext.capabilities.drop: [ALL]` and add nothing back (NET_BIND_SERVICE at most).',
  check: context => checkContainers(context, ({ container }) => {
    const caps = isObj(container.securityContext) && isObj(container.securityContext.capabilities) ? container.securityContext.capabilities : {};
    const drop: string[] = Array.isArray(caps.drop) ? caps.drop.map(String) : [];
    const add: string[] = Array.isArray(caps.add) ? caps.add.map(String) : [];
    const problems: string[] = [];
    if (!drop.includes('ALL')) {
      problems.push('does not drop ALL capabilities');
    }
    const extra = add.filter(c => !ADDABLE.includes(c));
    if (extra.length > 0) {
      problems.push(`adds capabilities ${extra.join(', ')}`);
    }
    return problems.length > 0 ? problems.join('; ') : undefined;
  }),
};
