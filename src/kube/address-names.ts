/**
 * Names sets of outside addresses for people: the analysis cuts the address space at every CIDR
 * its policies use, so "the internet" arrives as a dozen ranges and `0.0.0.0/0 except 10.0.0.0/8`
 * as two. Human formats show one named block instead; the ranges stay available for detail.
 */
import { IpFamily, IpRange, cidrsOfRange, familyMax, parseCidr } from './ip';

/**
 * Blocks of the IANA IPv4 and IPv6 special-purpose address registries that are not globally
 * reachable (RFC 6890 and successors), plus multicast and the reserved 240.0.0.0/4.
 */
const NOT_GLOBAL: Record<IpFamily, readonly string[]> = {
  4: [
    '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
    '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15',
    '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  ],
  6: [
    '::/127', '::ffff:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/23',
    '2001:db8::/32', '2002::/16', '3fff::/20', '5f00::/16', 'fc00::/7', 'fe80::/10', 'ff00::/8',
  ],
};

/**
 * Addresses that belong to a cluster or its hosts, never to "the internet": private (RFC 1918,
 * unique local), shared (CGNAT, used for pods on some clouds) and link-local (where cloud metadata
 * services answer). Loopback is left out: a policy's ipBlock cannot reach a pod's own loopback.
 */
const INSIDE: Record<IpFamily, readonly string[]> = {
  4: ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'],
  6: ['fc00::/7', 'fe80::/10'],
};

function ranges(texts: readonly string[]): IpRange[] {
  return texts.map(t => parseCidr(t)!);
}

/** Sorted, with touching or overlapping ranges joined. */
export function mergeRanges(input: readonly IpRange[]): IpRange[] {
  const sorted = [...input].sort((a, b) => (a.family - b.family) || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.lo <= last.hi + BigInt(1)) {
      if (r.hi > last.hi) out[out.length - 1] = { family: last.family, lo: last.lo, hi: r.hi };
    } else {
      out.push(r);
    }
  }
  return out;
}

/** The addresses of `family` not in `merged` (which must be merged, of that family). */
function complement(family: IpFamily, merged: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  let next = BigInt(0);
  for (const r of merged) {
    if (r.lo > next) out.push({ family, lo: next, hi: r.lo - BigInt(1) });
    next = r.hi + BigInt(1);
  }
  if (next <= familyMax(family)) out.push({ family, lo: next, hi: familyMax(family) });
  return out;
}

function covers(merged: readonly IpRange[], part: IpRange): boolean {
  return merged.some(r => r.family === part.family && r.lo <= part.lo && part.hi <= r.hi);
}

function overlaps(merged: readonly IpRange[], part: IpRange): boolean {
  return merged.some(r => r.family === part.family && r.lo <= part.hi && part.lo <= r.hi);
}

/** The globally reachable addresses of a family, as merged ranges. */
const GLOBAL: Record<IpFamily, IpRange[]> = {
  4: complement(4, mergeRanges(ranges(NOT_GLOBAL[4]))),
  6: complement(6, mergeRanges(ranges(NOT_GLOBAL[6]))),
};

/** A set of outside addresses as people should read it. */
export interface AddressBlock {
  /** `the internet`, `anywhere`, `anywhere except 10.0.0.0/8`, or the CIDRs themselves. */
  readonly name: string;
  /** The CIDRs that make the set up, in address order. */
  readonly cidrs: readonly string[];
  /** True for "the internet" and "anywhere": the set holds every globally reachable address. */
  readonly public: boolean;
  /** What the set leaves out of the address families it touches, as CIDRs (short for large sets). */
  readonly except: readonly string[];
}

const MAX_LISTED = 4;

/**
 * Names one set of outside addresses (of one or both families): "anywhere" when it is everything,
 * "the internet" when it holds every globally reachable address and nothing of a cluster's inside
 * (private, shared, loopback, link-local), "anywhere except ..." when it holds most of the space,
 * else its CIDRs.
 */
export function nameAddressBlock(input: readonly IpRange[]): AddressBlock {
  const merged = mergeRanges(input);
  const cidrs = merged.flatMap(r => cidrsOfRange(r).map(c => c.text));
  const families = [...new Set(merged.map(r => r.family))] as IpFamily[];
  const except = families.flatMap(f => complement(f, merged.filter(r => r.family === f))).flatMap(r => cidrsOfRange(r).map(c => c.text));
  const everything = families.length > 0 && families.every(f => complement(f, merged.filter(r => r.family === f)).length === 0);
  if (everything) return { name: 'anywhere', cidrs, public: true, except };
  const internet = families.length > 0 && families.every(f =>
    GLOBAL[f].every(g => covers(merged, g)) && !ranges(INSIDE[f]).some(i => overlaps(merged, i)));
  if (internet) return { name: 'the internet', cidrs, public: true, except };
  const half = families.length === 1 && merged.reduce((n, r) => n + (r.hi - r.lo + BigInt(1)), BigInt(0)) > familyMax(families[0]) / BigInt(2);
  if (half) {
    return { name: `anywhere except ${listed(except)}`, cidrs, public: false, except };
  }
  return { name: listed(cidrs), cidrs, public: false, except };
}

/** The block's addresses in a few words: its CIDRs when they are few, else what it leaves out. */
export function describeBlock(block: AddressBlock): string {
  if (block.cidrs.length <= MAX_LISTED || block.cidrs.length <= block.except.length) return block.cidrs.join(', ');
  return block.except.length ? `every address except ${listed(block.except, 12)}` : 'every address';
}

function listed(cidrs: readonly string[], max = MAX_LISTED): string {
  return cidrs.length <= max ? cidrs.join(', ') : `${cidrs.slice(0, max).join(', ')} and ${cidrs.length - max} more`;
}
