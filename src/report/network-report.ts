import { ComplianceCheck, ComplianceControl, evaluateChecks, evaluateControls } from './compliance';
import { Diagram, DiagramConnection, buildDiagram, fromConnections, toDot } from './diagram';
import { EntryPoint, entryPointsOf } from './entry-points';
import { renderHtml } from './html';
import { layoutSvg } from './layout';
import { PlatformWorkload } from '../analysis/cluster-profile';
import { AllowedConnection } from '../analysis/connection';
import { NetworkAnalysis } from '../analysis/network-analysis';
import { AnalysisOptions } from '../analysis/options';
import { diffConnections } from '../diff/diff';
import { renderDiffText } from '../diff/render';
import { describeBlock, nameAddressBlock } from '../kube/address-blocks';
import { IpRange } from '../kube/ip';
import { LoadedManifest } from '../kube/manifests';
import { Obj } from '../kube/objects';
import { RulePackConfig } from '../rules/config';
import { Finding, LintResult } from '../rules/finding';
import { toLintInputs } from '../rules/rule-pack';
import { runRulePack } from '../rules/runner';

/** Options of a NetworkReport. */
export interface NetworkReportOptions extends AnalysisOptions {
  /**
   * The report's title.
   * @default "Network report"
   */
  readonly title?: string;
  /**
   * The objects of an earlier version: the report then shows what was added, removed and changed,
   * highlighted in the diagram.
   * @default - no comparison
   */
  readonly base?: { [key: string]: any }[];
  /**
   * DNS records to create, in zone-file form (e.g. the `dnsRecord` of each TlsIngress).
   * @default - none listed
   */
  readonly dnsRecords?: string[];
  /**
   * Configuration of the rule pack whose findings the report lists.
   * @default - the rule pack's defaults
   */
  readonly rulePackConfig?: RulePackConfig;
}

/** One exposure of a workload to pods the input does not show. */
export interface ExposureRow {
  /** The workload, as the analysis names it. */
  readonly workload: string;
  /** `egress` (the workload may send to them) or `ingress` (they may send to it). */
  readonly direction: string;
  /** The representative peer: `entire-cluster`, `NS/[all pods]`, `[namespace with {...}]/[pod with {...}]`. */
  readonly peer: string;
  /** The ports, as the connection list writes them. */
  readonly ports: string;
}

/**
 * A network report of some manifests: the diagram, the connections, entry points, warnings, the
 * rule pack's findings, DNS records and compliance evidence (checks, and the framework controls
 * they evidence). `renderHtml()` gives one self-contained HTML file; `toJson()` the evidence.
 */
export class NetworkReport {
  /**
   * Analyses and checks plain Kubernetes objects.
   * @param objects the manifests' objects (List kinds are expanded)
   */
  static fromManifests(objects: { [key: string]: any }[], options: NetworkReportOptions = {}): NetworkReport {
    return NetworkReport._fromLoaded(objects.map((object, documentIndex) => ({ object, source: '<manifests>', documentIndex })), options);
  }

  /** @internal the CLI's path: findings keep their files and lines */
  static _fromLoaded(manifests: readonly LoadedManifest[], options: NetworkReportOptions = {}): NetworkReport {
    return new NetworkReport(manifests, options);
  }

  /** The reachability analysis the report shows. */
  readonly analysis: NetworkAnalysis;
  /** The checks, in report order. */
  readonly checks: ComplianceCheck[];
  /** The framework controls and whether the checks evidence them. */
  readonly controls: ComplianceControl[];
  /** Every Ingress host, with its backends and TLS. */
  readonly entryPoints: EntryPoint[];
  /** The rule pack's findings (not suppressed). */
  readonly findings: Finding[];
  /** The report's title. */
  readonly title: string;
  /**
   * Exposure: what each workload may reach, or be reached by, among pods the input does not show
   * (representative peers such as `entire-cluster` or `[namespace with {...}]/[all pods]`).
   */
  readonly exposure: ExposureRow[];
  /** Workloads no policy isolates, as `ns/name[Kind] is not protected on Ingress|Egress`. */
  readonly unprotected: string[];

  private readonly diagram: Diagram;
  private readonly changes?: string;
  private readonly dnsRecords: string[];
  private readonly profileName?: string;

  private constructor(manifests: readonly LoadedManifest[], options: NetworkReportOptions) {
    const objects = manifests.map(m => m.object as Obj);
    this.title = options.title ?? 'Network report';
    this.analysis = NetworkAnalysis.fromManifests(objects, options);
    this.entryPoints = entryPointsOf(objects);
    const lint: LintResult = runRulePack(toLintInputs(manifests), options.rulePackConfig ?? {});
    this.findings = lint.findings;
    this.checks = evaluateChecks({
      objects,
      analysis: this.analysis,
      entryPoints: this.entryPoints,
      lint,
      ingressController: options.profile?.ingressController,
      dns: [options.profile?.dns, options.profile?.nodeLocalDns].filter((w): w is PlatformWorkload => w !== undefined),
    });
    this.controls = evaluateControls(this.checks);
    this.dnsRecords = [...(options.dnsRecords ?? [])];
    this.profileName = options.profile?.name;
    let connections: DiagramConnection[] = fromConnections(this.analysis.connections);
    if (options.base) {
      const before = NetworkAnalysis.fromManifests(options.base, options);
      const diff = diffConnections(before.connections, this.analysis.connections);
      this.changes = renderDiffText(diff);
      connections = withChanges(this.analysis.connections, diff);
    }
    const exposure = this.analysis._exposure();
    this.exposure = exposureRows(exposure.connections);
    this.unprotected = this.analysis.unprotected;
    this.diagram = buildDiagram([...connections, ...fromConnections(exposure.connections)], this.analysis.workloads, this.entryPoints);
  }

