/**
 * Runs the whole analysis: objects -> model -> classes and peers -> compiled policies -> connections
 * between peers (workloads, address ranges, the ingress controller).
 */
import { ClusterProfile } from '../cluster-profile';
import { AdminLayer } from './admin-policies';
import { Cluster } from './cluster';
import { backendPorts, Connectivity, ingressServicePorts, SegmentGrant, serviceSelects } from './connectivity';
import { computeExposure, ExposureResult } from './exposure';
import { ExternalSpace } from './external-space';
import { CompiledPolicy, PolicyCompiler } from './policies';
import { resolveRoutes, RouteResolution } from '../../kube/gateway-api';
import { IpRange, parseCidr } from '../../kube/ip';
import { ENVOY_GATEWAY, GATEWAY_NAME_LABEL } from '../../kube/platform/gateway';
import { PortSet } from '../../kube/ports';
import { AllowedConnection } from '../connection';
import { BackendRef, ObjectModel, readObjects, ServiceModel } from '../model/objects';
import { ConnectionPeer } from '../peer';

export interface AnalyzerOptions {
  readonly profile?: ClusterProfile;
  readonly hostNetworkAsNode: boolean;
  readonly ipBlocksMatchPods: boolean;
}

export class Analyzer {
  readonly model: ObjectModel;
  readonly space: ExternalSpace;
  readonly cluster: Cluster;
  readonly policies: CompiledPolicy[];
  readonly connectivity: Connectivity;
  /** AdminNetworkPolicies and the BANP; undefined when the input has none. */
  readonly admin?: AdminLayer;
  readonly warnings: string[];
  readonly connections: AllowedConnection[];
  /** Whether `{ingress-controller}` stands for an ingress controller the input does not describe. */
  readonly usesIngressControllerPlaceholder: boolean;
  /** Which routes their parents accept, and the backends they expose to each Gateway's data plane. */
  readonly routes: RouteResolution;
  /**
   * The backends of accepted routes per Gateway (`ns/name`) whose data plane is a `{gateway NS/NAME}`
   * placeholder (the profile does not describe it), as Ingress-style backend references.
   */
  readonly placeholderGatewayBackends = new Map<string, { peer: ConnectionPeer; refs: BackendRef[] }>();
  /** Global atom spans of the address families the report lists. */
  readonly listedSpans: Array<[number, number]>;
  private readonly services = new Map<string, ServiceModel>();
  private exposureResult?: ExposureResult;

  constructor(objects: readonly unknown[], readonly options: AnalyzerOptions) {
    this.model = readObjects(objects);
    this.warnings = [...this.model.warnings];
    // Atoms are cut at the CIDRs of policies (and a profile's host CIDRs), not at pod addresses: pods
    // whose addresses fall in the same atom are indistinguishable and share a class.
    const ranges: IpRange[] = [];
    for (const p of this.model.policies) {
      for (const r of [...p.ingress, ...p.egress]) {
        for (const peer of r.peers ?? []) if (peer.ipBlock) ranges.push(peer.ipBlock.cidr, ...peer.ipBlock.except);
      }
    }
    // Admin policies' networks and the addresses of Nodes their nodes peers may select cut the space too,
    // but do not make the report list IPv6 (see below).
    const adminRanges: IpRange[] = [];
    for (const p of this.model.adminPolicies) {
      for (const r of [...p.ingress, ...p.egress]) for (const peer of r.peers) adminRanges.push(...peer.networks ?? []);
    }
    if (this.model.adminPolicies.some(p => p.egress.some(r => r.peers.some(peer => peer.nodes)))) {
      for (const node of this.model.nodes) adminRanges.push(...node.ips);
    }
    for (const w of options.profile?.workloads ?? []) {
      for (const c of w.hostCidrs ?? []) {
        const r = parseCidr(c); // validated by ClusterProfile
        if (r) ranges.push(r);
      }
    }
    this.space = new ExternalSpace([...ranges, ...adminRanges]);
    // The report lists the IPv4 space always (as netpol-analyzer does) and the IPv6 space when the input
    // names an IPv6 address (a policy CIDR, a pod address, a profile host CIDR); queries answer for both.
    // An admin policy's IPv6 network alone does not list IPv6: cluster-wide policies are often written
    // for every family, and the listing follows the cluster's pods and NetworkPolicies.
    const namesIpv6 = ranges.some(r => r.family === 6) || this.model.pods.some(p => p.ips.some(r => r.family === 6));
    this.listedSpans = namesIpv6 ? this.space.familySpans() : [this.space.familySpan(4)];
    this.cluster = new Cluster(this.model, this.space, options.profile, options.hostNetworkAsNode);
    const compiler = new PolicyCompiler(this.cluster, options);
    this.policies = this.model.policies.map(p => compiler.compile(p));
    if (this.model.adminPolicies.length > 0) {
      this.admin = new AdminLayer(this.cluster, compiler, this.space, this.model.adminPolicies, this.model.nodes, options, this.warnings);
    }
    this.connectivity = new Connectivity(this.cluster, this.policies, this.admin);
    for (const s of this.model.services) this.services.set(`${s.namespace}/${s.name}`, s);
    this.usesIngressControllerPlaceholder = options.profile?.ingressController === undefined;
    this.routes = resolveRoutes(this.model.gatewayApi, ns => this.cluster.namespaceLabels(ns));
    this.warnings.push(...new Set(this.routes.warnings));
    this.collectGatewayBackends();
    this.addPeerWarnings();
    this.connections = sortConnections([
      ...this.podConnections(), ...this.externalConnections(), ...this.ingressControllerConnections(), ...this.gatewayConnections(),
    ]);
  }

