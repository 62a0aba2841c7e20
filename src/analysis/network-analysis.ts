import { AllowedConnection, IgnoredKind } from './connection';
import { parseManifestText } from '../kube/manifests';
import { expandLists, KubeObject } from '../kube/objects';
import { Protocol } from '../kube/protocol';
import { Analyzer, comparePeers } from './engine/analyzer';
import { endpointPorts, explainConnection, portsAsked, resolveEndpoint } from './engine/explain';
import { ExposureResult } from './engine/exposure';
import { ConnectionExplanation } from './explanation';
import { AnalysisOptions, HostNetworkMode } from './options';
import { ConnectionPeer, IWorkloadRef } from './peer';
import { Port } from '../kube/port';
import { PortSet } from '../kube/ports';
import { render } from './report/renderers';
import { ReportFormat } from './report-format';

/** What `NetworkAnalysis.render` reports besides the connections. */
export interface RenderOptions {
  /**
   * Append the exposure analysis (netpol-analyzer's "Exposure Analysis Result:" section in text).
   * @default false
   */
  readonly exposure?: boolean;
}

/**
 * Which workload can reach which, on which ports, computed from manifests alone (NetworkPolicy
 * semantics of networking.k8s.io/v1, with netpol-analyzer's conventions for naming peers).
 *
 * Peers (`ConnectionPeer`) are workloads (`ns/name[Kind]`; pods with an owner are shown as the owner,
 * standalone pods as `ns/name[Pod]`), platform workloads of the cluster profile, address ranges
 * outside the pods (`0.0.0.0-9.255.255.255`) and, when Ingress objects or Routes exist and no cluster
 * profile describes the controller, `{ingress-controller}`. Wherever a peer is asked for, give its
 * name (`ns/name[Kind]`, or `ns/name` when that names one workload; an IP address, CIDR or range),
 * a workload construct (`SecureApp`, anything implementing `IWorkloadRef`) or a `ConnectionPeer`.
 */
export class NetworkAnalysis {
  /** Analyses plain Kubernetes objects (as parsed from YAML or JSON); list objects are expanded. */
  static fromManifests(objects: { [key: string]: any }[], options: AnalysisOptions = {}): NetworkAnalysis {
    return new NetworkAnalysis(expandLists(objects as KubeObject[]), options);
  }

  /** Analyses multi-document YAML (or JSON) text. Throws on a syntax error or an object without kind. */
  static fromYaml(text: string, options: AnalysisOptions = {}): NetworkAnalysis {
    return new NetworkAnalysis(expandLists(parseManifestText(text, '<yaml>').map(m => m.object)), options);
  }

  /** Every allowed connection, one per (source, destination) pair, sorted as the text report prints them. */
  readonly connections: AllowedConnection[];
  /** Things the reader must know: host-network pods, pods of one workload with different labels, bad selectors. */
  readonly warnings: string[];
  /**
   * CNI-specific policies in the input that the analysis does not evaluate (CiliumNetworkPolicy,
   * CiliumClusterwideNetworkPolicy, Calico's NetworkPolicy and GlobalNetworkPolicy), as
   * `Kind ns/name (apiVersion)`. When there is any, the result is partial: `warnings` names each one.
   */
  readonly unevaluatedPolicies: string[];
  /** Kinds read but not analysed, with counts, sorted by kind. */
  readonly ignoredKinds: IgnoredKind[];
  /** Every workload peer, of the input and of the cluster profile, sorted by name. */
  readonly workloads: ConnectionPeer[];

  private readonly analyzer: Analyzer;
  private byPair?: Map<ConnectionPeer, Map<ConnectionPeer, AllowedConnection>>;

  private constructor(objects: readonly KubeObject[], options: AnalysisOptions) {
    this.analyzer = new Analyzer(objects, {
      profile: options.profile,
      hostNetworkAsNode: (options.hostNetwork ?? HostNetworkMode.AS_PODS) === HostNetworkMode.AS_NODE_TRAFFIC,
      ipBlocksMatchPods: options.ipBlocksMatchPods ?? true,
    });
    this.connections = this.analyzer.connections;
    this.warnings = this.analyzer.warnings.slice();
    this.unevaluatedPolicies = this.analyzer.model.unevaluatedPolicies.slice();
    this.ignoredKinds = [...this.analyzer.model.ignoredKinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([kind, count]) => ({ kind, count }));
    this.workloads = this.analyzer.cluster.peers.map(p => p.ref).sort(comparePeers);
  }

  /**
   * The peer as this analysis names it. Throws an Error for a workload that is not in the analysis.
   * @param peer a name (`ns/name[Kind]`, `ns/name` when unambiguous, an IP address, CIDR or range, `{ingress-controller}`), a workload construct or a peer
   */
  peer(peer: string | IWorkloadRef | ConnectionPeer): ConnectionPeer {
    return resolveEndpoint(this.analyzer, peer).peer;
  }

