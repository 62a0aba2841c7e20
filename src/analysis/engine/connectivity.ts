/**
 * Allowed connections between classes, addresses and the ingress controller. A connection needs the
 * source's egress AND the destination's ingress to allow it. Work is driven by what policies grant
 * (index of who admits whom), not by all pairs, except where the output itself is all pairs.
 */
import { AdminLayer } from './admin-policies';
import { Cluster, PodClass } from './cluster';
import { CompiledPolicy, CompiledRule, PeerSet, rulePorts } from './policies';
import { PortSet } from '../../kube/ports';
import { Protocol } from '../../kube/protocol';
import { BackendRef, ServiceModel, ServicePortModel } from '../model/objects';

/** One direction (ingress or egress) of one class. */
export interface ClassSide {
  /** Some policy selects the class for this direction (and policies apply to it). */
  isolated: boolean;
  /** Policies selecting the class for this direction. */
  readonly policies: CompiledPolicy[];
  /** Rules of those policies. */
  readonly rules: CompiledRule[];
}

export interface SegmentGrant {
  readonly first: number;
  readonly last: number;
  readonly ports: PortSet;
}

/**
 * Peer sets larger than this are not expanded into per-class entries (which would cost sources x
 * destinations memory for rules like "from every namespace labelled env=prod") but kept whole.
 */
const EXPAND_LIMIT = 32;

/** Per-class ingress, resolved against the class's own named ports. */
interface IngressIndex {
  wildPods: PortSet;
  wildAll: PortSet;
  /** Sources named by small peer sets. */
  readonly byClass: Map<number, PortSet>;
  /** Large peer sets, kept whole. */
  readonly bySet: Array<{ readonly set: PeerSet; readonly ports: PortSet }>;
  readonly atoms: SegmentGrant[];
}

/** Per-class egress; ports resolve against each destination, so rules are kept. */
interface EgressIndex {
  /** Rules reaching every pod (or everything). */
  readonly wild: CompiledRule[];
  /** Destinations named by small peer sets. */
  readonly byClass: Map<number, CompiledRule[]>;
  /** Rules with large peer sets, kept whole. */
  readonly bySet: CompiledRule[];
  readonly atomRules: CompiledRule[];
}

/** Destinations that admit the same sources on the same ports and have the same named ports. */
interface DestinationGroup {
  readonly id: number;
  readonly ports: PortSet;
  readonly sample: number;
  readonly members: number[];
}

export class Connectivity {
  readonly ingressSides: ClassSide[];
  readonly egressSides: ClassSide[];
  private readonly ingress: IngressIndex[];
  private readonly egress: EgressIndex[];

  /** `admin`: AdminNetworkPolicies and the BANP, when the input has any. */
  constructor(readonly cluster: Cluster, readonly policies: readonly CompiledPolicy[], readonly admin?: AdminLayer) {
    const n = cluster.classes.length;
    this.ingressSides = Array.from({ length: n }, () => ({ isolated: false, policies: [], rules: [] }));
    this.egressSides = Array.from({ length: n }, () => ({ isolated: false, policies: [], rules: [] }));
    this.ingress = Array.from({ length: n }, () => ({ wildPods: PortSet.NONE, wildAll: PortSet.NONE, byClass: new Map(), bySet: [], atoms: [] }));
    this.egress = Array.from({ length: n }, () => ({ wild: [], byClass: new Map(), bySet: [], atomRules: [] }));
    for (const p of policies) {
      for (const c of p.selected) {
        if (this.exempt(c)) continue;
        if (p.model.affectsIngress) this.addIngress(c, p);
        if (p.model.affectsEgress) this.addEgress(c, p);
      }
    }
  }

  /** Host-network pods treated as node traffic are subject to no policy. */
  private exempt(c: number): boolean {
    return this.cluster.classes[c].nodeTraffic;
  }

  private addIngress(d: number, p: CompiledPolicy): void {
    const side = this.ingressSides[d];
    side.isolated = true;
    side.policies.push(p);
    const index = this.ingress[d];
    const dst = this.cluster.classes[d];
    for (const rule of p.ingress) {
      side.rules.push(rule);
      const ports = rulePorts(rule, dst);
      if (ports.isEmpty) continue;
      if (rule.peers.everything) {
        index.wildAll = index.wildAll.union(ports);
        continue;
      }
      if (rule.peers.allPods) index.wildPods = index.wildPods.union(ports);
      if (rule.peers.set.members.length > EXPAND_LIMIT) index.bySet.push({ set: rule.peers.set, ports });
      else for (const s of rule.peers.set.members) index.byClass.set(s, (index.byClass.get(s) ?? PortSet.NONE).union(ports));
      for (const [first, last] of rule.peers.atoms) index.atoms.push({ first, last, ports });
    }
  }

