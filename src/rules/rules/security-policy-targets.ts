import { isObj, namespaceOf, objectsOf } from '../../kube/objects';
import { ENVOY_GATEWAY_GROUP, GATEWAY_API_GROUP } from '../../kube/platform/gateway';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

const TARGET_KINDS = ['HTTPRoute', 'GRPCRoute', 'Gateway'];

export const securityPolicyTargets: Rule = {
  id: 'security-policy-targets',
  title: 'Every Envoy Gateway SecurityPolicy targets a route or Gateway of the output',
  severity: Severity.ERROR,
  standsFor: 'Envoy Gateway: a SecurityPolicy whose target does not exist protects nothing, and the allowlist or sign-on it was meant to add is silently absent',
  fix: 'Target the HTTPRoute, GRPCRoute or Gateway by its name in the policy\'s namespace (HttpsRoute emits both together).',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const policy of index.ofKind('SecurityPolicy')) {
      if (typeof policy.apiVersion !== 'string' || !policy.apiVersion.startsWith(`${ENVOY_GATEWAY_GROUP}/`)) continue;
      const ns = namespaceOf(policy);
      const refs = [...objectsOf(policy.spec?.targetRefs), ...(isObj(policy.spec?.targetRef) ? [policy.spec.targetRef] : [])];
      if (refs.length === 0 && objectsOf(policy.spec?.targetSelectors).length === 0) {
        out.push({ object: policy, message: `${describe(policy)}: has no targetRefs` });
      }
      for (const ref of refs) {
        const kind = String(ref.kind);
        const found = ref.group === GATEWAY_API_GROUP && TARGET_KINDS.includes(kind) && index.named(kind, ns, String(ref.name));
        if (!found) out.push({ object: policy, message: `${describe(policy)}: target ${kind} ${ns}/${String(ref.name)} is not in the output` });
      }
    }
    return out;
  },
};
