import * as fc from 'fast-check';
import { AllowedConnection, ConnectionPeer } from '../../src/analysis';
import { ConnectionChange, diffConnections, renderDiffMarkdown, renderDiffText } from '../../src/diff';
import { formatRange, parseIpRange } from '../../src/kube/ip';
import { PortSet } from '../../src/kube/ports';
import { Protocol } from '../../src/kube/protocol';

/** A connection as a test writes it, `SRC => DST : CONN`, read into values once, here. */
const line = (text: string): AllowedConnection => {
  const m = /^(.*) => (.*) : (.*)$/.exec(text)!;
  return AllowedConnection._of(ConnectionPeer.parse(m[1]), ConnectionPeer.parse(m[2]), PortSet.parse(m[3]));
};
const lines = (list: ReadonlyArray<{ source: string; destination: string; description: string }>) =>
  list.map(l => line(`${l.source} => ${l.destination} : ${l.description}`));
/** The changes as text, for comparing with expectations. */
const shown = (changes: readonly ConnectionChange[]) =>
  changes.map(c => ({
    source: c.source.name,
    destination: c.destination.name,
    before: c.before.describe(),
    after: c.after.describe(),
    opened: c.opened.describe(),
    closed: c.closed.describe(),
  }));

describe('connection strings', () => {
  test('reads netpol-analyzer connection strings and prints them canonically', () => {
    expect(PortSet.parse('All Connections').isAll).toBe(true);
    expect(PortSet.parse('No Connections').isEmpty).toBe(true);
    expect(PortSet.parse('UDP 53,TCP 8080-8090,80,81').toString()).toBe('TCP 80-81,8080-8090,UDP 53');
    expect(PortSet.parse('SCTP 1-65535,TCP 1-65535,UDP 1-65535').toString()).toBe('All Connections');
    expect(() => PortSet.parse('ICMP 1')).toThrow(/unknown protocol 'ICMP'/);
  });

  test('subtracts port sets per protocol', () => {
    const a = PortSet.parse('TCP 80-90,UDP 53');
    expect(a.minus(PortSet.parse('TCP 85')).toString()).toBe('TCP 80-84,86-90,UDP 53');
    expect(PortSet.parse('All Connections').minus(PortSet.parse('TCP 1-65535,UDP 1-65535')).toString()).toBe('SCTP 1-65535');
    expect(a.minus(a).isEmpty).toBe(true);
  });

  test('address ranges read and print back, IPv4 and IPv6', () => {
    for (const text of ['0.0.0.0-9.255.255.255', '10.0.0.0-10.0.0.255', '::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fd00::-fd00::ffff']) {
      expect(formatRange(parseIpRange(text)!)).toBe(text);
    }
    expect(parseIpRange('10.0.0.0-10.0.0.255[External]')).toEqual(parseIpRange('10.0.0.0-10.0.0.255'));
    expect(parseIpRange('shop/api[Deployment]')).toBeUndefined();
    expect(parseIpRange('10.0.0.9-10.0.0.1')).toBeUndefined();
  });
});

