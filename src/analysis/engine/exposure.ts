/**
 * Exposure analysis, with netpol-analyzer's semantics: what each workload may reach, or be reached by,
 * among pods and namespaces that are NOT in the input. Every rule peer that selects pods by labels
 * stands for the pods it could match (a representative peer: its namespace selector, or the policy's
 * namespace, and its pod selector); rules that admit every namespace are `entire-cluster`.
 *
 * - A rule's peer matches a representative peer when its selectors are empty or have the same
 *   requirements (`app In [x]` = `app=x`); a selector that merely contains another does not match.
 * - A representative peer written with matchLabels only (specific namespaces and specific pods) is
 *   dropped when a known pod matches it: that pod's connections are in the connection list.
 * - Per workload and direction: not isolated = `entire-cluster : All Connections`; isolated = the
 *   connection to `entire-cluster` (rules admitting every namespace) and to each representative peer
 *   whose connection differs from it.
 * - Named ports stay names towards representative peers (egress); on ingress they resolve on the
 *   workload's own pods.
 *
 * - Admin network policies: their pods/namespaces peers are representative peers too, and each
 *   class's side goes through the admin layer (ANP by priority, then NetworkPolicies or the BANP)
 *   towards entire-cluster and each representative a rule names; a representative is listed when
 *   its connection differs from entire-cluster's, narrower (a Deny) included.
 *
 * Cost: one pass over the policies selecting each class, with representative peers looked up by
 * selector keys, so it follows rules and output, not workloads times representatives.
 */
import { AdminLayer, CompiledAdminPolicy, CompiledAdminRule } from './admin-policies';
import type { Analyzer } from './analyzer';
import type { PodClass } from './cluster';
import { CompiledPolicy, CompiledRule, rulePorts } from './policies';
import { NAMESPACE_NAME_LABEL } from '../../kube/labels';
import { PolicyPeer } from '../../kube/peers';
import { PortSet } from '../../kube/ports';
import { LabelSelector } from '../../kube/selectors';
import { AllowedConnection, NamedProtocolPort } from '../connection';
import { ConnectionPeer } from '../peer';

export type Direction = 'ingress' | 'egress';

/** A representative peer: the pods one rule peer could match among those the input does not show. */
interface Representative {
  readonly ref: ConnectionPeer;
  /** The policy's namespace for a rule peer without namespaceSelector, '' otherwise. */
  readonly namespace: string;
  /** The namespace selector (for a peer without one: the policy's namespace by name). */
  readonly nsSelector: LabelSelector;
  readonly podSelector?: LabelSelector;
  readonly nsKey: string;
  readonly podKey: string;
}

interface Ports {
  set: PortSet;
  named: NamedProtocolPort[];
}

/** One class's side: towards entire-cluster, and towards the representative peers its rules tell apart from it. */
interface ClassSide {
  /** No NetworkPolicy isolates it and no admin policy selecting it has rules for the direction (netpol-analyzer's report). */
  readonly unprotected: boolean;
  readonly entire: Ports;
  readonly reps: Map<Representative, Ports>;
}

export interface ExposureResult {
  /** Exposure connections (workload => representative on egress, representative => workload on ingress), sorted. */
  readonly connections: AllowedConnection[];
  /** Workloads not isolated in a direction, sorted by name. */
  readonly unprotected: ReadonlyArray<{ readonly peer: ConnectionPeer; readonly direction: Direction }>;
  /** Workloads the exposure section lists (exposed, or not isolated, in some direction). */
  readonly listed: ReadonlySet<ConnectionPeer>;
}

export function computeExposure(analyzer: Analyzer): ExposureResult {
  return new ExposureComputation(analyzer).run();
}

class ExposureComputation {
  private readonly reps = new Map<string, Representative>();
  private readonly byNamespace = new Map<string, Representative[]>();
  private readonly byNamespacePod = new Map<string, Representative[]>();
  private readonly byNsKey = new Map<string, Representative[]>();
  private readonly byPodKey = new Map<string, Representative[]>();
  private readonly matchCache = new Map<CompiledRule, Representative[]>();
  private readonly adminMatches = new Map<CompiledAdminRule, ReadonlySet<Representative>>();
  private readonly byClass = new Map<number, CompiledPolicy[]>();