  /** The diagram in Graphviz DOT form (what `renderHtml` lays out). */
  toDot(): string {
    return toDot(this.diagram);
  }

  /** The compliance evidence as JSON: controls, checks with their details, and the input's counts. */
  toJson(): string {
    return JSON.stringify({
      title: this.title,
      profile: this.profileName ?? null,
      workloads: this.analysis.workloads.length,
      connections: this.analysis.connections.length,
      controls: this.controls,
      checks: this.checks,
      entryPoints: this.entryPoints,
      exposure: this.exposure,
      unprotected: this.unprotected,
      findings: this.findings.length,
    }, undefined, 2) + '\n';
  }

  /** One self-contained HTML file (inline SVG diagram, no external resources). */
  async renderHtml(): Promise<string> {
    const svg = await layoutSvg(this.toDot());
    return renderHtml({
      title: this.title,
      svg,
      diagram: this.diagram,
      connections: namedConnections(this.analysis.connections),
      peers: this.analysis.workloads.map(w => w.name),
      checks: this.checks,
      controls: this.controls,
      entryPoints: this.entryPoints,
      exposure: this.exposure,
      unprotected: this.unprotected,
      warnings: this.analysis.warnings,
      findings: this.findings,
      dnsRecords: this.dnsRecords,
      changes: this.changes,
      profile: this.profileName,
    });
  }

  /** @internal the diagram model, for tests */
  get _diagram(): Diagram {
    return this.diagram;
  }
}

/**
 * The connections as people read them: outside addresses joined per workload, direction and ports
 * into one named block ("the internet"), with its addresses in `title`.
 */
function namedConnections(connections: readonly AllowedConnection[]): { source: string; destination: string; ports: string; title?: string }[] {
  const out: { source: string; destination: string; ports: string; title?: string }[] = [];
  const blocks = new Map<string, { at: number; outward: boolean; inner: string; ports: string; ranges: IpRange[] }>();
  for (const c of connections) {
    const range = c.destination._range ?? c.source._range;
    if (!range) {
      out.push({ source: c.source.name, destination: c.destination.name, ports: c.description });
      continue;
    }
    const outward = c.destination._range !== undefined;
    const inner = outward ? c.source.name : c.destination.name;
    const key = `${inner}\u0000${outward}\u0000${c.description}`;
    const block = blocks.get(key);
    if (block) {
      block.ranges.push(range);
    } else {
      blocks.set(key, { at: out.length, outward, inner, ports: c.description, ranges: [range] });
      out.push({ source: '', destination: '', ports: '' }); // filled below, in first-seen order
    }
  }
  for (const b of blocks.values()) {
    const named = nameAddressBlock(b.ranges);
    const [source, destination] = b.outward ? [b.inner, named.name] : [named.name, b.inner];
    out[b.at] = { source, destination, ports: b.ports, title: describeBlock(named) };
  }
  return out;
}

/**
 * The new connections with the diff's changes marked: added, changed and removed pairs from the
 * diff; outside ranges that a change covers are shown by the change alone.
 */
function withChanges(after: readonly AllowedConnection[], diff: ReturnType<typeof diffConnections>): DiagramConnection[] {
  const changes = [...diff.added, ...diff.changed, ...diff.removed];
  const changedPairs = new Set(changes.filter(c => !c.source._range && !c.destination._range).map(c => `${c.source.name}\u0000${c.destination.name}`));
  const changedRanges = changes.filter(c => c.source._range || c.destination._range);
  const out: DiagramConnection[] = [];
  for (const c of after) {
    const range = c.source._range ?? c.destination._range;
    if (!range) {
      if (!changedPairs.has(`${c.source.name}\u0000${c.destination.name}`)) out.push({ source: c.source, destination: c.destination, ports: c._ports });
      continue;
    }
    const inner = c.source._range ? c.destination : c.source;
    const overlapped = changedRanges.some(x => {
      const r = x.source._range ?? x.destination._range!;
      const xInner = x.source._range ? x.destination : x.source;
      const sameSide = xInner.name === inner.name && !!x.source._range === !!c.source._range;
      return sameSide && r.family === range.family && r.lo <= range.hi && range.lo <= r.hi;
    });
    if (!overlapped) out.push({ source: c.source, destination: c.destination, ports: c._ports });
  }
  for (const x of changes) {
    out.push({ source: x.source, destination: x.destination, ports: x.kind === 'removed' ? x.before : x.after, change: x.kind, before: x.before });
  }
  return out;
}

function exposureRows(connections: readonly AllowedConnection[]): ExposureRow[] {
  return connections.map(c => c.destination.isRepresentative
    ? { workload: c.source.name, direction: 'egress', peer: c.destination.name, ports: c.description }
    : { workload: c.destination.name, direction: 'ingress', peer: c.source.name, ports: c.description })
    .sort((a, b) => a.workload.localeCompare(b.workload) || a.direction.localeCompare(b.direction) || a.peer.localeCompare(b.peer));
}
