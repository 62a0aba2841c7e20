/**
 * Explains one connection: for the source's egress and the destination's ingress, which policies
 * select the peer and which of their rules allow the port, or why nothing does.
 */
import { Protocol } from '../../kube/protocol';
import { ConnectionExplanation, RuleReference, SideExplanation } from '../explanation';
import { CompiledAdminRule, describeAdminRule } from './admin-policies';
import { Analyzer } from './analyzer';
import { backendPorts, ClassSide, serviceSelects } from './connectivity';
import { CompiledRule, rulePorts } from './policies';
import { printable } from '../../kube/escape';
import { IpRange, parseAddressText } from '../../kube/ip';
import { Port } from '../../kube/port';
import { PortSet } from '../../kube/ports';
import { checkPort } from '../../kube/validation/port';
import { BackendRef } from '../model/objects';
import { ConnectionPeer, IWorkloadRef, PeerKind } from '../peer';

/** A peer as callers name it: its name (`ns/name[Kind]`, `ns/name`, an address), a workload construct, or a peer value. */
export type PeerInput = string | IWorkloadRef | ConnectionPeer;

export type Endpoint =
  | { readonly kind: 'peer'; readonly peer: ConnectionPeer; readonly classes: readonly number[] }
  | { readonly kind: 'external'; readonly peer: ConnectionPeer; readonly atom: number; readonly range: IpRange }
  /** A sender the input does not describe (`{ingress-controller}`, `{gateway NS/NAME}`), reaching pods through `backends`. */
  | { readonly kind: 'ingress-controller'; readonly peer: ConnectionPeer; readonly backends: readonly BackendRef[]; readonly what: string }
  | { readonly kind: 'representative'; readonly peer: ConnectionPeer };

/**
 * Resolves a peer: a name (`ns/name[Kind]`, or `ns/name` when unambiguous; an address, a CIDR or a
 * range; `{ingress-controller}`), a workload construct (IWorkloadRef) or a peer value.
 */
export function resolveEndpoint(analyzer: Analyzer, input: PeerInput): Endpoint {
  if (input instanceof ConnectionPeer) return endpointOfPeer(analyzer, input);
  if (typeof input !== 'string') return endpointOfPeer(analyzer, ConnectionPeer.fromWorkload(identityOf(input)));
  const name = input.trim();
  if (name === ConnectionPeer.INGRESS_CONTROLLER.name) return endpointOfPeer(analyzer, ConnectionPeer.INGRESS_CONTROLLER);
  if (name.startsWith('{gateway ')) return endpointOfPeer(analyzer, ConnectionPeer.parse(name));
  const exact = analyzer.cluster.peerByName(name);
  if (exact) return { kind: 'peer', peer: exact.ref, classes: exact.classes };
  const named = analyzer.cluster.peers.filter(p => p.name.startsWith(`${name}[`));
  if (named.length === 1) return { kind: 'peer', peer: named[0].ref, classes: named[0].classes };
  if (named.length > 1) throw new Error(`'${name}' names several workloads (${named.map(p => p.name).sort().join(', ')}): write the kind too`);
  if (parseAddressText(name)) return endpointOfPeer(analyzer, ConnectionPeer.fromAddresses(name));
  if (ConnectionPeer._isRepresentativeName(name)) return endpointOfPeer(analyzer, ConnectionPeer.representative(name));
  throw unknownPeer(analyzer, name);
}

function endpointOfPeer(analyzer: Analyzer, peer: ConnectionPeer): Endpoint {
  const range = peer._range;
  // Any address is answerable: one outside every range a policy names is in the atom around it.
  if (range) return { kind: 'external', peer, atom: analyzer.space.atomOf(range.family, range.lo), range };
  if (peer.kind === PeerKind.INGRESS_CONTROLLER && analyzer.usesIngressControllerPlaceholder) {
    return { kind: 'ingress-controller', peer, backends: analyzer.model.backends, what: 'the ingress controller' };
  }
  const gateway = peer.gateway && analyzer.placeholderGatewayBackends.get(`${peer.gateway.namespace}/${peer.gateway.name}`);
  if (gateway) return { kind: 'ingress-controller', peer: gateway.peer, backends: gateway.refs, what: `the data plane of Gateway ${peer.gateway!.namespace}/${peer.gateway!.name}` };
  if (peer.kind === PeerKind.REPRESENTATIVE) return { kind: 'representative', peer };
  const known = peer.workload ? analyzer.cluster.peerByName(peer.name) : undefined;
  if (known) return { kind: 'peer', peer: known.ref, classes: known.classes };
  throw unknownPeer(analyzer, peer.name);
}

