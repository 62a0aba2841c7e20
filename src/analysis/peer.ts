/**
 * The peers of connections as values: what each one is (a workload, a platform workload, a range of
 * outside addresses, the ingress-controller placeholder) with its parts, and the name netpol-analyzer
 * prints for it. The engine, the diff, the matchers and the constructs exchange these; the name is
 * only for display, and text is read (`ConnectionPeer.parse`) only where people typed it.
 */
import { cidrsOfRange, formatIp, formatRange, IpRange, parseAddressText } from '../kube/ip';

/**
 * What a peer is. More kinds may be added (representative peers of exposure analysis, named
 * address blocks): code that handles some kinds should keep a default branch.
 */
export class PeerKind {
  /** A workload of the input (pods with an owner are shown as the owner): `ns/name[Kind]`. */
  static readonly WORKLOAD = new PeerKind('workload');
  /** A workload the cluster profile describes (ingress controller, DNS, monitoring): `ns/name[Kind]`. */
  static readonly PLATFORM_WORKLOAD = new PeerKind('platform-workload');
  /** One contiguous range of addresses outside the cluster's pods: `0.0.0.0-9.255.255.255`. */
  static readonly ADDRESS_RANGE = new PeerKind('address-range');
  /** `{ingress-controller}`: an ingress controller the input does not describe. */
  static readonly INGRESS_CONTROLLER = new PeerKind('ingress-controller');
  /** `{gateway NS/NAME}`: the data plane of a Gateway that neither the input nor the profile describes. */
  static readonly GATEWAY = new PeerKind('gateway');
  /**
   * Pods that are not in the input but that policies admit (exposure analysis): `entire-cluster`,
   * `NS/[all pods]`, `[namespace with {...}]/[pod with {...}]`.
   */
  static readonly REPRESENTATIVE = new PeerKind('representative');

  private constructor(
    /** `workload`, `platform-workload`, `address-range`, `ingress-controller`, `gateway` or `representative`. */
    readonly name: string,
  ) {}

  /** The kind's name. */
  toString(): string {
    return this.name;
  }
}

/** A workload as the analysis names it: `namespace/name[kind]`. */
export interface WorkloadIdentity {
  /** The workload's namespace (`default` when its manifest has none). */
  readonly namespace: string;
  /** The workload's name (for a pod with an owner, the owner's). */
  readonly name: string;
  /** The workload's kind: `Deployment`, `StatefulSet`, `DaemonSet`, ..., or `Pod` for a standalone pod. */
  readonly kind: string;
}

/**
 * Something that runs as one workload and can name itself in an analysis, so that it can be passed
 * wherever a peer is expected (`NetworkAnalysis.isAllowed(web, api)`, the jest matchers). `SecureApp`,
 * `AdoptedWorkload` (for a cdk8s-plus workload: `AdoptedWorkload.of(deployment)`) and `OAuth2Proxy` implement it.
 */
export interface IWorkloadRef {
  /** The workload's identity in an analysis of the manifests it synthesizes. */
  readonly workloadIdentity: WorkloadIdentity;
}

/** A Gateway (Gateway API), whose data plane a `{gateway NS/NAME}` peer stands for. */
export interface GatewayIdentity {
  /** The Gateway's namespace. */
  readonly namespace: string;
  /** The Gateway's name. */
  readonly name: string;
}

/** A range of addresses, with its family and the CIDRs it is made of. */
export interface AddressRange {
  /** 4 or 6. */
  readonly family: number;
  /** The first address of the range, e.g. `10.0.0.0`. */
  readonly firstAddress: string;
  /** The last address of the range, e.g. `10.255.255.255`. */
  readonly lastAddress: string;
  /** The fewest CIDRs that together are exactly the range, in address order, e.g. `['10.0.0.0/8']`. */
  readonly cidrs: string[];
}

const INGRESS_CONTROLLER_NAME = '{ingress-controller}';
const ENTIRE_CLUSTER_NAME = 'entire-cluster';

/** `entire-cluster`, `NS/[all pods]`, `NS/[pod with {...}]`, `[all namespaces]/[...]`, `[namespace with {...}]/[...]`. */
function isRepresentativeName(name: string): boolean {
  if (name === ENTIRE_CLUSTER_NAME) return true;
  const m = /^(\[all namespaces\]|\[namespace with \{.*\}\]|[a-z0-9]([-a-z0-9]*[a-z0-9])?)\/(\[all pods\]|\[pod with \{.*\}\])$/.exec(name);
  return m !== null;
}