describe('diffConnections', () => {
  test('classifies added, removed, changed and unchanged pairs', () => {
    const diff = diffConnections(
      [line('shop/web[Deployment] => shop/api[Deployment] : TCP 8080'), line('shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432'),
        line('shop/api[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53')],
      [line('shop/web[Deployment] => shop/api[Deployment] : TCP 8080,8443'), line('shop/api[Deployment] => kube-system/coredns[Deployment] : UDP 53,TCP 53'),
        line('shop/worker[Deployment] => shop/db[StatefulSet] : TCP 5432')],
    );
    expect(shown(diff.added)).toEqual([{ source: 'shop/worker[Deployment]', destination: 'shop/db[StatefulSet]', before: 'No Connections', after: 'TCP 5432', opened: 'TCP 5432', closed: 'No Connections' }]);
    expect(diff.added[0].kind).toBe('added');
    expect(shown(diff.removed).map(c => [c.source, c.destination, c.before])).toEqual([['shop/api[Deployment]', 'shop/db[StatefulSet]', 'TCP 5432']]);
    expect(diff.changed.map(c => c.kind)).toEqual(['changed']);
    expect(shown(diff.changed)).toEqual([{
      source: 'shop/web[Deployment]',
      destination: 'shop/api[Deployment]',
      before: 'TCP 8080',
      after: 'TCP 8080,8443',
      opened: 'TCP 8443',
      closed: 'No Connections',
    }]);
    expect(diff.unchanged).toBe(1);
  });

  test('outside addresses compare over the address space, not by how each side cut it', () => {
    // Same reachability, cut differently because the new side's policies mention another CIDR.
    const before = [line('0.0.0.0-255.255.255.255 => shop/web[Deployment] : TCP 443')];
    const after = [
      line('0.0.0.0-9.255.255.255 => shop/web[Deployment] : TCP 443'),
      line('10.0.0.0-10.255.255.255 => shop/web[Deployment] : TCP 443'),
      line('11.0.0.0-255.255.255.255 => shop/web[Deployment] : TCP 443'),
    ];
    const diff = diffConnections(before, after);
    expect(diff.added.length + diff.removed.length + diff.changed.length).toBe(0);
    expect(diff.unchanged).toBe(3);
  });

  test('a change on part of the address space names exactly that part, merged', () => {
    const before = [line('shop/api[Deployment] => 0.0.0.0-255.255.255.255 : TCP 443')];
    const after = [
      line('shop/api[Deployment] => 0.0.0.0-9.255.255.255 : TCP 443'),
      line('shop/api[Deployment] => 11.0.0.0-255.255.255.255 : TCP 443'),
    ];
    const diff = diffConnections(before, after);
    expect(shown(diff.removed)).toEqual([expect.objectContaining({ source: 'shop/api[Deployment]', destination: '10.0.0.0-10.255.255.255', before: 'TCP 443' })]);
    expect(diff.removed[0].destination.addresses).toEqual({ family: 4, firstAddress: '10.0.0.0', lastAddress: '10.255.255.255', cidrs: ['10.0.0.0/8'] });
    expect(diff.added).toEqual([]);
    expect(diff.changed).toEqual([]);
  });

  test('identical inputs give no changes, in any order (property)', () => {
    const peers = ['a/x[Pod]', 'a/y[Pod]', 'b/z[Deployment]', '0.0.0.0-9.255.255.255', '10.0.0.0-255.255.255.255'];
    const conns = ['All Connections', 'TCP 80', 'TCP 80-90,UDP 53', 'SCTP 9'];
    const lineArb = fc.record({
      source: fc.constantFrom(...peers.slice(0, 3)), destination: fc.constantFrom(...peers), description: fc.constantFrom(...conns),
    });
    const listArb = fc.uniqueArray(lineArb, { selector: l => `${l.source}|${l.destination}`, maxLength: 10 });
    fc.assert(fc.property(listArb, list => {
      const diff = diffConnections(lines(list), lines([...list].reverse()));
      expect(diff.added.length + diff.removed.length + diff.changed.length).toBe(0);
    }), { numRuns: 100 });
  });

  test('diff(A, B) is diff(B, A) with added and removed swapped (property)', () => {
    const peers = ['a/x[Pod]', 'a/y[Pod]', 'b/z[Deployment]'];
    const conns = ['All Connections', 'TCP 80', 'TCP 80-90,UDP 53', 'SCTP 9'];
    const lineArb = fc.record({ source: fc.constantFrom(...peers), destination: fc.constantFrom(...peers), description: fc.constantFrom(...conns) });
    const listArb = fc.uniqueArray(lineArb, { selector: l => `${l.source}|${l.destination}`, maxLength: 8 });
    fc.assert(fc.property(listArb, listArb, (a, b) => {
      const ab = diffConnections(lines(a), lines(b));
      const ba = diffConnections(lines(b), lines(a));
      expect(shown(ab.added).map(c => [c.source, c.destination, c.after])).toEqual(shown(ba.removed).map(c => [c.source, c.destination, c.before]));
      expect(shown(ab.changed).map(c => [c.opened, c.closed])).toEqual(shown(ba.changed).map(c => [c.closed, c.opened]));
    }), { numRuns: 100 });
  });
});