  private addEgress(s: number, p: CompiledPolicy): void {
    const side = this.egressSides[s];
    side.isolated = true;
    side.policies.push(p);
    const index = this.egress[s];
    for (const rule of p.egress) {
      side.rules.push(rule);
      if (rule.peers.everything || rule.peers.allPods) index.wild.push(rule);
      if (rule.peers.everything || rule.peers.atoms.length > 0) index.atomRules.push(rule);
      if (rule.peers.everything) continue;
      if (rule.peers.set.members.length > EXPAND_LIMIT) {
        index.bySet.push(rule);
        continue;
      }
      for (const d of rule.peers.set.members) {
        const list = index.byClass.get(d);
        if (list) list.push(rule);
        else index.byClass.set(d, [rule]);
      }
    }
  }

  /** Whether a wildcard rule (every pod / everything) reaches this class. */
  private wildcardReaches(rule: CompiledRule, c: PodClass): boolean {
    return rule.peers.everything || (rule.peers.allPods && !c.nodeTraffic);
  }

  /** Ports class `s` may send to class `d` (its egress side only): admin policies, NetworkPolicies. */
  egressPorts(s: number, d: number): PortSet {
    if (this.admin && !this.exempt(s)) return this.admin.egressPorts(s, d, () => this.npEgressPorts(s, d), this.egressSides[s].isolated);
    return this.npEgressPorts(s, d);
  }

  /** Ports class `d` accepts from class `s` (its ingress side only): admin policies, NetworkPolicies. */
  ingressPorts(d: number, s: number): PortSet {
    if (this.admin && !this.exempt(d)) return this.admin.ingressPorts(d, s, () => this.npIngressPorts(d, s), this.ingressSides[d].isolated);
    return this.npIngressPorts(d, s);
  }

  /** What NetworkPolicies let class `s` send to class `d` (everything when they do not isolate it). */
  npEgressPorts(s: number, d: number): PortSet {
    if (!this.egressSides[s].isolated) return PortSet.ALL;
    const dst = this.cluster.classes[d];
    const index = this.egress[s];
    let ports = PortSet.NONE;
    for (const rule of index.wild) if (this.wildcardReaches(rule, dst)) ports = ports.union(rulePorts(rule, dst));
    for (const rule of index.byClass.get(d) ?? []) ports = ports.union(rulePorts(rule, dst));
    for (const rule of index.bySet) if (rule.peers.set.has.has(d)) ports = ports.union(rulePorts(rule, dst));
    return ports;
  }

  /** What NetworkPolicies let class `d` accept from class `s` (everything when they do not isolate it). */
  npIngressPorts(d: number, s: number): PortSet {
    if (!this.ingressSides[d].isolated) return PortSet.ALL;
    const index = this.ingress[d];
    const src = this.cluster.classes[s];
    let ports = index.wildAll.union(index.byClass.get(s) ?? PortSet.NONE);
    if (!src.nodeTraffic) ports = ports.union(index.wildPods);
    for (const grant of index.bySet) if (grant.set.has.has(s)) ports = ports.union(grant.ports);
    return ports;
  }

  /** Ports class `d` accepts from a pod of an unknown namespace with unknown labels (the ingress controller). */
  ingressFromAnyPod(d: number): PortSet {
    if (this.admin && !this.exempt(d)) return this.admin.ingressFromAnyPod(d, () => this.npIngressFromAnyPod(d), this.ingressSides[d].isolated);
    return this.npIngressFromAnyPod(d);
  }

  private npIngressFromAnyPod(d: number): PortSet {
    if (!this.ingressSides[d].isolated) return PortSet.ALL;
    return this.ingress[d].wildAll.union(this.ingress[d].wildPods);
  }

  /** Both sides. */
  classPorts(s: number, d: number): PortSet {
    const e = this.egressPorts(s, d);
    return e.isEmpty ? e : e.intersect(this.ingressPorts(d, s));
  }

