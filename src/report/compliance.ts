/**
 * Compliance evidence: network checks evaluated on the analysed manifests, and the controls of
 * common frameworks they give evidence for. Only control identifiers are cited, never their texts.
 */
import { EntryPoint } from './entry-points';
import { PlatformWorkload } from '../analysis/cluster-profile';
import { AllowedConnection } from '../analysis/connection';
import { NetworkAnalysis } from '../analysis/network-analysis';
import { ConnectionPeer, PeerKind } from '../analysis/peer';
import { nameAddressBlock } from '../kube/address-blocks';
import { IpRange, parseCidr, rangeContains } from '../kube/ip';
import { DEFAULT_NAMESPACE, Obj, asArray, asObject, asString, kindOf, namespaceOf, nameOf } from '../kube/objects';
import { Protocol } from '../kube/protocol';
import { LintResult } from '../rules/finding';
import { Severity } from '../rules/severity';

/** The outcome of one check on the input. */
export interface ComplianceCheck {
  /** Stable id, e.g. `default-deny`. */
  readonly id: string;
  /** What the check establishes when it passes. */
  readonly title: string;
  readonly passed: boolean;
  /** Why it failed (one line per offending object or connection), or the evidence when it passed. */
  readonly details: string[];
  /** Peers (analysis names) the details are about, for links into the diagram. */
  readonly peers: string[];
}

/** One control of a framework, and whether the checks that evidence it passed. */
export interface ComplianceControl {
  /** e.g. `ISO/IEC 27001:2022` */
  readonly framework: string;
  /** The control's identifier in that framework, e.g. `A.8.22`. */
  readonly control: string;
  /** The ids of the checks that give evidence for it. */
  readonly checks: string[];
  /** True when every one of those checks passed. */
  readonly passed: boolean;
}

const CONTROLS: readonly { framework: string; control: string; checks: readonly string[] }[] = [
  { framework: 'ISO/IEC 27001:2022', control: 'A.8.20', checks: ['default-deny', 'entry-points-only', 'metadata-unreachable', 'rule-pack'] },
  { framework: 'ISO/IEC 27001:2022', control: 'A.8.22', checks: ['default-deny', 'dns-cluster-only'] },
  { framework: 'NIST SP 800-53 Rev. 5', control: 'SC-7', checks: ['entry-points-only', 'internet-egress-declared', 'metadata-unreachable'] },
  { framework: 'NIST SP 800-53 Rev. 5', control: 'AC-4', checks: ['default-deny', 'internet-egress-declared', 'dns-cluster-only'] },
  { framework: 'NIST SP 800-171 Rev. 2', control: '3.13.1', checks: ['entry-points-only', 'internet-egress-declared', 'tls-entry-points'] },
  { framework: 'NIST SP 800-171 Rev. 2', control: '3.13.6', checks: ['default-deny'] },
  { framework: 'BSI IT-Grundschutz', control: 'APP.4.4.A7', checks: ['default-deny', 'dns-cluster-only', 'metadata-unreachable'] },
  { framework: 'BSI IT-Grundschutz', control: 'APP.4.4.A18', checks: ['default-deny', 'internet-egress-declared'] },
  { framework: 'HIPAA Security Rule', control: '164.312(e)(1)', checks: ['tls-entry-points'] },
];

const METADATA_ADDRESS = '169.254.169.254';

export interface ComplianceInput {
  readonly objects: readonly Obj[];
  readonly analysis: NetworkAnalysis;
  readonly entryPoints: readonly EntryPoint[];
  readonly lint?: LintResult;
  readonly ingressController?: PlatformWorkload;
  /** The cluster DNS workloads: CoreDNS, and node-local DNS with the host addresses it answers on. */
  readonly dns?: PlatformWorkload[];
}

/** Evaluates every check, in report order. */
export function evaluateChecks(input: ComplianceInput): ComplianceCheck[] {
  return [
    defaultDeny(input),
    entryPointsOnly(input),
    internetEgressDeclared(input),
    metadataUnreachable(input),
    dnsClusterOnly(input),
    tlsEntryPoints(input),
    rulePack(input),
  ];
}

/** The controls, each passed when all its checks passed. */
export function evaluateControls(checks: readonly ComplianceCheck[]): ComplianceControl[] {
  const passed = new Map(checks.map(c => [c.id, c.passed]));
  return CONTROLS.map(c => ({
    framework: c.framework,
    control: c.control,
    checks: [...c.checks],
    passed: c.checks.every(id => passed.get(id) === true),
  }));
}

