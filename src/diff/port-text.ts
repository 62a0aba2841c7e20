/**
 * Connection strings in netpol-analyzer's form (`All Connections`, `TCP 80,8080-8090,UDP 53`)
 * read back into per-protocol port ranges, so that two of them can be compared port by port.
 * The range arithmetic is the engine's `IntervalSet`; this adds reading the printed form.
 */
import { IntervalSet, MAX_PORT, MIN_PORT } from '../kube/ports';

const PROTOCOL_NAMES = ['SCTP', 'TCP', 'UDP'] as const;
type ProtocolName = typeof PROTOCOL_NAMES[number];
type Sets = Readonly<Record<ProtocolName, IntervalSet>>;

/** Ports per protocol, as sorted, disjoint, non-adjacent closed ranges. */
export class ConnectionPorts {
  static readonly NONE = new ConnectionPorts({ SCTP: IntervalSet.EMPTY, TCP: IntervalSet.EMPTY, UDP: IntervalSet.EMPTY });

  /** Reads `All Connections`, `No Connections` or `SCTP 7070,TCP 80,8080-8090,UDP 53`. */
  static parse(text: string): ConnectionPorts {
    const t = text.trim();
    if (t === 'All Connections') {
      return new ConnectionPorts({ SCTP: IntervalSet.FULL_PORTS, TCP: IntervalSet.FULL_PORTS, UDP: IntervalSet.FULL_PORTS });
    }
    if (t === 'No Connections' || t === '') {
      return ConnectionPorts.NONE;
    }
    const sets: Record<ProtocolName, IntervalSet> = { SCTP: IntervalSet.EMPTY, TCP: IntervalSet.EMPTY, UDP: IntervalSet.EMPTY };
    let current: ProtocolName | undefined;
    for (const raw of t.split(',')) {
      let token = raw.trim();
      const space = token.indexOf(' ');
      if (space > 0) {
        const name = token.slice(0, space).toUpperCase();
        if (!(PROTOCOL_NAMES as readonly string[]).includes(name)) {
          throw new Error(`unknown protocol '${name}' in connection '${text}'`);
        }
        current = name as ProtocolName;
        token = token.slice(space + 1).trim();
      }
      const m = /^(\d+)(?:-(\d+))?$/.exec(token);
      if (!current || !m) {
        throw new Error(`cannot read '${raw.trim()}' in connection '${text}'`);
      }
      const [a, b] = [Number(m[1]), Number(m[2] ?? m[1])];
      sets[current] = sets[current].union(IntervalSet.range(Math.min(a, b), Math.max(a, b)));
    }
    return new ConnectionPorts(sets);
  }

  private constructor(private readonly byProtocol: Sets) {}

  get isEmpty(): boolean {
    return PROTOCOL_NAMES.every(p => this.byProtocol[p].isEmpty);
  }

  /** Exactly ports 1-65535 of every protocol (a range read as `0-65535` is printed as it is). */
  get isAll(): boolean {
    return PROTOCOL_NAMES.every(p => {
      const ranges = this.byProtocol[p].ranges;
      return ranges.length === 1 && ranges[0][0] === MIN_PORT && ranges[0][1] === MAX_PORT;
    });
  }

  union(other: ConnectionPorts): ConnectionPorts {
    return this.combine(other, (a, b) => a.union(b));
  }

  /** Does the set include this port of this protocol? */
  contains(protocol: string, port: number): boolean {
    return (this.byProtocol[protocol.toUpperCase() as ProtocolName] ?? IntervalSet.EMPTY).contains(port);
  }

  /** The lowest port, TCP first, then UDP, then SCTP: an example port for messages; undefined when empty. */
  first(): { protocol: string; port: number } | undefined {
    for (const p of ['TCP', 'UDP', 'SCTP'] as const) {
      if (!this.byProtocol[p].isEmpty) {
        return { protocol: p, port: this.byProtocol[p].ranges[0][0] };
      }
    }
    return undefined;
  }

  /** The ports in this set and not in the other. */
  minus(other: ConnectionPorts): ConnectionPorts {
    return this.combine(other, (a, b) => a.minus(b));
  }

  equals(other: ConnectionPorts): boolean {
    return this.toString() === other.toString();
  }

  /** The canonical text, as netpol-analyzer prints it. */
  toString(): string {
    if (this.isAll) {
      return 'All Connections';
    }
    if (this.isEmpty) {
      return 'No Connections';
    }
    return PROTOCOL_NAMES.filter(p => !this.byProtocol[p].isEmpty).map(p => `${p} ${this.byProtocol[p].toString()}`).join(',');
  }

  private combine(other: ConnectionPorts, op: (a: IntervalSet, b: IntervalSet) => IntervalSet): ConnectionPorts {
    return new ConnectionPorts({
      SCTP: op(this.byProtocol.SCTP, other.byProtocol.SCTP),
      TCP: op(this.byProtocol.TCP, other.byProtocol.TCP),
      UDP: op(this.byProtocol.UDP, other.byProtocol.UDP),
    });
  }
}
