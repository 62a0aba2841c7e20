import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers } from './helpers';

export const noPrivilegeEscalation: Rule = {
  id: 'no-privilege-escalation',
  title: 'Containers forbid privilege escalation and are not privileged',
  severity: Severity.ERROR,
  standsFor: 'R8; Pod Security restricted; Polaris privilegeEscalationAllowed; Checkov CKV_K8S_20; kubeaudit privesc/privileged',
  fix: 'Set `securityContext.allowPrivilegeEscalation: false` (and never `privileged: true`).',
  check: context => checkContainers(context, ({ container }) => {
    const sc = isObj(container.securityContext) ? container.securityContext : {};
    if (sc.privileged === true) {
      return 'is privileged';
    }
    return sc.allowPrivilegeEscalation === false ? undefined : 'does not set securityContext.allowPrivilegeEscalation: false';
  }),
};
