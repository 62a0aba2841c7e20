/* eslint-disable no-bitwise */
/**
 * Address blocks judged by what they cover: sets of ranges (union, difference, whether they cover
 * an address family), the IANA special-purpose ranges that are not globally reachable, the
 * cluster's own ranges, "the internet" as a set, and named blocks the reports print by name.
 */
import { Cidr, cidrsOfRange, familyMax, formatIp, IpFamily, IpRange, parseCidr, parseCidrBlock } from './ip';

const ONE = BigInt(1);

/** The cluster's own address ranges (the Platform's facts). */
export interface ClusterNetwork {
  /** The private ranges of the cluster's network (e.g. RFC 1918). */
  readonly privateRanges: readonly string[];
  /** The ranges pods get their addresses from. */
  readonly podCidrs: readonly string[];
  /** The ranges Services get their cluster IPs from. */
  readonly serviceCidrs: readonly string[];
}

/** One entry of a special-purpose address table. */
export interface SpecialRange {
  readonly cidr: string;
  readonly name: string;
  /** The RFC or registry it comes from. */
  readonly source: string;
}

/**
 * IPv4 ranges that are never "the internet": every entry of the IANA IPv4 Special-Purpose Address
 * Registry that is not globally reachable (or deprecated), and multicast (IANA IPv4 Multicast
 * Address Space). 192.0.0.0/24 is left out whole, although two anycast /32s inside it are reachable.
 */
export const IPV4_NOT_GLOBAL: readonly SpecialRange[] = Object.freeze([
  { cidr: '0.0.0.0/8', name: '"this network"', source: 'RFC 791' },
  { cidr: '10.0.0.0/8', name: 'private use', source: 'RFC 1918' },
  { cidr: '100.64.0.0/10', name: 'shared address space (carrier-grade NAT)', source: 'RFC 6598' },
  { cidr: '127.0.0.0/8', name: 'loopback', source: 'RFC 1122' },
  { cidr: '169.254.0.0/16', name: 'link-local (cloud metadata service 169.254.169.254)', source: 'RFC 3927' },
  { cidr: '172.16.0.0/12', name: 'private use', source: 'RFC 1918' },
  { cidr: '192.0.0.0/24', name: 'IETF protocol assignments (DS-Lite, NAT64 discovery, ...)', source: 'RFC 6890' },
  { cidr: '192.0.2.0/24', name: 'documentation (TEST-NET-1)', source: 'RFC 5737' },
  { cidr: '192.88.99.0/24', name: '6to4 relay anycast (deprecated)', source: 'RFC 7526' },
  { cidr: '192.168.0.0/16', name: 'private use', source: 'RFC 1918' },
  { cidr: '198.18.0.0/15', name: 'benchmarking', source: 'RFC 2544' },
  { cidr: '198.51.100.0/24', name: 'documentation (TEST-NET-2)', source: 'RFC 5737' },
  { cidr: '203.0.113.0/24', name: 'documentation (TEST-NET-3)', source: 'RFC 5737' },
  { cidr: '224.0.0.0/4', name: 'multicast', source: 'RFC 5771' },
  { cidr: '240.0.0.0/4', name: 'reserved (used for pods on some clouds), limited broadcast', source: 'RFC 1112, RFC 919' },
]);

/**
 * IPv6 ranges that are never "the internet": every entry of the IANA IPv6 Special-Purpose Address
 * Registry that is not globally reachable, the translation prefixes that reach IPv4 (NAT64
 * `64:ff9b::/96`, 6to4 `2002::/16`, which can reach private IPv4 and the metadata service), and
 * multicast. 2001::/23 is left out whole, although some assignments inside it are reachable.
 */
