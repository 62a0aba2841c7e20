/**
 * AdminNetworkPolicies and the BaselineAdminNetworkPolicy compiled against the cluster, and how they
 * combine with NetworkPolicies on one side (a source's egress or a destination's ingress):
 *
 * 1. ANP rules of the policies selecting the pod, by priority (lower first; equal priorities by name),
 *    each policy's rules in order: the first rule whose peer and port match decides the port:
 *    Allow or Deny ends it, Pass skips the remaining ANPs.
 * 2. Ports no ANP rule decided (or passed): NetworkPolicies decide when they isolate the pod.
 * 3. Otherwise the BANP's rules, in order (Allow or Deny), and what no rule matches is allowed.
 *
 * Ports are sets, so one walk over the rules decides every port at once.
 */
import { Cluster, PodClass } from './cluster';
import { SegmentGrant } from './connectivity';
import { ExternalSpace } from './external-space';
import { mergeSpans, PolicyCompiler } from './policies';
import { AdminAction, AdminPolicy, AdminRule } from '../../kube/admin-policies';
import { IpRange } from '../../kube/ip';
import { PortSet } from '../../kube/ports';
import { Protocol } from '../../kube/protocol';
import { LabelSelector } from '../../kube/selectors';
import { NodeModel } from '../model/objects';

export interface CompiledAdminPolicy {
  readonly model: AdminPolicy;
  /** `AdminNetworkPolicy NAME` or `BaselineAdminNetworkPolicy default`. */
  readonly id: string;
  readonly baseline: boolean;
  readonly selected: ReadonlySet<number>;
  readonly ingress: readonly CompiledAdminRule[];
  readonly egress: readonly CompiledAdminRule[];
}

export interface CompiledAdminRule {
  readonly policy: CompiledAdminPolicy;
  readonly direction: 'ingress' | 'egress';
  readonly model: AdminRule;
  readonly action: AdminAction;
  /** Classes the pods/namespaces peers match (and pods whose addresses the networks hold, when ipBlocks match pods). */
  readonly classes: ReadonlySet<number>;
  /** A peer matches every pod of every namespace (so also a pod the input does not show). */
  readonly allPods: boolean;
  /** Global address atoms of `networks` and of the matching Nodes' addresses, sorted `[first, last]`. */
  readonly atoms: ReadonlyArray<readonly [number, number]>;
  /** Numeric ports and ranges (everything when the rule has no ports). */
  readonly numericPorts: PortSet;
  /** Named ports, resolved on the destination pod, any protocol. */
  readonly namedPorts: readonly string[];
}

/** What the admin layer of one side decided: ports allowed and denied by ANPs, and what the BANP denies. */
interface SideDecision {
  readonly anpAllow: PortSet;
  readonly anpDeny: PortSet;
  readonly banpDeny: PortSet;
}

/** The rule that decides one port on one side, if an admin rule does. */
export interface AdminVerdict {
  readonly rule: CompiledAdminRule;
  /** ANP rules that passed the port on the way (the first one), if any. */
  readonly passedBy?: CompiledAdminRule;
}

export interface AdminCompileOptions {
  readonly ipBlocksMatchPods: boolean;
}

export class AdminLayer {
  readonly policies: CompiledAdminPolicy[] = [];
  /** Per class: the ANP rules applying to its egress / ingress, in evaluation order. */
  private readonly egressAnp: CompiledAdminRule[][];
  private readonly ingressAnp: CompiledAdminRule[][];
  private readonly egressBanp: CompiledAdminRule[][];
  private readonly ingressBanp: CompiledAdminRule[][];
  /** source class -> destinations some ANP Allow rule may open (candidates for the pair enumeration). */
  private readonly allowTargets = new Map<number, Set<number>>();

