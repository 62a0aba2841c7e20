// Port interval sets and per-protocol port sets: their arithmetic, netpol-analyzer's connection text,
// and parsePortSpec, which reads one port as people type it (CLI `--explain`, jest matchers).
import * as fc from 'fast-check';
import { IntervalSet, parsePortSpec, PortSet } from '../../src/kube/ports';
import { Protocol } from '../../src/kube/protocol';

describe('PortSet text', () => {
  test('reads, merges and prints ranges per protocol', () => {
    expect(PortSet.parse('UDP 53,TCP 8090-8080,81,80').toString()).toBe('TCP 80-81,8080-8090,UDP 53');
    expect(PortSet.parse('All Connections').isAll).toBe(true);
    expect(PortSet.parse('No Connections').isEmpty).toBe(true);
  });

  test('only exactly 1-65535 of every protocol is All Connections; other text is printed as read', () => {
    expect(PortSet.parse('SCTP 0-65535,TCP 0-65535,UDP 0-65535').toString()).toBe('SCTP 0-65535,TCP 0-65535,UDP 0-65535');
    expect(PortSet.parse('SCTP 1-65535,TCP 1-65535,UDP 1-65535').toString()).toBe('All Connections');
  });

  test('minus, union, contains and first', () => {
    const all = PortSet.parse('All Connections');
    const web = PortSet.parse('TCP 80,443');
    expect(web.minus(all).toString()).toBe('No Connections');
    expect(all.minus(web).toString()).toBe('SCTP 1-65535,TCP 1-79,81-442,444-65535,UDP 1-65535');
    expect(web.union(PortSet.parse('TCP 81-442')).toString()).toBe('TCP 80-443');
    expect(web.contains(443, Protocol.TCP)).toBe(true);
    expect(web.contains(443, Protocol.UDP)).toBe(false);
    expect(PortSet.parse('UDP 53,SCTP 1').first()).toEqual({ protocol: 'UDP', port: 53 });
  });

  test('equals compares the ports, not how they were written', () => {
    expect(PortSet.parse('TCP 80,81').equals(PortSet.parse('tcp 81-80'))).toBe(true);
    expect(PortSet.parse('TCP 80').equals(PortSet.parse('UDP 80'))).toBe(false);
    expect(PortSet.parse('SCTP 1-65535,TCP 1-65535,UDP 1-65535').equals(PortSet.ALL)).toBe(true);
  });

  test('what the engine prints reads back as the same set', () => {
    const set = PortSet.port(Protocol.TCP, 80).union(PortSet.port(Protocol.TCP, 8080, 8090)).union(PortSet.port(Protocol.SCTP, 7070));
    expect(PortSet.parse(set.describe()).equals(set)).toBe(true);
  });
});

describe('parsePortSpec', () => {
  test('port specs: number, protocol first or last, any case', () => {
    expect(parsePortSpec(53)).toEqual({ port: 53, protocol: 'TCP' });
    expect(parsePortSpec('UDP 53')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortSpec('53/udp')).toEqual({ port: 53, protocol: 'UDP' });
    expect(parsePortSpec('sctp 9')).toEqual({ port: 9, protocol: 'SCTP' });
    expect(() => parsePortSpec('UDP 53/TCP')).toThrow(/invalid port/);
    expect(() => parsePortSpec(0)).toThrow(/invalid port/);
  });

  test('the message names the text and what would be valid', () => {
    expect(() => parsePortSpec('80/ICMP')).toThrow("invalid port '80/ICMP': expected a number from 1 to 65535");
    expect(() => parsePortSpec(' 70000 ')).toThrow(/invalid port '70000'.*TCP, UDP or SCTP/);
  });
});

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