  /** Exposure analysis, computed on first use. */
  get exposure(): ExposureResult {
    this.exposureResult ??= computeExposure(this);
    return this.exposureResult;
  }

  private addPeerWarnings(): void {
    for (const peer of this.cluster.peers) {
      if (peer.hostNetwork && !peer.platform) {
        this.warnings.push(this.options.hostNetworkAsNode
          ? `${peer.name} runs on the host network: NetworkPolicies do not apply to it, and its traffic is node traffic that only ipBlocks match`
          : `${peer.name} runs on the host network: policies are applied to it as to any pod (as netpol-analyzer does), `
            + 'but most network plugins treat its traffic as node traffic that policies do not restrict');
      }
      if (peer.labelSets.size > 1) {
        this.warnings.push(`${peer.name} has pods with different labels; its connections are the union over its pods`);
      }
    }
  }

  private podConnections(): AllowedConnection[] {
    const byPair = new Map<number, Map<number, PortSet>>();
    const { classes, peers } = this.cluster;
    this.connectivity.forEachClassConnection((s, d, ports) => {
      for (const p of classes[s].peers) {
        let row = byPair.get(p);
        if (!row) byPair.set(p, row = new Map());
        for (const q of classes[d].peers) {
          if (p === q) continue; // connections within a workload are not listed (netpol-analyzer's convention)
          // Between platform workloads the input says nothing (their own policies are not in it).
          if (peers[p].platform && peers[q].platform) continue;
          row.set(q, (row.get(q) ?? PortSet.NONE).union(ports));
        }
      }
    });
    const out: AllowedConnection[] = [];
    for (const [p, row] of byPair) {
      for (const [q, ports] of row) out.push(AllowedConnection._of(peers[p].ref, peers[q].ref, ports));
    }
    return out;
  }

  private externalConnections(): AllowedConnection[] {
    const out: AllowedConnection[] = [];
    // One peer value per range, shared by every connection with it.
    const ranges = new Map<string, ConnectionPeer>();
    const rangePeer = (first: number, last: number) => {
      const key = `${first}-${last}`;
      let peer = ranges.get(key);
      if (!peer) ranges.set(key, peer = ConnectionPeer._range(this.space.rangeOf(first, last)));
      return peer;
    };
    const all = this.space.familySpans();
    const listed = (seg: SegmentGrant) => this.listedSpans.some(([a, b]) => a <= seg.first && seg.last <= b);
    for (const peer of this.cluster.peers) {
      if (peer.platform) continue; // the platform's own policies towards addresses are not in the input
      const egress = peer.classes.flatMap(c => this.connectivity.egressAtomGrants(c, all));
      for (const seg of this.segments(egress).filter(listed)) {
        out.push(AllowedConnection._of(peer.ref, rangePeer(seg.first, seg.last), seg.ports));
      }
      const ingress = peer.classes.flatMap(c => this.connectivity.ingressAtomGrants(c, all));
      for (const seg of this.segments(ingress).filter(listed)) {
        out.push(AllowedConnection._of(rangePeer(seg.first, seg.last), peer.ref, seg.ports));
      }
    }
    return out;
  }

