/**
 * Explains one connection: for the source's egress and the destination's ingress, which policies
 * select the peer and which of their rules allow the port, or why nothing does.
 */
import { Protocol } from '../../kube/protocol';
import { ConnectionExplanation, RuleReference, SideExplanation } from '../explanation';
import { Analyzer, INGRESS_CONTROLLER } from './analyzer';
import { backendPorts, ClassSide, serviceSelects } from './connectivity';
import { CompiledRule, rulePorts } from './policies';
import { IpRange, parseAddressText } from '../../kube/ip';
import { PortSet } from '../../kube/ports';

export type Endpoint =
  | { readonly kind: 'peer'; readonly name: string; readonly classes: readonly number[] }
  | { readonly kind: 'external'; readonly name: string; readonly atom: number; readonly range: IpRange }
  | { readonly kind: 'ingress-controller'; readonly name: string };

/** Resolves a peer name (`ns/name[Kind]`, or `ns/name` when unambiguous), an address, a CIDR or a range. */
export function resolveEndpoint(analyzer: Analyzer, text: string): Endpoint {
  const name = text.trim();
  if (name === INGRESS_CONTROLLER && analyzer.usesIngressControllerPlaceholder) return { kind: 'ingress-controller', name };
  const peer = analyzer.cluster.peerByName(name)
    ?? unique(analyzer.cluster.peers.filter(p => p.name.startsWith(`${name}[`)));
  if (peer) return { kind: 'peer', name: peer.name, classes: peer.classes };
  const range = parseAddressText(name);
  // Any address is answerable: one outside every range a policy names is in the atom around it.
  if (range) return { kind: 'external', name, atom: analyzer.space.atomOf(range.family, range.lo), range };
  const known = analyzer.cluster.peers.map(p => p.name).sort();
  const shown = known.slice(0, 20).join(', ') + (known.length > 20 ? `, ... (${known.length} in all)` : '');
  throw new Error(`unknown peer '${name}': expected a workload (ns/name[Kind]), an IP address, CIDR or range`
    + `${analyzer.usesIngressControllerPlaceholder ? ` or ${INGRESS_CONTROLLER}` : ''}; workloads: ${shown || 'none'}`);
}

function unique<T>(list: T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}

/** The ports allowed from one endpoint to another (both sides), as the connection list computes them. */
export function endpointPorts(analyzer: Analyzer, from: Endpoint, to: Endpoint): PortSet {
  const conn = analyzer.connectivity;
  if (to.kind === 'ingress-controller') return PortSet.NONE;
  if (from.kind === 'external' && to.kind === 'external') return PortSet.NONE;
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
    for (const d of to.classes) ports = ports.union(backendPortsOf(analyzer, d).intersect(conn.ingressFromAnyPod(d)));
  }
  return ports;
}

function grantsAt(grants: ReadonlyArray<{ first: number; last: number; ports: PortSet }>, atom: number): PortSet {
  let ports = PortSet.NONE;
  for (const g of grants) if (g.first <= atom && atom <= g.last) ports = ports.union(g.ports);
  return ports;
}

/** The Ingress objects and Routes that send traffic to a class, with the ports they use. */
function backendsOf(analyzer: Analyzer, d: number): Array<{ via: string; ports: PortSet }> {
  const cls = analyzer.cluster.classes[d];
  const out: Array<{ via: string; ports: PortSet }> = [];
  for (const ref of analyzer.model.backends) {
    const service = analyzer.model.services.find(s => s.namespace === ref.namespace && s.name === ref.service);
    if (!service || !serviceSelects(service, cls)) continue;
    out.push({ via: ref.via, ports: backendPorts(ref, service, cls) });
  }
  return out;
}

function backendPortsOf(analyzer: Analyzer, d: number): PortSet {
  return backendsOf(analyzer, d).reduce((ports, b) => ports.union(b.ports), PortSet.NONE);
}

interface SideVerdict {
  readonly allowed: boolean;
  readonly isolated: boolean;
  readonly policies: string[];
  readonly rules: RuleReference[];
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
  const side = (peer: string, v: SideVerdict): SideExplanation => ({
    peer, allowed: v.allowed, isolated: v.isolated, policies: v.policies, allowingRules: v.rules, reason: v.reason,
  });
  const egressSide = side(from.name, egress);
  const ingressSide = side(to.name, ingress);
  const text = [
    `${from.name} => ${to.name} : ${conn} is ${allowed ? 'ALLOWED' : 'DENIED'}`,
    `  egress of ${from.name}: ${egress.allowed ? 'allows' : 'denies'}: ${egress.reason}`,
    `  ingress of ${to.name}: ${ingress.allowed ? 'allows' : 'denies'}: ${ingress.reason}`,
  ].join('\n') + '\n';
  return { source: from.name, destination: to.name, port, protocol, allowed, egress: egressSide, ingress: ingressSide, text };
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
  const what = `${protocol} ${port} to ${to.name}`;
  if (from.kind === 'external') {
    return { allowed: true, isolated: false, policies: [], rules: [], reason: 'addresses outside the cluster are not subject to NetworkPolicies' };
  }
  if (from.kind === 'ingress-controller') {
    return { allowed: true, isolated: false, policies: [], rules: [], reason: 'the ingress controller is not among the manifests: its egress is assumed open' };
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
  return sideVerdict(side, 'egress', matching, exempt, what);
}

function ingressVerdict(analyzer: Analyzer, from: Endpoint, to: Endpoint, s: number | undefined, d: number | undefined,
  port: number, protocol: Protocol): SideVerdict {
  const what = `${protocol} ${port} from ${from.name}`;
  if (to.kind !== 'peer') {
    return { allowed: true, isolated: false, policies: [], rules: [], reason: 'addresses outside the cluster are not subject to NetworkPolicies' };
  }
  const conn = analyzer.connectivity;
  const side = conn.ingressSides[d!];
  const dst = analyzer.cluster.classes[d!];
  const exempt = dst.nodeTraffic ? 'runs on the host network: NetworkPolicies do not apply to it' : undefined;
  let via = '';
  if (from.kind === 'ingress-controller') {
    const routes = [...new Set(backendsOf(analyzer, d!).filter(b => b.ports.contains(port, protocol)).map(b => b.via))];
    if (routes.length === 0) {
      return {
        allowed: false,
        isolated: side.isolated,
        policies: side.policies.map(p => p.id),
        rules: [],
        reason: `no Ingress or Route sends ${protocol} ${port} to it, so the ingress controller does not connect`,
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
  const verdict = sideVerdict(side, 'ingress', matching, exempt, what);
  return via ? { ...verdict, reason: verdict.reason + via } : verdict;
}