function identityOf(ref: IWorkloadRef): { namespace: string; name: string; kind: string } {
  const identity = (ref as Partial<IWorkloadRef> | null | undefined)?.workloadIdentity;
  const ok = identity && [identity.namespace, identity.name, identity.kind].every(v => typeof v === 'string' && v !== '');
  if (!ok) {
    throw new Error(`invalid peer ${describeValue(ref)}: expected a peer name (ns/name[Kind], an address), a workload construct such as a SecureApp, or a ConnectionPeer`);
  }
  return identity;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `(an object of class ${(value as object).constructor?.name ?? 'Object'})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function unknownPeer(analyzer: Analyzer, name: string): Error {
  const known = analyzer.cluster.peers.map(p => p.name).sort();
  const shown = known.slice(0, 20).join(', ') + (known.length > 20 ? `, ... (${known.length} in all)` : '');
  return new Error(`unknown peer '${name}': expected a workload (ns/name[Kind]), an IP address, CIDR or range`
    + `${analyzer.usesIngressControllerPlaceholder ? ` or ${ConnectionPeer.INGRESS_CONTROLLER.name}` : ''}`
    + `${[...analyzer.placeholderGatewayBackends.values()].map(g => `, ${g.peer.name}`).join('')}; workloads: ${shown || 'none'}`);
}

/**
 * The ports a caller asks about: a number (with its protocol, TCP by default) or a Port (a number, a
 * range, or a name, which resolves on the destination's pods as policies resolve it). Throws an
 * Error naming the port and what would be valid.
 */
export function portsAsked(analyzer: Analyzer, to: Endpoint, port: number | Port, protocol?: Protocol): PortSet {
  if (!(port instanceof Port)) {
    const problem = checkPort(port);
    if (problem) throw new Error(`invalid port: ${problem}`);
    return PortSet.port(protocol ?? Protocol.TCP, port);
  }
  const problem = port._problem();
  if (problem) throw new Error(`invalid port ${port}: ${problem}`);
  if (protocol !== undefined && protocol !== port.protocol) {
    throw new Error(`port ${port} is ${port.protocol}, but protocol ${protocol} was given as well; a Port carries its own protocol`);
  }
  const numbered = port._portSet();
  if (numbered) return numbered;
  // A named port: the numbers the destination's pods give that name for the protocol.
  const classes = to.kind === 'peer' ? to.classes.map(c => analyzer.cluster.classes[c]) : [];
  let ports = PortSet.NONE;
  for (const cls of classes) {
    for (const p of cls.ports) if (p.name === port.name && p.protocol === port.protocol) ports = ports.union(PortSet.port(p.protocol, p.port));
  }
  if (ports.isEmpty) throw new Error(`${to.peer.name} has no container port named '${port.name}' (${port.protocol}), so ${port} names no port of it`);
  return ports;
}

/** The ports allowed from one endpoint to another (both sides), as the connection list computes them. */
export function endpointPorts(analyzer: Analyzer, from: Endpoint, to: Endpoint): PortSet {
  const conn = analyzer.connectivity;
  if (to.kind === 'ingress-controller') return PortSet.NONE;
  if (from.kind === 'external' && to.kind === 'external') return PortSet.NONE;
  if (from.kind === 'representative' || to.kind === 'representative') return exposurePorts(analyzer, from, to);
  let ports = PortSet.NONE;
  if (from.kind === 'peer' && to.kind === 'peer') {
    // Within one workload this is between two of its pods.
    for (const s of from.classes) for (const d of to.classes) ports = ports.union(conn.classPorts(s, d));
    return ports;
  }
  const all = analyzer.space.familySpans();
  if (from.kind === 'peer' && to.kind === 'external') {
    for (const s of from.classes) ports = ports.union(grantsAt(conn.egressAtomGrants(s, all), to.atom));
    return ports;
  }
  if (from.kind === 'external' && to.kind === 'peer') {
    for (const d of to.classes) ports = ports.union(grantsAt(conn.ingressAtomGrants(d, all), from.atom));
    return ports;
  }
  if (from.kind === 'ingress-controller' && to.kind === 'peer') {
    for (const d of to.classes) ports = ports.union(backendPortsOf(analyzer, from.backends, d).intersect(conn.ingressFromAnyPod(d)));
  }
  return ports;
}

/**
 * Between a workload and a representative peer: its exposure connection with that peer, else (as
 * every namespace includes this one) with `entire-cluster`. Named ports, kept as names, are not numbers.
 */
function exposurePorts(analyzer: Analyzer, from: Endpoint, to: Endpoint): PortSet {
  const rep = from.kind === 'representative' ? from.peer : to.peer;
  const workload = from.kind === 'representative' ? to : from;
  if (workload.kind !== 'peer' || (from.kind === 'representative') === (to.kind === 'representative')) return PortSet.NONE;
  const egress = to.kind === 'representative';
  const find = (peer: ConnectionPeer) => analyzer.exposure.connections.find(c =>
    (egress ? c.source === workload.peer && c.destination.sameAs(peer) : c.destination === workload.peer && c.source.sameAs(peer)));
  return (find(rep) ?? find(ConnectionPeer.ENTIRE_CLUSTER))?._ports ?? PortSet.NONE;
}

function grantsAt(grants: ReadonlyArray<{ first: number; last: number; ports: PortSet }>, atom: number): PortSet {
  let ports = PortSet.NONE;
  for (const g of grants) if (g.first <= atom && atom <= g.last) ports = ports.union(g.ports);
  return ports;
}

/** The Ingress objects and Routes that send traffic to a class, with the ports they use. */
function backendsOf(analyzer: Analyzer, backends: readonly BackendRef[], d: number): Array<{ via: string; ports: PortSet }> {
  const cls = analyzer.cluster.classes[d];
  const out: Array<{ via: string; ports: PortSet }> = [];
  for (const ref of backends) {
    const service = analyzer.model.services.find(s => s.namespace === ref.namespace && s.name === ref.service);
    if (!service || !serviceSelects(service, cls)) continue;
    out.push({ via: ref.via, ports: backendPorts(ref, service, cls) });
  }
  return out;
}

function backendPortsOf(analyzer: Analyzer, backends: readonly BackendRef[], d: number): PortSet {
  return backendsOf(analyzer, backends, d).reduce((ports, b) => ports.union(b.ports), PortSet.NONE);
}

interface SideVerdict {
  readonly allowed: boolean;
  readonly isolated: boolean;
  readonly policies: string[];
  readonly rules: RuleReference[];
  readonly adminRule?: RuleReference;
  readonly reason: string;
}

export function explainConnection(analyzer: Analyzer, from: Endpoint, to: Endpoint, port: number, protocol: Protocol): ConnectionExplanation {
  const conn = `${protocol} ${port}`;
  // With several pod classes on a side, explain the first pair that allows it (or the first pair).
  const pairs: Array<[number | undefined, number | undefined]> = [];
  const srcClasses = from.kind === 'peer' ? from.classes : [undefined];
  const dstClasses = to.kind === 'peer' ? to.classes : [undefined];
  for (const s of srcClasses) for (const d of dstClasses) pairs.push([s, d]);
  let chosen: { egress: SideVerdict; ingress: SideVerdict } | undefined;
  for (const [s, d] of pairs) {
    const egress = egressVerdict(analyzer, from, to, s, d, port, protocol);
    const ingress = ingressVerdict(analyzer, from, to, s, d, port, protocol);
    if (!chosen) chosen = { egress, ingress };
    if (egress.allowed && ingress.allowed) {
      chosen = { egress, ingress };
      break;
    }
  }
  const { egress, ingress } = chosen!;
  const allowed = egress.allowed && ingress.allowed;
  const side = (peer: ConnectionPeer, v: SideVerdict): SideExplanation => ({
    peer, allowed: v.allowed, isolated: v.isolated, policies: v.policies, allowingRules: v.rules, adminRule: v.adminRule, reason: v.reason,
  });
  const egressSide = side(from.peer, egress);
  const ingressSide = side(to.peer, ingress);
  const text = [
    `${printable(from.peer.name)} => ${printable(to.peer.name)} : ${conn} is ${allowed ? 'ALLOWED' : 'DENIED'}`,
    `  egress of ${printable(from.peer.name)}: ${egress.allowed ? 'allows' : 'denies'}: ${printable(egress.reason)}`,
    `  ingress of ${printable(to.peer.name)}: ${ingress.allowed ? 'allows' : 'denies'}: ${printable(ingress.reason)}`,
  ].join('\n') + '\n';
  return { source: from.peer, destination: to.peer, port, protocol, allowed, egress: egressSide, ingress: ingressSide, text };
}

function describeRules(rules: RuleReference[]): string {
  return rules.map(r => `${r.policy} (${r.direction} rule ${r.ruleIndex})`).join(', ');
}

function ruleRef(rule: CompiledRule): RuleReference {
  return { policy: rule.policy.id, direction: rule.direction, ruleIndex: rule.model.index };
}

function atomIn(spans: ReadonlyArray<readonly [number, number]>, atom: number): boolean {
  return spans.some(([a, b]) => a <= atom && atom <= b);
}

function sideVerdict(side: ClassSide, direction: 'ingress' | 'egress', matching: CompiledRule[], exemptReason: string | undefined,
  what: string): SideVerdict {
  if (exemptReason) return { allowed: true, isolated: false, policies: [], rules: [], reason: exemptReason };
  const policies = side.policies.map(p => p.id);
  if (!side.isolated) {
    const type = direction === 'ingress' ? 'Ingress' : 'Egress';
    return { allowed: true, isolated: false, policies, rules: [], reason: `not isolated: no NetworkPolicy selects it for ${type}, so all ${direction} is allowed` };
  }
  const rules = matching.map(ruleRef);
  if (rules.length > 0) return { allowed: true, isolated: true, policies, rules, reason: `allowed by ${describeRules(rules)}` };
  return {
    allowed: false,
    isolated: true,
    policies,
    rules: [],
    reason: `isolated by ${policies.join(', ')}, and no ${direction} rule of ${policies.length === 1 ? 'it' : 'them'} allows ${what}`,
  };
}

function egressVerdict(analyzer: Analyzer, from: Endpoint, to: Endpoint, s: number | undefined, d: number | undefined,
  port: number, protocol: Protocol): SideVerdict {
  const what = `${protocol} ${port} to ${to.peer.name}`;
  if (from.kind === 'external') {
    return { allowed: true, isolated: false, policies: [], rules: [], reason: 'addresses outside the cluster are not subject to NetworkPolicies' };
  }
  if (from.kind === 'ingress-controller') {
    return { allowed: true, isolated: false, policies: [], rules: [], reason: `${from.what} is not among the manifests: its egress is assumed open` };
  }
  const conn = analyzer.connectivity;
  const side = conn.egressSides[s!];
  const src = analyzer.cluster.classes[s!];
  const exempt = src.nodeTraffic ? 'runs on the host network: NetworkPolicies do not apply to it' : undefined;
  const matching = side.rules.filter(rule => {
    if (to.kind === 'external') {
      return (rule.peers.everything || atomIn(rule.peers.atoms, to.atom)) && rule.numericPorts.contains(port, protocol);
    }
    if (to.kind !== 'peer') return false;
    const dst = analyzer.cluster.classes[d!];
    const reaches = rule.peers.everything || rule.peers.classes.has(d!)
      || (rule.peers.allPods && !dst.nodeTraffic);
    return reaches && rulePorts(rule, dst).contains(port, protocol);
  });
  const verdict = sideVerdict(side, 'egress', matching, exempt, what);
  if (exempt) return verdict;
  const adminMatches = (r: CompiledAdminRule) => (to.kind === 'external' ? atomIn(r.atoms, to.atom) : to.kind === 'peer' && r.classes.has(d!));
  const dstClass = to.kind === 'peer' ? analyzer.cluster.classes[d!] : undefined;
  return withAdmin(analyzer, s!, 'egress', verdict, adminMatches, dstClass, port, protocol, what);
}

/** The side's verdict when an admin rule decides it. */
function decidedByAdmin(np: SideVerdict, r: CompiledAdminRule, reason: string): SideVerdict {
  const allowed = r.action === 'Allow';
  return { ...np, allowed, rules: allowed ? [adminRef(r)] : [], adminRule: adminRef(r), reason };
}

function verdictOf(r: CompiledAdminRule): string {
  return r.action === 'Allow' ? 'allowed' : 'denied';
}

/**
 * The side's verdict with admin policies: an ANP rule (by priority) decides first; what it passes or
 * leaves goes to NetworkPolicies (the verdict given), and where they do not isolate the peer, to the BANP.
 */
function withAdmin(analyzer: Analyzer, c: number, direction: 'ingress' | 'egress', np: SideVerdict,
  matches: (r: CompiledAdminRule) => boolean, dst: Parameters<typeof rulePorts>[1], port: number, protocol: Protocol, what: string): SideVerdict {
  const admin = analyzer.admin;
  if (!admin) return np;
  const { anp, banp } = admin.rulesOf(c, direction);
  const anpResult = admin.anpVerdict(anp, matches, dst, port, protocol);
  if (anpResult.decided) {
    const r = anpResult.decided;
    return decidedByAdmin(np, r, `${verdictOf(r)} by ${describeAdminRule(r)}, which takes precedence over NetworkPolicies`);
  }
  const passed = anpResult.passedBy ? `passed by ${describeAdminRule(anpResult.passedBy)} to NetworkPolicies; ` : '';
  const passRef = anpResult.passedBy ? adminRef(anpResult.passedBy) : undefined;
  if (np.isolated) return { ...np, adminRule: passRef, reason: passed + np.reason };
  const base = admin.anpVerdict(banp, matches, dst, port, protocol);
  if (base.decided) {
    const r = base.decided;
    return decidedByAdmin(np, r, `${passed}no NetworkPolicy selects it for ${direction === 'ingress' ? 'Ingress' : 'Egress'}, so the baseline decides: `
      + `${verdictOf(r)} by ${describeAdminRule(r)}`);
  }
  if (anp.length === 0 && banp.length === 0) return np;
  return { ...np, adminRule: passRef, reason: `${passed}no admin policy rule matches ${what}; ${np.reason}` };
}

function adminRef(rule: CompiledAdminRule): RuleReference {
  return { policy: rule.policy.id, direction: rule.direction, ruleIndex: rule.model.index, action: rule.action };
}

function ingressVerdict(analyzer: Analyzer, from: Endpoint, to: Endpoint, s: number | undefined, d: number | undefined,
  port: number, protocol: Protocol): SideVerdict {
  const what = `${protocol} ${port} from ${from.peer.name}`;
  if (to.kind !== 'peer') {
    return { allowed: true, isolated: false, policies: [], rules: [], reason: 'addresses outside the cluster are not subject to NetworkPolicies' };
  }
  const conn = analyzer.connectivity;
  const side = conn.ingressSides[d!];
  const dst = analyzer.cluster.classes[d!];
  const exempt = dst.nodeTraffic ? 'runs on the host network: NetworkPolicies do not apply to it' : undefined;
  let via = '';
  if (from.kind === 'ingress-controller') {
    const routes = [...new Set(backendsOf(analyzer, from.backends, d!).filter(b => b.ports.contains(port, protocol)).map(b => b.via))];
    if (routes.length === 0) {
      return {
        allowed: false,
        isolated: side.isolated,
        policies: side.policies.map(p => p.id),
        rules: [],
        reason: `no ${from.peer.kind === PeerKind.GATEWAY ? 'accepted HTTPRoute or GRPCRoute' : 'Ingress or Route'} sends ${protocol} ${port} to it, so ${from.what} does not connect`,
      };
    }
    via = ` (traffic sent by ${routes.join(', ')})`;
  }
  const matching = side.rules.filter(rule => {
    if (!rulePorts(rule, dst).contains(port, protocol)) return false;
    if (rule.peers.everything) return true;
    if (from.kind === 'external') return atomIn(rule.peers.atoms, from.atom);
    if (from.kind === 'ingress-controller') return rule.peers.allPods;
    const src = analyzer.cluster.classes[s!];
    return rule.peers.classes.has(s!) || (rule.peers.allPods && !src.nodeTraffic);
  });
  let verdict = sideVerdict(side, 'ingress', matching, exempt, what);
  if (!exempt) {
    const adminMatches = (r: CompiledAdminRule) => (from.kind === 'peer' ? r.classes.has(s!) : from.kind === 'ingress-controller' && r.allPods);
    verdict = withAdmin(analyzer, d!, 'ingress', verdict, adminMatches, dst, port, protocol, what);
  }
  return via ? { ...verdict, reason: verdict.reason + via } : verdict;
}
