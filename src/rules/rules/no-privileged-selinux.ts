import { isObj } from '../../kube/objects';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers, effectiveSecurity } from './helpers';

/** The SELinux types Pod Security baseline allows (besides none). */
const ALLOWED_TYPES = ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

export const noPrivilegedSelinux: Rule = {
  id: 'no-privileged-selinux',
  title: 'Containers use no privileged SELinux type, user or role',
  severity: Severity.ERROR,
  standsFor: 'R10; Pod Security baseline (SELinux); kubeaudit; Checkov',
  fix: `Leave \`seLinuxOptions\` out, or use a type of ${ALLOWED_TYPES.join(', ')} without user or role.`,
  check: context => checkContainers(context, ({ container }, template) => {
    const options = effectiveSecurity(container, template.spec, 'seLinuxOptions');
    if (!isObj(options)) return undefined;
    if (options.type !== undefined && options.type !== null && options.type !== '' && !ALLOWED_TYPES.includes(String(options.type))) {
      return `sets seLinuxOptions.type: ${JSON.stringify(options.type)}`;
    }
    const set = ['user', 'role'].filter(k => options[k] !== undefined && options[k] !== null && options[k] !== '');
    return set.length > 0 ? `sets seLinuxOptions.${set.join(' and ')}` : undefined;
  }),
};
