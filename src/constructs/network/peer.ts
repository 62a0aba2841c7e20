import { Selector } from './selector';
import type { PlatformWorkload } from '../../analysis/cluster-profile';
import { blockRanges, ClusterNetwork, internalReach, internetBlocks } from '../../kube/address-blocks';
import { Cidr, IpRange, parseCidrBlock, rangeContains } from '../../kube/ip';
import { ipBlockPeer, IpBlock, namespacePeer, PolicyPeer, podsPeer } from '../../kube/peers';
import { WELKIN } from '../../kube/platform';
import { Port } from '../../kube/port';
import { readCidr } from '../../kube/validation/cidr';
import { checkDnsLabel } from '../../kube/validation/dns';
import { checkLabels } from '../../kube/validation/labels';
import { quote } from '../../kube/validation/quote';

/** The network a peer is rendered for when its receiver names none: Welkin's private ranges only. */
export const DEFAULT_NETWORK: ClusterNetwork = { privateRanges: WELKIN.privateRanges, podCidrs: [], serviceCidrs: [] };

/** Options of `Peer.cidr`. */
export interface CidrPeerOptions {
  /**
   * Let the block reach internal addresses: the cloud metadata service (169.254.169.254),
   * link-local and loopback addresses, the cluster's pod and service ranges, or a whole private
   * range of the platform. Without it such a block is an error.
   * @default false
   */
  readonly allowInternalAddresses?: boolean;
}

/**
 * A workload that can be one end of a connection (SecureApp implements it), with the hooks that let
 * a rule be written on both sides.
 * @internal
 */
export interface AppEndpoint {
  readonly path: string;
  readonly namespaceName: string;
  readonly selectorLabels: { [key: string]: string };
  readonly defaultPorts: Port[];
  _addIngressRule(peer: Peer, ports: Port[]): void;
  _addEgressRule(peer: Peer, ports: Port[]): void;
}

/** @internal */
export interface PeerDefinition {
  readonly description: string;
  /** What is wrong with the input the peer was made from; `peers` is only called when there is nothing. */
  readonly problem?: string;
  /** The `from`/`to` elements, as the core's values, seen from a policy in `policyNamespace`. */
  readonly peers: (policyNamespace: string, network: ClusterNetwork) => PolicyPeer[];
  /** The addresses an address-block peer reaches (checked against the receiver's network). */
  readonly reach?: IpRange[];
  /** The peer was told explicitly that it may reach internal addresses. */
  readonly allowInternal?: boolean;
  /** Ports used when a rule names no port (the peer's own ports). */
  readonly defaultPorts?: Port[];
  /** Set for another app: rules are written on both sides. */
  readonly endpoint?: AppEndpoint;
  /** Labels the client pods need before the peer admits them (managed services). */
  readonly clientLabels?: { [key: string]: string };
  /** The peer can only be a destination (managed services, the internet, DNS). */
  readonly egressOnly?: boolean;
  /** Pods the platform runs for this peer (a managed service), for the analysis's cluster profile. */
  readonly platformWorkload?: PlatformWorkload;
}

/** Something that can be turned into a Peer: a Peer itself, a SecureApp, a ManagedService. */
export interface IPeer {
  /** The peer this object stands for. */
  toPeer(): Peer;
}

/**
 * The other end of a connection in a NetworkPolicy rule. Use the static factories; a SecureApp or a
 * ManagedService can be passed wherever a peer is expected.
 */
export class Peer implements IPeer {
  /**
   * Pods selected by labels, in the policy's own namespace or in the given one.
   * @param podLabels labels the pods carry (at least one)
   * @param namespace their namespace; default the namespace of the policy
   */
  public static pods(podLabels: { [key: string]: string }, namespace?: string): Peer {
    const labels = { ...(podLabels ?? {}) };
    const problem = Object.keys(labels).length === 0
      ? 'Peer.pods() has no labels; name at least one pod label, or use Peer.namespace(name) for every pod of a namespace'
      : checkLabels(labels, 'pod labels') ?? (namespace !== undefined ? checkDnsLabel(namespace, 'namespace') : undefined);
    const where = namespace !== undefined ? ` in namespace ${namespace}` : '';
    return new Peer({
      description: `pods ${formatLabels(labels)}${where}`,
      problem,
      peers: policyNamespace => [podsPeer(labels, namespace, policyNamespace)],
    });
  }

  /**
   * Every pod of the namespaces whose labels match, e.g. `Peer.namespaces(Selector.labels({ purpose: 'frontend' }))`.
   * @param namespaces the namespaces' selector
   */
  public static namespaces(namespaces: Selector): Peer {
    return new Peer({
      description: `namespaces ${namespaces}`,
      problem: namespaces._problem(),
      peers: () => [{ namespaceSelector: namespaces._toCore() }],
    });
  }

  /**
   * Pods matching a selector (with `matchExpressions`), in the policy's own namespace or in the
   * namespaces matching `namespaces`.
   * @param pods the pods' selector
   * @param namespaces the namespaces' selector; default the namespace of the policy
   */
  public static podsMatching(pods: Selector, namespaces?: Selector): Peer {
    return new Peer({
      description: `pods ${pods}${namespaces ? ` in namespaces ${namespaces}` : ''}`,
      problem: pods._problem() ?? namespaces?._problem(),
      peers: () => [{ podSelector: pods._toCore(), namespaceSelector: namespaces?._toCore() }],
    });
  }

  /** Every pod of a namespace, selected by its `kubernetes.io/metadata.name` label. */
  public static namespace(name: string): Peer {
    return new Peer({
      description: `namespace ${name}`,
      problem: checkDnsLabel(name, 'namespace'),
      peers: () => [namespacePeer(name)],
    });
  }