export const IPV6_NOT_GLOBAL: readonly SpecialRange[] = Object.freeze([
  { cidr: '::/128', name: 'unspecified address', source: 'RFC 4291' },
  { cidr: '::1/128', name: 'loopback', source: 'RFC 4291' },
  { cidr: '::ffff:0:0/96', name: 'IPv4-mapped addresses', source: 'RFC 4291' },
  { cidr: '64:ff9b::/96', name: 'NAT64 well-known prefix (reaches IPv4)', source: 'RFC 6052' },
  { cidr: '64:ff9b:1::/48', name: 'local-use IPv4/IPv6 translation', source: 'RFC 8215' },
  { cidr: '100::/64', name: 'discard-only', source: 'RFC 6666' },
  { cidr: '100:0:0:1::/64', name: 'dummy prefix', source: 'RFC 9780' },
  { cidr: '2001::/23', name: 'IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)', source: 'RFC 2928' },
  { cidr: '2001:db8::/32', name: 'documentation', source: 'RFC 3849' },
  { cidr: '2002::/16', name: '6to4 (reaches IPv4)', source: 'RFC 3056' },
  { cidr: '3fff::/20', name: 'documentation', source: 'RFC 9637' },
  { cidr: '5f00::/16', name: 'segment routing (SRv6) SIDs', source: 'RFC 9602' },
  { cidr: 'fc00::/7', name: 'unique local (incl. AWS metadata fd00:ec2::254)', source: 'RFC 4193' },
  { cidr: 'fe80::/10', name: 'link-local', source: 'RFC 4291' },
  { cidr: 'ff00::/8', name: 'multicast', source: 'RFC 4291' },
]);

/** Addresses of cloud metadata services (AWS, GCP, Azure, ...; AWS's IPv6 one). */
export const METADATA_ADDRESSES: readonly string[] = Object.freeze(['169.254.169.254', 'fd00:ec2::254']);

/** Internal ranges a peer block must not touch by accident, with what they are. */
const ALWAYS_INTERNAL: readonly { cidr: string; what: string }[] = [
  { cidr: '169.254.169.254/32', what: 'the cloud metadata service (169.254.169.254)' },
  { cidr: 'fd00:ec2::254/128', what: 'the cloud metadata service (fd00:ec2::254)' },
  { cidr: '169.254.0.0/16', what: 'link-local addresses (169.254.0.0/16)' },
  { cidr: 'fe80::/10', what: 'link-local addresses (fe80::/10)' },
  { cidr: '127.0.0.0/8', what: 'loopback addresses (127.0.0.0/8)' },
  { cidr: '::1/128', what: 'the loopback address (::1)' },
];

/** The IPv4-mapped IPv6 prefix (`::ffff:0:0/96`): Go reads blocks inside it as IPv4 blocks. */
const MAPPED: IpRange = { family: 6, lo: BigInt(0xffff) << BigInt(32), hi: (BigInt(0xffff) << BigInt(32)) | BigInt(0xffffffff) };

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The union of the ranges, merged and sorted (IPv4 first, then by address). */
export function unionRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => a.family - b.family || cmp(a.lo, b.lo));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.lo <= last.hi + ONE) {
      if (r.hi > last.hi) out[out.length - 1] = { family: r.family, lo: last.lo, hi: r.hi };
    } else {
      out.push({ family: r.family, lo: r.lo, hi: r.hi });
    }
  }
  return out;
}

/** The addresses of `a` not in `b`, merged and sorted. */
export function subtractRanges(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  const cut = unionRanges(b);
  const out: IpRange[] = [];
  for (const r of unionRanges(a)) {
    let lo = r.lo;
    let done = false;
    for (const c of cut) {
      if (c.family !== r.family || c.hi < lo || c.lo > r.hi) continue;
      if (c.lo > lo) out.push({ family: r.family, lo, hi: c.lo - ONE });
      if (c.hi >= r.hi) { done = true; break; }
      lo = c.hi + ONE;
    }
    if (!done) out.push({ family: r.family, lo, hi: r.hi });
  }
  return out;
}

/** The addresses both sets hold. */
export function intersectRanges(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  return subtractRanges(a, subtractRanges(a, b));
}