function check(id: string, title: string, failures: string[], evidence: string[], peers: string[] = []): ComplianceCheck {
  return { id, title, passed: failures.length === 0, details: failures.length ? failures : evidence, peers: [...new Set(peers)].sort() };
}

const workloadsOf = (analysis: NetworkAnalysis) => analysis.workloads.filter(w => w.kind === PeerKind.WORKLOAD);

function samePlatformWorkload(peer: ConnectionPeer, w: PlatformWorkload | undefined): boolean {
  return w !== undefined && peer.workload !== undefined && peer.workload.namespace === w.namespace && peer.workload.name === w.name;
}

/** A policy selecting every pod of its namespace (empty podSelector) that isolates both directions. */
function isolatesBoth(policy: Obj): boolean {
  const spec = asObject(policy.spec);
  const selector = asObject(spec.podSelector);
  const selectsAll = Object.keys(asObject(selector.matchLabels)).length === 0 && asArray(selector.matchExpressions).length === 0;
  const declared = asArray(spec.policyTypes).map(asString);
  const types = declared.length ? declared : ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
  return selectsAll && types.includes('Ingress') && types.includes('Egress');
}

function defaultDeny({ objects, analysis }: ComplianceInput): ComplianceCheck {
  const namespaces = [...new Set(workloadsOf(analysis).map(w => w.workload!.namespace))].sort();
  const covered = new Map<string, string>();
  for (const o of objects) {
    if (kindOf(o) === 'NetworkPolicy' && isolatesBoth(o)) covered.set(namespaceOf(o) || DEFAULT_NAMESPACE, nameOf(o) ?? '');
  }
  const failures = namespaces.filter(ns => !covered.has(ns))
    .map(ns => `namespace ${ns}: no NetworkPolicy selects every pod and isolates both ingress and egress`);
  const evidence = namespaces.map(ns => `namespace ${ns}: isolated by NetworkPolicy ${covered.get(ns)}`);
  const peers = workloadsOf(analysis).filter(w => !covered.has(w.workload!.namespace)).map(w => w.name);
  return check('default-deny', 'Every namespace denies all traffic by default, in both directions', failures, evidence, peers);
}

function entryPointsOnly({ analysis, entryPoints, ingressController }: ComplianceInput): ComplianceCheck {
  const backends = new Set(entryPoints.flatMap(e => e.workloads));
  const failures: string[] = [];
  const evidence: string[] = [];
  const peers: string[] = [];
  const inbound = new Map<string, { from: ConnectionPeer; ranges: AllowedConnection[] }>();
  for (const c of analysis.connections) {
    if (c.destination.kind !== PeerKind.WORKLOAD) continue;
    const fromController = c.source.kind === PeerKind.INGRESS_CONTROLLER || samePlatformWorkload(c.source, ingressController);
    if (fromController) {
      if (backends.has(c.destination.name)) {
        evidence.push(`${c.destination.name}: reached from ${c.source.name} (${c.description}) through ${entryPoints.filter(e => e.workloads.includes(c.destination.name)).map(e => e.host).join(', ')}`);
      } else {
        failures.push(`${c.destination.name}: reachable from ${c.source.name} (${c.description}) without an Ingress that routes to it`);
        peers.push(c.destination.name);
      }
    } else if (c.source._range !== undefined) {
      const key = `${c.destination.name}\u0000${c.description}`;
      const entry = inbound.get(key) ?? { from: c.destination, ranges: [] };
      entry.ranges.push(c);
      inbound.set(key, entry);
    }
  }
  for (const { from, ranges } of inbound.values()) {
    const block = nameAddressBlock(ranges.map(c => c.source._range!));
    failures.push(`${from.name}: reachable from ${block.name} (${ranges[0].description}) directly, not through an entry point`);
    peers.push(from.name);
  }
  if (evidence.length === 0) evidence.push('no workload is reachable from outside the cluster');
  return check('entry-points-only', 'No workload is reachable from outside the cluster except through a declared entry point', failures, evidence, peers);
}