  constructor(private readonly analyzer: Analyzer) {}

  run(): ExposureResult {
    const { cluster, policies, admin } = this.analyzer;
    for (const p of policies) this.generate(p);
    for (const p of admin?.policies ?? []) this.generateAdmin(p);
    this.removeKnown();
    for (const rep of this.reps.values()) {
      push(this.byNamespace, rep.namespace, rep);
      push(this.byNamespacePod, `${rep.namespace}\u0000${rep.podKey}`, rep);
      push(this.byNsKey, rep.nsKey, rep);
      push(this.byPodKey, rep.podKey, rep);
    }
    for (const p of policies) for (const c of p.selected) push(this.byClass, c, p);

    const connections: AllowedConnection[] = [];
    const unprotected: Array<{ peer: ConnectionPeer; direction: Direction }> = [];
    const listed = new Set<ConnectionPeer>();
    for (const peer of cluster.peers) {
      if (peer.platform) continue; // the platform's own policies are not in the input
      for (const direction of ['egress', 'ingress'] as const) {
        // A workload's pods with different labels: the union over their classes.
        const sides = peer.classes.map(c => this.classSide(c, direction));
        const entire: Ports = { set: PortSet.NONE, named: [] };
        const perRep = new Map<Representative, Ports>();
        for (const side of sides) {
          addPorts(entire, side.entire);
          for (const rep of side.reps.keys()) if (!perRep.has(rep)) perRep.set(rep, { set: PortSet.NONE, named: [] });
        }
        // A class that tells a representative from the rest of the cluster gives it its own ports, the others their entire-cluster ones.
        for (const [rep, acc] of perRep) for (const side of sides) addPorts(acc, side.reps.get(rep) ?? side.entire);
        const add = (rep: ConnectionPeer, ports: Ports) => {
          const named = sortNamed(ports.named);
          connections.push(direction === 'egress'
            ? AllowedConnection._of(peer.ref, rep, ports.set, named)
            : AllowedConnection._of(rep, peer.ref, ports.set, named));
          listed.add(peer.ref);
        };
        if (sides.some(s => s.unprotected)) unprotected.push({ peer: peer.ref, direction });
        if (!isEmptyPorts(entire)) add(ConnectionPeer.ENTIRE_CLUSTER, entire);
        // Listed when it differs from entire-cluster: more (a rule naming it) or less (an admin Deny naming it).
        for (const [rep, ports] of perRep) if (!samePorts(ports, entire)) add(rep.ref, ports);
      }
    }
    connections.sort((a, b) => cmp(a.source.name, b.source.name) || cmp(a.destination.name, b.destination.name));
    unprotected.sort((a, b) => cmp(a.peer.name, b.peer.name) || cmp(a.direction, b.direction));
    return { connections, unprotected, listed };
  }

