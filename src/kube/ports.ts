/**
 * Ports per protocol: the engine's arithmetic (union, intersect, minus) and netpol-analyzer's text
 * form (`All Connections`, `TCP 80,8080-8090,UDP 53`), read and printed in one place. Also the one
 * reader of a single port as people type it (`8080`, `TCP 8080`, `53/UDP`).
 */
import { Protocol } from './protocol';

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Protocols in the order netpol-analyzer prints them (alphabetical). */
export const PROTOCOLS: readonly Protocol[] = [Protocol.SCTP, Protocol.TCP, Protocol.UDP];

/**
 * A set of integers kept as sorted, disjoint, non-adjacent closed intervals `[lo, hi]`.
 * Immutable: every operation returns a new set (or one of its inputs when nothing changes).
 */
export class IntervalSet {
  static readonly EMPTY = new IntervalSet([]);
  static readonly FULL_PORTS = new IntervalSet([[MIN_PORT, MAX_PORT]]);

  static range(lo: number, hi: number): IntervalSet {
    return lo > hi ? IntervalSet.EMPTY : new IntervalSet([[lo, hi]]);
  }

  private constructor(readonly ranges: ReadonlyArray<readonly [number, number]>) {}

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** Exactly ports 1-65535 (a range read as `0-65535` is not, and is printed as it was read). */
  get isFullPortRange(): boolean {
    return this.ranges.length === 1 && this.ranges[0][0] === MIN_PORT && this.ranges[0][1] === MAX_PORT;
  }

  contains(x: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const [a, b] = this.ranges[mid];
      if (x < a) hi = mid - 1;
      else if (x > b) lo = mid + 1;
      else return true;
    }
    return false;
  }

  union(other: IntervalSet): IntervalSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    const all = [...this.ranges, ...other.ranges].sort((x, y) => x[0] - y[0]);
    const out: Array<[number, number]> = [];
    for (const [a, b] of all) {
      const last = out[out.length - 1];
      if (last && a <= last[1] + 1) {
        if (b > last[1]) last[1] = b;
      } else {
        out.push([a, b]);
      }
    }
    return new IntervalSet(out);
  }

  intersect(other: IntervalSet): IntervalSet {
    if (this.isEmpty || other.isEmpty) return IntervalSet.EMPTY;
    const out: Array<[number, number]> = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a1, b1] = this.ranges[i];
      const [a2, b2] = other.ranges[j];
      const lo = Math.max(a1, a2);
      const hi = Math.min(b1, b2);
      if (lo <= hi) out.push([lo, hi]);
      if (b1 < b2) i++;
      else j++;
    }
    return new IntervalSet(out);
  }

  /** The members of this set that are not in `other`. */
  minus(other: IntervalSet): IntervalSet {
    if (this.isEmpty || other.isEmpty) return this;
    const out: Array<[number, number]> = [];
    for (const [a, b] of this.ranges) {
      let lo = a;
      for (const [c, d] of other.ranges) {
        if (d < lo || c > b) continue;
        if (c > lo) out.push([lo, c - 1]);
        lo = Math.max(lo, d + 1);
      }
      if (lo <= b) out.push([lo, b]);
    }
    return new IntervalSet(out);
  }

  equals(other: IntervalSet): boolean {
    return this.ranges.length === other.ranges.length
      && this.ranges.every(([a, b], i) => a === other.ranges[i][0] && b === other.ranges[i][1]);
  }

  /** `80,8080-8090` */
  toString(): string {
    return this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
  }
}

const ALL_CONNECTIONS = 'All Connections';
const NO_CONNECTIONS = 'No Connections';

/**
 * The ports a connection may use, per protocol. `All Connections` is every port of TCP, UDP and SCTP,
 * which is what a rule without `ports` (or a workload no policy isolates) allows.
 */
export class PortSet {
  static readonly NONE = new PortSet(IntervalSet.EMPTY, IntervalSet.EMPTY, IntervalSet.EMPTY);
  static readonly ALL = new PortSet(IntervalSet.FULL_PORTS, IntervalSet.FULL_PORTS, IntervalSet.FULL_PORTS);

  static of(protocol: Protocol, ports: IntervalSet): PortSet {
    if (ports.isEmpty) return PortSet.NONE;
    switch (protocol) {
      case Protocol.TCP: return new PortSet(ports, IntervalSet.EMPTY, IntervalSet.EMPTY);
      case Protocol.UDP: return new PortSet(IntervalSet.EMPTY, ports, IntervalSet.EMPTY);
      default: return new PortSet(IntervalSet.EMPTY, IntervalSet.EMPTY, ports);
    }
  }

  static port(protocol: Protocol, from: number, to: number = from): PortSet {
    return PortSet.of(protocol, IntervalSet.range(Math.max(from, MIN_PORT), Math.min(to, MAX_PORT)));
  }