function internetEgressDeclared({ analysis }: ComplianceInput): ComplianceCheck {
  const groups = new Map<string, { source: ConnectionPeer; description: string; connections: AllowedConnection[] }>();
  for (const c of analysis.connections) {
    if (c.source.kind !== PeerKind.WORKLOAD || c.destination._range === undefined) continue;
    const key = `${c.source.name}\u0000${c.description}`;
    const group = groups.get(key) ?? { source: c.source, description: c.description, connections: [] };
    group.connections.push(c);
    groups.set(key, group);
  }
  const failures: string[] = [];
  const evidence: string[] = [];
  const peers: string[] = [];
  for (const g of groups.values()) {
    const block = nameAddressBlock(g.connections.map(c => c.destination._range!));
    const line = `${g.source.name} => ${block.name} : ${g.description}`;
    if (block.except.length === 0) {
      failures.push(`${line} (egress is not restricted: no policy isolates it for egress, or a rule admits every address)`);
      peers.push(g.source.name);
    } else {
      evidence.push(line);
    }
  }
  if (evidence.length === 0 && failures.length === 0) evidence.push('no workload may send traffic outside the cluster');
  return check('internet-egress-declared', 'Every egress to outside the cluster is declared by a policy and listed here', failures, evidence, peers);
}

/**
 * Read off the connection list, which is complete for outside addresses: the engine cuts the
 * address space at every CIDR the policies use, so a range holding the metadata address appears
 * whole (asking the analysis per workload would cost a query each).
 */
function metadataUnreachable({ analysis }: ComplianceInput): ComplianceCheck {
  const metadata = parseCidr(METADATA_ADDRESS)!;
  const reaching = analysis.connections.filter(c => c.source.kind === PeerKind.WORKLOAD
    && c.destination._range !== undefined && rangeContains(c.destination._range, metadata));
  const failures = reaching.map(c => `${c.source.name} can reach ${METADATA_ADDRESS} (${c.description})`);
  return check('metadata-unreachable', `No workload can reach the cloud metadata service (${METADATA_ADDRESS})`, failures,
    [`none of ${workloadsOf(analysis).length} workloads can reach ${METADATA_ADDRESS}`], reaching.map(c => c.source.name));
}

function dnsClusterOnly({ analysis, dns }: ComplianceInput): ComplianceCheck {
  const failures: string[] = [];
  const evidence: string[] = [];
  const peers: string[] = [];
  const dnsWorkloads = dns ?? [];
  const dnsAddresses = dnsWorkloads.flatMap(w => (w.hostCidrs ?? []).map(c => parseCidr(c)).filter((r): r is IpRange => r !== undefined));
  const isDns = (p: ConnectionPeer) => dnsWorkloads.some(w => samePlatformWorkload(p, w))
    || (p._range !== undefined && dnsAddresses.some(r => rangeContains(r, p._range!)));
  for (const c of analysis.connections) {
    if (c.source.kind !== PeerKind.WORKLOAD) continue;
    if (!c.allows(53, Protocol.UDP) && !c.allows(53, Protocol.TCP)) continue;
    if (isDns(c.destination)) {
      evidence.push(`${c.source.name} => ${shown(c.destination)}`);
    } else if (c.destination.kind !== PeerKind.WORKLOAD && c.destination.kind !== PeerKind.PLATFORM_WORKLOAD) {
      failures.push(`${c.source.name} may send DNS (port 53) to ${shown(c.destination)}, outside the cluster DNS`);
      peers.push(c.source.name);
    }
  }
  if (dnsWorkloads.length === 0) failures.unshift('the cluster DNS is not known: give a platform profile (--platform or --profile)');
  const summary = [...new Set(evidence)];
  return check('dns-cluster-only', 'Workloads send DNS queries only to the cluster DNS', [...new Set(failures)],
    summary.length ? summary : ['no workload sends DNS queries'], peers);
}

function tlsEntryPoints({ entryPoints }: ComplianceInput): ComplianceCheck {
  const failures = entryPoints.filter(e => !e.tls).map(e => `${e.host} (${e.via}): no TLS certificate covers it`);
  const evidence = entryPoints.map(e => `${e.host} (${e.via}): TLS`);
  return check('tls-entry-points', 'Every entry point serves HTTPS (TLS)', failures,
    evidence.length ? evidence : ['no entry point'], entryPoints.filter(e => !e.tls).flatMap(e => e.workloads));
}

function rulePack({ lint }: ComplianceInput): ComplianceCheck {
  if (!lint) return check('rule-pack', 'The rule pack finds no errors', ['the rule pack was not run'], []);
  const errors = lint.findings.filter(f => f.severity === Severity.ERROR);
  const failures = errors.map(f => `${f.ruleId}: ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name ?? ''}: ${f.message}`);
  return check('rule-pack', 'The rule pack finds no errors', failures,
    [`${lint.objectCount} objects checked, ${lint.warningCount} warnings, ${lint.suppressed.length} suppressed with reasons`]);
}

/** A peer as people read it: an address range as its CIDRs (`nameAddressBlock`), else its name. */
function shown(peer: ConnectionPeer): string {
  return peer._range ? nameAddressBlock([peer._range]).name : peer.name;
}
