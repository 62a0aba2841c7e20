/**
 * Input generators for the analysis tests and benchmarks:
 * - `smallClusterArb`: fast-check arbitrary of small random clusters (Namespaces, Pods, some owned
 *   by ReplicaSets, NetworkPolicies) that exercise every corner of the semantics on purpose: few label keys and
 *   values so selectors collide, every matchExpressions operator, empty versus absent lists,
 *   named ports that exist, clash on protocol or are missing, endPort ranges, an invalid (lower-case)
 *   protocol, ipBlocks with except over pod IPs and outside addresses, IPv6, and a namespace that is
 *   referenced but not declared.
 * - `generateLargeCluster`: a deterministic, seeded generator of big clusters for `bench/analysis.ts`.
 */
import * as fc from 'fast-check';

type Obj = { [key: string]: any };
type Labels = Record<string, string>;

const LABEL_KEYS = ['app', 'tier', 'env'];
const LABEL_VALUES = ['a', 'b', 'c'];
/** Declared namespaces are drawn from the first three; `ghost` hosts pods but is never declared. */
const NAMESPACES = ['ns1', 'ns2', 'ns3'];
const GHOST_NAMESPACE = 'ghost';
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const NUMERIC_PORTS = [53, 80, 443, 8080, 9000];
const PORT_NAMES = ['http', 'dns', 'metrics', 'missing'];
/** Pod IPs drawn from here, so the CIDRs below cut through them. */
const POD_IPS = ['10.0.0.5', '10.0.0.20', '10.0.1.7', '10.1.0.9', '192.168.1.10', 'fd00::5', 'fd00::1:7'];
const IP_BLOCKS: Obj[] = [
  { cidr: '10.0.0.0/24' },
  { cidr: '10.0.0.0/16', except: ['10.0.0.0/28'] },
  { cidr: '10.0.0.0/8', except: ['10.0.1.0/24', '10.1.0.0/16'] },
  { cidr: '0.0.0.0/0', except: ['192.168.0.0/16'] },
  { cidr: '0.0.0.0/0' },
  { cidr: '192.168.1.0/24' },
  { cidr: '10.0.0.16/28' },
  { cidr: 'fd00::/64', except: ['fd00::/120'] },
  { cidr: '::/0' },
];
/** Addresses outside the cluster probed by the differential test: inside, at the edges and outside the CIDRs above. */
export const PROBE_IPS = [
  '10.0.0.1', '10.0.0.17', '10.0.0.200', '10.0.1.1', '10.0.2.2', '10.1.2.3', '10.200.0.1',
  '192.168.1.1', '192.168.2.1', '8.8.8.8', '0.0.0.0', '255.255.255.255',
  'fd00::1', 'fd00::1:1', '2001:db8::1', '::',
];

const labelsArb: fc.Arbitrary<Labels> = fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 3 });

const expressionArb: fc.Arbitrary<Obj> = fc.oneof(
  fc.record({
    key: fc.constantFrom(...LABEL_KEYS, 'kubernetes.io/metadata.name'),
    operator: fc.constantFrom('In', 'NotIn'),
    values: fc.uniqueArray(fc.constantFrom(...LABEL_VALUES, ...NAMESPACES, GHOST_NAMESPACE), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({ key: fc.constantFrom(...LABEL_KEYS), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
);

/** `{}`, matchLabels, matchExpressions or both; sometimes with explicitly empty fields. */
const selectorArb: fc.Arbitrary<Obj> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 1 },
  {
    arbitrary: fc.record(
      {
        matchLabels: fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 2 }),
        matchExpressions: fc.array(expressionArb, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
);

/** Namespace selectors also pick namespaces by their automatic name label. */
const namespaceSelectorArb: fc.Arbitrary<Obj> = fc.oneof(
  selectorArb,
  fc.constantFrom(...NAMESPACES, GHOST_NAMESPACE).map(n => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
);

/** Peers as apps write them for platform workloads (DNS, ingress controller, monitoring), which a cluster profile provides. */
const PLATFORM_PEERS: Obj[] = [
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } },
  {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
    podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['prometheus'] }] },
  },
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
];

const peerArb: fc.Arbitrary<Obj> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: namespaceSelectorArb }),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: selectorArb }),
  fc.constantFrom(...IP_BLOCKS).map(b => ({ ipBlock: b })),
  fc.constantFrom(...PLATFORM_PEERS),
);

