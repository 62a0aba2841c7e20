/**
 * A deliberately naive NetworkPolicy evaluator: the oracle for the differential test and the
 * baseline for the benchmark. It answers one question at a time, "may this source open a
 * connection to this destination on this protocol and port?", by walking every policy and every
 * rule with plain loops, straight from the Kubernetes documentation
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 *
 * No indexes, no caching, no precomputation: if this file gets clever it stops being an oracle.
 * Admin network policies (policy.networking.k8s.io/v1alpha1, https://network-policy-api.sigs.k8s.io/api-overview/)
 * come first: the AdminNetworkPolicies selecting the pod, by priority (lower first; equal priorities by
 * name), each one's rules in order, the first rule matching the peer and the port decides (Allow, Deny;
 * Pass goes on to NetworkPolicies); then NetworkPolicies when they isolate the pod; otherwise the
 * BaselineAdminNetworkPolicy's rules in order, and allowed when none matches.
 * It understands Namespaces, Nodes, Pods, NetworkPolicies and admin policies (plain objects); workloads with pod templates
 * must be materialised as Pods first (see `podsFromWorkload`). Traffic between a pod and itself is
 * not a question it answers (Kubernetes always allows it).
 */
import { BlockList, isIP } from 'net';

type Obj = { [key: string]: any };

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface NaiveNamespace {
  readonly name: string;
  readonly labels: Record<string, string>;
}

export interface NaiveContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export interface NaivePod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly ips: string[];
  readonly ports: NaiveContainerPort[];
  readonly hostNetwork: boolean;
  /** A platform workload on the host network: node traffic whatever `hostNetworkAsNode` says. */
  readonly platformNodeTraffic?: boolean;
}

/** The annotation that marks a pod as a cluster profile's host-network workload. */
export const PLATFORM_NODE_TRAFFIC = 'naive-evaluator/platform-node-traffic';

export interface NaiveOptions {
  /**
   * Treat host-network pods as node traffic (what most network plugins do): no policy applies to
   * them, pod and namespace selectors do not match them, ipBlocks match their addresses.
   * Otherwise they are pods like any other. @default false
   */
  readonly hostNetworkAsNode?: boolean;
}

/** One end of a connection: a pod of the cluster, or an address outside it. */
export type NaiveEndpoint = { readonly pod: NaivePod } | { readonly ip: string };

export class NaiveCluster {
  public readonly namespaces: NaiveNamespace[] = [];
  public readonly pods: NaivePod[] = [];
  public readonly policies: Obj[] = [];
  public readonly services: Obj[] = [];
  public readonly ingresses: Obj[] = [];
  public readonly adminPolicies: Obj[] = [];
  public readonly baselinePolicies: Obj[] = [];
  public readonly nodes: Obj[] = [];

  constructor(objects: readonly Obj[], private readonly options: NaiveOptions = {}) {
    for (const o of objects) {
      if (o.kind === 'Namespace') {
        const name = o.metadata.name;
        // The API server sets kubernetes.io/metadata.name on every namespace.
        this.namespaces.push({ name, labels: { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name } });
      } else if (o.kind === 'Pod') {
        this.pods.push(podFromObject(o));
      } else if (o.kind === 'NetworkPolicy') {
        this.policies.push(o);
      } else if (o.kind === 'Service') {
        this.services.push(o);
      } else if (o.kind === 'Ingress') {
        this.ingresses.push(o);
      } else if (o.kind === 'AdminNetworkPolicy') {
        this.adminPolicies.push(o);
      } else if (o.kind === 'BaselineAdminNetworkPolicy') {
        this.baselinePolicies.push(o);
      } else if (o.kind === 'Node') {
        this.nodes.push(o);
      }
    }
  }

  /** Labels of a namespace; one that is referenced but not in the input carries only its name label. */
  namespaceLabels(name: string): Record<string, string> {
    for (const ns of this.namespaces) {
      if (ns.name === name) {
        return ns.labels;
      }
    }
    return { 'kubernetes.io/metadata.name': name };
  }

  /** A connection is allowed when the source's egress AND the destination's ingress allow it. */
  isAllowed(src: NaiveEndpoint, dst: NaiveEndpoint, protocol: Protocol, port: number): boolean {
    return this.egressAllows(src, dst, protocol, port) && this.ingressAllows(src, dst, protocol, port);
  }

