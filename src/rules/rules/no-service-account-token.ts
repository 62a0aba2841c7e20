import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const noServiceAccountToken: Rule = {
  id: 'no-service-account-token',
  title: 'Pods do not mount a service account token',
  severity: Severity.ERROR,
  standsFor: 'R8; Checkov CKV_K8S_38; kubeaudit asat; Polaris automountServiceAccountToken',
  fix: 'Set `automountServiceAccountToken: false` on the pod spec (or on its ServiceAccount, without overriding it in the pod).',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const own = t.spec.automountServiceAccountToken;
      if (own === false) {
        continue;
      }
      if (own === undefined) {
        // The pod inherits the setting of its ServiceAccount, if that is in the output.
        const saName = typeof t.spec.serviceAccountName === 'string' ? t.spec.serviceAccountName : 'default';
        const sa = index.named('ServiceAccount', t.namespace, saName);
        if (sa && sa.automountServiceAccountToken === false) {
          continue;
        }
      }
      out.push({ object: t.owner, message: `${describe(t.owner)} mounts a service account token (automountServiceAccountToken is ${own === undefined ? 'unset' : JSON.stringify(own)})` });
    }
    return out;
  },
};