const portArb: fc.Arbitrary<Obj> = fc.record(
  {
    // Now and then a lower-case protocol, which the API server rejects: the port entry matches nothing.
    protocol: fc.oneof({ arbitrary: fc.constantFrom(...PROTOCOLS), weight: 9 }, { arbitrary: fc.constant('udp'), weight: 1 }),
    port: fc.oneof(fc.constantFrom(...NUMERIC_PORTS), fc.constantFrom(...PORT_NAMES)),
    endPortDelta: fc.integer({ min: 0, max: 1000 }),
  },
  { requiredKeys: [] },
).map(({ protocol, port, endPortDelta }) => {
  const p: Obj = {};
  if (protocol !== undefined) {
    p.protocol = protocol;
  }
  if (port !== undefined) {
    p.port = port;
    // endPort only with a numeric port (the API rejects it with a name or no port).
    if (typeof port === 'number' && endPortDelta !== undefined) {
      p.endPort = port + endPortDelta;
    }
  }
  return p;
});

/** A rule's list of peers or ports: absent, explicitly empty, or one or two entries. */
function optionalList(arb: fc.Arbitrary<Obj>): fc.Arbitrary<Obj[] | undefined> {
  return fc.oneof(fc.constant(undefined), fc.constant([]), fc.array(arb, { minLength: 1, maxLength: 2 }));
}

function ruleArb(peerField: 'from' | 'to'): fc.Arbitrary<Obj> {
  return fc.record({ peers: optionalList(peerArb), ports: optionalList(portArb) }).map(({ peers, ports }) => {
    const rule: Obj = {};
    if (peers !== undefined) {
      rule[peerField] = peers;
    }
    if (ports !== undefined) {
      rule.ports = ports;
    }
    return rule;
  });
}

const policySpecArb: fc.Arbitrary<Obj> = fc.record({
  podSelector: selectorArb,
  policyTypes: fc.constantFrom(undefined, [], ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
  ingress: fc.oneof(fc.constant(undefined), fc.array(ruleArb('from'), { maxLength: 2 })),
  egress: fc.oneof(fc.constant(undefined), fc.array(ruleArb('to'), { maxLength: 2 })),
}).map(spec => {
  const out: Obj = { podSelector: spec.podSelector };
  for (const key of ['policyTypes', 'ingress', 'egress'] as const) {
    if (spec[key] !== undefined) {
      out[key] = spec[key];
    }
  }
  return out;
});

const CONTAINER_PORTS: Obj[] = [
  { name: 'http', containerPort: 80 },
  { name: 'http', containerPort: 8080 },
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns', containerPort: 53, protocol: 'TCP' },
  { name: 'metrics', containerPort: 9000, protocol: 'SCTP' },
  { containerPort: 443 },
];

const podArb = fc.record({
  namespace: fc.constantFrom(...NAMESPACES, GHOST_NAMESPACE),
  labels: labelsArb,
  ips: fc.oneof(fc.constant([] as string[]), fc.uniqueArray(fc.constantFrom(...POD_IPS), { minLength: 1, maxLength: 2 })),
  // A pod never declares the same port name twice.
  ports: fc.uniqueArray(fc.constantFrom(...CONTAINER_PORTS), { maxLength: 3, selector: p => p.name ?? String(p.containerPort) }),
  // Some pods belong to a ReplicaSet: the engine reports them as that workload (the union of its pods).
  owner: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.constantFrom('rs1', 'rs2'), weight: 1 }),
  // Some are written as a Deployment's pod template instead (1 or 2 replicas, no known IPs).
  deploymentReplicas: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 1 }),
  // Host-network pods: by default the engine applies policies to them like to any pod.
  hostNetwork: fc.nat(7).map(n => n === 7), // shrinks towards false
});

const serviceArb = fc.record({
  // Mostly a selector taken from one pod's labels, so that pods are behind it; sometimes a random
  // one, or none (a Service without selector has no pods behind it).
  podIndex: fc.nat(),
  ownSelector: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    { arbitrary: fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 2 }), weight: 1 },
  ),
  ports: fc.uniqueArray(fc.record({
    name: fc.constantFrom('web', 'alt'),
    port: fc.constantFrom(80, 8080),
    targetPort: fc.constantFrom(undefined, 'http', 'dns', 'metrics', 8080, 9000),
    protocol: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constant('UDP'), weight: 1 }),
  }, { requiredKeys: ['name', 'port'] }), { minLength: 1, maxLength: 2, selector: p => p.name }),
});