  /**
   * Every class pair with an allowed connection. For each source only plausible destinations are
   * visited: those its egress names; and where its egress is wide (open, every pod, or a large peer
   * set), the destinations that are not isolated or that admit it, found through an index of who
   * admits whom. Destinations admitting wide sets are grouped, and a source's wide rules are checked
   * once per group: cost follows distinct rules and the output, not sources x destinations.
   */
  forEachClassConnection(visit: (s: number, d: number, ports: PortSet) => void): void {
    const n = this.cluster.classes.length;
    const openIngress: number[] = [];
    const admitters: number[][] = Array.from({ length: n }, () => []);
    const groups = new Map<string, DestinationGroup>();
    const group = (key: string, ports: PortSet, d: number): DestinationGroup => {
      const full = `${key}\u0000${ports.describe()}\u0000${JSON.stringify(this.cluster.classes[d].ports)}`;
      let g = groups.get(full);
      if (!g) groups.set(full, g = { id: groups.size, ports, sample: d, members: [] });
      g.members.push(d);
      return g;
    };
    // Groups of destinations admitting every pod, and per large source set the groups admitting it.
    const wildGroups = new Set<DestinationGroup>();
    const setGroups = new Map<number, Set<DestinationGroup>>();
    const setsByClass: PeerSet[][] = Array.from({ length: n }, () => []);
    const seenSets = new Set<number>();
    for (let d = 0; d < n; d++) {
      if (!this.ingressSides[d].isolated) {
        openIngress.push(d);
        continue;
      }
      const index = this.ingress[d];
      const wild = index.wildAll.union(index.wildPods);
      if (!wild.isEmpty) wildGroups.add(group('*', wild, d));
      for (const grant of index.bySet) {
        if (!seenSets.has(grant.set.id)) {
          seenSets.add(grant.set.id);
          setGroups.set(grant.set.id, new Set());
          for (const c of grant.set.members) setsByClass[c].push(grant.set);
        }
        setGroups.get(grant.set.id)!.add(group(`set${grant.set.id}`, grant.ports, d));
      }
      for (const s of index.byClass.keys()) admitters[s].push(d);
    }
    const memo = new Map<string, number[]>();
    const listSets = new Map<string, Set<number>>();
    /** Members of `list` (named `key`) that are in the peer set, iterating the shorter of the two; memoized. */
    const within = (set: PeerSet, key: string, list: readonly number[]): number[] => {
      const k = `${set.id}\u0000${key}`;
      let found = memo.get(k);
      if (!found) {
        if (list.length <= set.members.length) {
          found = list.filter(c => set.has.has(c));
        } else {
          let members = listSets.get(key);
          if (!members) listSets.set(key, members = new Set(list));
          found = set.members.filter(c => members!.has(c));
        }
        memo.set(k, found);
      }
      return found;
    };
    const seen = new Int32Array(n).fill(-1);
    for (let s = 0; s < n; s++) {
      const candidates: number[] = [];
      const add = (d: number) => {
        if (seen[d] !== s) {
          seen[d] = s;
          candidates.push(d);
        }
      };
      const index = this.egress[s];
      const egressOpen = !this.egressSides[s].isolated;
      const wide = egressOpen ? [] : [...index.wild, ...index.bySet];
      if (egressOpen || wide.length > 0) {
        admitters[s].forEach(add);
        // Destinations that are not isolated.
        if (egressOpen || index.wild.length > 0) openIngress.forEach(add);
        else for (const rule of index.bySet) within(rule.peers.set, 'open', openIngress).forEach(add);
        // Destinations admitting every pod, or a large set holding s.
        const admitting = [...wildGroups];
        for (const set of setsByClass[s]) admitting.push(...setGroups.get(set.id)!);
        for (const g of admitting) {
          if (egressOpen) {
            g.members.forEach(add);
            continue;
          }
          const sample = this.cluster.classes[g.sample];
          for (const rule of wide) {
            if (rulePorts(rule, sample).intersect(g.ports).isEmpty) continue;
            if (rule.peers.everything || rule.peers.allPods) {
              g.members.forEach(add);
              break;
            }
            within(rule.peers.set, `g${g.id}`, g.members).forEach(add);
          }
        }
      }
      for (const d of index.byClass.keys()) add(d);
      // Admin Allow rules open connections NetworkPolicies alone would not.
      if (this.admin) for (const d of this.admin.extraDestinations(s)) add(d);
      for (const d of candidates) {
        const ports = this.classPorts(s, d);
        if (!ports.isEmpty) visit(s, d, ports);
      }
    }
  }

