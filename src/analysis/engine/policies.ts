/**
 * NetworkPolicies compiled against the cluster: which classes each policy selects, and for each rule
 * which classes and address atoms its peers match and which ports it opens. Selector results are
 * memoized and looked up through a label index, so cost follows distinct selectors and label sets.
 */
import { Cluster, PodClass } from './cluster';
import { PolicyPeer } from '../../kube/peers';
import { Port } from '../../kube/port';
import { PortSet } from '../../kube/ports';
import { Protocol } from '../../kube/protocol';
import { LabelSelector } from '../../kube/selectors';
import { PolicyModel, PolicyRuleModel } from '../model/objects';

/**
 * A set of classes matched by a rule's peers. Equal sets are one object (interned), so indexes can
 * group the destinations and sources of rules that match the same pods.
 */
export interface PeerSet {
  readonly id: number;
  /** Sorted. */
  readonly members: readonly number[];
  readonly has: ReadonlySet<number>;
}

export interface CompiledPeers {
  /** `from`/`to` absent or empty: every source or destination, pods (host-network too) and addresses. */
  readonly everything: boolean;
  /** A peer that matches every pod in every namespace (`namespaceSelector: {}` without a narrower podSelector). */
  readonly allPods: boolean;
  /** Classes matched by the peers (selectors, and ipBlocks holding the class's addresses). */
  readonly classes: ReadonlySet<number>;
  readonly set: PeerSet;
  /** Global address atoms matched by ipBlocks, as sorted `[first, last]` spans. */
  readonly atoms: ReadonlyArray<readonly [number, number]>;
}

export interface CompiledRule {
  readonly policy: CompiledPolicy;
  readonly direction: 'ingress' | 'egress';
  readonly model: PolicyRuleModel;
  readonly peers: CompiledPeers;
  /** Numeric ports (everything when the rule has no ports). */
  readonly numericPorts: PortSet;
  /** Named ports, resolved against the destination pod. */
  readonly namedPorts: ReadonlyArray<{ readonly name: string; readonly protocol: Protocol }>;
}

export interface CompiledPolicy {
  readonly model: PolicyModel;
  /** `ns/name` */
  readonly id: string;
  readonly selected: readonly number[];
  readonly selectedSet: ReadonlySet<number>;
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
}

export interface CompileOptions {
  readonly ipBlocksMatchPods: boolean;
}

/** The ports a rule opens towards one destination class (named ports resolved against its containers). */
export function rulePorts(rule: CompiledRule, dst: PodClass | undefined): PortSet {
  if (rule.namedPorts.length === 0 || !dst) return rule.numericPorts;
  let ports = rule.numericPorts;
  for (const np of rule.namedPorts) {
    for (const cp of dst.ports) {
      if (cp.name === np.name && cp.protocol === np.protocol) ports = ports.union(PortSet.port(cp.protocol, cp.port));
    }
  }
  return ports;
}

export class PolicyCompiler {
  private readonly selectorCache = new Map<string, number[]>();
  private readonly nsCache = new Map<string, Set<string>>();
  private readonly peerSets = new Map<string, PeerSet>();
  private readonly peersCache = new Map<string, CompiledPeers>();

  constructor(private readonly cluster: Cluster, private readonly options: CompileOptions) {}

  compile(model: PolicyModel): CompiledPolicy {
    const selected = this.select(new Set([model.namespace]), model.podSelector, `ns:${model.namespace}`);
    const policy: { -readonly [K in keyof CompiledPolicy]: CompiledPolicy[K] } = {
      model,
      id: `${model.namespace}/${model.name}`,
      selected,
      selectedSet: new Set(selected),
      ingress: [],
      egress: [],
    };
    policy.ingress = model.ingress.map(r => this.compileRule(policy, r, 'ingress'));
    policy.egress = model.egress.map(r => this.compileRule(policy, r, 'egress'));
    return policy;
  }

  private compileRule(policy: CompiledPolicy, rule: PolicyRuleModel, direction: 'ingress' | 'egress'): CompiledRule {
    return {
      policy,
      direction,
      model: rule,
      peers: this.compilePeers(policy.model.namespace, rule.peers),
      numericPorts: numericPorts(rule.ports),
      namedPorts: (rule.ports ?? []).filter(p => p.name !== undefined).map(p => ({ name: p.name!, protocol: p.protocol })),
    };
  }

  /** Rules with the same peers (in the same namespace) share one compiled result. */
  private compilePeers(namespace: string, peers: readonly PolicyPeer[] | undefined): CompiledPeers {
    const key = peers === undefined ? '*' : `${namespace}\u0000${JSON.stringify(peers.map(p => [
      p.podSelector?.toString(), p.namespaceSelector?.toString(), p.ipBlock?.cidr.text, p.ipBlock?.except.map(e => `${e.lo}-${e.hi}`),
    ]))}`;
    let compiled = this.peersCache.get(key);
    if (!compiled) {
      compiled = this.compilePeersUncached(namespace, peers);
      this.peersCache.set(key, compiled);
    }
    return compiled;
  }

