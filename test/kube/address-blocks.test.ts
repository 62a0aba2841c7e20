import { coveredFamilies, internalReach, internetRanges, IPV4_NOT_GLOBAL, IPV6_NOT_GLOBAL, NamedAddressBlocks, notInternetRanges, sameRanges, subtractRanges, unionRanges } from '../../src/kube/address-blocks';
import { formatRange, parseCidr, parseIp } from '../../src/kube/ip';
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
  test('named blocks: the internet by name, per family too', () => {
    const named = NamedAddressBlocks.internet(NONE);
    const internet = internetRanges(NONE);
    expect(named.nameOf(internet)).toBe('the internet');
    expect(named.nameOf(internet.filter(x => x.family === 4))).toBe('the internet (IPv4)');
    expect(named.nameOf(internet.slice(1))).toBeUndefined();
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