  /**
   * One class's side towards pods the input does not show: the ports to (or from) `entire-cluster`, and
   * to each representative peer some rule of the side names. NetworkPolicies first (isolated: what
   * their rules allow; else everything), then the admin layer on top of them, as for known pods.
   */
  private classSide(c: number, direction: Direction): ClassSide {
    const { cluster, admin } = this.analyzer;
    const cls = cluster.classes[c];
    if (cls.nodeTraffic) return { unprotected: true, entire: allPorts(), reps: new Map() };
    const selecting = (this.byClass.get(c) ?? [])
      .filter(policy => (direction === 'ingress' ? policy.model.affectsIngress : policy.model.affectsEgress));
    const npIsolated = selecting.length > 0;
    const npEntire: Ports = { set: PortSet.NONE, named: [] };
    const npReps = new Map<Representative, Ports>();
    for (const policy of selecting) {
      for (const rule of policy[direction]) {
        const ports: Ports = direction === 'ingress'
          ? { set: rulePorts(rule, cls), named: [] }
          : { set: rule.numericPorts, named: rule.namedPorts.map(n => ({ protocol: n.protocol, name: n.name })) };
        if (ruleAdmitsEveryNamespace(rule)) {
          addPorts(npEntire, ports);
          continue;
        }
        for (const rep of this.matching(rule)) {
          let acc = npReps.get(rep);
          if (!acc) npReps.set(rep, acc = { set: PortSet.NONE, named: [] });
          addPorts(acc, ports);
        }
      }
    }
    for (const ports of npReps.values()) addPorts(ports, npEntire); // rules admitting every namespace admit this one too
    const { anp, banp } = admin?.rulesOf(c, direction) ?? { anp: [], banp: [] };
    const unprotected = !npIsolated && anp.length === 0 && banp.length === 0;
    const adminRules = [...anp, ...(npIsolated ? [] : banp)];
    if (!admin || adminRules.length === 0) {
      return npIsolated ? { unprotected, entire: npEntire, reps: npReps } : { unprotected, entire: allPorts(), reps: new Map() };
    }
    const side = (matches: (r: CompiledAdminRule) => boolean, np: Ports) =>
      sidePorts(admin, anp, banp, matches, direction === 'ingress' ? cls : undefined, np, npIsolated);
    const entire = side(r => r.allPods, npIsolated ? npEntire : allPorts());
    const candidates = new Set(npReps.keys());
    for (const r of adminRules) for (const rep of this.matchingAdmin(r)) candidates.add(rep);
    const reps = new Map<Representative, Ports>();
    for (const rep of candidates) {
      reps.set(rep, side(r => r.allPods || this.matchingAdmin(r).has(rep), npIsolated ? npReps.get(rep) ?? npEntire : allPorts()));
    }
    return { unprotected, entire, reps };
  }