  /**
   * An IPv4 or IPv6 block, optionally with holes.
   * @param cidr the block, e.g. `203.0.113.0/24`
   * A block is judged by the addresses it reaches (`cidr` minus `except`): one that reaches the cloud
   * metadata service, link-local or loopback addresses, the cluster's pod or service ranges or a
   * whole private range is an error unless `allowInternalAddresses` is set; IPv4-mapped IPv6 blocks
   * (`::ffff:0:0/96`, which Go reads as `0.0.0.0/0`) are always an error.
   * @param except blocks inside `cidr` to leave out
   * @param options what the block may reach
   */
  public static cidr(cidr: string, except?: string[], options?: CidrPeerOptions): Peer {
    const holes = [...(except ?? [])];
    const block = readIpBlock(cidr, holes);
    const allowInternal = options?.allowInternalAddresses === true;
    return new Peer({
      description: holes.length ? `${cidr} except ${holes.join(', ')}` : cidr,
      problem: typeof block === 'string' ? block : undefined,
      peers: () => [{ ipBlock: block as IpBlock }],
      reach: typeof block === 'string' ? undefined : blockRanges(block),
      allowInternal,
    });
  }

  /**
   * Every globally reachable address (IPv4 and IPv6), so that in-cluster addresses and the cloud
   * metadata service (169.254.169.254) are never reached by accident. Excluded: the platform's
   * private, pod and service ranges, and every range of the IANA special-purpose registries that is
   * not globally reachable: 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16,
   * 172.16.0.0/12, 192.0.0.0/24, 192.0.2.0/24, 192.88.99.0/24, 192.168.0.0/16, 198.18.0.0/15,
   * 198.51.100.0/24, 203.0.113.0/24, 224.0.0.0/4 (multicast), 240.0.0.0/4; ::/128, ::1/128,
   * ::ffff:0:0/96, 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64), 100::/64, 100:0:0:1::/64, 2001::/23,
   * 2001:db8::/32, 2002::/16 (6to4), 3fff::/20, 5f00::/16, fc00::/7, fe80::/10, ff00::/8 (multicast).
   */
  public static internet(): Peer {
    return new Peer({
      description: 'the internet',
      peers: (_namespace, network) => internetBlocks(network).map(b => ipBlockPeer(b.cidr, b.except)),
    });
  }

  /** @internal */
  public static _of(definition: PeerDefinition): Peer {
    return new Peer(definition);
  }

  /** What this peer is, for messages and reports. */
  public readonly description: string;
  /** @internal */
  public readonly _definition: PeerDefinition;

  private constructor(definition: PeerDefinition) {
    this._definition = definition;
    this.description = definition.description;
  }

  /** Returns this peer. */
  public toPeer(): Peer {
    return this;
  }

  /**
   * What is wrong with the input this peer was made from, or undefined. The construct that receives
   * the peer checks it, so the message carries the construct's path.
   * @internal
   */
  public _problem(): string | undefined {
    return this._definition.problem;
  }

  /**
   * Like `_problem()`, and whether the addresses the peer reaches are internal on `network`
   * without `allowInternalAddresses`.
   * @internal
   */
  public _problemOn(network: ClusterNetwork): string | undefined {
    const d = this._definition;
    if (d.problem !== undefined || d.reach === undefined || d.allowInternal) return d.problem;
    const what = internalReach(d.reach, network);
    return what === undefined ? undefined
      : `CIDR ${quote(this.description)} reaches ${what}; leave it out with \`except\`, use Peer.internet() for public addresses, `
        + 'or pass { allowInternalAddresses: true } if the block is meant to reach it';
  }

  /**
   * The `from`/`to` elements, as the core's values, seen from a policy in `policyNamespace` of a
   * cluster with `network`.
   * @internal
   */
  public _policyPeers(policyNamespace: string, network: ClusterNetwork = DEFAULT_NETWORK): PolicyPeer[] {
    // Receivers check `_problem()` first with their path; this only keeps a bad peer out of a policy.
    if (this._definition.problem !== undefined) throw new Error(`${this.description}: ${this._definition.problem}`);
    return this._definition.peers(policyNamespace, network);
  }

  /** The description. */
  public toString(): string {
    return this.description;
  }
}

/**
 * Read an ipBlock as users write it: the CIDR and each exception parse, and each exception lies
 * strictly inside the CIDR. Returns the block, or what is wrong.
 */
function readIpBlock(cidr: string, except: string[]): IpBlock | string {
  const outer = readCidr(cidr);
  if (typeof outer === 'string') return outer;
  // Every address includes the cluster's private ranges and the cloud metadata service.
  if (outer.prefix === 0 && except.length === 0) {
    return `CIDR ${JSON.stringify(cidr)} is every IPv${outer.family} address, including the cluster's private ranges and the cloud metadata `
      + 'service (169.254.169.254); use Peer.internet() for public addresses, or list what to leave out in `except`';
  }
  const holes: Cidr[] = [];
  for (const hole of except) {
    const inner = readCidr(hole, 'except CIDR');
    if (typeof inner === 'string') return inner;
    if (!rangeContains(outer, inner) || inner.prefix === outer.prefix) {
      return `except CIDR ${JSON.stringify(hole)} is not strictly inside ${JSON.stringify(cidr)}; each exception must be a smaller block within the CIDR`;
    }
    holes.push(inner);
  }
  return { cidr: outer, except: holes };
}

/** A CIDR the library writes itself (constants, or input its receiver has already checked). */
export function knownCidr(text: string): Cidr {
  const cidr = parseCidrBlock(text);
  if (cidr === undefined) throw new Error(`internal error: ${JSON.stringify(text)} is not a CIDR`);
  return cidr;
}

/** Labels as `k=v,k2=v2`, for peer descriptions. */
function formatLabels(labels: { [key: string]: string }): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}