describe('diffConnections on values', () => {
  test('both sides cut the address space at other CIDRs, and both changed part of it', () => {
    const before = [
      line('shop/api[Deployment] => 0.0.0.0-9.255.255.255 : TCP 443'),
      line('shop/api[Deployment] => 10.0.0.0-10.255.255.255 : TCP 443,5432'),
      line('shop/api[Deployment] => 11.0.0.0-255.255.255.255 : TCP 443'),
    ];
    const after = [
      line('shop/api[Deployment] => 0.0.0.0-192.167.255.255 : TCP 443'),
      line('shop/api[Deployment] => 192.168.0.0-192.168.255.255 : TCP 443,UDP 53'),
      line('shop/api[Deployment] => 192.169.0.0-255.255.255.255 : TCP 443'),
    ];
    const diff = diffConnections(before, after);
    expect(renderDiffText(diff)).toBe([
      'Allowed connections: 0 added, 0 removed, 2 changed, 1 unchanged',
      '',
      'Changed (2):',
      '~ shop/api[Deployment] => 10.0.0.0-10.255.255.255 : TCP 443,5432 -> TCP 443 (closed TCP 5432)',
      '~ shop/api[Deployment] => 192.168.0.0-192.168.255.255 : TCP 443 -> TCP 443,UDP 53 (opened UDP 53)',
      '',
    ].join('\n'));
  });

  test('each direction and address family of a workload is its own space', () => {
    const diff = diffConnections(
      [line('shop/api[Deployment] => 0.0.0.0-255.255.255.255 : TCP 443')],
      [line('0.0.0.0-255.255.255.255 => shop/api[Deployment] : TCP 443'), line('shop/api[Deployment] => ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff : TCP 443')],
    );
    expect(shown(diff.removed).map(c => `${c.source} => ${c.destination}`)).toEqual(['shop/api[Deployment] => 0.0.0.0-255.255.255.255']);
    expect(shown(diff.added).map(c => `${c.source} => ${c.destination}`)).toEqual([
      '0.0.0.0-255.255.255.255 => shop/api[Deployment]', 'shop/api[Deployment] => ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });

  test('peers compare as values, however they are written or whoever describes them', () => {
    const coredns = { namespace: 'kube-system', name: 'coredns', kind: 'Deployment' };
    const api = ConnectionPeer.parse('shop/api[Deployment]');
    const dns = PortSet.parse('TCP 53,UDP 53');
    const diff = diffConnections(
      [AllowedConnection._of(api, ConnectionPeer.fromAddresses('10.0.0.0/8'), PortSet.ALL), AllowedConnection._of(api, ConnectionPeer.fromWorkload(coredns), dns)],
      [line('shop/api[Deployment] => 10.0.0.0-10.255.255.255 : All Connections'), AllowedConnection._of(api, ConnectionPeer.fromPlatformWorkload(coredns), dns)],
    );
    expect(diff.added.length + diff.removed.length + diff.changed.length).toBe(0);
    expect(diff.unchanged).toBe(2);
  });

  test('property: applying the diff to the old connections gives the new ones, address by address and port by port', () => {
    // The IPv4 space in 16 blocks of /4; each side cuts it at its own block boundaries.
    const BLOCK = 2n ** 28n;
    const portsArb = fc.oneof(
      { arbitrary: fc.constant(PortSet.ALL), weight: 1 },
      {
        arbitrary: fc.array(fc.record({
          protocol: fc.constantFrom(Protocol.TCP, Protocol.UDP), from: fc.integer({ min: 1, max: 8 }), width: fc.integer({ min: 0, max: 3 }),
        }), { maxLength: 3 })
          .map(parts => parts.reduce((set, p) => set.union(PortSet.port(p.protocol, p.from, p.from + p.width)), PortSet.NONE)),
        weight: 6,
      },
    );
    // One side of one workload's space: cut points and the ports of each piece (empty: no connection).
    const spaceArb = fc.uniqueArray(fc.integer({ min: 1, max: 15 }), { maxLength: 5 }).chain(cuts => {
      const starts = [0, ...cuts.sort((x, y) => x - y)];
      return fc.array(portsArb, { minLength: starts.length, maxLength: starts.length }).map(ports => starts.map((first, i) => ({
        range: { family: 4 as const, lo: BigInt(first) * BLOCK, hi: BigInt(starts[i + 1] ?? 16) * BLOCK - 1n },
        ports: ports[i],
      })));
    });
    const sideArb = fc.record({ outward: spaceArb, inward: spaceArb, pair: portsArb });
    const api = ConnectionPeer.parse('shop/api[Deployment]');
    const web = ConnectionPeer.parse('shop/web[Deployment]');
    const connections = (side: { outward: Piece[]; inward: Piece[]; pair: PortSet }) => [
      ...side.outward.filter(p => !p.ports.isEmpty).map(p => AllowedConnection._of(api, ConnectionPeer._range(p.range), p.ports)),
      ...side.inward.filter(p => !p.ports.isEmpty).map(p => AllowedConnection._of(ConnectionPeer._range(p.range), api, p.ports)),
      ...(side.pair.isEmpty ? [] : [AllowedConnection._of(web, api, side.pair)]),
    ];
    type Piece = { range: { family: 4; lo: bigint; hi: bigint }; ports: PortSet };
    const at = (pieces: Piece[], address: bigint) => pieces.find(p => p.range.lo <= address && address <= p.range.hi)!.ports;
    fc.assert(fc.property(sideArb, sideArb, (a, b) => {
      const diff = diffConnections(connections(a), connections(b));
      const changes = [...diff.added, ...diff.removed, ...diff.changed];
      for (const c of changes) {
        expect(c.kind).toBe(c.before.isEmpty ? 'added' : c.after.isEmpty ? 'removed' : 'changed');
        expect(c.opened.equals(c.after.minus(c.before))).toBe(true);
        expect(c.closed.equals(c.before.minus(c.after))).toBe(true);
        // Applied to what was allowed, the change gives what is allowed now.
        expect(c.before.minus(c.closed).union(c.opened).equals(c.after)).toBe(true);
      }
      let unchanged = 0;
      for (const outward of [true, false]) {
        const [was, now] = outward ? [a.outward, b.outward] : [a.inward, b.inward];
        const mine = changes.filter(c => (outward ? c.source === api && c.destination.isExternal : c.destination === api && c.source.isExternal));
        const covering = (address: bigint) => mine.filter(c => {
          const r = (outward ? c.destination : c.source)._range!;
          return r.lo <= address && address <= r.hi;
        });
        for (let block = 0n; block < 16n; block++) {
          const address = block * BLOCK;
          const here = covering(address);
          if (at(was, address).equals(at(now, address))) {
            expect(here).toEqual([]);
          } else {
            expect(here).toHaveLength(1);
            expect(here[0].before.equals(at(was, address))).toBe(true);
            expect(here[0].after.equals(at(now, address))).toBe(true);
          }
        }
        // Runs are maximal: neighbouring changes never changed the same way.
        const sorted = mine.map(c => ({ c, r: (outward ? c.destination : c.source)._range! })).sort((x, y) => (x.r.lo < y.r.lo ? -1 : 1));
        sorted.forEach(({ c, r }, i) => {
          const next = sorted[i + 1];
          if (next && r.hi + 1n === next.r.lo) expect(c.before.equals(next.c.before) && c.after.equals(next.c.after)).toBe(false);
        });
        // A new connection is unchanged when no part of its range changed.
        const untouched = (p: Piece) => mine.every(c => {
          const r = (outward ? c.destination : c.source)._range!;
          return r.hi < p.range.lo || r.lo > p.range.hi;
        });
        unchanged += now.filter(p => !p.ports.isEmpty && untouched(p)).length;
      }
      const pair = changes.filter(c => c.source.sameAs(web));
      if (a.pair.equals(b.pair)) {
        expect(pair).toEqual([]);
        if (!a.pair.isEmpty) unchanged++;
      } else {
        expect(pair).toHaveLength(1);
        expect([pair[0].before.equals(a.pair), pair[0].after.equals(b.pair)]).toEqual([true, true]);
      }
      expect(diff.unchanged).toBe(unchanged);
    }), { numRuns: 200 });
  });
});

describe('diff renderers', () => {
  const diff = diffConnections(
    [line('shop/web[Deployment] => shop/api[Deployment] : TCP 8080'), line('shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432')],
    [line('shop/web[Deployment] => shop/api[Deployment] : TCP 8443'), line('shop/worker[Deployment] => shop/db[StatefulSet] : TCP 5432')],
  );

  test('text: one line per change with its sign, and what a changed pair opened and closed', () => {
    const text = renderDiffText(diff);
    expect(text).toContain('Allowed connections: 1 added, 1 removed, 1 changed, 0 unchanged');
    expect(text).toContain('+ shop/worker[Deployment] => shop/db[StatefulSet] : TCP 5432');
    expect(text).toContain('- shop/api[Deployment] => shop/db[StatefulSet] : TCP 5432');
    expect(text).toContain('~ shop/web[Deployment] => shop/api[Deployment] : TCP 8080 -> TCP 8443 (opened TCP 8443; closed TCP 8080)');
  });

  test('markdown: a table row per change', () => {
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('| Change | Source | Destination | Before | After |');
    expect(md).toContain('| added | `shop/worker[Deployment]` | `shop/db[StatefulSet]` |  | TCP 5432 |');
    expect(md).toContain('| removed | `shop/api[Deployment]` | `shop/db[StatefulSet]` | TCP 5432 |  |');
    expect(md).toContain('| changed | `shop/web[Deployment]` | `shop/api[Deployment]` | TCP 8080 | TCP 8443 (opened TCP 8443; closed TCP 8080) |');
  });

  test('markdown: a Mermaid diagram of the changed edges, coloured by change', () => {
    const md = renderDiffMarkdown(diff);
    const block = md.slice(md.indexOf('```mermaid'));
    expect(block).toBe([
      '```mermaid',
      'flowchart LR',
      '  n0["shop/worker[Deployment]"]',
      '  n1["shop/db[StatefulSet]"]',
      '  n2["shop/api[Deployment]"]',
      '  n3["shop/web[Deployment]"]',
      '  n0 -->|"+ TCP 5432"| n1',
      '  n2 -->|"- TCP 5432"| n1',
      '  n3 -->|"TCP 8080 → TCP 8443"| n2',
      '  linkStyle 0 stroke:#2e7d32,stroke-width:2px',
      '  linkStyle 1 stroke:#c62828,stroke-width:2px,stroke-dasharray:5 5',
      '  linkStyle 2 stroke:#c77700,stroke-width:2px',
      '```',
      '',
    ].join('\n'));
  });

  test('markdown Mermaid: outside addresses as one named block, names cannot break out of labels', () => {
    const wide = diffConnections([], [
      line('shop/x[Deployment] => 0.0.0.0-9.255.255.255 : TCP 443'),
      line('shop/x[Deployment] => 11.0.0.0-255.255.255.255 : TCP 443'),
    ]);
    const md = renderDiffMarkdown(wide);
    expect(md).toContain('n1["anywhere except 10.0.0.0/8"]');
    expect(md.match(/-->/g)).toHaveLength(1);
    const evil = diffConnections([], [line('a/x[Pod] => a/y[Pod] : TCP 1')]);
    Object.assign(evil.added[0].source, { name: 'a"]\nclick n0 "https://evil"<b>#' });
    const out = renderDiffMarkdown(evil);
    expect(out).toContain('n0["a#quot;]\\nclick n0 #quot;https://evil#quot;#lt;b#gt;#35;"]');
  });

  test('no changes says so in both formats', () => {
    const same = diffConnections([line('a/x[Pod] => a/y[Pod] : TCP 1')], [line('a/x[Pod] => a/y[Pod] : TCP 1')]);
    expect(renderDiffText(same)).toBe('No change in allowed connections (1 unchanged).\n');
    expect(renderDiffMarkdown(same)).toContain('No change in allowed connections (1 unchanged).');
  });
});
