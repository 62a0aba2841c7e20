// Walks the rules of NetworkPolicies (shared by the NetworkPolicy rules).
import { isObj, Obj, objectsOf } from '../../kube/objects';

export interface PolicyRule {
  readonly policy: Obj;
  readonly direction: 'ingress' | 'egress';
  /** Position of the rule in its list (0-based). */
  readonly position: number;
  readonly rule: Obj;
  /** `from` for ingress, `to` for egress; undefined when the field is absent. */
  readonly peers: unknown;
  readonly ports: Obj[];
}

export function policyRules(policy: Obj): PolicyRule[] {
  const out: PolicyRule[] = [];
  const spec = isObj(policy.spec) ? policy.spec : {};
  for (const direction of ['ingress', 'egress'] as const) {
    objectsOf(spec[direction]).forEach((rule, position) => {
      out.push({ policy, direction, position, rule, peers: rule[direction === 'ingress' ? 'from' : 'to'], ports: objectsOf(rule.ports) });
    });
  }
  return out;
}

/** `ingress[0]` / `egress[1]` with the peer field name, for messages. */
export function ruleLabel(r: PolicyRule): string {
  return `${r.direction}[${r.position}]`;
}

export function peerField(r: PolicyRule): string {
  return r.direction === 'ingress' ? 'from' : 'to';
}
