import * as fc from 'fast-check';
import { coveredFamilies, describeBlock, internetBlocks, internalReach, internetRanges, IPV4_NOT_GLOBAL, IPV6_NOT_GLOBAL, nameAddressBlock, notInternetRanges, sameRanges, subtractRanges, unionRanges } from '../../src/kube/address-blocks';
import { cidrOf, cidrsOfRange, formatRange, IpRange, parseCidr, parseIp } from '../../src/kube/ip';
import { WELKIN } from '../../src/kube/platform';

const r = (...cidrs: string[]) => cidrs.map(c => parseCidr(c)!);
const NONE = { privateRanges: [], podCidrs: [], serviceCidrs: [] };

describe('address blocks judged by what they cover', () => {
  test('blocks that together cover a family are everything', () => {
    expect(coveredFamilies(r('0.0.0.0/1', '128.0.0.0/1'))).toEqual([4]);
    expect(coveredFamilies(r('0.0.0.0/1', '128.0.0.0/2'))).toEqual([]);
    expect(coveredFamilies(r('::/1', '8000::/1', '10.0.0.0/8'))).toEqual([6]);
    expect(coveredFamilies(subtractRanges(r('::/0'), r('::/1')))).toEqual([]);
  });
  test('union and difference', () => {
    expect(unionRanges(r('10.0.0.0/9', '10.128.0.0/9')).map(formatRange)).toEqual(['10.0.0.0-10.255.255.255']);
    expect(subtractRanges(r('0.0.0.0/0'), r('10.0.0.0/8')).map(formatRange)).toEqual(['0.0.0.0-9.255.255.255', '11.0.0.0-255.255.255.255']);
    expect(sameRanges(r('10.0.0.0/8'), r('10.0.0.0/9', '10.128.0.0/9'))).toBe(true);
  });
  test('what a block reaches inside the cluster', () => {
    const welkin = { privateRanges: WELKIN.privateRanges, podCidrs: WELKIN.podCidrs, serviceCidrs: WELKIN.serviceCidrs };
    expect(internalReach(subtractRanges(r('0.0.0.0/0'), r('10.0.0.0/8')), welkin)).toBe('the cloud metadata service (169.254.169.254)');
    expect(internalReach(r('10.233.0.10/32'), welkin)).toBe('the cluster\'s service range 10.233.0.0/18');
    expect(internalReach(r('192.168.0.0/16'), welkin)).toBe('the whole private range 192.168.0.0/16');
    expect(internalReach(r('192.168.1.0/24'), welkin)).toBeUndefined();
    expect(internalReach(r('fe80::1/128'), welkin)).toBe('link-local addresses (fe80::/10)');
  });
  test('the internet holds no special-purpose address of either registry, and the rest of both families', () => {
    const internet = internetRanges(NONE);
    for (const { cidr } of [...IPV4_NOT_GLOBAL, ...IPV6_NOT_GLOBAL]) {
      expect(subtractRanges(r(cidr), notInternetRanges(NONE))).toEqual([]);
      expect(subtractRanges(r(cidr), internet)).toEqual(r(cidr));
    }
    for (const a of ['169.254.169.254', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::', '::1', '0.1.2.3', '240.1.1.1', '255.255.255.255', '224.0.0.1', '100.64.1.1', 'ff02::1', '192.0.0.9']) {
      const ip = parseIp(a)!;
      expect([a, internet.some(x => x.family === ip.family && x.lo <= ip.value && ip.value <= x.hi)]).toEqual([a, false]);
    }
    expect(sameRanges([...internet, ...notInternetRanges(NONE)], r('0.0.0.0/0', '::/0'))).toBe(true);
  });
});

describe('nameAddressBlock: the one naming of outside address sets in human formats', () => {
  const cidr = (text: string): IpRange => parseCidr(text)!;
  const pieces = (ranges: IpRange[]) => ranges.flatMap(x => cidrsOfRange(x).map(c => cidr(c.text)));
  test('"the internet" is exactly internetRanges (what Peer.internet() writes), whatever pieces it comes in; per family with the family', () => {
    const internet = internetRanges(NONE);
    expect(pieces(internet).length).toBeGreaterThan(20);
    expect(nameAddressBlock(pieces(internet)).name).toBe('the internet');
    expect(nameAddressBlock(internet.filter(x => x.family === 4)).name).toBe('the internet (IPv4)');
    expect(nameAddressBlock(internet.filter(x => x.family === 6)).name).toBe('the internet (IPv6)');
    // Peer.internet()'s ipBlocks, cidr minus except, name the same set
    expect(nameAddressBlock(internetBlocks(NONE).flatMap(b => subtractRanges([b.cidr], b.except))).name).toBe('the internet');
    expect(describeBlock(nameAddressBlock(internet))).toMatch(/^every address except 0\.0\.0\.0\/8, 10\.0\.0\.0\/8, /);
  });
  test('a set holding less or more than the internet is not "the internet"', () => {
    const internet = internetRanges(NONE);
    expect(nameAddressBlock(internet.slice(1)).name).toBe('anywhere except 0.0.0.0/5, 8.0.0.0/7, 10.0.0.0/8, 100.64.0.0/10 and 11 more + the internet (IPv6)');
    // RFC 1918 cut out only: it still holds loopback, CGNAT and the metadata service's link-local range
    expect(nameAddressBlock(subtractRanges(r('0.0.0.0/0'), r('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'))).name)
      .toBe('anywhere except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16');
  });
  test('every address is "anywhere"; most of a family is "anywhere except ..."', () => {
    expect(nameAddressBlock(r('0.0.0.0/1', '128.0.0.0/1', '::/0')).name).toBe('anywhere');
    expect(nameAddressBlock(r('0.0.0.0/1', '128.0.0.0/1')).name).toBe('anywhere');
    expect(nameAddressBlock(subtractRanges(r('0.0.0.0/0'), r('10.0.0.0/8'))).name).toBe('anywhere except 10.0.0.0/8');
    expect(nameAddressBlock([...internetRanges(NONE).filter(x => x.family === 4), ...r('::/0')]).name).toBe('the internet (IPv4) + anywhere (IPv6)');
  });
  test('a small set is named by its CIDRs, joined where they touch; many are shortened with a count unless asked', () => {
    expect(nameAddressBlock(r('10.0.0.0/25', '10.0.0.128/25', '192.0.2.10/32')).name).toBe('10.0.0.0/24, 192.0.2.10/32');
    const many = Array.from({ length: 7 }, (_, i) => cidr(`198.51.100.${i * 2}/32`));
    expect(nameAddressBlock(many).name).toBe('198.51.100.0/32, 198.51.100.2/32, 198.51.100.4/32, 198.51.100.6/32 and 3 more');
    expect(nameAddressBlock(many, Infinity).name.split(', ')).toHaveLength(7);
  });
  test('property: the block holds exactly the input addresses, and is "the internet" only when it is exactly the internet', () => {
    const block = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
      .map(([v, p]) => cidrOf(4, BigInt(v), p));
    const internet4 = internetRanges(NONE).filter(x => x.family === 4);
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), fc.boolean(), (blocks, withInternet) => {
      const input = [...blocks.map(b => cidr(b.text)), ...withInternet ? internet4 : []];
      const named = nameAddressBlock(input);
      expect(unionRanges(named.cidrs.map(cidr))).toEqual(unionRanges(input));
      expect(named.name.startsWith('the internet')).toBe(sameRanges(input, internet4));
    }), { numRuns: 300 });
  });
});

test('docs/address-blocks.md lists every special-purpose range', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const text: string = require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'docs', 'address-blocks.md'), 'utf-8');
  for (const { cidr, source } of [...IPV4_NOT_GLOBAL, ...IPV6_NOT_GLOBAL]) {
    expect(text).toContain(`| \`${cidr}\` |`);
    expect(text).toContain(source);
  }
});