/**
 * One end of a connection. `kind` says what it is; the parts of that kind are set (`workload` for
 * workloads, `addresses` for address ranges). Two peers are the same peer (`sameAs`) when they name
 * the same workload, the same addresses or the same placeholder; a workload is the same whether the
 * manifests or a cluster profile describe it.
 */
export class ConnectionPeer {
  /** `{ingress-controller}`: stands for an ingress controller the input does not describe. */
  static readonly INGRESS_CONTROLLER = new ConnectionPeer(PeerKind.INGRESS_CONTROLLER, INGRESS_CONTROLLER_NAME, INGRESS_CONTROLLER_NAME);

  /** `entire-cluster`: every pod of every namespace, of those the input does not show (exposure analysis). */
  static readonly ENTIRE_CLUSTER = new ConnectionPeer(PeerKind.REPRESENTATIVE, ENTIRE_CLUSTER_NAME, `rep:${ENTIRE_CLUSTER_NAME}`);

  /**
   * Whether text is a representative peer's name (`entire-cluster`, `NS/[all pods]`, ...).
   * @internal
   */
  static _isRepresentativeName(text: string): boolean {
    return isRepresentativeName(text.trim().replace(/\s+/g, ' '));
  }

  /**
   * A representative peer of exposure analysis as netpol-analyzer prints it: `entire-cluster`,
   * `backend/[all pods]`, `[namespace with {env=prod}]/[pod with {app=db}]`. Throws an Error for other text.
   */
  static representative(text: string): ConnectionPeer {
    const name = text.trim().replace(/\s+/g, ' ');
    if (name === ENTIRE_CLUSTER_NAME) return ConnectionPeer.ENTIRE_CLUSTER;
    if (!isRepresentativeName(name)) {
      throw new Error(`invalid representative peer '${text}': expected entire-cluster, NS/[all pods], NS/[pod with {k=v}] or [namespace with {k=v}]/[all pods]`);
    }
    return new ConnectionPeer(PeerKind.REPRESENTATIVE, name, `rep:${name}`);
  }

  /** A workload of the input. */
  static fromWorkload(identity: WorkloadIdentity): ConnectionPeer {
    return ConnectionPeer.workloadPeer(PeerKind.WORKLOAD, identity);
  }

  /** A workload the cluster profile describes (ingress controller, DNS, monitoring). */
  static fromPlatformWorkload(identity: WorkloadIdentity): ConnectionPeer {
    return ConnectionPeer.workloadPeer(PeerKind.PLATFORM_WORKLOAD, identity);
  }

  /** `{gateway NS/NAME}`: the data plane of a Gateway that neither the input nor the profile describes. */
  static fromGateway(gateway: GatewayIdentity): ConnectionPeer {
    const name = `{gateway ${gateway.namespace}/${gateway.name}}`;
    return new ConnectionPeer(PeerKind.GATEWAY, name, name, undefined, undefined, { namespace: gateway.namespace, name: gateway.name });
  }

  /**
   * Outside addresses as people write them: a range `10.0.0.0-10.255.255.255` (as connection lists
   * print it, optionally followed by `[External]`), a CIDR `10.0.0.0/8` or an address `10.1.2.3`,
   * IPv4 or IPv6. The peer's name is the text as given.
   */
  static fromAddresses(text: string): ConnectionPeer {
    const name = text.trim();
    const range = parseAddressText(name);
    if (!range) {
      throw new Error(`invalid addresses '${text}': expected a range (10.0.0.0-10.255.255.255), a CIDR (10.0.0.0/8) or an address (10.1.2.3)`);
    }
    return new ConnectionPeer(PeerKind.ADDRESS_RANGE, name, rangeKey(range), undefined, range);
  }

