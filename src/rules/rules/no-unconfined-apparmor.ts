import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers, effectiveSecurity } from './helpers';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const noUnconfinedApparmor: Rule = {
  id: 'no-unconfined-apparmor',
  title: 'Containers are not AppArmor-unconfined (field or annotation)',
  severity: Severity.ERROR,
  standsFor: 'R10; Pod Security baseline (AppArmor); kubeaudit apparmor; Checkov CKV_K8S_29',
  fix: 'Leave AppArmor at the runtime default (`appArmorProfile.type: RuntimeDefault` or `Localhost`), never `Unconfined`.',
  check: context => checkContainers(context, ({ container, name }, template) => {
    const profile = effectiveSecurity(container, template.spec, 'appArmorProfile');
    if (isObj(profile) && profile.type === 'Unconfined') return 'sets securityContext.appArmorProfile.type: Unconfined';
    const annotation = template.annotations[`${ANNOTATION_PREFIX}${name}`];
    return annotation === 'unconfined' ? `is unconfined by the annotation ${ANNOTATION_PREFIX}${name}` : undefined;
  }),
};
