import * as fc from 'fast-check';
import { describeBlock, mergeRanges, nameAddressBlock } from '../../src/kube/address-names';
import { IpRange, cidrOf, cidrsOfRange, parseCidr } from '../../src/kube/ip';

const cidr = (text: string): IpRange => parseCidr(text)!;
/** The complement of `holes` within `space`, as ranges (what `space except holes` covers). */
function except(space: string, holes: string[]): IpRange[] {
  const out: IpRange[] = [];
  const s = cidr(space);
  let next = s.lo;
  for (const h of mergeRanges(holes.map(cidr))) {
    if (h.lo > next) out.push({ family: s.family, lo: next, hi: h.lo - BigInt(1) });
    next = h.hi + BigInt(1);
  }
  if (next <= s.hi) out.push({ family: s.family, lo: next, hi: s.hi });
  return out;
}

describe('nameAddressBlock', () => {
  test('every address is "anywhere"', () => {
    expect(nameAddressBlock([cidr('0.0.0.0/1'), cidr('128.0.0.0/1')]).name).toBe('anywhere');
  });

  test('public space without the inside ranges is "the internet", whatever pieces it comes in', () => {
    const pieces = except('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'])
      .flatMap(r => cidrsOfRange(r).map(c => cidr(c.text)));
    expect(pieces.length).toBeGreaterThan(10);
    const block = nameAddressBlock(pieces);
    expect(block.name).toBe('the internet');
    expect(describeBlock(block)).toBe('every address except 10.0.0.0/8, 100.64.0.0/10, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16');
  });

  test('IPv4 and IPv6 internet together are one "the internet"', () => {
    const v4 = except('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10']);
    const v6 = except('::/0', ['fc00::/7', 'fe80::/10']);
    expect(nameAddressBlock([...v4, ...v6]).name).toBe('the internet');
  });

  test('a set that still holds the metadata service is not "the internet": it says what it leaves out', () => {
    expect(nameAddressBlock(except('0.0.0.0/0', ['10.0.0.0/8'])).name).toBe('anywhere except 10.0.0.0/8');
  });

  test('a small set is named by its CIDRs, joined where they touch', () => {
    expect(nameAddressBlock([cidr('10.0.0.0/25'), cidr('10.0.0.128/25'), cidr('192.0.2.10/32')]).name).toBe('10.0.0.0/24, 192.0.2.10/32');
  });

  test('many CIDRs are shortened with a count', () => {
    const many = Array.from({ length: 7 }, (_, i) => cidr(`198.51.100.${i * 2}/32`));
    expect(nameAddressBlock(many).name).toBe('198.51.100.0/32, 198.51.100.2/32, 198.51.100.4/32, 198.51.100.6/32 and 3 more');
  });

  test('property: the block holds exactly the input addresses, and is never "the internet" when it holds a private address', () => {
    const block = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
      .map(([v, p]) => cidrOf(4, BigInt(v), p));
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), blocks => {
      const input = blocks.map(b => cidr(b.text));
      const named = nameAddressBlock(input);
      const back = mergeRanges(named.cidrs.map(cidr));
      expect(back).toEqual(mergeRanges(input));
      const privateInside = ['10.0.0.0/8', '169.254.169.254/32', '192.168.0.0/16'].some(p => input.some(r => r.lo <= cidr(p).hi && cidr(p).lo <= r.hi));
      if (privateInside) expect(named.name).not.toBe('the internet');
    }), { numRuns: 300 });
  });
});
