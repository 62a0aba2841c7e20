/* eslint-disable no-bitwise */ // the oracle compares network prefixes bitwise
// Addresses, ranges and CIDRs (src/kube/ip). The single address parser comes in two spellings: lenient
// `parseIp` for manifests (as Kubernetes reads them) and `parseIpStrict` for user input and analyzer output.
import { isIP } from 'net';
import * as fc from 'fast-check';
import { AddressAtoms, cidrsOfRange, formatIp, formatRange, networkRange, parseAddressText, parseCidr, parseCidrBlock, parseIp, parseIpRange, parseIpStrict, rangeContains } from '../../src/kube/ip';
import { readCidr } from '../../src/kube/validation/cidr';

// Mostly well-formed pieces, with a few broken ones mixed in, so both verdicts occur often.
const octet = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 255 }).map(String), weight: 12 },
  { arbitrary: fc.constantFrom('256', '300', '00', '01', '010', '0255', '1a', ''), weight: 1 },
);
const ipv4 = fc.oneof(
  { arbitrary: fc.tuple(octet, octet, octet, octet).map(o => o.join('.')), weight: 4 },
  { arbitrary: fc.array(octet, { minLength: 3, maxLength: 5 }).map(o => o.join('.')), weight: 1 },
);
const group = fc.oneof(
  { arbitrary: fc.hexaString({ minLength: 1, maxLength: 4 }), weight: 12 },
  { arbitrary: fc.constantFrom('', '12345', '00000', 'g'), weight: 1 },
);
const ipv6 = fc.tuple(fc.array(group, { minLength: 0, maxLength: 8 }), fc.integer({ min: -1, max: 8 }), fc.option(ipv4, { freq: 3 }))
  .map(([groups, gap, tail]) => {
    const parts = [...groups];
    if (gap >= 0 && gap <= parts.length) parts.splice(gap, 0, '');
    return parts.join(':') + (tail === null ? '' : `:${tail}`);
  });
const candidate = fc.oneof(ipv4, ipv6, ipv6.map(s => `${s}%eth0`), ipv4.map(s => ` ${s}`), fc.string({ maxLength: 12 }));

describe('parseIpStrict', () => {
  test('property: accepts exactly what node net.isIP accepts, minus zone ids', () => {
    fc.assert(fc.property(candidate, text => {
      const expected = isIP(text) !== 0 && !text.includes('%');
      expect(parseIpStrict(text) !== undefined).toBe(expected);
    }), { numRuns: 3000 });
  });

  test('the generated candidates are not all refused', () => {
    // A fixed seed: the share of valid candidates varies between samples (an unseeded run once gave 93 of 1,000).
    const accepted = (arb: fc.Arbitrary<string>) => fc.sample(arb, { numRuns: 1000, seed: 20261202 }).filter(text => isIP(text) !== 0).length;
    expect(accepted(ipv4)).toBeGreaterThan(300);
    expect(accepted(ipv6)).toBeGreaterThan(100);
  });

  test('property: an accepted IPv6 address has the value the WHATWG URL parser gives it', () => {
    fc.assert(fc.property(ipv6, text => {
      const ip = parseIpStrict(text);
      if (ip?.family === 6) {
        expect(`[${formatIp(6, ip.value)}]`).toBe(new URL(`http://[${text}]/`).hostname);
      }
    }), { numRuns: 3000 });
  });

  test('leading zeros: Kubernetes reads 010.0.0.1 as decimal 10.0.0.1 (lenient), user input and analyzer output refuse it', () => {
    expect(parseIp('010.0.0.1')).toEqual(parseIp('10.0.0.1'));
    expect(parseIpStrict('010.0.0.1')).toBeUndefined();
    expect(parseIpStrict('::ffff:01.2.3.4')).toBeUndefined();
    expect(readCidr('010.0.0.1/32')).toContain('does not parse');
    expect(parseIpRange('010.0.0.1-10.0.0.2')).toBeUndefined();
    // hex groups may have leading zeros in every parser
    expect(parseIpStrict('::01')).toEqual({ family: 6, value: 1n });
  });

  test('IPv4-mapped IPv6 is an IPv6 address in every parser', () => {
    expect(parseIpStrict('::ffff:10.0.0.1')).toEqual({ family: 6, value: 0xffff0a000001n });
    expect(parseCidr('::ffff:10.0.0.1/128')).toMatchObject({ family: 6, lo: 0xffff0a000001n, hi: 0xffff0a000001n });
    // As user input it is refused: Go reads it as the IPv4 block 10.0.0.1/32.
    expect(readCidr('::ffff:10.0.0.1/128')).toContain('"10.0.0.1/32"');
    expect(parseIpRange('::ffff:10.0.0.1-::ffff:10.0.0.2')).toEqual({ family: 6, lo: 0xffff0a000001n, hi: 0xffff0a000002n });
  });

  test('zone ids and whitespace are refused by the strict parser', () => {
    expect(parseIpStrict('fe80::1%eth0')).toBeUndefined();
    expect(parseIp('fe80::1%eth0')).toBeUndefined();
    expect(parseIpStrict(' 10.0.0.1')).toBeUndefined();
    expect(parseIp(' 10.0.0.1')).toEqual(parseIp('10.0.0.1'));
  });
});

