import { AllowedConnection, ConnectionPeer } from '../analysis';
import { AddressAtoms, IpFamily, IpRange } from '../kube/ip';
import { PortSet } from '../kube/ports';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** A peer pair whose allowed connection differs between the two inputs. */
export interface ConnectionChange {
  readonly kind: ChangeKind;
  readonly source: ConnectionPeer;
  readonly destination: ConnectionPeer;
  /** What was allowed before (empty when the pair was not connected). */
  readonly before: PortSet;
  /** What is allowed now (empty when the pair is no longer connected). */
  readonly after: PortSet;
  /** Ports allowed now and not before. */
  readonly opened: PortSet;
  /** Ports allowed before and not now. */
  readonly closed: PortSet;
}

export interface ConnectionDiff {
  readonly added: readonly ConnectionChange[];
  readonly removed: readonly ConnectionChange[];
  readonly changed: readonly ConnectionChange[];
  /** Connections of the new list that did not change (for an address range: no part of it changed). */
  readonly unchanged: number;
}

/**
 * Compares two analyses' connections pair by pair, on their values: peers by identity, ports as port
 * sets. Outside addresses are compared over the address space, not range by range: each side cuts
 * the space at the CIDRs its own policies use, so for each workload and direction both sides are
 * re-cut at the union of their boundaries (AddressAtoms) before comparing, and adjacent pieces that
 * changed the same way are joined again into one range.
 */
export function diffConnections(before: readonly AllowedConnection[], after: readonly AllowedConnection[]): ConnectionDiff {
  const peers = new PeerIds();
  // Keyed by numbers from peer identities: no text per connection.
  const pairs = new Map<number, { peers: [ConnectionPeer, ConnectionPeer]; ports: [PortSet, PortSet] }>();
  const spaces = new Map<number, AddressSide>();
  [before, after].forEach((list, side) => {
    for (const c of list) {
      const { source, destination } = c;
      const outward = destination._range !== undefined && source._range === undefined;
      const inward = source._range !== undefined && destination._range === undefined;
      if (outward || inward) {
        const peer = outward ? source : destination;
        const range = (outward ? destination._range : source._range)!;
        const key = peers.id(peer) * 4 + (outward ? 2 : 0) + (range.family === 6 ? 1 : 0);
        let space = spaces.get(key);
        if (!space) spaces.set(key, space = { peer, outward, family: range.family, ranges: [[], []] });
        space.ranges[side].push({ range, ports: c._ports });
        continue;
      }
      const key = peers.id(source) * PAIR_STRIDE + peers.id(destination);
      let entry = pairs.get(key);
      if (!entry) pairs.set(key, entry = { peers: [source, destination], ports: [PortSet.NONE, PortSet.NONE] });
      entry.ports[side] = entry.ports[side].union(c._ports);
      if (side === 1) entry.peers = [source, destination]; // shown as the new side names them
    }
  });

  const changes: ConnectionChange[] = [];
  let unchanged = 0;
  for (const { peers: [source, destination], ports: [was, now] } of pairs.values()) {
    if (!was.equals(now)) changes.push(change(source, destination, was, now));
    else if (!was.isEmpty) unchanged++;
  }
  for (const space of spaces.values()) unchanged += diffAddresses(space, changes);
  changes.sort((a, b) => compare(a.source.name, b.source.name) || compare(a.destination.name, b.destination.name));
  return {
    added: changes.filter(c => c.kind === 'added'),
    removed: changes.filter(c => c.kind === 'removed'),
    changed: changes.filter(c => c.kind === 'changed'),
    unchanged,
  };
}

function change(source: ConnectionPeer, destination: ConnectionPeer, was: PortSet, now: PortSet): ConnectionChange {
  return {
    kind: was.isEmpty ? 'added' : now.isEmpty ? 'removed' : 'changed',
    source,
    destination,
    before: was,
    after: now,
    opened: now.minus(was),
    closed: was.minus(now),
  };
}

/** One workload's connections with outside addresses of one family in one direction, on both sides. */
interface AddressSide {
  /** The workload (or other non-address peer). */
  readonly peer: ConnectionPeer;
  /** The workload is the source. */
  readonly outward: boolean;
  readonly family: IpFamily;
  readonly ranges: [Array<{ range: IpRange; ports: PortSet }>, Array<{ range: IpRange; ports: PortSet }>];
}

/**
 * Adds the changes of one workload's address space (maximal runs of pieces that changed the same
 * way) and returns how many of its new-side connections did not change at all.
 */
function diffAddresses(space: AddressSide, changes: ConnectionChange[]): number {
  const atoms = new AddressAtoms(space.family, [...space.ranges[0], ...space.ranges[1]].map(r => r.range));
  const ports = space.ranges.map(list => {
    const perAtom: PortSet[] = new Array(atoms.count).fill(PortSet.NONE);
    for (const { range, ports: p } of list) {
      const [first, last] = atoms.span(range);
      for (let i = first; i <= last; i++) perAtom[i] = perAtom[i].union(p);
    }
    return perAtom;
  });
  // changedBefore[i]: how many of atoms 0..i-1 changed, to tell whether a range holds a change.
  const changedBefore = new Array<number>(atoms.count + 1);
  changedBefore[0] = 0;
  let run: { first: number; last: number; was: PortSet; now: PortSet } | undefined;
  const flush = () => {
    if (!run) return;
    const range = ConnectionPeer._range({ family: space.family, lo: atoms.range(run.first).lo, hi: atoms.range(run.last).hi });
    changes.push(space.outward ? change(space.peer, range, run.was, run.now) : change(range, space.peer, run.was, run.now));
    run = undefined;
  };
  for (let i = 0; i < atoms.count; i++) {
    const was = ports[0][i];
    const now = ports[1][i];
    const changed = !was.equals(now);
    changedBefore[i + 1] = changedBefore[i] + (changed ? 1 : 0);
    if (run && (!changed || !run.was.equals(was) || !run.now.equals(now))) flush();
    if (!changed) continue;
    if (run) run.last = i;
    else run = { first: i, last: i, was, now };
  }
  flush();
  return space.ranges[1].filter(({ range }) => {
    const [first, last] = atoms.span(range);
    return changedBefore[last + 1] === changedBefore[first];
  }).length;
}

/** Peer numbers below this make `source * PAIR_STRIDE + destination` a safe integer key. */
const PAIR_STRIDE = 2 ** 26;

/** Numbers the peers of both sides by identity. */
class PeerIds {
  private readonly ids = new Map<string, number>();

  id(peer: ConnectionPeer): number {
    let id = this.ids.get(peer._key);
    if (id === undefined) {
      id = this.ids.size;
      if (id >= PAIR_STRIDE) throw new Error(`cannot compare connections of more than ${PAIR_STRIDE} peers`);
      this.ids.set(peer._key, id);
    }
    return id;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