  /** The union of grants as maximal segments of equal ports, never crossing an address family. */
  segments(grants: SegmentGrant[]): SegmentGrant[] {
    if (grants.length === 0) return [];
    const bounds = new Set<number>(this.space.familyStarts());
    for (const g of grants) {
      bounds.add(g.first);
      bounds.add(g.last + 1);
    }
    const sorted = [...bounds].filter(b => b <= this.space.count).sort((a, b) => a - b);
    if (sorted[sorted.length - 1] !== this.space.count) sorted.push(this.space.count);
    const byFirst = grants.slice().sort((a, b) => a.first - b.first);
    const familyStarts = new Set(this.space.familyStarts());
    let next = 0;
    let active: SegmentGrant[] = [];
    const out: Array<{ first: number; last: number; ports: PortSet }> = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const first = sorted[i];
      const last = sorted[i + 1] - 1;
      active = active.filter(g => g.last >= first);
      while (next < byFirst.length && byFirst[next].first <= first) active.push(byFirst[next++]);
      let ports = PortSet.NONE;
      for (const g of active) ports = ports.union(g.ports);
      if (ports.isEmpty) continue;
      const prev = out[out.length - 1];
      if (prev && prev.last + 1 === first && !familyStarts.has(first) && prev.ports.equals(ports)) prev.last = last;
      else out.push({ first, last, ports });
    }
    return out;
  }

  /**
   * A Gateway whose data plane the profile describes, or whose data-plane pods are in the input, is
   * a real peer (its connections come from the policies, like a profile's ingress controller); the others get a `{gateway NS/NAME}` peer that
   * reaches the backends of their accepted routes.
   */
  private collectGatewayBackends(): void {
    const known = new Set((this.options.profile?.gateways ?? []).map(g => `${g.gatewayNamespace}/${g.gatewayName}`));
    for (const b of this.routes.backends) {
      const key = `${b.gatewayNamespace}/${b.gatewayName}`;
      if (known.has(key)) continue;
      let entry = this.placeholderGatewayBackends.get(key);
      // Looked up once per Gateway: the input's pods are scanned for its data plane.
      if (!entry && this.dataPlaneInInput(b.gatewayNamespace, b.gatewayName)) {
        known.add(key);
        continue;
      }
      if (!entry) {
        entry = { peer: ConnectionPeer.fromGateway({ namespace: b.gatewayNamespace, name: b.gatewayName }), refs: [] };
        this.placeholderGatewayBackends.set(key, entry);
      }
      entry.refs.push({ via: b.via, namespace: b.backend.namespace, service: b.backend.service, port: b.backend.port, isRoute: false });
    }
  }

  /**
   * Whether the input holds the Gateway's data-plane pods, recognised by Envoy Gateway's owning-gateway
   * labels or by the `gateway.networking.k8s.io/gateway-name` label in the Gateway's namespace.
   */
  private dataPlaneInInput(namespace: string, name: string): boolean {
    return this.cluster.peers.some(p => !p.platform && p.classes.some(c => {
      const labels = this.cluster.classes[c].labels;
      return (labels[ENVOY_GATEWAY.owningGatewayNameLabel] === name && labels[ENVOY_GATEWAY.owningGatewayNamespaceLabel] === namespace)
        || (p.namespace === namespace && labels[GATEWAY_NAME_LABEL] === name);
    }));
  }

  private gatewayConnections(): AllowedConnection[] {
    const out: AllowedConnection[] = [];
    for (const { peer, refs } of this.placeholderGatewayBackends.values()) {
      for (const [p, ports] of this.backendConnections(refs)) out.push(AllowedConnection._of(peer, this.cluster.peers[p].ref, ports));
    }
    return out;
  }

  private ingressControllerConnections(): AllowedConnection[] {
    if (!this.usesIngressControllerPlaceholder) return [];
    return [...this.backendConnections(this.model.backends)]
      .map(([p, ports]) => AllowedConnection._of(ConnectionPeer.INGRESS_CONTROLLER, this.cluster.peers[p].ref, ports));
  }

  /** The ports a sender outside the input (any pod of any namespace) reaches on each peer through these backends. */
  private backendConnections(backends: readonly BackendRef[]): Map<number, PortSet> {
    const byPeer = new Map<number, PortSet>();
    for (const ref of backends) {
      const service = this.services.get(`${ref.namespace}/${ref.service}`);
      if (!service) {
        this.warnings.push(`${ref.via} routes to Service ${ref.namespace}/${ref.service}, which is not in the input`);
        continue;
      }
      const portKnown = ref.isRoute || ref.port === undefined
        || service.ports.some(sp => (typeof ref.port === 'number' ? sp.port === ref.port : sp.name === ref.port));
      if (!portKnown && ref.port !== undefined && ingressServicePorts(ref.port, service).length > 0) {
        this.warnings.push(`${ref.via} routes to port ${ref.port} of Service ${ref.namespace}/${ref.service}, which has no such port `
          + 'but a port with that target port; it is taken as that port, as netpol-analyzer does (a real ingress controller would not route it)');
      } else if (!portKnown) {
        this.warnings.push(`${ref.via} routes to port ${ref.port} of Service ${ref.namespace}/${ref.service}, which has no such port`);
        continue;
      }
      for (const c of this.cluster.classesByNamespace.get(service.namespace) ?? []) {
        const cls = this.cluster.classes[c];
        if (!serviceSelects(service, cls)) continue;
        const ports = backendPorts(ref, service, cls).intersect(this.connectivity.ingressFromAnyPod(c));
        if (ports.isEmpty) continue;
        for (const p of cls.peers) byPeer.set(p, (byPeer.get(p) ?? PortSet.NONE).union(ports));
      }
    }
    return byPeer;
  }
}

/** Address ranges first (IPv4, then IPv6, by address), then workloads by name, then the other kinds by name. */
export function comparePeers(a: ConnectionPeer, b: ConnectionPeer): number {
  const d = peerRank(a) - peerRank(b);
  if (d !== 0) return d;
  const ra = a._range;
  const rb = b._range;
  if (ra && rb) {
    if (ra.family !== rb.family) return ra.family - rb.family;
    return ra.lo < rb.lo ? -1 : ra.lo > rb.lo ? 1 : 0;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function peerRank(p: ConnectionPeer): number {
  return p._range ? 0 : p.workload ? 1 : 2;
}

function sortConnections(list: AllowedConnection[]): AllowedConnection[] {
  return list.sort((x, y) => comparePeers(x.source, y.source) || comparePeers(x.destination, y.destination));
}