describe('network ranges', () => {
  test('host bits: the engine clears them, user input is told about them', () => {
    expect(networkRange(4, parseIp('10.1.2.3')!.value, 8)).toEqual({ family: 4, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(readCidr('10.1.2.3/8')).toContain('has host bits set; use the network address "10.0.0.0/8"');
  });

  test('property: containment of networks agrees with prefix comparison', () => {
    fc.assert(fc.property(fc.bigUintN(32), fc.integer({ min: 0, max: 32 }), fc.bigUintN(32), fc.integer({ min: 0, max: 32 }), (a, pa, b, pb) => {
      const outer = networkRange(4, a, pa);
      const inner = networkRange(4, b, pb);
      const shift = BigInt(32 - pa);
      expect(rangeContains(outer, inner)).toBe(pb >= pa && (b >> shift) === (a >> shift));
    }));
  });

  test('families never contain each other', () => {
    expect(rangeContains(networkRange(6, 0n, 0), networkRange(4, 0n, 0))).toBe(false);
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

  test('a range as the fewest CIDRs, in address order', () => {
    const cidrs = (text: string) => cidrsOfRange(parseIpRange(text)!).map(c => c.text);
    expect(cidrs('0.0.0.0-255.255.255.255')).toEqual(['0.0.0.0/0']);
    expect(cidrs('0.0.0.0-9.255.255.255')).toEqual(['0.0.0.0/5', '8.0.0.0/7']);
    expect(cidrs('10.0.0.1-10.0.0.6')).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(cidrs('255.255.255.255-255.255.255.255')).toEqual(['255.255.255.255/32']);
    expect(cidrs('::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(['::/0']);
    expect(cidrs('fd00::-fd00::1:0')).toEqual(['fd00::/112', 'fd00::1:0/128']);
  });

  test('property: the CIDRs of a range tile it exactly, each aligned, and no two neighbours could be one', () => {
    const v4 = fc.tuple(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.bigInt({ min: 0n, max: 0xffffffffn }))
      .map(([a, b]) => ({ family: 4 as const, lo: a < b ? a : b, hi: a < b ? b : a }));
    fc.assert(fc.property(v4, range => {
      const cidrs = cidrsOfRange(range);
      expect(cidrs[0].lo).toBe(range.lo);
      expect(cidrs[cidrs.length - 1].hi).toBe(range.hi);
      cidrs.forEach((c, i) => {
        expect(parseCidr(c.text)).toEqual({ family: 4, lo: c.lo, hi: c.hi }); // aligned: the text is the block
        if (i === 0) return;
        const prev = cidrs[i - 1];
        expect(prev.hi + 1n).toBe(c.lo);
        // Two equal neighbours that form an aligned block would be one CIDR of the fewest.
        const joined = networkRange(4, prev.lo, prev.prefix - 1);
        expect(prev.prefix === c.prefix && joined.lo === prev.lo && joined.hi === c.hi).toBe(false);
      });
    }), { numRuns: 500 });
  });
});

describe('parseCidrBlock', () => {
  test('the block an ipBlock holds: range, prefix and canonical text, leniently as manifests hold it', () => {
    expect(parseCidrBlock('10.1.2.3/8')).toEqual({ family: 4, lo: parseCidr('10.0.0.0/8')!.lo, hi: parseCidr('10.0.0.0/8')!.hi, prefix: 8, text: '10.0.0.0/8' });
    expect(parseCidrBlock('FD00:0::/8')!.text).toBe('fd00::/8');
    expect(parseCidrBlock('10.0.0.7')!.text).toBe('10.0.0.7/32');
    expect(parseCidrBlock('10.0.0.0/33')).toBeUndefined();
  });
});