/** The families whose every address the ranges cover together (`0.0.0.0/1` + `128.0.0.0/1` is all of IPv4). */
export function coveredFamilies(ranges: readonly IpRange[]): IpFamily[] {
  return unionRanges(ranges)
    .filter(r => r.lo === BigInt(0) && r.hi === familyMax(r.family))
    .map(r => r.family);
}

/** Two sets hold the same addresses. */
export function sameRanges(a: readonly IpRange[], b: readonly IpRange[]): boolean {
  const x = unionRanges(a);
  const y = unionRanges(b);
  return x.length === y.length && x.every((r, i) => r.family === y[i].family && r.lo === y[i].lo && r.hi === y[i].hi);
}

/** The addresses of an ipBlock: its cidr minus its exceptions. */
export function blockRanges(block: { readonly cidr: IpRange; readonly except?: readonly IpRange[] }): IpRange[] {
  return subtractRanges([block.cidr], block.except ?? []);
}

/** The block lies inside `::ffff:0:0/96`: Go's `net.ParseCIDR`, and so the network plugins, read it as an IPv4 block. */
export function isIpv4Mapped(cidr: IpRange): boolean {
  return cidr.family === 6 && cidr.lo >= MAPPED.lo && cidr.hi <= MAPPED.hi;
}

/** The IPv4 block Go reads an IPv4-mapped IPv6 block as (`::ffff:0:0/96` is `0.0.0.0/0`). */
export function ipv4OfMapped(cidr: Cidr): Cidr {
  const lo = cidr.lo - MAPPED.lo;
  return parseCidrBlock(`${formatIp(4, lo)}/${cidr.prefix - 96}`)!;
}

function rangesOf(texts: readonly string[]): IpRange[] {
  return texts.map(t => parseCidr(t)).filter((r): r is IpRange => r !== undefined);
}

/** The cluster's own ranges: private, pod and service ranges. */
export function clusterRanges(network: ClusterNetwork): IpRange[] {
  return unionRanges(rangesOf([...network.privateRanges, ...network.podCidrs, ...network.serviceCidrs]));
}

/** Everything that is not "the internet": the special-purpose ranges above and the cluster's own ranges. */
export function notInternetRanges(network: ClusterNetwork): IpRange[] {
  return unionRanges([...rangesOf([...IPV4_NOT_GLOBAL, ...IPV6_NOT_GLOBAL].map(r => r.cidr)), ...clusterRanges(network)]);
}

/** "The internet" as addresses: every address minus `notInternetRanges`. */
export function internetRanges(network: ClusterNetwork): IpRange[] {
  const all: IpRange[] = [4, 6].map(f => ({ family: f as IpFamily, lo: BigInt(0), hi: familyMax(f as IpFamily) }));
  return subtractRanges(all, notInternetRanges(network));
}

/** "The internet" as ipBlocks: per family, the whole space except the fewest CIDRs making up `notInternetRanges`. */
export function internetBlocks(network: ClusterNetwork): { cidr: Cidr; except: Cidr[] }[] {
  const holes = notInternetRanges(network);
  return ([4, 6] as IpFamily[]).map(family => ({
    cidr: parseCidrBlock(family === 4 ? '0.0.0.0/0' : '::/0')!,
    except: holes.filter(h => h.family === family).flatMap(cidrsOfRange),
  }));
}

/**
 * What internal addresses the ranges reach, or undefined: the metadata service, link-local,
 * loopback, any address of the pod or service ranges, or a whole private range.
 */
export function internalReach(reach: readonly IpRange[], network: ClusterNetwork): string | undefined {
  for (const { cidr, what } of ALWAYS_INTERNAL) {
    if (intersectRanges(reach, rangesOf([cidr])).length > 0) return what;
  }
  for (const [texts, what] of [[network.podCidrs, 'pod'], [network.serviceCidrs, 'service']] as const) {
    for (const t of texts) {
      if (intersectRanges(reach, rangesOf([t])).length > 0) return `the cluster's ${what} range ${t}`;
    }
  }
  for (const t of network.privateRanges) {
    if (subtractRanges(rangesOf([t]), reach).length === 0) return `the whole private range ${t}`;
  }
  return undefined;
}

