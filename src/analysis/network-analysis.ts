import { AllowedConnection, IgnoredKind, ProtocolPorts } from './connection';
import { parseManifestText } from '../kube/manifests';
import { expandLists, KubeObject } from '../kube/objects';
import { Protocol } from '../kube/protocol';
import { Analyzer, PeerConnection } from './engine/analyzer';
import { endpointPorts, explainConnection, resolveEndpoint } from './engine/explain';
import { ConnectionExplanation } from './explanation';
import { AnalysisOptions, HostNetworkMode } from './options';
import { PortSet, PROTOCOLS } from '../kube/ports';
import { render } from './report/renderers';
import { ReportFormat } from './report-format';

/**
 * Which workload can reach which, on which ports, computed from manifests alone (NetworkPolicy
 * semantics of networking.k8s.io/v1, with netpol-analyzer's conventions for naming peers).
 *
 * Peers are workloads (`ns/name[Kind]`; pods with an owner are shown as the owner, standalone pods as
 * `ns/name[Pod]`), address ranges outside the pods (`0.0.0.0-9.255.255.255`) and, when Ingress
 * objects or Routes exist and no cluster profile describes the controller, `{ingress-controller}`.
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
  /** Kinds read but not analysed, with counts, sorted by kind. */
  readonly ignoredKinds: IgnoredKind[];
  /** Every workload peer (`ns/name[Kind]`), sorted. */
  readonly workloads: string[];

  private readonly analyzer: Analyzer;
  private readonly byPair = new Map<string, AllowedConnection>();

  private constructor(objects: readonly KubeObject[], options: AnalysisOptions) {
    this.analyzer = new Analyzer(objects, {
      profile: options.profile,
      hostNetworkAsNode: (options.hostNetwork ?? HostNetworkMode.AS_PODS) === HostNetworkMode.AS_NODE_TRAFFIC,
      ipBlocksMatchPods: options.ipBlocksMatchPods ?? true,
    });
    this.connections = this.analyzer.connections.map(toAllowedConnection);
    for (const c of this.connections) this.byPair.set(`${c.source}\u0000${c.destination}`, c);
    this.warnings = this.analyzer.warnings.slice();
    this.ignoredKinds = [...this.analyzer.model.ignoredKinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([kind, count]) => ({ kind, count }));
    this.workloads = this.analyzer.cluster.peers.map(p => p.name).sort();
  }

  /**
   * Whether `source` may open a connection to `destination`: on the given port and protocol, or on any port when
   * no port is given. Peers are workload names (`ns/name[Kind]`, or `ns/name` when unambiguous), IP
   * addresses, CIDRs or ranges (their first address counts), or `{ingress-controller}`.
   *
   * @param protocol default TCP
   */
  isAllowed(source: string, destination: string, port?: number, protocol?: Protocol): boolean {
    const ports = this.portsBetween(source, destination);
    if (port === undefined) return !ports.isEmpty;
    return ports.contains(port, protocol ?? Protocol.TCP);
  }

  /** The connection from one peer to another, or undefined when nothing is allowed. */
  connectionBetween(source: string, destination: string): AllowedConnection | undefined {
    const exact = this.byPair.get(`${source}\u0000${destination}`);
    if (exact) return exact;
    const ports = this.portsBetween(source, destination);
    if (ports.isEmpty) return undefined;
    const src = resolveEndpoint(this.analyzer, source);
    const dst = resolveEndpoint(this.analyzer, destination);
    return toAllowedConnection({
      source: src.name,
      destination: dst.name,
      ports,
      sourceRange: src.kind === 'external' ? src.range : undefined,
      destinationRange: dst.kind === 'external' ? dst.range : undefined,
    });
  }

  /**
   * Why a connection is allowed or denied: on the source's egress side and the destination's ingress
   * side, the policies that select the peer and the rules that allow the port, or why none does.
   *
   * @param protocol default TCP
   */
  explain(source: string, destination: string, port: number, protocol?: Protocol): ConnectionExplanation {
    const src = resolveEndpoint(this.analyzer, source);
    const dst = resolveEndpoint(this.analyzer, destination);
    return explainConnection(this.analyzer, src, dst, port, protocol ?? Protocol.TCP);
  }

  /** The report in one format. */
  render(format: ReportFormat): string {
    return render(format, { connections: this.connections, warnings: this.warnings, ignoredKinds: this.ignoredKinds });
  }

  private portsBetween(source: string, destination: string): PortSet {
    return endpointPorts(this.analyzer, resolveEndpoint(this.analyzer, source), resolveEndpoint(this.analyzer, destination));
  }
}

function toAllowedConnection(c: PeerConnection): AllowedConnection {
  const ports: ProtocolPorts[] = PROTOCOLS.filter(p => !c.ports.get(p).isEmpty).map(protocol => ({
    protocol,
    ranges: c.ports.get(protocol).ranges.map(([fromPort, toPort]) => ({ fromPort, toPort })),
  }));
  return {
    source: c.source,
    destination: c.destination,
    description: c.ports.describe(),
    allProtocolsAndPorts: c.ports.isAll,
    ports,
    sourceIsExternal: c.sourceRange !== undefined,
    destinationIsExternal: c.destinationRange !== undefined,
  };
}
