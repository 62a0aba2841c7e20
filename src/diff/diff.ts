import { AddressAtoms, formatRange, IpFamily, IpRange, parseIpRange } from '../kube/ip';
import { PortSet } from '../kube/ports';

/** One line of a connection list, `SOURCE => DESTINATION : DESCRIPTION` (the engine's AllowedConnection fits). */
export interface ConnectionLine {
  readonly source: string;
  readonly destination: string;
  /** netpol-analyzer's connection string: `All Connections` or `TCP 80,8080-8090,UDP 53`. */
  readonly description: string;
}

export type ChangeKind = 'added' | 'removed' | 'changed';

/** A peer pair whose allowed connection differs between the two inputs. */
export interface ConnectionChange {
  readonly kind: ChangeKind;
  readonly source: string;
  readonly destination: string;
  /** What was allowed before (`No Connections` when the pair was not connected). */
  readonly before: string;
  /** What is allowed now (`No Connections` when the pair is no longer connected). */
  readonly after: string;
  /** Ports allowed now and not before (`No Connections` when none). */
  readonly opened: string;
  /** Ports allowed before and not now (`No Connections` when none). */
  readonly closed: string;
}

export interface ConnectionDiff {
  readonly added: readonly ConnectionChange[];
  readonly removed: readonly ConnectionChange[];
  readonly changed: readonly ConnectionChange[];
  /** Lines of the new list that did not change (for an address range: no part of it changed). */
  readonly unchanged: number;
}

/**
 * Compares two connection lists pair by pair. Outside addresses are compared over the address
 * space, not by their printed ranges: each side cuts the space at the CIDRs its own policies use,
 * so both sides are re-cut at the union of those boundaries before comparing, and adjacent ranges
 * that changed the same way are merged again for display.
 */
export function diffConnections(before: readonly ConnectionLine[], after: readonly ConnectionLine[]): ConnectionDiff {
  const oldSide = readSide(before);
  const newSide = readSide(after);
  const cuts = new Cuts([...oldSide.external, ...newSide.external].map(e => e.range));
  const oldMap = new Map<string, Entry>();
  const newMap = new Map<string, Entry>();
  for (const [side, map] of [[oldSide, oldMap], [newSide, newMap]] as const) {
    for (const line of side.internal) {
      put(map, { key: `${line.source}\u0000${line.destination}`, source: line.source, destination: line.destination, ports: line.ports });
    }
    for (const e of side.external) {
      for (const atom of cuts.split(e.range)) {
        const key = atomKey(e, atom);
        put(map, { key, external: { peer: e.peer, outward: e.outward, range: atom }, source: '', destination: '', ports: e.ports });
      }
    }
  }
  const changes: Array<ConnectionChange & { external?: ExternalPart }> = [];
  const changedKeys = new Set<string>();
  let unchanged = 0;
  for (const key of new Set([...oldMap.keys(), ...newMap.keys()])) {
    const o = oldMap.get(key);
    const n = newMap.get(key);
    const was = o?.ports ?? PortSet.NONE;
    const now = n?.ports ?? PortSet.NONE;
    if (was.equals(now)) {
      if (!was.isEmpty && !o?.external) {
        unchanged++;
      }
      continue;
    }
    changedKeys.add(key);
    const ref = (n ?? o)!;
    changes.push({
      kind: was.isEmpty ? 'added' : now.isEmpty ? 'removed' : 'changed',
      source: ref.source,
      destination: ref.destination,
      before: was.toString(),
      after: now.toString(),
      opened: now.minus(was).toString(),
      closed: was.minus(now).toString(),
      external: ref.external,
    });
  }
  const merged = mergeExternal(changes);
  const sorted = merged.sort((a, b) => compare(a.source, b.source) || compare(a.destination, b.destination));
  return {
    added: sorted.filter(c => c.kind === 'added'),
    removed: sorted.filter(c => c.kind === 'removed'),
    changed: sorted.filter(c => c.kind === 'changed'),
    // An address range line of the new side is unchanged when no part of it changed.
    unchanged: unchanged + newSide.external.filter(e => cuts.split(e.range).every(atom => !changedKeys.has(atomKey(e, atom)))).length,
  };
}

