import { isObj, nameOf, namespaceOf, Obj } from '../../kube/objects';
import { describe, isEmptySelector } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const DEFAULT_DENY_NAME = 'default-deny';

/** What is wrong with a policy named default-deny (empty when it has the exact shape). */
function shapeProblems(policy: Obj): string[] {
  const spec = isObj(policy.spec) ? policy.spec : {};
  const problems: string[] = [];
  if (!isEmptySelector(spec.podSelector)) {
    problems.push(`podSelector is ${JSON.stringify(spec.podSelector)}, not {}`);
  }
  const types: string[] = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(String) : [];
  if (!types.includes('Ingress') || !types.includes('Egress')) {
    problems.push(`policyTypes is ${JSON.stringify(spec.policyTypes ?? null)}, not [Ingress, Egress]`);
  }
  for (const dir of ['ingress', 'egress']) {
    if (Array.isArray(spec[dir]) && spec[dir].length > 0) {
      problems.push(`it has ${spec[dir].length} ${dir} rule(s); it must have none`);
    }
  }
  return problems;
}

export const defaultDeny: Rule = {
  id: 'default-deny',
  title: 'Each namespace has a `default-deny` policy: all pods, both directions, no rules',
  severity: Severity.ERROR,
  standsFor: 'R1; kubeaudit netpols; Kyverno add-networkpolicy / restrict-networkpolicy-empty-podselector',
  fix: 'Add a NetworkPolicy named `default-deny` with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules (DefaultDenyNamespace does).',
  check: ({ index }) => {
    const out: Violation[] = [];
    const policies = index.ofKind('NetworkPolicy').filter(p => nameOf(p) === DEFAULT_DENY_NAME);
    for (const p of policies) {
      const problems = shapeProblems(p);
      if (problems.length > 0) {
        out.push({ object: p, message: `${describe(p)} is not a plain default deny: ${problems.join('; ')}` });
      }
    }
    // Namespaces declared in the output or holding workloads must each have one.
    const anchors = new Map<string, Obj>();
    for (const ns of index.ofKind('Namespace')) {
      if (nameOf(ns)) anchors.set(nameOf(ns)!, ns);
    }
    for (const t of index.podTemplates) {
      if (!anchors.has(t.namespace)) anchors.set(t.namespace, t.owner);
    }
    for (const [ns, anchor] of anchors) {
      if (!policies.some(p => namespaceOf(p) === ns)) {
        const where = ns === '' ? 'the namespace these manifests are applied to' : `namespace ${ns}`;
        out.push({ object: anchor, message: `${describe(anchor)}: ${where} has no NetworkPolicy named ${DEFAULT_DENY_NAME}` });
      }
    }
    return out;
  },
};