  /** Representative peers of an admin policy's pods peers (those not matching every pod). */
  private generateAdmin(policy: CompiledAdminPolicy): void {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.model.peers) {
        const pods = peer.pods;
        if (!pods || pods.namespaceSelector.problem || pods.podSelector.problem) continue;
        if (pods.namespaceSelector.isEmpty && pods.podSelector.isEmpty) continue; // entire-cluster
        this.addRep(pods.namespaceSelector, pods.podSelector.isEmpty ? undefined : pods.podSelector);
      }
    }
  }

  private addRep(nsSelector: LabelSelector, podSelector: LabelSelector | undefined): void {
    const nsKey = selectorKey(nsSelector);
    const podKey = selectorKey(podSelector);
    const key = `${nsKey}/${podKey}`;
    if (this.reps.has(key)) return;
    this.reps.set(key, {
      ref: ConnectionPeer.representative(`${namespaceText(nsSelector)}/${podText(podSelector)}`),
      namespace: namespaceNamed(nsSelector) ?? '',
      nsSelector,
      podSelector,
      nsKey,
      podKey,
    });
  }

  /** The representative peers an admin rule's pods peers match (empty selectors match any, others the same requirements). */
  private matchingAdmin(rule: CompiledAdminRule): ReadonlySet<Representative> {
    const found = this.adminMatches.get(rule);
    if (found) return found;
    const out = new Set<Representative>();
    for (const peer of rule.model.peers) {
      const pods = peer.pods;
      if (!pods || pods.namespaceSelector.problem || pods.podSelector.problem) continue;
      const { namespaceSelector: ns, podSelector: pod } = pods;
      let candidates: Iterable<Representative>;
      if (ns.isEmpty) {
        candidates = pod.isEmpty ? this.reps.values() : this.byPodKey.get(selectorKey(pod)) ?? [];
      } else {
        const inNs = this.byNsKey.get(selectorKey(ns)) ?? [];
        candidates = pod.isEmpty ? inNs : inNs.filter(r => r.podKey === selectorKey(pod));
      }
      for (const r of candidates) out.add(r);
    }
    this.adminMatches.set(rule, out);
    return out;
  }

  /** Representative peers of a policy's rules, one per distinct (namespace selector, pod selector). */
  private generate(policy: CompiledPolicy): void {
    const { model } = policy;
    const rules = [...(model.affectsIngress ? policy.ingress : []), ...(model.affectsEgress ? policy.egress : [])];
    for (const rule of rules) {
      if (ruleAdmitsEveryNamespace(rule)) continue;
      for (const peer of rule.model.peers ?? []) {
        if (peer.ipBlock || !validPeer(peer)) continue;
        this.addRep(peer.namespaceSelector ?? LabelSelector.matchLabels({ [NAMESPACE_NAME_LABEL]: model.namespace }), peer.podSelector);
      }
    }
  }

  /** Drops representative peers of matchLabels-only selectors (specific namespaces and pods) that a known pod matches. */
  private removeKnown(): void {
    const { cluster } = this.analyzer;
    for (const [key, rep] of this.reps) {
      const pod = rep.podSelector;
      if (!pod || pod.isEmpty || rep.nsSelector.isEmpty) continue;
      if (![...pod.requirements, ...rep.nsSelector.requirements].every(r => r.fromMatchLabels)) continue;
      const first = pod.requirements[0];
      const candidates = cluster.labelIndex.get(first.key)?.get(first.values[0]) ?? [];
      const known = candidates.some(c => {
        const cls = cluster.classes[c];
        return !cls.nodeTraffic && pod.matches(cls.labels) && rep.nsSelector.matches(cluster.namespaceLabels(cls.namespace));
      });
      if (known) this.reps.delete(key);
    }
  }

  /** The representative peers a rule's peers match (empty selectors match any, others the same requirements). */
  private matching(rule: CompiledRule): Representative[] {
    let found = this.matchCache.get(rule);
    if (found) return found;
    const out = new Set<Representative>();
    for (const peer of rule.model.peers ?? []) {
      if (peer.ipBlock || !validPeer(peer)) continue;
      const pod = peer.podSelector;
      let candidates: Representative[];
      if (!peer.namespaceSelector) {
        const ns = rule.policy.model.namespace;
        candidates = !pod || pod.isEmpty ? this.byNamespace.get(ns) ?? [] : this.byNamespacePod.get(`${ns}\u0000${selectorKey(pod)}`) ?? [];
      } else if (peer.namespaceSelector.isEmpty) {
        candidates = pod && !pod.isEmpty ? this.byPodKey.get(selectorKey(pod)) ?? [] : [...this.reps.values()];
      } else {
        const nsKey = selectorKey(peer.namespaceSelector);
        const inNs = this.byNsKey.get(nsKey) ?? [];
        candidates = !pod || pod.isEmpty ? inNs : inNs.filter(r => r.podKey === selectorKey(pod));
      }
      for (const r of candidates) out.add(r);
    }
    found = [...out];
    this.matchCache.set(rule, found);
    return found;
  }
}

/** A rule with no peers, or a peer selecting every namespace (`namespaceSelector: {}`, no narrower podSelector). */
function ruleAdmitsEveryNamespace(rule: CompiledRule): boolean {
  const peers = rule.model.peers;
  if (peers === undefined) return true;
  return peers.some(p => !p.ipBlock && p.namespaceSelector !== undefined && p.namespaceSelector.isEmpty
    && (p.podSelector === undefined || p.podSelector.isEmpty));
}

function validPeer(peer: PolicyPeer): boolean {
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  return !peer.podSelector?.problem && !peer.namespaceSelector?.problem;
}

/** Requirements in a canonical order, values sorted (`In` with one value is `=`, as matchLabels write it). */
export function selectorKey(selector: LabelSelector | undefined): string {
  if (!selector) return '';
  return selector.requirements
    .map(r => `${r.key}\u0001${r.operator}\u0001${[...r.values].sort().join('\u0002')}`)
    .sort()
    .join('\u0000');
}