const NO_CLUSTER: ClusterNetwork = { privateRanges: [], podCidrs: [], serviceCidrs: [] };
let internetOfNoCluster: IpRange[] | undefined;

/** A set of outside addresses as people read it. */
export interface AddressBlock {
  /** `the internet`, `anywhere`, `anywhere except 10.0.0.0/8`, or the CIDRs themselves. */
  readonly name: string;
  /** The CIDRs that make the set up, in address order. */
  readonly cidrs: readonly string[];
  /** What the set leaves out of the address families it holds, as CIDRs (empty: every address of them). */
  readonly except: readonly string[];
}

const MAX_LISTED = 4;

/** The name of one family's part, or undefined when only its CIDRs name it. */
function familyName(family: IpFamily, ranges: readonly IpRange[], except: readonly string[], maxListed: number): string | undefined {
  if (except.length === 0) return 'anywhere';
  internetOfNoCluster ??= internetRanges(NO_CLUSTER);
  if (sameRanges(ranges, internetOfNoCluster.filter(r => r.family === family))) return 'the internet';
  const size = ranges.reduce((n, r) => n + (r.hi - r.lo + ONE), BigInt(0));
  return size > familyMax(family) / BigInt(2) ? `anywhere except ${listed(except, maxListed)}` : undefined;
}

/**
 * Names a set of outside addresses for people (the analysis cuts the address space at every CIDR
 * its policies use, so "the internet" arrives as a dozen ranges): "anywhere" when it is every
 * address, "the internet" when it is exactly `internetRanges` of no cluster ranges (what
 * `Peer.internet()` writes), with `(IPv4)` or `(IPv6)` when it is one family's part only;
 * "anywhere except ..." when it holds most of one family; else its CIDRs (at most `maxListed`, then a count).
 */
export function nameAddressBlock(input: readonly IpRange[], maxListed = MAX_LISTED): AddressBlock {
  const merged = unionRanges(input);
  const cidrs = merged.flatMap(r => cidrsOfRange(r).map(c => c.text));
  const families = [...new Set(merged.map(r => r.family))];
  const parts = families.map(family => {
    const ranges = merged.filter(r => r.family === family);
    const except = subtractRanges([{ family, lo: BigInt(0), hi: familyMax(family) }], ranges).flatMap(r => cidrsOfRange(r).map(c => c.text));
    return { family, except, name: familyName(family, ranges, except, maxListed) };
  });
  const except = parts.flatMap(p => p.except);
  let name: string | undefined;
  if (parts.length > 0 && parts.every(p => p.name !== undefined)) {
    // "anywhere" needs no family: the analysis writes an unrestricted peer as all of IPv4 alone
    const suffix = (p: typeof parts[number]) => p.name === 'the internet' || (parts.length === 2 && p.name === 'anywhere') ? `${p.name} (IPv${p.family})` : p.name!;
    name = parts.length === 2 && parts[0].name === parts[1].name && !parts[0].name!.startsWith('anywhere except')
      ? parts[0].name
      : parts.map(suffix).join(' + ');
  }
  return { name: name ?? listed(cidrs, maxListed), cidrs, except };
}

/** The block's addresses in a few words: its CIDRs when they are few, else what it leaves out. */
export function describeBlock(block: AddressBlock): string {
  if (block.cidrs.length <= MAX_LISTED || block.cidrs.length <= block.except.length) return block.cidrs.join(', ');
  return block.except.length ? `every address except ${listed(block.except, 12)}` : 'every address';
}

function listed(cidrs: readonly string[], max: number = MAX_LISTED): string {
  return cidrs.length <= max ? cidrs.join(', ') : `${cidrs.slice(0, max).join(', ')} and ${cidrs.length - max} more`;
}
