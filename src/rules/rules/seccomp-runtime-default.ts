import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers, effectiveSecurity } from './helpers';

export const seccompRuntimeDefault: Rule = {
  id: 'seccomp-runtime-default',
  title: 'Containers run with the RuntimeDefault seccomp profile',
  severity: Severity.ERROR,
  standsFor: 'R8; Pod Security restricted; kubeaudit seccomp; Checkov CKV_K8S_31',
  fix: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod or the container.',
  check: context => checkContainers(context, ({ container }, template) => {
    const profile = effectiveSecurity(container, template.spec, 'seccompProfile');
    const type = isObj(profile) ? profile.type : undefined;
    // Localhost profiles are allowed by Pod Security restricted too.
    return type === 'RuntimeDefault' || type === 'Localhost'
      ? undefined
      : `runs with seccomp profile ${type === undefined ? 'unset (Unconfined on most runtimes)' : JSON.stringify(type)}`;
  }),
};