const backendArb = fc.record({
  // `own`: the Service the Ingress was made for (in its namespace); others may be elsewhere or missing.
  service: fc.oneof({ arbitrary: fc.constant('own'), weight: 4 }, { arbitrary: fc.constantFrom('svc0', 'svc1', 'missing'), weight: 1 }),
  port: fc.oneof(fc.record({ number: fc.constantFrom(80, 8080, 443) }), fc.record({ name: fc.constantFrom('web', 'alt', 'nope') })),
});

const ingressArb = fc.record({
  serviceIndex: fc.nat(),
  defaultBackend: fc.option(backendArb, { nil: undefined }),
  paths: fc.array(backendArb, { maxLength: 2 }),
});

export interface SmallCluster {
  /** Every object: Namespaces, Pods (standalone or with a ReplicaSet owner), Deployments, NetworkPolicies. */
  readonly objects: Obj[];
}

/**
 * Random small clusters: up to 3 declared namespaces, 2 to 7 pods or Deployments, 0 to 5 policies,
 * mostly in namespaces that have pods (so that they select something).
 */
export const smallClusterArb: fc.Arbitrary<SmallCluster> = fc.record({
  namespaces: fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMESPACES), labels: labelsArb }), { maxLength: 3, selector: n => n.name }),
  pods: fc.array(podArb, { minLength: 2, maxLength: 7 }),
  policies: fc.array(fc.record({ namespaceIndex: fc.nat(), stray: fc.nat(4).map(n => n === 0), spec: policySpecArb }), { maxLength: 5 }),
  services: fc.array(serviceArb, { maxLength: 2 }),
  ingresses: fc.array(ingressArb, { maxLength: 2 }),
}).map(({ namespaces, pods, policies: drafts, services, ingresses }) => {
  const podNamespaces = pods.map(p => p.namespace);
  const policies = drafts.map(d => ({
    // One policy in five lands in any namespace, the rest where the pods are.
    namespace: d.stray ? [...NAMESPACES, GHOST_NAMESPACE][d.namespaceIndex % 4] : podNamespaces[d.namespaceIndex % podNamespaces.length],
    spec: d.spec,
  }));
  const objects: Obj[] = [];
  for (const n of namespaces) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } });
  }
  pods.forEach((p, i) => {
    const podSpec: Obj = { containers: [{ name: 'main', image: 'registry.example/app:1', ports: p.ports }] };
    if (p.hostNetwork) {
      podSpec.hostNetwork = true;
    }
    if (p.deploymentReplicas !== null) {
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `deploy${i}`, namespace: p.namespace },
        spec: { replicas: p.deploymentReplicas, selector: { matchLabels: p.labels }, template: { metadata: { labels: p.labels }, spec: podSpec } },
      });
      return;
    }
    const pod: Obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `pod${i}`,
        namespace: p.namespace,
        labels: p.labels,
        ...(p.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: p.owner, uid: `uid-${p.namespace}-${p.owner}`, controller: true }] } : {}),
      },
      spec: podSpec,
    };
    if (p.ips.length > 0) {
      pod.status = { podIP: p.ips[0], podIPs: p.ips.map(ip => ({ ip })) };
    }
    objects.push(pod);
  });
  policies.forEach((p, i) => {
    objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `policy${i}`, namespace: p.namespace }, spec: p.spec });
  });
  // Services and Ingresses live where the pods are, so that backends have pods behind them.
  const serviceNamespaces: string[] = [];
  services.forEach((svc, i) => {
    const ports = svc.ports.map(p => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));
    const pod = pods[svc.podIndex % pods.length];
    const selector = svc.ownSelector ?? pod.labels;
    serviceNamespaces.push(pod.namespace);
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc${i}`, namespace: pod.namespace },
      spec: { ...(Object.keys(selector).length > 0 ? { selector } : {}), ports },
    });
  });
  ingresses.forEach((ing, i) => {
    const own = services.length > 0 ? `svc${ing.serviceIndex % services.length}` : 'missing';
    const backend = (b: { service: string; port: Obj }) => ({ service: { name: b.service === 'own' ? own : b.service, port: b.port } });
    const namespace = serviceNamespaces.length > 0 ? serviceNamespaces[ing.serviceIndex % serviceNamespaces.length] : podNamespaces[0];
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: `ingress${i}`, namespace },
      spec: {
        ...(ing.defaultBackend ? { defaultBackend: backend(ing.defaultBackend) } : {}),
        rules: [{ host: `app${i}.example.com`, http: { paths: ing.paths.map((b, j) => ({ path: `/${j}`, pathType: 'Prefix', backend: backend(b) })) } }],
      },
    });
  });
  return { objects };
});

/** Admin peers: namespaces, pods (both selectors), and for egress networks and nodes. */
function adminPeerArb(direction: 'ingress' | 'egress'): fc.Arbitrary<Obj> {
  const pods = [
    namespaceSelectorArb.map(namespaces => ({ namespaces })),
    fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: selectorArb }).map(p => ({ pods: p })),
  ];
  if (direction === 'ingress') return fc.oneof(...pods);
  return fc.oneof(...pods,
    fc.uniqueArray(fc.constantFrom('10.0.0.0/24', '10.0.0.16/28', '192.168.1.0/24', '0.0.0.0/0', 'fd00::/64', '8.8.8.8/32'), { minLength: 1, maxLength: 2 })
      .map(networks => ({ networks })),
    fc.constantFrom({ matchLabels: { role: 'infra' } }, {}).map(nodes => ({ nodes })));
}

const adminPortArb: fc.Arbitrary<Obj> = fc.oneof(
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS), port: fc.constantFrom(...NUMERIC_PORTS) }).map(portNumber => ({ portNumber })),
  fc.record({ protocol: fc.constantFrom(...PROTOCOLS), start: fc.constantFrom(...NUMERIC_PORTS), delta: fc.integer({ min: 0, max: 1000 }) })
    .map(({ protocol, start, delta }) => ({ portRange: { protocol, start, end: start + delta } })),
  fc.constantFrom(...PORT_NAMES).map(namedPort => ({ namedPort })),
);

function adminRulesArb(direction: 'ingress' | 'egress', actions: readonly string[]): fc.Arbitrary<Obj[]> {
  return fc.array(fc.record({
    action: fc.constantFrom(...actions),
    peers: fc.array(adminPeerArb(direction), { minLength: 1, maxLength: 2 }),
    ports: fc.option(fc.array(adminPortArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  }), { maxLength: 3 }).map(rules => rules.map((r, i) => ({
    name: `rule${i}`, action: r.action, [direction === 'ingress' ? 'from' : 'to']: r.peers, ...(r.ports ? { ports: r.ports } : {}),
  })));
}

const adminSubjectArb: fc.Arbitrary<Obj> = fc.oneof(
  namespaceSelectorArb.map(namespaces => ({ namespaces })),
  fc.record({ namespaceSelector: namespaceSelectorArb, podSelector: selectorArb }).map(pods => ({ pods })),
);

/**
 * Random small clusters with 0 to 3 AdminNetworkPolicies (priorities drawn from a few values, so some
 * are equal), sometimes a BaselineAdminNetworkPolicy, and sometimes a Node (role=infra, at 10.0.2.2)
 * for `nodes` peers.
 */
export const smallClusterWithAdminArb: fc.Arbitrary<SmallCluster> = fc.record({
  cluster: smallClusterArb,
  anps: fc.array(fc.record({
    priority: fc.constantFrom(1, 2, 5, 10),
    subject: adminSubjectArb,
    ingress: adminRulesArb('ingress', ['Allow', 'Deny', 'Pass']),
    egress: adminRulesArb('egress', ['Allow', 'Deny', 'Pass']),
  }), { maxLength: 3 }),
  banp: fc.option(fc.record({ subject: adminSubjectArb, ingress: adminRulesArb('ingress', ['Allow', 'Deny']), egress: adminRulesArb('egress', ['Allow', 'Deny']) }),
    { nil: undefined }),
  node: fc.boolean(),
}).map(({ cluster, anps, banp, node }) => {
  const objects = [...cluster.objects];
  anps.forEach((spec, i) => objects.push({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: `anp${i}` }, spec }));
  if (banp) objects.push({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec: banp });
  if (node) {
    objects.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node1', labels: { role: 'infra' } }, status: { addresses: [{ type: 'InternalIP', address: '10.0.2.2' }] } });
  }
  return { objects };
});

/** Protocol/port probes: every port the cluster's policies, pods and Services mention, the range edges around them, and a few others. */
export function probePorts(objects: readonly Obj[]): Array<{ protocol: 'TCP' | 'UDP' | 'SCTP'; port: number }> {
  const ports = new Set<number>([1, 65535]);
  const visitPorts = (list: Obj[] | undefined) => {
    for (const p of list ?? []) {
      if (typeof p.port === 'number') {
        [p.port - 1, p.port, p.port + 1].forEach(n => ports.add(n));
      }
      if (p.endPort !== undefined) {
        [p.endPort - 1, p.endPort, p.endPort + 1].forEach(n => ports.add(n));
      }
    }
  };
  for (const o of objects) {
    if (o.kind === 'NetworkPolicy') {
      (o.spec.ingress ?? []).forEach((r: Obj) => visitPorts(r.ports));
      (o.spec.egress ?? []).forEach((r: Obj) => visitPorts(r.ports));
    } else if (o.kind === 'AdminNetworkPolicy' || o.kind === 'BaselineAdminNetworkPolicy') {
      for (const r of [...o.spec.ingress ?? [], ...o.spec.egress ?? []]) {
        visitPorts((r.ports ?? []).map((p: Obj) => (p.portNumber ? { port: p.portNumber.port }
          : p.portRange ? { port: p.portRange.start, endPort: p.portRange.end } : {})));
      }
    } else if (o.kind === 'Service') {
      for (const sp of o.spec.ports) {
        [sp.port, sp.targetPort].filter(n => typeof n === 'number').forEach(n => ports.add(n));
      }
    } else if (o.kind === 'Pod' || o.kind === 'Deployment') {
      for (const c of (o.kind === 'Pod' ? o.spec : o.spec.template.spec).containers) {
        for (const cp of c.ports ?? []) {
          ports.add(cp.containerPort);
        }
      }
    }
  }
  const out: Array<{ protocol: 'TCP' | 'UDP' | 'SCTP'; port: number }> = [];
  for (const protocol of PROTOCOLS) {
    for (const port of [...ports].filter(n => n >= 1 && n <= 65535).sort((a, b) => a - b)) {
      out.push({ protocol, port });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Large deterministic clusters for the benchmark.

/** mulberry32: a tiny seeded PRNG, so every run benchmarks the same cluster. */
/* eslint-disable no-bitwise */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

export interface LargeClusterOptions {
  readonly workloads: number;
  readonly namespaces: number;
  /** PRNG seed. @default 1 */
  readonly seed?: number;
  /** Fixed replica count for every workload; random 1 to 5 when unset. */
  readonly replicas?: number;
  /** `deployments`: Deployments with `replicas`; `pods`: one Pod per replica, owned by a ReplicaSet. @default 'deployments' */
  readonly materialise?: 'deployments' | 'pods';
  /**
   * With `pods`: give every pod a label of its own (`pod-name`, as StatefulSet pods have), so that
   * replicas are distinct label sets. @default false
   */
  readonly uniquePodLabels?: boolean;
}

export interface LargeCluster {
  readonly objects: Obj[];
  /** Generated workloads (not counting kube-system/coredns). */
  readonly workloads: number;
  /** Every pod, coredns's included. */
  readonly pods: number;
  readonly policies: number;
}

/**
 * A cluster shaped like the benchmark: every namespace default-deny (ingress and egress),
 * every workload with its own policy admitting three random peers (a workload in the same
 * namespace by podSelector, a workload elsewhere by namespaceSelector + podSelector, a whole
 * namespace by namespaceSelector, or an outside CIDR with an except), egress to the workloads
 * that admit it, and DNS to kube-system. Replicas do not change labels, so they should not
 * change the analysis cost.
 */
export function generateLargeCluster(options: LargeClusterOptions): LargeCluster {
  const rnd = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const materialise = options.materialise ?? 'deployments';
  const objects: Obj[] = [];
  const nsNames: string[] = [];
  for (let n = 0; n < options.namespaces; n++) {
    const name = `team-${String(n).padStart(3, '0')}`;
    nsNames.push(name);
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'team': `t${n}`, 'env': pick(['prod', 'staging', 'dev']), 'netsec.example/tier': pick(['edge', 'core', 'data']) } },
    });
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: name },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
  }
  interface Workload { ns: number; name: string; app: string; port: number; named: boolean; replicas: number }
  const workloads: Workload[] = [];
  for (let w = 0; w < options.workloads; w++) {
    // Workloads spread round-robin so every namespace has some.
    const ns = w % options.namespaces;
    const port = pick([80, 8080, 3000, 5432, 6379, 9090]);
    const named = rnd() < 0.3;
    // Always draw, so a fixed replica count leaves the rest of the cluster identical.
    const randomReplicas = 1 + Math.floor(rnd() * 5);
    workloads.push({ ns, name: `svc-${String(w).padStart(5, '0')}`, app: `svc-${w}`, port, named, replicas: options.replicas ?? randomReplicas });
  }
  // For each workload, its three admitted peers; egress is granted back to the workloads admitting it.
  const ingressPeers: Obj[][] = workloads.map(() => []);
  const egressTargets: Obj[][] = workloads.map(() => []);
  const byNamespace: Workload[][] = nsNames.map(() => []);
  workloads.forEach(w => byNamespace[w.ns].push(w));
  workloads.forEach((w, i) => {
    for (let k = 0; k < 3; k++) {
      const kind = rnd();
      const other = workloads[Math.floor(rnd() * workloads.length)];
      const otherIndex = workloads.indexOf(other);
      if (kind < 0.3) {
        // a workload in the same namespace, by podSelector alone
        const peer = pick(byNamespace[w.ns]);
        ingressPeers[i].push({ podSelector: { matchLabels: { app: peer.app } } });
        egressTargets[workloads.indexOf(peer)].push({ podSelector: { matchLabels: { app: w.app } } });
      } else if (kind < 0.6) {
        ingressPeers[i].push({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsNames[other.ns] } },
          podSelector: { matchLabels: { app: other.app } },
        });
        egressTargets[otherIndex].push({
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': nsNames[w.ns] } },
          podSelector: { matchLabels: { app: w.app } },
        });
      } else if (kind < 0.8) {
        // a whole namespace (by its team label), which also needs egress from there
        ingressPeers[i].push({ namespaceSelector: { matchLabels: { team: `t${other.ns}` } } });
        egressTargets[otherIndex].push({
          namespaceSelector: { matchLabels: { team: `t${w.ns}` } },
          podSelector: { matchLabels: { app: w.app } },
        });
      } else {
        const a = Math.floor(rnd() * 200) + 20;
        ingressPeers[i].push({ ipBlock: { cidr: `100.${a}.0.0/16`, except: [`100.${a}.${Math.floor(rnd() * 256)}.0/24`] } });
      }
    }
  });
  workloads.forEach((w, i) => {
    const nsName = nsNames[w.ns];
    const labels = { 'app': w.app, 'app.kubernetes.io/name': w.app, 'app.kubernetes.io/part-of': `t${w.ns}` };
    const podSpec = {
      containers: [{ name: 'main', image: 'registry.example/app:1.0', ports: [{ name: 'http', containerPort: w.port }] }],
    };
    if (materialise === 'deployments') {
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: w.name, namespace: nsName, labels },
        spec: { replicas: w.replicas, selector: { matchLabels: { app: w.app } }, template: { metadata: { labels }, spec: podSpec } },
      });
    } else {
      for (let r = 0; r < w.replicas; r++) {
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: `${w.name}-${r}`,
            namespace: nsName,
            labels: options.uniquePodLabels ? { ...labels, 'pod-name': `${w.name}-${r}` } : labels,
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: w.name, uid: `uid-${w.name}`, controller: true }],
          },
          spec: podSpec,
        });
      }
    }
    const egress: Obj[] = [{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }];
    if (egressTargets[i].length > 0) {
      egress.push({ to: egressTargets[i] });
    }
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: w.name, namespace: nsName },
      spec: {
        podSelector: { matchLabels: { app: w.app } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: ingressPeers[i], ports: [{ protocol: 'TCP', port: w.named ? 'http' : w.port }] }],
        egress,
      },
    });
  });
  // The cluster DNS everyone's egress points at: a real peer, in a namespace without policies.
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: dnsLabels },
    spec: {
      replicas: 2,
      selector: { matchLabels: dnsLabels },
      template: {
        metadata: { labels: dnsLabels },
        spec: { containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }] }] },
      },
    },
  });
  const pods = workloads.reduce((sum, w) => sum + w.replicas, 0) + 2; // and coredns's two
  return { objects, workloads: workloads.length, pods, policies: options.namespaces + workloads.length };
}
