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
 * Cost: one pass over the policies selecting each class, with representative peers looked up by
 * selector keys, so it follows rules and output, not workloads times representatives.
 */
import type { Analyzer } from './analyzer';
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

  constructor(private readonly analyzer: Analyzer) {}

  run(): ExposureResult {
    const { cluster, policies } = this.analyzer;
    for (const p of policies) this.generate(p);
    this.removeKnown();
    for (const rep of this.reps.values()) {
      push(this.byNamespace, rep.namespace, rep);
      push(this.byNamespacePod, `${rep.namespace}\u0000${rep.podKey}`, rep);
      push(this.byNsKey, rep.nsKey, rep);
      push(this.byPodKey, rep.podKey, rep);
    }
    const byClass = new Map<number, CompiledPolicy[]>();
    for (const p of policies) for (const c of p.selected) push(byClass, c, p);

    const connections: AllowedConnection[] = [];
    const unprotected: Array<{ peer: ConnectionPeer; direction: Direction }> = [];
    const listed = new Set<ConnectionPeer>();
    for (const peer of cluster.peers) {
      if (peer.platform) continue; // the platform's own policies are not in the input
      for (const direction of ['egress', 'ingress'] as const) {
        // Isolated when every pod is (a workload's pods with different labels: the union over them).
        let isolated = true;
        const entire: Ports = { set: PortSet.NONE, named: [] };
        const perRep = new Map<Representative, Ports>();
        for (const c of peer.classes) {
          const cls = cluster.classes[c];
          const selecting = cls.nodeTraffic ? [] : (byClass.get(c) ?? [])
            .filter(policy => (direction === 'ingress' ? policy.model.affectsIngress : policy.model.affectsEgress));
          if (selecting.length === 0) isolated = false;
          for (const policy of selecting) {
            for (const rule of policy[direction]) {
              const ports: Ports = direction === 'ingress'
                ? { set: rulePorts(rule, cls), named: [] }
                : { set: rule.numericPorts, named: rule.namedPorts.map(n => ({ protocol: n.protocol, name: n.name })) };
              if (ruleAdmitsEveryNamespace(rule)) {
                addPorts(entire, ports);
                continue;
              }
              for (const rep of this.matching(rule)) {
                let acc = perRep.get(rep);
                if (!acc) perRep.set(rep, acc = { set: PortSet.NONE, named: [] });
                addPorts(acc, ports);
              }
            }
          }
        }
        const add = (rep: ConnectionPeer, ports: Ports) => {
          const named = sortNamed(ports.named);
          connections.push(direction === 'egress'
            ? AllowedConnection._of(peer.ref, rep, ports.set, named)
            : AllowedConnection._of(rep, peer.ref, ports.set, named));
          listed.add(peer.ref);
        };
        if (!isolated) {
          unprotected.push({ peer: peer.ref, direction });
          add(ConnectionPeer.ENTIRE_CLUSTER, { set: PortSet.ALL, named: [] });
          continue;
        }
        if (!isEmptyPorts(entire)) add(ConnectionPeer.ENTIRE_CLUSTER, entire);
        for (const [rep, ports] of perRep) {
          addPorts(ports, entire); // rules admitting every namespace admit this one too
          if (isEmptyPorts(ports) || samePorts(ports, entire)) continue;
          add(rep.ref, ports);
        }
      }
    }
    connections.sort((a, b) => cmp(a.source.name, b.source.name) || cmp(a.destination.name, b.destination.name));
    unprotected.sort((a, b) => cmp(a.peer.name, b.peer.name) || cmp(a.direction, b.direction));
    return { connections, unprotected, listed };
  }

  /** Representative peers of a policy's rules, one per distinct (namespace selector, pod selector). */
  private generate(policy: CompiledPolicy): void {
    const { model } = policy;
    const rules = [...(model.affectsIngress ? policy.ingress : []), ...(model.affectsEgress ? policy.egress : [])];
    for (const rule of rules) {
      if (ruleAdmitsEveryNamespace(rule)) continue;
      for (const peer of rule.model.peers ?? []) {
        if (peer.ipBlock || !validPeer(peer)) continue;
        const nsSelector = peer.namespaceSelector ?? LabelSelector.matchLabels({ [NAMESPACE_NAME_LABEL]: model.namespace });
        const nsKey = selectorKey(nsSelector);
        const podKey = selectorKey(peer.podSelector);
        const key = `${nsKey}/${podKey}`;
        if (this.reps.has(key)) continue;
        const name = `${namespaceText(nsSelector)}/${podText(peer.podSelector)}`;
        this.reps.set(key, {
          ref: ConnectionPeer.representative(name),
          namespace: peer.namespaceSelector ? '' : model.namespace,
          nsSelector,
          podSelector: peer.podSelector,
          nsKey,
          podKey,
        });
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

function namespaceText(selector: LabelSelector): string {
  const reqs = selector.requirements;
  if (reqs.length === 1 && reqs[0].fromMatchLabels && reqs[0].key === NAMESPACE_NAME_LABEL) return reqs[0].values[0];
  if (selector.isEmpty) return '[all namespaces]';
  return `[namespace with {${selectorText(selector)}}]`;
}

function podText(selector: LabelSelector | undefined): string {
  if (!selector || selector.isEmpty) return '[all pods]';
  return `[pod with {${selectorText(selector)}}]`;
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