  private compilePeersUncached(namespace: string, peers: readonly PolicyPeer[] | undefined): CompiledPeers {
    if (peers === undefined) {
      const none = this.intern([]);
      return { everything: true, allPods: true, classes: none.has, set: none, atoms: [] };
    }
    let allPods = false;
    const classes = new Set<number>();
    const atoms: Array<[number, number]> = [];
    for (const peer of peers) {
      if (peer.ipBlock) {
        const spans = this.cluster.space.blockSpans(peer.ipBlock.cidr, peer.ipBlock.except);
        atoms.push(...spans);
        for (const [a, b] of spans) {
          for (let i = a; i <= b; i++) {
            for (const c of this.cluster.classesByAtom.get(i) ?? []) {
              const cls = this.cluster.classes[c];
              // A host-network pod's address is a node's: ipBlocks match it whenever it is node traffic.
              if (this.options.ipBlocksMatchPods || cls.nodeTraffic) classes.add(c);
            }
          }
        }
        continue;
      }
      const podSelector = peer.podSelector ?? LabelSelector.EVERYTHING;
      if (peer.namespaceSelector === undefined) {
        for (const c of this.select(new Set([namespace]), podSelector, `ns:${namespace}`)) classes.add(c);
      } else if (peer.namespaceSelector.isEmpty && podSelector.isEmpty) {
        allPods = true;
      } else {
        const nsKey = peer.namespaceSelector.toString();
        for (const c of this.select(this.namespacesMatching(peer.namespaceSelector), podSelector, `sel:${nsKey}`)) classes.add(c);
      }
    }
    const set = this.intern([...classes].sort((a, b) => a - b));
    return { everything: false, allPods, classes: set.has, set, atoms: mergeSpans(atoms) };
  }

  private intern(members: number[]): PeerSet {
    const key = members.join(',');
    let set = this.peerSets.get(key);
    if (!set) {
      set = { id: this.peerSets.size, members, has: new Set(members) };
      this.peerSets.set(key, set);
    }
    return set;
  }

  /** Classes of pods matching the pod selector in namespaces matching the namespace selector (memoized). */
  selectPods(namespaceSelector: LabelSelector, podSelector: LabelSelector): number[] {
    return this.select(this.namespacesMatching(namespaceSelector), podSelector, `sel:${namespaceSelector.toString()}`);
  }

  private namespacesMatching(selector: LabelSelector): Set<string> {
    const key = selector.toString();
    let found = this.nsCache.get(key);
    if (!found) {
      found = new Set(this.cluster.podNamespaces().filter(ns => selector.matches(this.cluster.namespaceLabels(ns))));
      this.nsCache.set(key, found);
    }
    return found;
  }

  /** Classes in the namespaces whose labels match the pod selector (memoized by `scopeKey` + selector). */
  private select(namespaces: Set<string>, podSelector: LabelSelector, scopeKey: string): number[] {
    const key = `${scopeKey}\u0000${podSelector.toString()}`;
    const cached = this.selectorCache.get(key);
    if (cached) return cached;
    // Candidates: the classes of the namespaces, or those holding a label the selector requires,
    // whichever list is shorter.
    const byNamespace = [...namespaces].map(ns => this.cluster.classesByNamespace.get(ns) ?? []);
    let candidates: number[][] = byNamespace;
    const hint = podSelector.indexHint();
    if (hint) {
      const byValue = this.cluster.labelIndex.get(hint.key);
      const byLabel = !byValue ? [] : hint.values ? hint.values.map(v => byValue.get(v) ?? []) : [...byValue.values()];
      if (total(byLabel) < total(byNamespace)) candidates = byLabel;
    }
    const out: number[] = [];
    for (const c of candidates.flat()) {
      const cls = this.cluster.classes[c];
      if (!namespaces.has(cls.namespace)) continue;
      if (cls.nodeTraffic) continue;
      if (podSelector.matches(cls.labels)) out.push(c);
    }
    out.sort((a, b) => a - b);
    this.selectorCache.set(key, out);
    return out;
  }
}

function total(lists: number[][]): number {
  return lists.reduce((n, l) => n + l.length, 0);
}

function numericPorts(ports: readonly Port[] | undefined): PortSet {
  if (ports === undefined) return PortSet.ALL;
  // Named ports denote no numbers here: they are resolved per destination pod (rulePorts).
  return ports.reduce((set, p) => set.union(p._portSet() ?? PortSet.NONE), PortSet.NONE);
}

/** Sorted spans with touching or overlapping ones joined (the spans are sorted in place). */
export function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of spans) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