interface ExternalPart {
  readonly peer: string;
  readonly outward: boolean;
  readonly range: IpRange;
}

interface Entry {
  readonly key: string;
  readonly source: string;
  readonly destination: string;
  readonly ports: PortSet;
  readonly external?: ExternalPart;
}

interface Side {
  readonly internal: Array<{ source: string; destination: string; ports: PortSet }>;
  readonly external: Array<{ peer: string; outward: boolean; range: IpRange; ports: PortSet }>;
}

function readSide(lines: readonly ConnectionLine[]): Side {
  const side: Side = { internal: [], external: [] };
  for (const line of lines) {
    const ports = PortSet.parse(line.description);
    // `10.0.0.0-10.255.255.255` (with or without `[External]`) is an address range; anything else a peer.
    const src = parseIpRange(line.source);
    const dst = parseIpRange(line.destination);
    if (dst && !src) {
      side.external.push({ peer: line.source, outward: true, range: dst, ports });
    } else if (src && !dst) {
      side.external.push({ peer: line.destination, outward: false, range: src, ports });
    } else {
      side.internal.push({ source: line.source, destination: line.destination, ports });
    }
  }
  return side;
}

function put(map: Map<string, Entry>, entry: Entry): void {
  const existing = map.get(entry.key);
  map.set(entry.key, existing ? { ...existing, ports: existing.ports.union(entry.ports) } : entry);
}

/** The address space cut at the boundaries either side uses, per family (the engine's AddressAtoms). */
class Cuts {
  private readonly atoms: Record<IpFamily, AddressAtoms>;

  constructor(ranges: readonly IpRange[]) {
    this.atoms = { 4: new AddressAtoms(4, ranges), 6: new AddressAtoms(6, ranges) };
  }

  /** The range cut at every boundary inside it. */
  split(range: IpRange): IpRange[] {
    const atoms = this.atoms[range.family];
    const [first, last] = atoms.span(range);
    const out: IpRange[] = [];
    for (let i = first; i <= last; i++) {
      out.push(atoms.range(i));
    }
    return out;
  }
}

/** Joins adjacent address ranges of the same peer that changed the same way, and names them. */
function mergeExternal(changes: Array<ConnectionChange & { external?: ExternalPart }>): ConnectionChange[] {
  const out: ConnectionChange[] = [];
  const groups = new Map<string, Array<ConnectionChange & { external?: ExternalPart }>>();
  for (const c of changes) {
    if (!c.external) {
      out.push(strip(c));
      continue;
    }
    const key = [c.external.outward, c.external.peer, c.external.range.family, c.before, c.after].join('\u0000');
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => (a.external!.range.lo < b.external!.range.lo ? -1 : 1));
    let current: IpRange | undefined;
    const flush = (c: ConnectionChange & { external?: ExternalPart }) => {
      const range = formatRange(current!);
      const { peer, outward } = c.external!;
      out.push({ ...strip(c), source: outward ? peer : range, destination: outward ? range : peer });
    };
    let last = list[0];
    for (const c of list) {
      const r = c.external!.range;
      if (current && current.hi + BigInt(1) === r.lo) {
        current = { family: r.family, lo: current.lo, hi: r.hi };
      } else {
        if (current) {
          flush(last);
        }
        current = r;
      }
      last = c;
    }
    flush(last);
  }
  return out;
}

function strip(c: ConnectionChange & { external?: ExternalPart }): ConnectionChange {
  const { kind, source, destination, before, after, opened, closed } = c;
  return { kind, source, destination, before, after, opened, closed };
}

function atomKey(e: { peer: string; outward: boolean }, atom: IpRange): string {
  return `${e.outward ? 'out' : 'in'}\u0000${e.peer}\u0000${atom.family}\u0000${atom.lo}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
