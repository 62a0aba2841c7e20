/* eslint-disable no-bitwise */ // address arithmetic is bit arithmetic
/**
 * IP addresses as bigints, CIDRs as closed ranges, and the address space cut into atoms: the one
 * address parser (lenient `parseIp` for manifests, as Kubernetes reads them; `parseIpStrict` for
 * user input and analyzer output) and the printed range form `A-B`.
 */

export type IpFamily = 4 | 6;

export interface IpRange {
  readonly family: IpFamily;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** A network block as users write it: its range, prefix length and canonical text (`10.0.0.0/8`). */
export interface Cidr extends IpRange {
  readonly prefix: number;
  /** Canonical text, e.g. `10.0.0.0/8` or `fc00::/7`. */
  readonly text: string;
}

const ZERO = BigInt(0);
const ONE = BigInt(1);
const V4_MAX = (ONE << BigInt(32)) - ONE;
const V6_MAX = (ONE << BigInt(128)) - ONE;

export function familyMax(family: IpFamily): bigint {
  return family === 4 ? V4_MAX : V6_MAX;
}

/** Parses `10.1.2.3` or `fd00::1` (also `::ffff:1.2.3.4`); undefined when it is not an address. */
export function parseIp(text: string): { family: IpFamily; value: bigint } | undefined {
  const s = text.trim();
  if (!s.includes(':')) {
    const v = parseIpv4(s);
    return v === undefined ? undefined : { family: 4, value: v };
  }
  let groupsText = s;
  // An embedded IPv4 address (`::ffff:1.2.3.4`) becomes its two hex groups.
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    groupsText = `${s.slice(0, lastColon + 1)}${(v4 >> BigInt(16)).toString(16)}:${(v4 & BigInt(0xffff)).toString(16)}`;
  }
  const parts = groupsText.split('::');
  if (parts.length > 2) return undefined;
  const head = parts[0] ? parts[0].split(':') : [];
  const rest = parts.length === 2 ? (parts[1] ? parts[1].split(':') : []) : undefined;
  let groups: string[];
  if (rest === undefined) {
    groups = head;
    if (groups.length !== 8) return undefined;
  } else {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...Array(fill).fill('0'), ...rest];
  }
  let value = ZERO;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << BigInt(16)) | BigInt(parseInt(g, 16));
  }
  return { family: 6, value };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = ZERO;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << BigInt(8)) | BigInt(n);
  }
  return v;
}

/**
 * Like `parseIp`, but only the canonical spelling users and analyzers write: no surrounding
 * whitespace and no leading zeros in IPv4 octets (`010.0.0.1` is octal to some tools and decimal to
 * Kubernetes, so user input and analyzer output refuse it). Accepts exactly what node's `net.isIP`
 * accepts, minus zone ids (`fe80::1%eth0`), which no network block can hold.
 */
export function parseIpStrict(text: string): { family: IpFamily; value: bigint } | undefined {
  if (text !== text.trim()) return undefined;
  const tail = text.slice(text.lastIndexOf(':') + 1); // the IPv4 address, or an IPv6 one's IPv4 tail
  if (tail.includes('.') && tail.split('.').some(octet => /^0\d/.test(octet))) return undefined;
  return parseIp(text);
}

export function familyWidth(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** The range of the `bits`-bit network holding `value` (host bits cleared). */
export function networkRange(family: IpFamily, value: bigint, bits: number): IpRange {
  const host = BigInt(familyWidth(family) - bits);
  const lo = (value >> host) << host;
  return { family, lo, hi: lo + (ONE << host) - ONE };
}

/** `inner` lies entirely inside `outer` (same family). */
export function rangeContains(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

/** Parses `10.0.0.0/8` or `fd00::/64` (a bare address is a /32 or /128); undefined when invalid. */
export function parseCidr(text: string): IpRange | undefined {
  const block = readBlock(text);
  return block && networkRange(block.family, block.value, block.bits);
}

/**
 * Like `parseCidr`, as the block a NetworkPolicy ipBlock holds: with its prefix length and canonical
 * text (host bits cleared, e.g. `10.0.0.0/8` for `10.1.2.3/8`).
 */
export function parseCidrBlock(text: string): Cidr | undefined {
  const block = readBlock(text);
  return block && cidrOf(block.family, block.value, block.bits);
}

/** The address and prefix length of `A/N` or a bare address (full length), leniently as manifests hold them. */
function readBlock(text: string): { family: IpFamily; value: bigint; bits: number } | undefined {
  const [addr, bitsText, ...extra] = text.trim().split('/');
  if (extra.length > 0) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = familyWidth(ip.family);
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width || (bitsText !== undefined && !/^\d+$/.test(bitsText))) return undefined;
  return { ...ip, bits };
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24, 16, 8, 0].map(s => Number((value >> BigInt(s)) & BigInt(255))).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & BigInt(0xffff)));
  // RFC 5952: compress the longest run (>= 2) of zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map(g => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** netpol-analyzer's form: `0.0.0.0-9.255.255.255`. */