  /** Does the source side let the connection out? Addresses outside the cluster have no policies. */
  egressAllows(src: NaiveEndpoint, dst: NaiveEndpoint, protocol: Protocol, port: number): boolean {
    if (!('pod' in src) || this.isNodeTraffic(src.pod)) {
      return true;
    }
    const admin = this.adminVerdict(src.pod, 'egress', rule => this.adminPeersMatch(rule.to, dst), dst, protocol, port);
    if (admin !== undefined) {
      return admin;
    }
    let isolated = false;
    for (const policy of this.policies) {
      if (!this.policySelectsPod(policy, src.pod) || !policyTypes(policy).includes('Egress')) {
        continue;
      }
      isolated = true;
      for (const rule of policy.spec.egress ?? []) {
        if (this.peersMatch(rule.to, policy, dst) && portsMatch(rule.ports, dst, protocol, port)) {
          return true;
        }
      }
    }
    if (isolated) {
      return false;
    }
    return this.baselineVerdict(src.pod, 'egress', rule => this.adminPeersMatch(rule.to, dst), dst, protocol, port);
  }

  /**
   * The AdminNetworkPolicies' answer for one side of a pod: true (Allow), false (Deny), or undefined when
   * no rule decides (none matches, or a Pass rule hands the connection to NetworkPolicies).
   */
  adminVerdict(pod: NaivePod, direction: 'ingress' | 'egress', peerMatches: (rule: Obj) => boolean, dst: NaiveEndpoint,
    protocol: Protocol, port: number): boolean | undefined {
    const applying = this.adminPolicies.filter(p => this.adminSubjectMatches(p.spec.subject, pod));
    applying.sort((a, b) => a.spec.priority - b.spec.priority
      || (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
    for (const policy of applying) {
      for (const rule of policy.spec[direction] ?? []) {
        if (peerMatches(rule) && adminPortsMatch(rule.ports, dst, protocol, port)) {
          if (rule.action === 'Pass') {
            return undefined;
          }
          return rule.action === 'Allow';
        }
      }
    }
    return undefined;
  }

  /** The BaselineAdminNetworkPolicy's answer where no NetworkPolicy isolates the pod: its first matching rule, else allowed. */
  baselineVerdict(pod: NaivePod, direction: 'ingress' | 'egress', peerMatches: (rule: Obj) => boolean, dst: NaiveEndpoint,
    protocol: Protocol, port: number): boolean {
    for (const policy of this.baselinePolicies) {
      if (!this.adminSubjectMatches(policy.spec.subject, pod)) {
        continue;
      }
      for (const rule of policy.spec[direction] ?? []) {
        if (peerMatches(rule) && adminPortsMatch(rule.ports, dst, protocol, port)) {
          return rule.action === 'Allow';
        }
      }
    }
    return true;
  }

  /** `namespaces: S`: the pods of matching namespaces; `pods: {namespaceSelector, podSelector}`: matching pods of those. */
  adminSubjectMatches(subject: Obj, pod: NaivePod): boolean {
    if (this.isNodeTraffic(pod)) {
      return false;
    }
    if (subject.namespaces !== undefined) {
      return selectorMatches(subject.namespaces, this.namespaceLabels(pod.namespace));
    }
    return selectorMatches(subject.pods.namespaceSelector, this.namespaceLabels(pod.namespace))
      && selectorMatches(subject.pods.podSelector, pod.labels);
  }

  /** Any one peer of an admin rule matches: pods by selectors, addresses by `networks` and by the `nodes` they select. */
  adminPeersMatch(peers: Obj[], other: NaiveEndpoint): boolean {
    for (const peer of peers) {
      if (peer.networks !== undefined || peer.nodes !== undefined) {
        const cidrs: string[] = [...(peer.networks ?? [])];
        for (const node of this.nodes) {
          if (peer.nodes !== undefined && selectorMatches(peer.nodes, node.metadata.labels ?? {})) {
            for (const a of node.status?.addresses ?? []) {
              cidrs.push(`${a.address}/${isIP(a.address) === 6 ? 128 : 32}`);
            }
          }
        }
        const ips = 'pod' in other ? other.pod.ips : [other.ip];
        if (cidrs.some(cidr => ips.some(ip => ipBlockMatches({ cidr }, ip)))) {
          return true;
        }
        continue;
      }
      if ('pod' in other && this.adminSubjectMatches(peer, other.pod)) {
        return true;
      }
    }
    return false;
  }

  /** Does the destination side let the connection in? */
  ingressAllows(src: NaiveEndpoint, dst: NaiveEndpoint, protocol: Protocol, port: number): boolean {
    if (!('pod' in dst) || this.isNodeTraffic(dst.pod)) {
      return true;
    }
    const admin = this.adminVerdict(dst.pod, 'ingress', rule => this.adminPeersMatch(rule.from, src), dst, protocol, port);
    if (admin !== undefined) {
      return admin;
    }
    let isolated = false;
    for (const policy of this.policies) {
      if (!this.policySelectsPod(policy, dst.pod) || !policyTypes(policy).includes('Ingress')) {
        continue;
      }
      isolated = true;
      for (const rule of policy.spec.ingress ?? []) {
        if (this.peersMatch(rule.from, policy, src) && portsMatch(rule.ports, dst, protocol, port)) {
          return true;
        }
      }
    }
    if (isolated) {
      return false;
    }
    return this.baselineVerdict(dst.pod, 'ingress', rule => this.adminPeersMatch(rule.from, src), dst, protocol, port);
  }

  private isNodeTraffic(pod: NaivePod): boolean {
    return pod.hostNetwork && (this.options.hostNetworkAsNode === true || pod.platformNodeTraffic === true);
  }

  /**
   * netpol-analyzer's `{ingress-controller}`: an ingress controller that is not among the pods. It
   * reaches a pod on a port when some Ingress backend's Service selects the pod and its target port
   * is that port, and the pod's ingress admits an unknown pod of an unknown namespace there: only
   * rules that admit every pod of every namespace count.
   */
  ingressControllerAllowed(dst: NaivePod, protocol: Protocol, port: number): boolean {
    return this.isIngressBackendPort(dst, protocol, port) && this.ingressAdmitsAnyPod(dst, protocol, port);
  }

  isIngressBackendPort(dst: NaivePod, protocol: Protocol, port: number): boolean {
    for (const ingress of this.ingresses) {
      const namespace = ingress.metadata.namespace ?? 'default';
      const backends: Obj[] = [];
      if (ingress.spec.defaultBackend) {
        backends.push(ingress.spec.defaultBackend);
      }
      for (const rule of ingress.spec.rules ?? []) {
        for (const path of rule.http?.paths ?? []) {
          backends.push(path.backend);
        }
      }
      for (const backend of backends) {
        if (!backend.service || namespace !== dst.namespace) {
          continue;
        }
        for (const service of this.services) {
          if ((service.metadata.namespace ?? 'default') !== namespace || service.metadata.name !== backend.service.name) {
            continue;
          }
          const selector = service.spec.selector ?? {};
          if (Object.keys(selector).length === 0 || !Object.keys(selector).every(k => dst.labels[k] === selector[k])) {
            continue;
          }
          const wanted = backend.service.port ?? {};
          const servicePorts: Obj[] = service.spec.ports ?? [];
          const byPort = servicePorts.filter(sp =>
            wanted.number !== undefined ? sp.port === wanted.number : wanted.name !== undefined ? sp.name === wanted.name : true);
          // netpol-analyzer (and so the engine, with a warning) takes a backend port that names no
          // Service port but equals a target port as that port.
          const asked = wanted.number ?? wanted.name;
          const chosen = byPort.length > 0 || asked === undefined ? byPort : servicePorts.filter(sp => (sp.targetPort ?? sp.port) === asked);
          for (const sp of chosen) {
            if ((sp.protocol ?? 'TCP') !== protocol) {
              continue;
            }
            const target = sp.targetPort ?? sp.port;
            if (typeof target === 'number' ? target === port : dst.ports.some(cp => cp.name === target && cp.protocol === protocol && cp.containerPort === port)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Does the pod's ingress admit a pod nobody knows the labels or namespace of? */
  ingressAdmitsAnyPod(dst: NaivePod, protocol: Protocol, port: number): boolean {
    if (this.isNodeTraffic(dst)) {
      return true;
    }
    // Admin rules match a pod nobody knows only through a peer that selects every pod of every namespace.
    const everyPod = (rule: Obj) => (rule.from ?? []).some((peer: Obj) => (peer.namespaces !== undefined && isEmptySelector(peer.namespaces))
      || (peer.pods !== undefined && isEmptySelector(peer.pods.namespaceSelector) && isEmptySelector(peer.pods.podSelector)));
    const admin = this.adminVerdict(dst, 'ingress', everyPod, { pod: dst }, protocol, port);
    if (admin !== undefined) {
      return admin;
    }
    let isolated = false;
    for (const policy of this.policies) {
      if (!this.policySelectsPod(policy, dst) || !policyTypes(policy).includes('Ingress')) {
        continue;
      }
      isolated = true;
      for (const rule of policy.spec.ingress ?? []) {
        const peers: Obj[] | undefined = rule.from;
        const admitsAll = peers === undefined || peers.length === 0 || peers.some(peer => !peer.ipBlock
          && peer.namespaceSelector !== undefined && isEmptySelector(peer.namespaceSelector) && isEmptySelector(peer.podSelector));
        if (admitsAll && portsMatch(rule.ports, { pod: dst }, protocol, port)) {
          return true;
        }
      }
    }
    if (isolated) {
      return false;
    }
    return this.baselineVerdict(dst, 'ingress', everyPod, { pod: dst }, protocol, port);
  }

  /** A policy applies to the pods of its own namespace that its podSelector matches ({} = all). */
  policySelectsPod(policy: Obj, pod: NaivePod): boolean {
    return (policy.metadata.namespace ?? 'default') === pod.namespace && selectorMatches(policy.spec.podSelector, pod.labels);
  }

  /** `from`/`to` absent or empty: every peer. Otherwise any one peer must match. */
  peersMatch(peers: Obj[] | undefined, policy: Obj, other: NaiveEndpoint): boolean {
    if (peers === undefined || peers.length === 0) {
      return true;
    }
    for (const peer of peers) {
      if (this.peerMatches(peer, policy, other)) {
        return true;
      }
    }
    return false;
  }

  peerMatches(peer: Obj, policy: Obj, other: NaiveEndpoint): boolean {
    if (peer.ipBlock) {
      // ipBlock matches addresses: external ones, and pods whose IPs are known.
      const ips = 'pod' in other ? other.pod.ips : [other.ip];
      for (const ip of ips) {
        if (ipBlockMatches(peer.ipBlock, ip)) {
          return true;
        }
      }
      return false;
    }
    if (!('pod' in other) || this.isNodeTraffic(other.pod)) {
      return false; // selectors only ever select pods (and not node traffic)
    }
    const pod = other.pod;
    if (peer.namespaceSelector !== undefined) {
      if (!selectorMatches(peer.namespaceSelector, this.namespaceLabels(pod.namespace))) {
        return false;
      }
    } else if (pod.namespace !== (policy.metadata.namespace ?? 'default')) {
      return false; // podSelector alone: the policy's own namespace
    }
    if (peer.podSelector !== undefined) {
      return selectorMatches(peer.podSelector, pod.labels);
    }
    return true; // namespaceSelector alone: every pod in those namespaces
  }
}

/**
 * policyTypes when unset or empty (the API server defaults both alike, SetDefaults_NetworkPolicy in
 * pkg/apis/networking/v1/defaults.go): Ingress always, Egress when the policy has egress rules.
 */
export function policyTypes(policy: Obj): string[] {
  if (Array.isArray(policy.spec.policyTypes) && policy.spec.policyTypes.length > 0) {
    return policy.spec.policyTypes;
  }
  const types = ['Ingress'];
  if (policy.spec.egress !== undefined && policy.spec.egress.length > 0) {
    types.push('Egress');
  }
  return types;
}

/** Absent or `{}` (no labels, no expressions): a selector that matches everything whatever the labels. */
export function isEmptySelector(selector: Obj | undefined): boolean {
  return selector === undefined || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** A label selector: matchLabels AND every matchExpression; the empty selector matches everything. */
export function selectorMatches(selector: Obj | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined || selector === null) {
    return true;
  }
  for (const key of Object.keys(selector.matchLabels ?? {})) {
    if (labels[key] !== selector.matchLabels[key]) {
      return false;
    }
  }
  for (const expr of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const values: string[] = expr.values ?? [];
    if (expr.operator === 'In' && !(has && values.includes(labels[expr.key]))) {
      return false;
    }
    if (expr.operator === 'NotIn' && has && values.includes(labels[expr.key])) {
      return false;
    }
    if (expr.operator === 'Exists' && !has) {
      return false;
    }
    if (expr.operator === 'DoesNotExist' && has) {
      return false;
    }
  }
  return true;
}

/**
 * `ports` absent or empty: every port of every protocol. Otherwise one entry must match: same
 * protocol (TCP when unset), and the port number, the range port..endPort, or a port name that the
 * destination pod declares with that number and protocol; no port means every port.
 */
export function portsMatch(ports: Obj[] | undefined, dst: NaiveEndpoint, protocol: Protocol, port: number): boolean {
  if (ports === undefined || ports.length === 0) {
    return true;
  }
  for (const p of ports) {
    if ((p.protocol ?? 'TCP') !== protocol) {
      continue;
    }
    if (p.port === undefined) {
      return true;
    }
    if (typeof p.port === 'number') {
      const end = p.endPort ?? p.port;
      if (port >= p.port && port <= end) {
        return true;
      }
    } else if ('pod' in dst) {
      for (const cp of dst.pod.ports) {
        if (cp.name === p.port && cp.protocol === protocol && cp.containerPort === port) {
          return true;
        }
      }
    }
  }
  return false;
}

/**
 * An admin rule's `ports`: absent or empty, every port; otherwise one entry must match: `portNumber`
 * (protocol and port), `portRange` (protocol, start..end), or `namedPort`, a container port of the
 * destination pod with that name (of whatever protocol it has). Never a name for an address.
 */
export function adminPortsMatch(ports: Obj[] | undefined, dst: NaiveEndpoint, protocol: Protocol, port: number): boolean {
  if (ports === undefined || ports.length === 0) {
    return true;
  }
  for (const p of ports) {
    if (p.portNumber && (p.portNumber.protocol ?? 'TCP') === protocol && p.portNumber.port === port) {
      return true;
    }
    if (p.portRange && (p.portRange.protocol ?? 'TCP') === protocol && p.portRange.start <= port && port <= p.portRange.end) {
      return true;
    }
    if (p.namedPort !== undefined && 'pod' in dst && dst.pod.ports.some(cp => cp.name === p.namedPort && cp.protocol === protocol && cp.containerPort === port)) {
      return true;
    }
  }
  return false;
}

export function ipBlockMatches(block: Obj, ip: string): boolean {
  const [net, prefix] = String(block.cidr).split('/');
  const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
  if ((isIP(ip) === 6 ? 'ipv6' : 'ipv4') !== family) {
    return false;
  }
  const inside = new BlockList();
  inside.addSubnet(net, Number(prefix), family);
  if (!inside.check(ip, family)) {
    return false;
  }
  for (const ex of block.except ?? []) {
    const [exNet, exPrefix] = String(ex).split('/');
    const excluded = new BlockList();
    excluded.addSubnet(exNet, Number(exPrefix), family);
    if (excluded.check(ip, family)) {
      return false;
    }
  }
  return true;
}

export function podFromObject(o: Obj): NaivePod {
  const ips: string[] = [];
  if (o.status?.podIP) {
    ips.push(o.status.podIP);
  }
  for (const entry of o.status?.podIPs ?? []) {
    if (!ips.includes(entry.ip)) {
      ips.push(entry.ip);
    }
  }
  const ports: NaiveContainerPort[] = [];
  for (const c of o.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      ports.push({ name: cp.name, containerPort: cp.containerPort, protocol: cp.protocol ?? 'TCP' });
    }
  }
  return {
    namespace: o.metadata.namespace ?? 'default',
    name: o.metadata.name,
    labels: { ...(o.metadata.labels ?? {}) },
    ips,
    ports,
    hostNetwork: o.spec?.hostNetwork === true,
    platformNodeTraffic: o.metadata.annotations?.[PLATFORM_NODE_TRAFFIC] === 'true',
  };
}

/**
 * The pods a workload would run: `replicas` Pods (1 when unset) from its pod template, owned by
 * it. CronJob templates are one level deeper.
 */
export function podsFromWorkload(workload: Obj): Obj[] {
  const spec = workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec : workload.spec;
  const replicas = workload.kind === 'Deployment' || workload.kind === 'StatefulSet' || workload.kind === 'ReplicaSet'
    ? (spec.replicas ?? 1) : 1;
  const pods: Obj[] = [];
  for (let i = 0; i < replicas; i++) {
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${workload.metadata.name}-${i}`,
        namespace: workload.metadata.namespace ?? 'default',
        labels: { ...(spec.template.metadata?.labels ?? {}) },
        ownerReferences: [{ apiVersion: workload.apiVersion, kind: workload.kind, name: workload.metadata.name, uid: `uid-${workload.metadata.name}` }],
      },
      spec: spec.template.spec,
    });
  }
  return pods;
}
