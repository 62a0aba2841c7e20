import { ConnectionPeer } from './peer';
import { printable } from '../kube/escape';
import { IntervalSet, PortSet, PROTOCOLS } from '../kube/ports';
import { Protocol } from '../kube/protocol';
import { checkPort } from '../kube/validation/port';

/** A closed range of ports, `fromPort` to `toPort` (equal for a single port). */
export interface PortRange {
  readonly fromPort: number;
  readonly toPort: number;
}

/** The ports of one protocol a connection may use. */
export interface ProtocolPorts {
  readonly protocol: Protocol;
  /** Sorted, disjoint ranges. */
  readonly ranges: PortRange[];
}

/**
 * A port named by a policy towards pods the input does not show (exposure analysis): it stays a name,
 * since only the destination's pods could say which number it is.
 */
export interface NamedProtocolPort {
  /**
   * The protocol the policy gives the port.
   * @default - none (a policy kind whose named ports carry no protocol)
   */
  readonly protocol?: Protocol;
  /** The port's name, e.g. `http`. */
  readonly name: string;
}

/**
 * What one peer may open to another: one per (source, destination) pair that has any allowed port.
 * The peers are values (`ConnectionPeer`: a workload, an address range, `{ingress-controller}`, ...);
 * `toString()` is the line netpol-analyzer prints, `SRC => DST : CONN`.
 */
export class AllowedConnection {
  /**
   * A connection on the given ports, e.g. to compare with an analysis's connections.
   * Throws an Error when a port is outside 1-65535 or a range ends before it starts.
   */
  static of(source: ConnectionPeer, destination: ConnectionPeer, ports: ProtocolPorts[]): AllowedConnection {
    let set = PortSet.NONE;
    for (const p of ports) {
      if (!PROTOCOLS.includes(p.protocol)) throw new Error(`invalid protocol ${JSON.stringify(p.protocol)}: expected TCP, UDP or SCTP`);
      for (const r of p.ranges) {
        const problem = checkPort(r.fromPort) ?? checkPort(r.toPort, 'end port')
          ?? (r.toPort < r.fromPort ? `port range ${r.fromPort}-${r.toPort} ends before it starts; use from <= to` : undefined);
        if (problem) throw new Error(`invalid ports of ${source} => ${destination}: ${problem}`);
        set = set.union(PortSet.of(p.protocol, IntervalSet.range(r.fromPort, r.toPort)));
      }
    }
    return new AllowedConnection(source, destination, set);
  }

  /** @internal */
  static _of(source: ConnectionPeer, destination: ConnectionPeer, ports: PortSet, named?: readonly NamedProtocolPort[]): AllowedConnection {
    return new AllowedConnection(source, destination, ports, named ?? []);
  }

  /** Where the connection starts. */
  readonly source: ConnectionPeer;
  /** Where it goes. */
  readonly destination: ConnectionPeer;
  /**
   * The allowed ports.
   * @internal
   */
  readonly _ports: PortSet;
  /**
   * Named ports kept as names (exposure to pods the input does not show).
   * @internal
   */
  readonly _named: readonly NamedProtocolPort[];

  private constructor(source: ConnectionPeer, destination: ConnectionPeer, ports: PortSet, named: readonly NamedProtocolPort[] = []) {
    this.source = source;
    this.destination = destination;
    this._ports = ports;
    this._named = named;
  }

  /**
   * netpol-analyzer's connection string: `All Connections`, `No Connections` or
   * `SCTP 7070,TCP 80,8080-8090,http,UDP 53` (named ports, of exposure, after the numbers of their protocol).
   */
  get description(): string {
    return describePorts(this._ports, this._named);
  }

  /** Named ports the connection may use, kept as names (exposure to pods the input does not show), sorted. */
  get namedPorts(): NamedProtocolPort[] {
    return this._named.map(n => ({ ...n }));
  }

  /** Every port of TCP, UDP and SCTP. */
  get allProtocolsAndPorts(): boolean {
    return this._ports.isAll;
  }

  /** The allowed ports per protocol (protocols with none are left out), in the order netpol-analyzer prints them. */
  get ports(): ProtocolPorts[] {
    return PROTOCOLS.filter(p => !this._ports.get(p).isEmpty).map(protocol => ({
      protocol,
      ranges: this._ports.get(protocol).ranges.map(([fromPort, toPort]) => ({ fromPort, toPort })),
    }));
  }

  /**
   * Whether the connection may use this port.
   * @param protocol default TCP
   */
  allows(port: number, protocol?: Protocol): boolean {
    return this._ports.contains(port, protocol ?? Protocol.TCP);
  }

  /** `SRC => DST : CONN`, as netpol-analyzer's text format prints it (unprintable characters of names escaped). */
  toString(): string {
    return `${printable(this.source.name)} => ${printable(this.destination.name)} : ${this.description}`;
  }
}

/** How many objects of one kind were read but play no part in the analysis. */
export interface IgnoredKind {
  readonly kind: string;
  readonly count: number;
}

/** netpol-analyzer's connection string, with named ports after the numbers of their protocol (names without protocol first). */
export function describePorts(ports: PortSet, named: readonly NamedProtocolPort[]): string {
  if (named.length === 0 || ports.isAll) return ports.describe();
  const parts: string[] = [];
  const bare = named.filter(n => n.protocol === undefined).map(n => n.name);
  if (bare.length > 0) parts.push(bare.join(','));
  for (const p of PROTOCOLS) {
    const items = [...(ports.get(p).isEmpty ? [] : [ports.get(p).toString()]), ...named.filter(n => n.protocol === p).map(n => n.name)];
    if (items.length > 0) parts.push(`${p} ${items.join(',')}`);
  }
  return parts.join(',');
}