export function formatRange(r: IpRange): string {
  return `${formatIp(r.family, r.lo)}-${formatIp(r.family, r.hi)}`;
}

/** The `prefix`-bit network holding `value`, as a Cidr. */
export function cidrOf(family: IpFamily, value: bigint, prefix: number): Cidr {
  const range = networkRange(family, value, prefix);
  return { ...range, prefix, text: `${formatIp(family, range.lo)}/${prefix}` };
}

/**
 * The fewest CIDRs that together are exactly the range, in address order (`10.0.0.0-10.0.0.255` is
 * `10.0.0.0/24`; `0.0.0.0-9.255.255.255` is `0.0.0.0/5` and `8.0.0.0/7`).
 */
export function cidrsOfRange(r: IpRange): Cidr[] {
  const width = familyWidth(r.family);
  const out: Cidr[] = [];
  let lo = r.lo;
  while (lo <= r.hi) {
    // The largest block that starts at `lo` (aligned) and ends inside the range.
    let bits = width;
    while (bits > 0) {
      const size = ONE << BigInt(width - bits + 1);
      if (lo % size !== ZERO || lo + size - ONE > r.hi) break;
      bits--;
    }
    out.push(cidrOf(r.family, lo, bits));
    lo += ONE << BigInt(width - bits);
  }
  return out;
}

/**
 * Reads a printed address range `A-B` (optionally followed by `[External]`, as connection lists
 * print outside peers), in the strict spelling; undefined when it is not one.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const m = /^\s*([0-9a-fA-F:.]+)\s*-\s*([0-9a-fA-F:.]+)\s*(\[External\])?\s*$/.exec(text);
  if (!m) return undefined;
  const lo = parseIpStrict(m[1]);
  const hi = parseIpStrict(m[2]);
  if (!lo || !hi || lo.family !== hi.family || lo.value > hi.value) return undefined;
  return { family: lo.family, lo: lo.value, hi: hi.value };
}

/** An outside peer as people name it: a printed range `A-B`, a CIDR or a single address; undefined otherwise. */
export function parseAddressText(text: string): IpRange | undefined {
  return parseIpRange(text) ?? parseCidr(text.replace(/\[External\]\s*$/i, ''));
}

/**
 * The external address space of one family cut at every boundary the policies use. Atom `i` is the
 * range `[starts[i], starts[i+1] - 1]`; every ipBlock (cidr minus except) is a union of whole atoms.
 */
export class AddressAtoms {
  readonly starts: bigint[];

  constructor(readonly family: IpFamily, ranges: readonly IpRange[]) {
    const max = familyMax(family);
    const cuts = new Set<bigint>([ZERO]);
    for (const r of ranges) {
      if (r.family !== family) continue;
      cuts.add(r.lo);
      if (r.hi < max) cuts.add(r.hi + ONE);
    }
    this.starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  get count(): number {
    return this.starts.length;
  }

  range(i: number): IpRange {
    const hi = i + 1 < this.starts.length ? this.starts[i + 1] - ONE : familyMax(this.family);
    return { family: this.family, lo: this.starts[i], hi };
  }

  /** Index of the atom holding the address. */
  indexOf(value: bigint): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (this.starts[mid] <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Indices `[first, last]` of the atoms making up the range (which must be cut at atom boundaries). */
  span(r: IpRange): [number, number] {
    return [this.indexOf(r.lo), this.indexOf(r.hi)];
  }
}
