import { Manifest } from './helpers';

/**
 * Test-only checks of rules R1-R9 (docs/checker-rules.md) over a whole
 * output: the constructs' default output must never trip them. Returns the violations.
 */
export function checkRules(objs: Manifest[]): string[] {
  const problems: string[] = [];
  const policies = objs.filter(o => o.kind === 'NetworkPolicy');
  const deployments = objs.filter(o => o.kind === 'Deployment');
  const id = (o: Manifest) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const matches = (selector: { [k: string]: string }, labels: { [k: string]: string }) =>
    Object.entries(selector).every(([k, v]) => labels?.[k] === v);

  // R1: every namespace has the canonical default-deny.
  for (const ns of objs.filter(o => o.kind === 'Namespace')) {
    const deny = policies.find(p => p.metadata.namespace === ns.metadata.name && p.metadata.name === 'default-deny');
    if (!deny || JSON.stringify(deny.spec) !== JSON.stringify({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] })) {
      problems.push(`R1 ${id(ns)}: no canonical default-deny`);
    }
  }
  for (const p of policies) {
    for (const [dir, key] of [['ingress', 'from'], ['egress', 'to']] as const) {
      for (const rule of p.spec[dir] ?? []) {
        // R2: no empty peers; DNS rules use ONE combined element.
        if (!rule[key] || rule[key].length === 0) problems.push(`R2 ${id(p)}: ${dir} rule with empty ${key}`);
        for (const peer of rule[key] ?? []) {
          if (Object.keys(peer).length === 0) problems.push(`R2 ${id(p)}: empty peer element`);
        }
        const dnsPorts = (rule.ports ?? []).filter((x: any) => x.port === 53);
        if (dnsPorts.length > 0 && !(rule[key] ?? []).some((e: any) => e.namespaceSelector && e.podSelector)) {
          problems.push(`R2 ${id(p)}: DNS rule without a combined namespace+pod selector element`);
        }
        // R3: protocol on every port.
        for (const port of rule.ports ?? []) if (!port.protocol) problems.push(`R3 ${id(p)}: port without protocol`);
      }
    }
    // R5: policy selectors target pods in the output (cert-manager's solver pods are created by cert-manager).
    const sel = p.spec.podSelector.matchLabels;
    const selectsPods = (labels: { [k: string]: string }) =>
      deployments.some(d => d.metadata.namespace === p.metadata.namespace && matches(labels, d.spec.template.metadata.labels));
    if (sel && !sel['acme.cert-manager.io/http01-solver'] && !selectsPods(sel)) {
      problems.push(`R5 ${id(p)}: selects no pods of the output`);
    }
  }
  for (const d of deployments) {
    const labels = d.spec.template.metadata.labels;
    const selector = d.spec.selector.matchLabels;
    // R3: one policy whose selector equals the workload's selector, both types, >= 1 rule each way.
    const own = policies.filter(p =>
      p.metadata.namespace === d.metadata.namespace && JSON.stringify(p.spec.podSelector.matchLabels) === JSON.stringify(selector));
    if (own.length !== 1) problems.push(`R3 ${id(d)}: ${own.length} policies select exactly its pods`);
    for (const p of own) {
      if (JSON.stringify(p.spec.policyTypes) !== JSON.stringify(['Ingress', 'Egress'])) problems.push(`R3 ${id(p)}: not both policy types`);
      if (!(p.spec.ingress?.length > 0) || !(p.spec.egress?.length > 0)) problems.push(`R3 ${id(p)}: needs >= 1 ingress and >= 1 egress rule`);
      if (objs.indexOf(p) > objs.indexOf(d)) problems.push(`order ${id(p)}: emitted after the workload`);
    }
    // R8
    const pod = d.spec.template.spec;
    if (pod.automountServiceAccountToken !== false) problems.push(`R8 ${id(d)}: token automount`);
    for (const c of pod.containers) {
      const sc = { ...pod.securityContext, ...c.securityContext };
      if (sc.runAsNonRoot !== true || !(sc.runAsUser >= 10000) || !(sc.runAsGroup >= 10000)) problems.push(`R8 ${id(d)}: user`);
      if (c.securityContext?.readOnlyRootFilesystem !== true || c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`R8 ${id(d)}: fs/escalation`);
      if (JSON.stringify(c.securityContext?.capabilities?.drop) !== '["ALL"]') problems.push(`R8 ${id(d)}: capabilities`);
      if (sc.seccompProfile?.type !== 'RuntimeDefault') problems.push(`R8 ${id(d)}: seccomp`);
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.cpu || !c.resources?.limits?.memory) problems.push(`R8 ${id(d)}: resources`);
      if (!c.readinessProbe || !c.livenessProbe) problems.push(`R8 ${id(d)}: probes`);
      if (!/[:@]/.test(c.image.split('/').pop()) || /:latest$/.test(c.image)) problems.push(`R8 ${id(d)}: image tag`);
    }
    // R9
    const pdb = objs.find(o => o.kind === 'PodDisruptionBudget' && o.metadata.namespace === d.metadata.namespace && matches(o.spec.selector.matchLabels, labels));
    if (d.spec.replicas < 2 || !pdb || !pod.topologySpreadConstraints?.length) problems.push(`R9 ${id(d)}: replicas/PDB/spread`);
  }
  for (const s of objs.filter(o => o.kind === 'Service')) {
    if (s.spec.type !== 'ClusterIP') problems.push(`R6 ${id(s)}: not ClusterIP`);
    if (!deployments.some(d => d.metadata.namespace === s.metadata.namespace && matches(s.spec.selector, d.spec.template.metadata.labels))) problems.push(`R5 ${id(s)}: selects nothing`);
    if ('externalIPs' in s.spec) problems.push(`${id(s)}: externalIPs present`);
  }
  for (const i of objs.filter(o => o.kind === 'Ingress')) {
    const hosts = i.spec.rules.map((r: any) => r.host);
    if (hosts.some((h: string) => !h || h.includes('*'))) problems.push(`R7 ${id(i)}: missing or wildcard host`);
    if (JSON.stringify(i.spec.tls.flatMap((t: any) => t.hosts).sort()) !== JSON.stringify([...hosts].sort())) problems.push(`R7 ${id(i)}: tls hosts differ from rule hosts`);
    if (Object.keys(i.metadata.annotations ?? {}).some(k => /snippet|mirror/.test(k))) problems.push(`R7 ${id(i)}: snippet annotation`);
    for (const r of i.spec.rules) {
      for (const p of r.http.paths) {
        if (!objs.some(o => o.kind === 'Service' && o.metadata.namespace === i.metadata.namespace && o.metadata.name === p.backend.service.name)) {
          problems.push(`R5 ${id(i)}: backend ${p.backend.service.name} not in the output`);
        }
      }
    }
  }
  return problems;
}