  /**
   * Reads a peer as connection lists print it: `ns/name[Kind]` (a workload), `{ingress-controller}`,
   * a representative peer of exposure analysis (see `representative`), or outside addresses (see `fromAddresses`). Throws an Error naming the text and the valid forms.
   */
  static parse(text: string): ConnectionPeer {
    const name = text.trim();
    if (name === INGRESS_CONTROLLER_NAME) return ConnectionPeer.INGRESS_CONTROLLER;
    if (isRepresentativeName(name.replace(/\s+/g, ' '))) return ConnectionPeer.representative(name);
    const gateway = /^\{gateway ([^/\s{}]+)\/([^/\s{}]+)\}$/.exec(name);
    if (gateway) return ConnectionPeer.fromGateway({ namespace: gateway[1], name: gateway[2] });
    const workload = /^([^/\s[\]]+)\/([^/\s[\]]+)\[([^\s[\]]+)\]$/.exec(name);
    if (workload) return ConnectionPeer.fromWorkload({ namespace: workload[1], name: workload[2], kind: workload[3] });
    if (parseAddressText(name)) return ConnectionPeer.fromAddresses(name);
    throw new Error(`invalid peer '${text}': expected a workload (ns/name[Kind]), ${INGRESS_CONTROLLER_NAME}, {gateway NS/NAME}, a representative peer (entire-cluster, NS/[all pods], ...), an address range, a CIDR or an address`);
  }

  /**
   * A range of addresses, named as netpol-analyzer prints it (`0.0.0.0-9.255.255.255`).
   * @internal
   */
  static _range(range: IpRange): ConnectionPeer {
    const name = formatRange(range);
    return new ConnectionPeer(PeerKind.ADDRESS_RANGE, name, rangeKey(range), undefined, range);
  }

  private static workloadPeer(kind: PeerKind, identity: WorkloadIdentity): ConnectionPeer {
    const w = { namespace: identity.namespace, name: identity.name, kind: identity.kind };
    const name = `${w.namespace}/${w.name}[${w.kind}]`;
    return new ConnectionPeer(kind, name, name, w);
  }

  /** What the peer is. */
  readonly kind: PeerKind;
  /**
   * The name netpol-analyzer's text format prints: `ns/name[Kind]`, `0.0.0.0-9.255.255.255`,
   * `{ingress-controller}`.
   */
  readonly name: string;
  /**
   * The workload, for workloads and platform workloads.
   * @default - undefined for other kinds
   */
  readonly workload?: WorkloadIdentity;
  /**
   * The Gateway, for `{gateway NS/NAME}` peers.
   * @default - undefined for other kinds
   */
  readonly gateway?: GatewayIdentity;
  /**
   * The addresses, for address ranges.
   * @internal
   */
  readonly _range?: IpRange;
  /**
   * What makes two peers the same peer.
   * @internal
   */
  readonly _key: string;
  private addressRange?: AddressRange;

  private constructor(kind: PeerKind, name: string, key: string, workload?: WorkloadIdentity, range?: IpRange, gateway?: GatewayIdentity) {
    this.kind = kind;
    this.gateway = gateway;
    this.name = name;
    this._key = key;
    this.workload = workload;
    this._range = range;
  }

  /**
   * The addresses, for address ranges.
   * @default - undefined for other kinds
   */
  get addresses(): AddressRange | undefined {
    const r = this._range;
    if (!r) return undefined;
    this.addressRange ??= {
      family: r.family,
      firstAddress: formatIp(r.family, r.lo),
      lastAddress: formatIp(r.family, r.hi),
      cidrs: cidrsOfRange(r).map(c => c.text),
    };
    return { ...this.addressRange, cidrs: [...this.addressRange.cidrs] };
  }

  /** A workload of the input or of the cluster profile. */
  get isWorkload(): boolean {
    return this.workload !== undefined;
  }

  /** A representative peer of exposure analysis: pods the input does not show. */
  get isRepresentative(): boolean {
    return this.kind === PeerKind.REPRESENTATIVE;
  }

  /** Addresses outside the cluster's pods. */
  get isExternal(): boolean {
    return this._range !== undefined;
  }

  /** The same peer: the same workload (from the manifests or a profile), the same addresses, the same placeholder. */
  sameAs(other: ConnectionPeer): boolean {
    return this._key === other._key;
  }

  /** The name. */
  toString(): string {
    return this.name;
  }
}

function rangeKey(r: IpRange): string {
  return `${r.family}:${r.lo.toString(16)}-${r.hi.toString(16)}`;
}
