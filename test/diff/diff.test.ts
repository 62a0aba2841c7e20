import * as fc from 'fast-check';
import { ConnectionLine, diffConnections, renderDiffMarkdown, renderDiffText } from '../../src/diff';
import { formatRange, parseIpRange } from '../../src/kube/ip';
import { PortSet } from '../../src/kube/ports';

const line = (text: string): ConnectionLine => {
  const m = /^(.*) => (.*) : (.*)$/.exec(text)!;
  return { source: m[1], destination: m[2], description: m[3] };
};

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
    expect(diff.added).toEqual([{ kind: 'added', source: 'shop/worker[Deployment]', destination: 'shop/db[StatefulSet]', before: 'No Connections', after: 'TCP 5432', opened: 'TCP 5432', closed: 'No Connections' }]);
    expect(diff.removed.map(c => [c.source, c.destination, c.before])).toEqual([['shop/api[Deployment]', 'shop/db[StatefulSet]', 'TCP 5432']]);
    expect(diff.changed).toEqual([{
      kind: 'changed',
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
    expect(diff.removed).toEqual([expect.objectContaining({ source: 'shop/api[Deployment]', destination: '10.0.0.0-10.255.255.255', before: 'TCP 443' })]);
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
    fc.assert(fc.property(listArb, lines => {
      const diff = diffConnections(lines, [...lines].reverse());
      expect(diff.added.length + diff.removed.length + diff.changed.length).toBe(0);
    }), { numRuns: 100 });
  });

  test('diff(A, B) is diff(B, A) with added and removed swapped (property)', () => {
    const peers = ['a/x[Pod]', 'a/y[Pod]', 'b/z[Deployment]'];
    const conns = ['All Connections', 'TCP 80', 'TCP 80-90,UDP 53', 'SCTP 9'];
    const lineArb = fc.record({ source: fc.constantFrom(...peers), destination: fc.constantFrom(...peers), description: fc.constantFrom(...conns) });
    const listArb = fc.uniqueArray(lineArb, { selector: l => `${l.source}|${l.destination}`, maxLength: 8 });
    fc.assert(fc.property(listArb, listArb, (a, b) => {
      const ab = diffConnections(a, b);
      const ba = diffConnections(b, a);
      expect(ab.added.map(c => [c.source, c.destination, c.after])).toEqual(ba.removed.map(c => [c.source, c.destination, c.before]));
      expect(ab.changed.map(c => [c.opened, c.closed])).toEqual(ba.changed.map(c => [c.closed, c.opened]));
    }), { numRuns: 100 });
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

  test('no changes says so in both formats', () => {
    const same = diffConnections([line('a/x[Pod] => a/y[Pod] : TCP 1')], [line('a/x[Pod] => a/y[Pod] : TCP 1')]);
    expect(renderDiffText(same)).toBe('No change in allowed connections (1 unchanged).\n');
    expect(renderDiffMarkdown(same)).toContain('No change in allowed connections (1 unchanged).');
  });
});