/** netpol-analyzer's text of a selector: matchLabels as `k=v,...`, then each expression as Go prints it. */
function selectorText(selector: LabelSelector): string {
  const labels = selector.requirements.filter(r => r.fromMatchLabels).map(r => `${r.key}=${r.values[0]}`).sort();
  const expressions = selector.requirements.filter(r => !r.fromMatchLabels)
    .map(r => `{Key:${r.key},Operator:${r.operator},Values:[${r.values.join(' ')}],}`).sort();
  return [...(labels.length > 0 ? [labels.join(',')] : []), ...expressions].join(',');
}

/** The namespace a selector names (`kubernetes.io/metadata.name: X` alone), if it names one. */
function namespaceNamed(selector: LabelSelector): string | undefined {
  const reqs = selector.requirements;
  return reqs.length === 1 && reqs[0].fromMatchLabels && reqs[0].key === NAMESPACE_NAME_LABEL ? reqs[0].values[0] : undefined;
}

function namespaceText(selector: LabelSelector): string {
  const named = namespaceNamed(selector);
  if (named !== undefined) return named;
  if (selector.isEmpty) return '[all namespaces]';
  return `[namespace with {${selectorText(selector)}}]`;
}

function podText(selector: LabelSelector | undefined): string {
  if (!selector || selector.isEmpty) return '[all pods]';
  return `[pod with {${selectorText(selector)}}]`;
}

function allPorts(): Ports {
  return { set: PortSet.ALL, named: [] };
}

/**
 * The admin layer on one side towards a representative peer: numeric ports as for known pods; on
 * egress, named ports stay names (the peer's pods are unknown), each decided by the first ANP rule
 * naming it (or every port), then NetworkPolicies (isolated) or the BANP.
 */
function sidePorts(admin: AdminLayer, anp: readonly CompiledAdminRule[], banp: readonly CompiledAdminRule[],
  matches: (r: CompiledAdminRule) => boolean, dst: PodClass | undefined, np: Ports, npIsolated: boolean): Ports {
  const set = admin.combine(anp, banp, matches, dst, () => np.set, npIsolated);
  if (dst || set.isAll) return { set, named: [] };
  const lower = npIsolated ? [] : banp;
  const tokens: NamedProtocolPort[] = [...np.named];
  for (const r of [...anp, ...lower]) {
    if (!matches(r)) continue;
    for (const name of r.namedPorts) if (!tokens.some(t => t.protocol === undefined && t.name === name)) tokens.push({ name });
  }
  const covers = (r: CompiledAdminRule, t: NamedProtocolPort) => matches(r) && (r.model.ports === undefined || r.namedPorts.includes(t.name));
  const allowed = (t: NamedProtocolPort): boolean => {
    const decided = anp.find(r => covers(r, t));
    if (decided && decided.action !== 'Pass') return decided.action === 'Allow';
    if (npIsolated) return np.set.isAll || np.named.some(n => n.name === t.name && n.protocol === t.protocol);
    const base = lower.find(r => covers(r, t));
    return !base || base.action === 'Allow';
  };
  return { set, named: tokens.filter(allowed) };
}

function addPorts(acc: Ports, more: Ports): void {
  acc.set = acc.set.union(more.set);
  for (const n of more.named) {
    if (!acc.named.some(m => m.name === n.name && m.protocol === n.protocol)) acc.named.push(n);
  }
}

function isEmptyPorts(p: Ports): boolean {
  return p.set.isEmpty && p.named.length === 0;
}

function samePorts(a: Ports, b: Ports): boolean {
  if (!a.set.equals(b.set)) return false;
  if (a.set.isAll) return true;
  const key = (p: Ports) => sortNamed(p.named).map(n => `${n.protocol ?? ''}/${n.name}`).join(',');
  return key(a) === key(b);
}

function sortNamed(named: readonly NamedProtocolPort[]): NamedProtocolPort[] {
  return [...named].sort((x, y) => cmp(x.protocol ?? '', y.protocol ?? '') || cmp(x.name, y.name));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