  /**
   * Reads netpol-analyzer's connection text: `All Connections`, `No Connections` (or nothing) or
   * `SCTP 7070,TCP 80,8080-8090,UDP 53` (a range may be written high-low; protocol names in any case).
   */
  static parse(text: string): PortSet {
    const t = text.trim();
    if (t === ALL_CONNECTIONS) return PortSet.ALL;
    if (t === NO_CONNECTIONS || t === '') return PortSet.NONE;
    let set = PortSet.NONE;
    let current: Protocol | undefined;
    for (const raw of t.split(',')) {
      let token = raw.trim();
      const space = token.indexOf(' ');
      if (space > 0) {
        const name = token.slice(0, space).toUpperCase();
        current = PROTOCOLS.find(p => p === name);
        if (!current) throw new Error(`unknown protocol '${name}' in connection '${text}'`);
        token = token.slice(space + 1).trim();
      }
      const m = /^(\d+)(?:-(\d+))?$/.exec(token);
      if (!current || !m) throw new Error(`cannot read '${raw.trim()}' in connection '${text}'`);
      const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
      set = set.union(PortSet.of(current, IntervalSet.range(Math.min(a, b), Math.max(a, b))));
    }
    return set;
  }

  private constructor(readonly tcp: IntervalSet, readonly udp: IntervalSet, readonly sctp: IntervalSet) {}

  get(protocol: Protocol): IntervalSet {
    switch (protocol) {
      case Protocol.TCP: return this.tcp;
      case Protocol.UDP: return this.udp;
      default: return this.sctp;
    }
  }

  get isEmpty(): boolean {
    return this.tcp.isEmpty && this.udp.isEmpty && this.sctp.isEmpty;
  }

  get isAll(): boolean {
    return this.tcp.isFullPortRange && this.udp.isFullPortRange && this.sctp.isFullPortRange;
  }

  contains(port: number, protocol: Protocol): boolean {
    return this.get(protocol).contains(port);
  }

  union(other: PortSet): PortSet {
    if (other === PortSet.NONE || this === PortSet.ALL) return this;
    if (this === PortSet.NONE || other === PortSet.ALL) return other;
    return new PortSet(this.tcp.union(other.tcp), this.udp.union(other.udp), this.sctp.union(other.sctp));
  }

  intersect(other: PortSet): PortSet {
    if (other === PortSet.ALL) return this;
    if (this === PortSet.ALL) return other;
    if (this === PortSet.NONE || other === PortSet.NONE) return PortSet.NONE;
    const r = new PortSet(this.tcp.intersect(other.tcp), this.udp.intersect(other.udp), this.sctp.intersect(other.sctp));
    return r.isEmpty ? PortSet.NONE : r;
  }

  /** The ports in this set and not in `other`. */
  minus(other: PortSet): PortSet {
    if (other === PortSet.NONE || this === PortSet.NONE) return this;
    const r = new PortSet(this.tcp.minus(other.tcp), this.udp.minus(other.udp), this.sctp.minus(other.sctp));
    return r.isEmpty ? PortSet.NONE : r;
  }

  equals(other: PortSet): boolean {
    return this.tcp.equals(other.tcp) && this.udp.equals(other.udp) && this.sctp.equals(other.sctp);
  }

  /** The lowest port, TCP first, then UDP, then SCTP: an example port for messages; undefined when empty. */
  first(): { port: number; protocol: Protocol } | undefined {
    for (const protocol of [Protocol.TCP, Protocol.UDP, Protocol.SCTP]) {
      const ports = this.get(protocol);
      if (!ports.isEmpty) return { port: ports.ranges[0][0], protocol };
    }
    return undefined;
  }

  /** netpol-analyzer's connection string: `All Connections`, `No Connections` or `SCTP 7070,TCP 80,8080-8090,UDP 53`. */
  describe(): string {
    if (this.isAll) return ALL_CONNECTIONS;
    if (this.isEmpty) return NO_CONNECTIONS;
    return PROTOCOLS.filter(p => !this.get(p).isEmpty).map(p => `${p} ${this.get(p).toString()}`).join(',');
  }

  /** The same as `describe()`. */
  toString(): string {
    return this.describe();
  }
}

/** One port of one protocol. */
export interface ProtocolPort {
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * Reads one port as people type it: `8080` (TCP), `TCP 8080`, `8080/TCP`, `udp 53`, `53/udp`.
 * Throws an Error whose message names the text and what would be valid.
 */
export function parsePortSpec(spec: number | string): ProtocolPort {
  const text = String(spec).trim();
  const m = /^(?:(TCP|UDP|SCTP)\s+)?(\d+)(?:\/(TCP|UDP|SCTP))?$/i.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || (m[1] && m[3]) || port < MIN_PORT || port > MAX_PORT) {
    throw new Error(`invalid port '${text}': expected a number from 1 to 65535, optionally with a protocol (TCP, UDP or SCTP; TCP when left out), e.g. 8080, 'TCP 8080' or '53/UDP'`);
  }
  const name = (m[1] ?? m[3] ?? 'TCP').toUpperCase();
  return { port, protocol: PROTOCOLS.find(p => p === name)! };
}
