/**
 * Connection strings in netpol-analyzer's form (`All Connections`, `TCP 80,8080-8090,UDP 53`)
 * read back into per-protocol port ranges, so that two of them can be compared port by port.
 */

const PROTOCOL_NAMES = ['SCTP', 'TCP', 'UDP'] as const;
type ProtocolName = typeof PROTOCOL_NAMES[number];
type Ranges = ReadonlyArray<readonly [number, number]>;

/** Ports per protocol, as sorted, disjoint, non-adjacent closed ranges. */
export class ConnectionPorts {
  static readonly NONE = new ConnectionPorts({ SCTP: [], TCP: [], UDP: [] });

  /** Reads `All Connections`, `No Connections` or `SCTP 7070,TCP 80,8080-8090,UDP 53`. */
  static parse(text: string): ConnectionPorts {
    const t = text.trim();
    if (t === 'All Connections') {
      return new ConnectionPorts({ SCTP: [[1, 65535]], TCP: [[1, 65535]], UDP: [[1, 65535]] });
    }
    if (t === 'No Connections' || t === '') {
      return ConnectionPorts.NONE;
    }
    const ranges: Record<ProtocolName, Array<[number, number]>> = { SCTP: [], TCP: [], UDP: [] };
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
      ranges[current].push([Number(m[1]), Number(m[2] ?? m[1])]);
    }
    return new ConnectionPorts({ SCTP: normalise(ranges.SCTP), TCP: normalise(ranges.TCP), UDP: normalise(ranges.UDP) });
  }

  private constructor(private readonly byProtocol: Readonly<Record<ProtocolName, Ranges>>) {}

  get isEmpty(): boolean {
    return PROTOCOL_NAMES.every(p => this.byProtocol[p].length === 0);
  }

  get isAll(): boolean {
    return PROTOCOL_NAMES.every(p => this.byProtocol[p].length === 1 && this.byProtocol[p][0][0] === 1 && this.byProtocol[p][0][1] === 65535);
  }

  union(other: ConnectionPorts): ConnectionPorts {
    const out = {} as Record<ProtocolName, Ranges>;
    for (const p of PROTOCOL_NAMES) {
      out[p] = normalise([...this.byProtocol[p], ...other.byProtocol[p]].map(([a, b]) => [a, b] as [number, number]));
    }
    return new ConnectionPorts(out);
  }

  /** Does the set include this port of this protocol? */
  contains(protocol: string, port: number): boolean {
    const ranges = this.byProtocol[protocol.toUpperCase() as ProtocolName] ?? [];
    return ranges.some(([a, b]) => port >= a && port <= b);
  }

  /** The lowest port, TCP first, then UDP, then SCTP: an example port for messages; undefined when empty. */
  first(): { protocol: string; port: number } | undefined {
    for (const p of ['TCP', 'UDP', 'SCTP'] as const) {
      if (this.byProtocol[p].length > 0) {
        return { protocol: p, port: this.byProtocol[p][0][0] };
      }
    }
    return undefined;
  }

  /** The ports in this set and not in the other. */
  minus(other: ConnectionPorts): ConnectionPorts {
    const out = {} as Record<ProtocolName, Ranges>;
    for (const p of PROTOCOL_NAMES) {
      out[p] = subtract(this.byProtocol[p], other.byProtocol[p]);
    }
    return new ConnectionPorts(out);
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
    return PROTOCOL_NAMES.filter(p => this.byProtocol[p].length > 0)
      .map(p => `${p} ${this.byProtocol[p].map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`)
      .join(',');
  }
}

function normalise(ranges: Array<[number, number]>): Ranges {
  const sorted = ranges.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) {
      last[1] = Math.max(last[1], b);
    } else {
      out.push([a, b]);
    }
  }
  return out;
}

function subtract(from: Ranges, remove: Ranges): Ranges {
  const out: Array<[number, number]> = [];
  for (const [a, b] of from) {
    let lo = a;
    for (const [c, d] of remove) {
      if (d < lo || c > b) {
        continue;
      }
      if (c > lo) {
        out.push([lo, c - 1]);
      }
      lo = Math.max(lo, d + 1);
    }
    if (lo <= b) {
      out.push([lo, b]);
    }
  }
  return out;
}
