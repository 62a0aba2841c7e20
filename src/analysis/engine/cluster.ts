/**
 * Pods grouped into equivalence classes and workloads (peers). Two pods are in one class when no
 * policy can tell them apart: same namespace, labels, named container ports, host-network flag and
 * address atoms. The engine computes per class, so replicas cost nothing.
 */
import { ClusterProfile } from '../cluster-profile';
import { ExternalSpace } from './external-space';
import { IpRange, parseCidr } from '../../kube/ip';
import { NAMESPACE_NAME_LABEL } from '../../kube/labels';
import { Protocol } from '../../kube/protocol';
import { ContainerPort, ObjectModel, PodModel } from '../model/objects';
import { ConnectionPeer } from '../peer';

export interface PodClass {
  readonly id: number;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  readonly hostNetwork: boolean;
  /**
   * Host-network pods seen as node traffic (by option, or always for platform workloads): no policy
   * applies to them, pod and namespace selectors do not match them, ipBlocks match their addresses.
   */
  readonly nodeTraffic: boolean;
  /** Global atoms of the class's known addresses. */
  readonly atoms: readonly number[];
  /** Peers (workloads) with pods in this class. */
  readonly peers: number[];
}

export interface Peer {
  readonly id: number;
  /** `ns/name[Kind]` */
  readonly name: string;
  /** The peer as connections carry it (one value per workload, shared by all its connections). */
  readonly ref: ConnectionPeer;
  readonly namespace: string;
  readonly classes: number[];
  hostNetwork: boolean;
  /** Comes from the cluster profile, not the manifests. */
  readonly platform: boolean;
  /** Distinct label sets of its pods (more than one is a "labels gap"). */
  readonly labelSets: Set<string>;
}

export class Cluster {
  readonly classes: PodClass[] = [];
  readonly peers: Peer[] = [];
  readonly namespaces = new Map<string, Record<string, string>>();
  readonly classesByNamespace = new Map<string, number[]>();
  /** label key -> label value -> classes */
  readonly labelIndex = new Map<string, Map<string, number[]>>();
  /** global atom -> classes with an address in it */
  readonly classesByAtom = new Map<number, number[]>();
  private readonly classKeys = new Map<string, number>();
  private readonly peerNames = new Map<string, number>();

  constructor(model: ObjectModel, readonly space: ExternalSpace, profile: ClusterProfile | undefined, private readonly hostNetworkAsNode: boolean) {
    for (const ns of model.namespaces) this.namespaces.set(ns.name, ns.labels);
    for (const pod of model.pods) this.addPod(pod, false);
    for (const w of profile?.workloads ?? []) {
      const name = `${w.namespace}/${w.name}[${w.kind ?? 'Deployment'}]`;
      if (this.peerNames.has(name)) continue; // the manifests hold it already
      if (w.namespaceLabels && !this.namespaces.has(w.namespace)) {
        this.namespaces.set(w.namespace, { ...w.namespaceLabels, [NAMESPACE_NAME_LABEL]: w.namespace });
      }
      this.addPod({
        namespace: w.namespace,
        workloadName: w.name,
        workloadKind: w.kind ?? 'Deployment',
        labels: { ...w.podLabels },
        ports: (w.ports ?? []).map(p => ({ name: p.name, port: p.port, protocol: p.protocol ?? Protocol.TCP })),
        ips: (w.hostCidrs ?? []).map(c => parseCidr(c)).filter((r): r is IpRange => r !== undefined),
        hostNetwork: w.hostNetwork ?? false,
      }, true);
    }
  }

  /** Namespace labels; a namespace not in the input carries only `kubernetes.io/metadata.name`. */
  namespaceLabels(name: string): Record<string, string> {
    let labels = this.namespaces.get(name);
    if (!labels) {
      labels = { [NAMESPACE_NAME_LABEL]: name };
      this.namespaces.set(name, labels);
    }
    return labels;
  }

  /** Namespaces that hold pods. */
  podNamespaces(): string[] {
    return [...this.classesByNamespace.keys()];
  }

  peerByName(name: string): Peer | undefined {
    const id = this.peerNames.get(name);
    return id === undefined ? undefined : this.peers[id];
  }

  private addPod(pod: PodModel, platform: boolean): void {
    this.namespaceLabels(pod.namespace);
    const atoms = new Set<number>();
    for (const ip of pod.ips) {
      const [first, last] = this.space.span(ip);
      for (let a = first; a <= last; a++) atoms.add(a);
    }
    const sortedAtoms = [...atoms].sort((a, b) => a - b);
    const labelKey = JSON.stringify(Object.entries(pod.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const portKey = JSON.stringify(pod.ports.filter(p => p.name).map(p => `${p.name}/${p.protocol}/${p.port}`).sort());
    const nodeTraffic = pod.hostNetwork && (this.hostNetworkAsNode || platform);
    const key = `${pod.namespace}\u0000${labelKey}\u0000${portKey}\u0000${pod.hostNetwork}/${nodeTraffic}\u0000${sortedAtoms.join(',')}`;
    let classId = this.classKeys.get(key);
    if (classId === undefined) {
      classId = this.classes.length;
      this.classKeys.set(key, classId);
      this.classes.push({
        id: classId,
        namespace: pod.namespace,
        labels: pod.labels,
        ports: pod.ports.filter(p => p.name),
        hostNetwork: pod.hostNetwork,
        nodeTraffic,
        atoms: sortedAtoms,
        peers: [],
      });
      push(this.classesByNamespace, pod.namespace, classId);
      for (const [k, v] of Object.entries(pod.labels)) {
        let byValue = this.labelIndex.get(k);
        if (!byValue) this.labelIndex.set(k, byValue = new Map());
        push(byValue, v, classId);
      }
      for (const a of sortedAtoms) push(this.classesByAtom, a, classId);
    }
    const name = `${pod.namespace}/${pod.workloadName}[${pod.workloadKind}]`;
    let peerId = this.peerNames.get(name);
    if (peerId === undefined) {
      peerId = this.peers.length;
      this.peerNames.set(name, peerId);
      const identity = { namespace: pod.namespace, name: pod.workloadName, kind: pod.workloadKind };
      const ref = platform ? ConnectionPeer.fromPlatformWorkload(identity) : ConnectionPeer.fromWorkload(identity);
      this.peers.push({ id: peerId, name, ref, namespace: pod.namespace, classes: [], hostNetwork: false, platform, labelSets: new Set() });
    }
    const peer = this.peers[peerId];
    peer.hostNetwork = peer.hostNetwork || pod.hostNetwork;
    peer.labelSets.add(labelKey);
    if (!peer.classes.includes(classId)) {
      peer.classes.push(classId);
      this.classes[classId].peers.push(peerId);
    }
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

