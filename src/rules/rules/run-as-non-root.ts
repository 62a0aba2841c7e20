import { WELKIN } from '../../kube/platform';
import { Rule } from '../rule';
import { Severity } from '../severity';
import { checkContainers, effectiveSecurity } from './helpers';

export const runAsNonRoot: Rule = {
  id: 'run-as-non-root',
  title: `Containers run as non-root with a UID and GID of at least ${WELKIN.minimumUserId}`,
  severity: Severity.ERROR,
  standsFor: 'R8; Pod Security restricted; kube-score container-security-context-user-group-id; Checkov CKV_K8S_23/CKV_K8S_40; kubeaudit nonroot',
  fix: `Set \`securityContext.runAsNonRoot: true\`, \`runAsUser\` and \`runAsGroup\` >= ${WELKIN.minimumUserId} (pod or container level).`,
  check: context => checkContainers(context, ({ container }, template) => {
    const problems: string[] = [];
    if (effectiveSecurity(container, template.spec, 'runAsNonRoot') !== true) {
      problems.push('runAsNonRoot is not true');
    }
    for (const field of ['runAsUser', 'runAsGroup']) {
      const id = effectiveSecurity(container, template.spec, field);
      if (typeof id !== 'number' || id < context.config.minimumUserId) {
        problems.push(`${field} is ${id === undefined ? 'not set' : JSON.stringify(id)} (must be >= ${context.config.minimumUserId})`);
      }
    }
    return problems.length > 0 ? problems.join('; ') : undefined;
  }),
};
