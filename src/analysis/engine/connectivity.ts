/**
 * Allowed connections between classes, addresses and the ingress controller. A connection needs the
 * source's egress AND the destination's ingress to allow it. Work is driven by what policies grant
 * (index of who admits whom), not by all pairs, except where the output itself is all pairs.
 */
import { Cluster, PodClass } from './cluster';
import { CompiledPolicy, CompiledRule, rulePorts } from './policies';
import { Protocol } from '../../protocol';
import { BackendRef, ServiceModel } from '../model/objects';
import { PortSet } from '../model/ports';

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

/** Per-class ingress, resolved against the class's own named ports. */
interface IngressIndex {
  wildPods: PortSet;
  wildAll: PortSet;
  readonly byClass: Map<number, PortSet>;
  readonly atoms: SegmentGrant[];
}

/** Per-class egress; ports resolve against each destination, so rules are kept. */
interface EgressIndex {
  readonly wild: CompiledRule[];
  readonly byClass: Map<number, CompiledRule[]>;
  readonly atomRules: CompiledRule[];
}

export class Connectivity {
  readonly ingressSides: ClassSide[];
  readonly egressSides: ClassSide[];
  private readonly ingress: IngressIndex[];
  private readonly egress: EgressIndex[];

  constructor(readonly cluster: Cluster, readonly policies: readonly CompiledPolicy[], private readonly hostNetworkAsNode: boolean) {
    const n = cluster.classes.length;
    this.ingressSides = Array.from({ length: n }, () => ({ isolated: false, policies: [], rules: [] }));
    this.egressSides = Array.from({ length: n }, () => ({ isolated: false, policies: [], rules: [] }));
    this.ingress = Array.from({ length: n }, () => ({ wildPods: PortSet.NONE, wildAll: PortSet.NONE, byClass: new Map(), atoms: [] }));
    this.egress = Array.from({ length: n }, () => ({ wild: [], byClass: new Map(), atomRules: [] }));
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
    return this.hostNetworkAsNode && this.cluster.classes[c].hostNetwork;
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
      for (const s of rule.peers.classes) index.byClass.set(s, (index.byClass.get(s) ?? PortSet.NONE).union(ports));
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
      for (const d of rule.peers.classes) {
        const list = index.byClass.get(d);
        if (list) list.push(rule);
        else index.byClass.set(d, [rule]);
      }
    }
  }

  /** Whether a wildcard rule (every pod / everything) reaches this class. */
  private wildcardReaches(rule: CompiledRule, c: PodClass): boolean {
    return rule.peers.everything || (rule.peers.allPods && !(this.hostNetworkAsNode && c.hostNetwork));
  }

  /** Ports class `s` may send to class `d` (its egress side only). */
  egressPorts(s: number, d: number): PortSet {
    if (!this.egressSides[s].isolated) return PortSet.ALL;
    const dst = this.cluster.classes[d];
    const index = this.egress[s];
    let ports = PortSet.NONE;
    for (const rule of index.wild) if (this.wildcardReaches(rule, dst)) ports = ports.union(rulePorts(rule, dst));
    for (const rule of index.byClass.get(d) ?? []) ports = ports.union(rulePorts(rule, dst));
    return ports;
  }

  /** Ports class `d` accepts from class `s` (its ingress side only). */
  ingressPorts(d: number, s: number): PortSet {
    if (!this.ingressSides[d].isolated) return PortSet.ALL;
    const index = this.ingress[d];
    const src = this.cluster.classes[s];
    let ports = index.wildAll.union(index.byClass.get(s) ?? PortSet.NONE);
    if (!(this.hostNetworkAsNode && src.hostNetwork)) ports = ports.union(index.wildPods);
    return ports;
  }

  /** Ports class `d` accepts from a pod of an unknown namespace with unknown labels (the ingress controller). */
  ingressFromAnyPod(d: number): PortSet {
    if (!this.ingressSides[d].isolated) return PortSet.ALL;
    return this.ingress[d].wildAll.union(this.ingress[d].wildPods);
  }

  /** Both sides. */
  classPorts(s: number, d: number): PortSet {
    const e = this.egressPorts(s, d);
    return e.isEmpty ? e : e.intersect(this.ingressPorts(d, s));
  }

  /**
   * Every class pair with an allowed connection, visiting for each source only the destinations that
   * could admit it: those its egress names, and when its egress reaches every pod, the destinations
   * that are not isolated or admit it by name or wildcard.
   */
  forEachClassConnection(visit: (s: number, d: number, ports: PortSet) => void): void {
    const n = this.cluster.classes.length;
    const openIngress: number[] = [];
    const wildAdmitters: number[] = [];
    const admitters: number[][] = Array.from({ length: n }, () => []);
    for (let d = 0; d < n; d++) {
      if (!this.ingressSides[d].isolated) {
        openIngress.push(d);
        continue;
      }
      const index = this.ingress[d];
      if (!index.wildAll.isEmpty || !index.wildPods.isEmpty) wildAdmitters.push(d);
      for (const s of index.byClass.keys()) admitters[s].push(d);
    }
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
      if (!this.egressSides[s].isolated || index.wild.length > 0) {
        openIngress.forEach(add);
        admitters[s].forEach(add);
        wildAdmitters.forEach(add);
      }
      for (const d of index.byClass.keys()) add(d);
      for (const d of candidates) {
        const ports = this.classPorts(s, d);
        if (!ports.isEmpty) visit(s, d, ports);
      }
    }
  }

  /** Address segments class `s` may send to: grants over global atoms. */
  egressAtomGrants(s: number, allAtoms: ReadonlyArray<readonly [number, number]>): SegmentGrant[] {
    if (!this.egressSides[s].isolated) return allAtoms.map(([first, last]) => ({ first, last, ports: PortSet.ALL }));
    const out: SegmentGrant[] = [];
    for (const rule of this.egress[s].atomRules) {
      const ports = numericOnly(rule);
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

/** Named ports cannot be resolved for addresses outside the cluster: only numeric ports count there. */
function numericOnly(rule: CompiledRule): PortSet {
  return rule.numericPorts;
}

/** A backend's target port as the ingress controller reaches it on one pod class. */
export function backendPorts(ref: BackendRef, service: ServiceModel, cls: PodClass): PortSet {
  const targets: Array<{ target: number | string; protocol: Protocol }> = [];
  const all = () => service.ports.forEach(sp => targets.push({ target: sp.targetPort, protocol: sp.protocol }));
  if (ref.port === undefined) {
    all();
  } else if (!ref.isRoute) {
    for (const sp of service.ports) {
      if ((typeof ref.port === 'number' && sp.port === ref.port) || (typeof ref.port === 'string' && sp.name === ref.port)) {
        targets.push({ target: sp.targetPort, protocol: sp.protocol });
      }
    }
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