  /**
   * Whether `source` may open a connection to `destination`: on the given port (every port of a range; a
   * named port as the destination's pods name it), or on any port when no port is given. Peers are names
   * (`ns/name[Kind]`, or `ns/name` when unambiguous; IP addresses, CIDRs or ranges, whose first address
   * counts; `{ingress-controller}`), workload constructs or peers.
   *
   * @param port a number (TCP unless `protocol` says otherwise) or a Port (`Port.tcp(8080)`, `Port.udpRange(...)`, `Port.named('http')`)
   * @param protocol the protocol of a port number; default TCP (a Port carries its own)
   */
  isAllowed(source: string | IWorkloadRef | ConnectionPeer, destination: string | IWorkloadRef | ConnectionPeer,
    port?: number | Port, protocol?: Protocol): boolean {
    const src = resolveEndpoint(this.analyzer, source);
    const dst = resolveEndpoint(this.analyzer, destination);
    const allowed = endpointPorts(this.analyzer, src, dst);
    if (port === undefined) return !allowed.isEmpty;
    return portsAsked(this.analyzer, dst, port, protocol).minus(allowed).isEmpty;
  }

  /** The connection from one peer to another, or undefined when nothing is allowed. */
  connectionBetween(source: string | IWorkloadRef | ConnectionPeer,
    destination: string | IWorkloadRef | ConnectionPeer): AllowedConnection | undefined {
    const src = resolveEndpoint(this.analyzer, source);
    const dst = resolveEndpoint(this.analyzer, destination);
    const listed = this.listedConnections().get(src.peer)?.get(dst.peer);
    if (listed) return listed;
    const ports = endpointPorts(this.analyzer, src, dst);
    return ports.isEmpty ? undefined : AllowedConnection._of(src.peer, dst.peer, ports);
  }

  /**
   * Why a connection is allowed or denied: on the source's egress side and the destination's ingress
   * side, the policies that select the peer and the rules that allow the port, or why none does.
   *
   * @param port one port: a number (TCP unless `protocol` says otherwise) or a Port of one port (a named port
   * resolves on the destination's pods)
   * @param protocol the protocol of a port number; default TCP (a Port carries its own)
   */
  explain(source: string | IWorkloadRef | ConnectionPeer, destination: string | IWorkloadRef | ConnectionPeer,
    port: number | Port, protocol?: Protocol): ConnectionExplanation {
    const src = resolveEndpoint(this.analyzer, source);
    const dst = resolveEndpoint(this.analyzer, destination);
    if (src.kind === 'representative' || dst.kind === 'representative') {
      throw new Error(`explain takes workloads, addresses or ${ConnectionPeer.INGRESS_CONTROLLER.name}, not the representative peer `
        + `'${(src.kind === 'representative' ? src : dst).peer.name}': its connection comes from the rules that name it (see exposure)`);
    }
    const asked = portsAsked(this.analyzer, dst, port, protocol);
    const one = asked.first()!;
    if (!asked.equals(PortSet.port(one.protocol, one.port))) {
      throw new Error(`explain takes one port, and ${port} is ${asked.describe()}: explain one of them, e.g. ${one.protocol} ${one.port}`);
    }
    return explainConnection(this.analyzer, src, dst, one.port, one.protocol);
  }

  /**
   * The ports a caller asks about towards a destination (a named Port resolves on its pods).
   * @internal
   */
  _portsAsked(destination: string | IWorkloadRef | ConnectionPeer, port: number | Port, protocol?: Protocol): PortSet {
    return portsAsked(this.analyzer, resolveEndpoint(this.analyzer, destination), port, protocol);
  }

  /**
   * Exposure analysis (netpol-analyzer's `--exposure`): what each workload may reach, or be reached by,
   * among pods and namespaces the input does not show. Each is a connection between a workload and a
   * representative peer (`PeerKind.REPRESENTATIVE`: `entire-cluster`, `NS/[all pods]`,
   * `[namespace with {...}]/[pod with {...}]`): `W => PEER` for egress, `PEER => W` for ingress. A workload
   * no policy isolates in a direction is exposed to `entire-cluster` on every port. Named ports towards
   * unknown pods stay names (`namedPorts`). Sorted by source, then destination; computed on first use.
   */
  get exposure(): AllowedConnection[] {
    return [...this.exposureData().connections];
  }

  /**
   * Workloads that no policy isolates, as `ns/name[Kind] is not protected on Ingress|Egress`, sorted.
   */
  get unprotected(): string[] {
    return this.exposureData().unprotected.map(u => `${u.peer.name} is not protected on ${u.direction === 'egress' ? 'Egress' : 'Ingress'}`);
  }

  /**
   * The report in one format.
   * @param options what to report besides the connections
   */
  render(format: ReportFormat, options: RenderOptions = {}): string {
    return render(format, {
      connections: this.connections,
      warnings: this.warnings,
      ignoredKinds: this.ignoredKinds,
      exposure: options.exposure ? this.exposureData() : undefined,
      unevaluatedPolicies: this.unevaluatedPolicies,
    });
  }

  /** @internal */
  _exposure(): ExposureResult {
    return this.exposureData();
  }

  private exposureData(): ExposureResult {
    return this.analyzer.exposure;
  }

  /** The listed connections by source and destination peer (the analysis shares one value per peer). */
  private listedConnections(): Map<ConnectionPeer, Map<ConnectionPeer, AllowedConnection>> {
    if (!this.byPair) {
      this.byPair = new Map();
      for (const c of this.connections) {
        let row = this.byPair.get(c.source);
        if (!row) this.byPair.set(c.source, row = new Map());
        row.set(c.destination, c);
      }
    }
    return this.byPair;
  }
}