  /** Address segments class `s` may send to: grants over global atoms. */
  egressAtomGrants(s: number, allAtoms: ReadonlyArray<readonly [number, number]>): SegmentGrant[] {
    const np = this.npEgressAtomGrants(s, allAtoms);
    if (this.admin && !this.exempt(s)) return this.admin.egressAtomGrants(s, allAtoms, np, this.egressSides[s].isolated);
    return np;
  }

  private npEgressAtomGrants(s: number, allAtoms: ReadonlyArray<readonly [number, number]>): SegmentGrant[] {
    if (!this.egressSides[s].isolated) return allAtoms.map(([first, last]) => ({ first, last, ports: PortSet.ALL }));
    const out: SegmentGrant[] = [];
    for (const rule of this.egress[s].atomRules) {
      // Named ports cannot be resolved for addresses outside the cluster: only numeric ports count there.
      const ports = rule.numericPorts;
      if (ports.isEmpty) continue;
      const spans = rule.peers.everything ? allAtoms : rule.peers.atoms;
      for (const [first, last] of spans) out.push({ first, last, ports });
    }
    return out;
  }

  /** Address segments class `d` accepts from. */
  ingressAtomGrants(d: number, allAtoms: ReadonlyArray<readonly [number, number]>): SegmentGrant[] {
    if (!this.ingressSides[d].isolated) return allAtoms.map(([first, last]) => ({ first, last, ports: PortSet.ALL }));
    const index = this.ingress[d];
    const out = index.atoms.filter(g => !g.ports.isEmpty);
    if (!index.wildAll.isEmpty) {
      const ports = index.wildAll;
      out.push(...allAtoms.map(([first, last]) => ({ first, last, ports })));
    }
    return out;
  }
}

/** The Service sends traffic to the pod class: it has a non-empty selector, in the class's namespace, that the class's labels match. */
export function serviceSelects(service: ServiceModel, cls: PodClass): boolean {
  const selector = Object.entries(service.selector ?? {});
  return service.namespace === cls.namespace && selector.length > 0 && selector.every(([k, v]) => cls.labels[k] === v);
}

/** A backend's target port as the ingress controller reaches it on one pod class. */
/**
 * The Service ports an Ingress backend port names: by number or name; failing that, netpol-analyzer
 * also takes a service port whose target port it is (`port.number: 8080` towards `5000 -> 8080`).
 */
export function ingressServicePorts(port: number | string, service: ServiceModel): ServicePortModel[] {
  const named = service.ports.filter(sp => (typeof port === 'number' ? sp.port === port : sp.name === port));
  return named.length > 0 ? named : service.ports.filter(sp => sp.targetPort === port);
}

export function backendPorts(ref: BackendRef, service: ServiceModel, cls: PodClass): PortSet {
  const targets: Array<{ target: number | string; protocol: Protocol }> = [];
  const all = () => service.ports.forEach(sp => targets.push({ target: sp.targetPort, protocol: sp.protocol }));
  if (ref.port === undefined) {
    all();
  } else if (!ref.isRoute) {
    for (const sp of ingressServicePorts(ref.port, service)) targets.push({ target: sp.targetPort, protocol: sp.protocol });
  } else {
    // A Route's targetPort names a service port (by name) or a target port on the pods.
    const byName = service.ports.filter(sp => sp.name !== undefined && sp.name === ref.port);
    const byTarget = service.ports.filter(sp => sp.targetPort === ref.port);
    const matched = byName.length > 0 ? byName : byTarget;
    if (matched.length > 0) matched.forEach(sp => targets.push({ target: sp.targetPort, protocol: sp.protocol }));
    else targets.push({ target: ref.port, protocol: Protocol.TCP });
  }
  let ports = PortSet.NONE;
  for (const t of targets) {
    if (typeof t.target === 'number') {
      ports = ports.union(PortSet.port(t.protocol, t.target));
    } else {
      for (const cp of cls.ports) {
        if (cp.name === t.target && cp.protocol === t.protocol) ports = ports.union(PortSet.port(cp.protocol, cp.port));
      }
    }
  }
  return ports;
}