  constructor(private readonly cluster: Cluster, compiler: PolicyCompiler, space: ExternalSpace,
    models: readonly AdminPolicy[], nodes: readonly NodeModel[], options: AdminCompileOptions, warnings: string[]) {
    const n = cluster.classes.length;
    const lists = () => Array.from({ length: n }, (): CompiledAdminRule[] => []);
    this.egressAnp = lists();
    this.ingressAnp = lists();
    this.egressBanp = lists();
    this.ingressBanp = lists();
    const anps = models.filter(m => m.kind === 'AdminNetworkPolicy')
      .sort((a, b) => a.priority! - b.priority! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const byPriority = new Map<number, string[]>();
    for (const m of anps) byPriority.set(m.priority!, [...byPriority.get(m.priority!) ?? [], m.name]);
    for (const [priority, names] of byPriority) {
      if (names.length > 1) {
        warnings.push(`AdminNetworkPolicies ${names.join(', ')} have the same priority ${priority}: which one takes precedence is undefined; `
          + 'they are evaluated in order of name');
      }
    }
    const compileOne = (m: AdminPolicy) => {
      const selected = new Set(compiler.selectPods(m.subject.namespaceSelector, m.subject.podSelector));
      const policy: { -readonly [K in keyof CompiledAdminPolicy]: CompiledAdminPolicy[K] } = {
        model: m, id: `${m.kind} ${m.name}`, baseline: m.kind === 'BaselineAdminNetworkPolicy', selected, ingress: [], egress: [],
      };
      const rule = (r: AdminRule, direction: 'ingress' | 'egress'): CompiledAdminRule => {
        const classes = new Set<number>();
        let allPods = false;
        const atoms: Array<[number, number]> = [];
        for (const peer of r.peers) {
          if (peer.pods) {
            if (peer.pods.namespaceSelector.isEmpty && peer.pods.podSelector.isEmpty) allPods = true;
            for (const c of compiler.selectPods(peer.pods.namespaceSelector, peer.pods.podSelector)) classes.add(c);
          }
          const ranges: IpRange[] = [...peer.networks ?? []];
          if (peer.nodes) {
            const matched = nodes.filter(node => peer.nodes!.matches(node.labels));
            if (matched.every(node => node.ips.length === 0)) {
              warnings.push(`${policy.id} ${direction} rule ${r.index}${r.name ? ` '${r.name}'` : ''}: its nodes peer (${describeSelector(peer.nodes)}) `
                + 'matches no Node with addresses in the input, so it matches no address');
            }
            for (const node of matched) ranges.push(...node.ips);
          }
          for (const range of ranges) {
            const [a, b] = space.span(range);
            atoms.push([a, b]);
            for (let i = a; i <= b; i++) {
              for (const c of cluster.classesByAtom.get(i) ?? []) {
                if (options.ipBlocksMatchPods || cluster.classes[c].nodeTraffic) classes.add(c);
              }
            }
          }
        }
        const numericPorts = r.ports === undefined ? PortSet.ALL : r.ports.reduce((set, p) => set.union(p._portSet() ?? PortSet.NONE), PortSet.NONE);
        return {
          policy,
          direction,
          model: r,
          action: r.action,
          classes,
          allPods,
          atoms: mergeSpans(atoms),
          numericPorts,
          namedPorts: r.namedPorts,
        };
      };
      policy.ingress = m.ingress.map(r => rule(r, 'ingress'));
      policy.egress = m.egress.map(r => rule(r, 'egress'));
      this.policies.push(policy);
      return policy;
    };
    for (const m of anps) {
      const p = compileOne(m);
      for (const c of p.selected) {
        if (cluster.classes[c].nodeTraffic) continue;
        this.egressAnp[c].push(...p.egress);
        this.ingressAnp[c].push(...p.ingress);
        for (const r of p.egress) if (r.action === 'Allow') this.addTargets(c, r.classes);
        for (const r of p.ingress) if (r.action === 'Allow') for (const s of r.classes) this.addTargets(s, [c]);
      }
    }
    for (const m of models.filter(x => x.kind === 'BaselineAdminNetworkPolicy')) {
      const p = compileOne(m);
      for (const c of p.selected) {
        if (cluster.classes[c].nodeTraffic) continue;
        this.egressBanp[c].push(...p.egress);
        this.ingressBanp[c].push(...p.ingress);
      }
    }
  }

  get isEmpty(): boolean {
    return this.policies.length === 0;
  }

  private addTargets(s: number, targets: Iterable<number>): void {
    let set = this.allowTargets.get(s);
    if (!set) this.allowTargets.set(s, set = new Set());
    for (const d of targets) set.add(d);
  }

  /** Destinations an ANP Allow rule may open to class `s` beyond what NetworkPolicies allow. */
  extraDestinations(s: number): Iterable<number> {
    return this.allowTargets.get(s) ?? [];
  }

  /** ANP rules then BANP rules of a class's side, in evaluation order. */
  rulesOf(c: number, direction: 'ingress' | 'egress'): { anp: readonly CompiledAdminRule[]; banp: readonly CompiledAdminRule[] } {
    return direction === 'egress'
      ? { anp: this.egressAnp[c], banp: this.egressBanp[c] }
      : { anp: this.ingressAnp[c], banp: this.ingressBanp[c] };
  }

  /** Ports class `s` may send to class `d`, given what its NetworkPolicies allow (`np`, ALL when not isolated). */
  egressPorts(s: number, d: number, np: () => PortSet, npIsolated: boolean): PortSet {
    const dst = this.cluster.classes[d];
    return this.combine(this.egressAnp[s], this.egressBanp[s], r => r.classes.has(d), dst, np, npIsolated);
  }

  /** Ports class `d` accepts from class `s`. */
  ingressPorts(d: number, s: number, np: () => PortSet, npIsolated: boolean): PortSet {
    const dst = this.cluster.classes[d];
    return this.combine(this.ingressAnp[d], this.ingressBanp[d], r => r.classes.has(s), dst, np, npIsolated);
  }

  /** Ports class `d` accepts from a pod the input does not show: only rules matching every pod match it. */
  ingressFromAnyPod(d: number, np: () => PortSet, npIsolated: boolean): PortSet {
    const dst = this.cluster.classes[d];
    return this.combine(this.ingressAnp[d], this.ingressBanp[d], r => r.allPods, dst, np, npIsolated);
  }

  /** Address segments class `s` may send to, from NetworkPolicies' grants (over every atom when not isolated). */
  egressAtomGrants(s: number, all: ReadonlyArray<readonly [number, number]>, npGrants: SegmentGrant[], npIsolated: boolean): SegmentGrant[] {
    const anp = this.egressAnp[s].filter(r => r.atoms.length > 0);
    const banp = npIsolated ? [] : this.egressBanp[s].filter(r => r.atoms.length > 0);
    if (anp.length === 0 && banp.length === 0) return npGrants;
    const bounds = new Set<number>();
    for (const [a, b] of all) {
      bounds.add(a);
      bounds.add(b + 1);
    }
    for (const g of npGrants) {
      bounds.add(g.first);
      bounds.add(g.last + 1);
    }
    for (const r of [...anp, ...banp]) {
      for (const [a, b] of r.atoms) {
        bounds.add(a);
        bounds.add(b + 1);
      }
    }
    const sorted = [...bounds].sort((x, y) => x - y);
    const out: SegmentGrant[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const first = sorted[i];
      const last = sorted[i + 1] - 1;
      if (!all.some(([a, b]) => a <= first && last <= b)) continue;
      const np = () => npGrants.filter(g => g.first <= first && last <= g.last).reduce((p, g) => p.union(g.ports), PortSet.NONE);
      const inside = (r: CompiledAdminRule) => r.atoms.some(([a, b]) => a <= first && last <= b);
      const ports = this.combine(anp, banp, inside, undefined, np, npIsolated);
      if (!ports.isEmpty) out.push({ first, last, ports });
    }
    return out;
  }

  /**
   * The side's allowed ports: ANP Allow, then (for what no ANP decided) NetworkPolicies or the BANP.
   * `matches` tells whether a rule's peer matches the other side (a class, an address, or a
   * representative peer of the exposure analysis); `dst` resolves named ports (none for addresses).
   */
  combine(anp: readonly CompiledAdminRule[], banp: readonly CompiledAdminRule[], matches: (r: CompiledAdminRule) => boolean,
    dst: PodClass | undefined, np: () => PortSet, npIsolated: boolean): PortSet {
    if (anp.length === 0 && (npIsolated || banp.length === 0)) return np();
    const d = this.decide(anp, npIsolated ? [] : banp, matches, dst);
    const rest = PortSet.ALL.minus(d.anpAllow).minus(d.anpDeny);
    const lower = npIsolated ? np() : PortSet.ALL.minus(d.banpDeny);
    return d.anpAllow.union(rest.intersect(lower));
  }

  private decide(anp: readonly CompiledAdminRule[], banp: readonly CompiledAdminRule[], matches: (r: CompiledAdminRule) => boolean,
    dst: PodClass | undefined): SideDecision {
    let remaining = PortSet.ALL;
    let anpAllow = PortSet.NONE;
    let anpDeny = PortSet.NONE;
    for (const r of anp) {
      if (remaining.isEmpty) break;
      if (!matches(r)) continue;
      const ports = adminRulePorts(r, dst).intersect(remaining);
      if (ports.isEmpty) continue;
      remaining = remaining.minus(ports);
      if (r.action === 'Allow') anpAllow = anpAllow.union(ports);
      else if (r.action === 'Deny') anpDeny = anpDeny.union(ports);
      // Pass: decided here, left to NetworkPolicies and the BANP
    }
    let banpDeny = PortSet.NONE;
    remaining = PortSet.ALL;
    for (const r of banp) {
      if (remaining.isEmpty) break;
      if (!matches(r)) continue;
      const ports = adminRulePorts(r, dst).intersect(remaining);
      if (ports.isEmpty) continue;
      remaining = remaining.minus(ports);
      if (r.action === 'Deny') banpDeny = banpDeny.union(ports);
    }
    return { anpAllow, anpDeny, banpDeny };
  }

  /**
   * The ANP rule deciding one port (Allow or Deny), and the first ANP rule passing it, for explanations.
   * `matches` tells whether a rule's peer matches the other side.
   */
  anpVerdict(rules: readonly CompiledAdminRule[], matches: (r: CompiledAdminRule) => boolean, dst: PodClass | undefined,
    port: number, protocol: Protocol): { decided?: CompiledAdminRule; passedBy?: CompiledAdminRule } {
    for (const r of rules) {
      if (!matches(r) || !adminRulePorts(r, dst).contains(port, protocol)) continue;
      if (r.action === 'Pass') return { passedBy: r };
      return { decided: r };
    }
    return {};
  }
}

/** The ports a rule names towards one destination (named ports resolved on its pods; none for addresses). */
export function adminRulePorts(rule: CompiledAdminRule, dst: PodClass | undefined): PortSet {
  if (rule.namedPorts.length === 0 || !dst) return rule.numericPorts;
  let ports = rule.numericPorts;
  for (const name of rule.namedPorts) {
    for (const cp of dst.ports) if (cp.name === name) ports = ports.union(PortSet.port(cp.protocol, cp.port));
  }
  return ports;
}

/** `policy direction rule N 'name' (Action)`, for explanations. */
export function describeAdminRule(rule: CompiledAdminRule): string {
  const priority = rule.policy.baseline ? '' : ` (priority ${rule.policy.model.priority})`;
  return `${rule.policy.id}${priority} ${rule.direction} rule ${rule.model.index}${rule.model.name ? ` '${rule.model.name}'` : ''} (${rule.action})`;
}

function describeSelector(s: LabelSelector): string {
  return s.isEmpty ? 'every node' : s.toString();
}
