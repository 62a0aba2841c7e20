// Building blocks: port interval sets, IP addresses and ranges, label selectors.
import * as fc from 'fast-check';
import { AddressAtoms, formatIp, formatRange, parseCidr, parseIp, parseAddressText } from '../../src/kube/ip';
import { IntervalSet, PortSet } from '../../src/kube/ports';
import { Protocol } from '../../src/kube/protocol';
import { LabelSelector } from '../../src/kube/selectors';

describe('IntervalSet', () => {
  const small = fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 6 })), { maxLength: 6 });
  const build = (spec: Array<[number, number]>) => spec.reduce((s, [a, len]) => s.union(IntervalSet.range(a, a + len)), IntervalSet.EMPTY);
  const members = (s: IntervalSet) => Array.from({ length: 70 }, (_, i) => i).filter(i => s.contains(i));
  const naive = (spec: Array<[number, number]>) => new Set(spec.flatMap(([a, len]) => Array.from({ length: len + 1 }, (_, i) => a + i)));

  test('union and intersection agree with plain sets, and stay canonical (sorted, disjoint, non-adjacent)', () => {
    fc.assert(fc.property(small, small, (x, y) => {
      const sx = naive(x);
      const sy = naive(y);
      const u = build(x).union(build(y));
      const i = build(x).intersect(build(y));
      expect(members(u)).toEqual([...new Set([...sx, ...sy])].sort((a, b) => a - b));
      expect(members(i)).toEqual([...sx].filter(v => sy.has(v)).sort((a, b) => a - b));
      for (const s of [u, i]) {
        for (let k = 1; k < s.ranges.length; k++) expect(s.ranges[k][0]).toBeGreaterThan(s.ranges[k - 1][1] + 1);
      }
    }));
  });

  test('minus agrees with plain sets and stays canonical', () => {
    fc.assert(fc.property(small, small, (x, y) => {
      const sy = naive(y);
      const d = build(x).minus(build(y));
      expect(members(d)).toEqual([...naive(x)].filter(v => !sy.has(v)).sort((a, b) => a - b));
      for (let k = 1; k < d.ranges.length; k++) expect(d.ranges[k][0]).toBeGreaterThan(d.ranges[k - 1][1] + 1);
    }));
  });

  test('prints ranges as netpol-analyzer does', () => {
    expect(IntervalSet.range(80, 80).union(IntervalSet.range(8080, 8090)).toString()).toBe('80,8080-8090');
  });
});

describe('PortSet', () => {
  test('All Connections is every port of TCP, UDP and SCTP', () => {
    expect(PortSet.ALL.describe()).toBe('All Connections');
    expect(PortSet.port(Protocol.TCP, 1, 65535).union(PortSet.port(Protocol.UDP, 1, 65535)).describe()).toBe('TCP 1-65535,UDP 1-65535');
    expect(PortSet.NONE.describe()).toBe('No Connections');
  });

  test('intersection per protocol', () => {
    const a = PortSet.port(Protocol.TCP, 80, 90).union(PortSet.port(Protocol.UDP, 53));
    expect(a.intersect(PortSet.port(Protocol.TCP, 85, 100)).describe()).toBe('TCP 85-90');
    expect(a.intersect(PortSet.port(Protocol.SCTP, 85)).isEmpty).toBe(true);
  });
});

describe('IP addresses', () => {
  test('parses and formats IPv4 and IPv6 (RFC 5952 compression, embedded IPv4)', () => {
    expect(parseIp('10.1.2.3')).toEqual({ family: 4, value: BigInt(0x0a010203) });
    expect(formatIp(6, parseIp('fd00:0:0:0:0:0:0:1')!.value)).toBe('fd00::1');
    expect(formatIp(6, parseIp('::ffff:1.2.3.4')!.value)).toBe('::ffff:102:304');
    expect(formatIp(6, parseIp('1:0:0:2:0:0:0:3')!.value)).toBe('1:0:0:2::3');
    expect(parseIp('10.1.2')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('256.1.1.1')).toBeUndefined();
  });

  test('IPv6 round-trips through format and parse', () => {
    fc.assert(fc.property(fc.bigUintN(128), v => {
      expect(parseIp(formatIp(6, v))).toEqual({ family: 6, value: v });
    }));
  });

  test('CIDRs become ranges; host bits are cleared', () => {
    expect(formatRange(parseCidr('10.1.2.3/8')!)).toBe('10.0.0.0-10.255.255.255');
    expect(formatRange(parseCidr('0.0.0.0/0')!)).toBe('0.0.0.0-255.255.255.255');
    expect(formatRange(parseCidr('fd00::/16')!)).toBe('fd00::-fd00:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseAddressText('10.0.0.0-10.0.0.255[External]')).toEqual(parseCidr('10.0.0.0/24'));
  });

  test('atoms cut the space at every range boundary', () => {
    const atoms = new AddressAtoms(4, [parseCidr('10.0.0.0/8')!, parseCidr('10.1.0.0/16')!]);
    expect(Array.from({ length: atoms.count }, (_, i) => formatRange(atoms.range(i)))).toEqual([
      '0.0.0.0-9.255.255.255', '10.0.0.0-10.0.255.255', '10.1.0.0-10.1.255.255', '10.2.0.0-10.255.255.255', '11.0.0.0-255.255.255.255',
    ]);
    expect(atoms.indexOf(parseIp('10.1.7.7')!.value)).toBe(2);
  });
});

describe('LabelSelector', () => {
  test('the empty selector matches everything; absent is treated the same by the parser', () => {
    expect(LabelSelector.parse({}).isEmpty).toBe(true);
    expect(LabelSelector.parse(undefined).matches({ a: 'b' })).toBe(true);
  });

  test('label values are compared as strings', () => {
    expect(LabelSelector.parse({ matchLabels: { version: 1 } }).matches({ version: '1' })).toBe(true);
  });

  test('In without values is invalid and matches nothing', () => {
    const s = LabelSelector.parse({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] });
    expect(s.problem).toMatch(/needs values/);
    expect(s.matches({ a: 'x' })).toBe(false);
  });
});
