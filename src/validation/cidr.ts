/* eslint-disable no-bitwise */ // address arithmetic is bit arithmetic
import { isIPv4, isIPv6 } from 'net';

/** A parsed CIDR block: the network address as a number, the prefix length and the IP version. */
export interface ParsedCidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. `10.0.0.0/8` or `fc00::/7`. */
  readonly text: string;
}

/** Parse an IPv4 or IPv6 address into a number, or `undefined` if it does not parse. */
export function parseAddress(value: string): { version: 4 | 6; value: bigint } | undefined {
  if (isIPv4(value)) {
    // node accepts no leading zeros, so octets are plain decimals.
    const v = value.split('.').reduce((acc, o) => (acc << 8n) + BigInt(Number(o)), 0n);
    return { version: 4, value: v };
  }
  if (isIPv6(value) && !value.includes('%')) {
    let text = value;
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4) {
      const n = parseAddress(v4[1])!.value;
      text = text.slice(0, -v4[1].length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
    }
    const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
    const headParts = head ? head.split(':') : [];
    const tailParts = tail ? tail.split(':') : [];
    const fill = tail === undefined ? [] : new Array(8 - headParts.length - tailParts.length).fill('0');
    const parts = [...headParts, ...fill, ...tailParts];
    const v = parts.reduce((acc, h) => (acc << 16n) + BigInt(parseInt(h, 16)), 0n);
    return { version: 6, value: v };
  }
  return undefined;
}

/** Format a number as an address of the given version (IPv6 in its compressed form). */
export function formatAddress(version: 4 | 6, value: bigint): string {
  if (version === 4) {
    return [24n, 16n, 8n, 0n].map(s => ((value >> s) & 0xffn).toString()).join('.');
  }
  const hextets = [];
  for (let i = 7; i >= 0; i--) hextets.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero hextets (at least two), per RFC 5952.
  let best = -1; let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (hextets[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && hextets[j] === '0') j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return hextets.join(':');
  return `${hextets.slice(0, best).join(':')}::${hextets.slice(best + bestLen).join(':')}`;
}

/** Parse a CIDR; returns a message instead when it is not a valid network block. */
export function parseCidr(value: string, what: string = 'CIDR'): ParsedCidr | string {
  const shown = JSON.stringify(value);
  if (typeof value !== 'string' || value.length === 0) {
    return `${what} is empty; use a network block such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const slash = value.indexOf('/');
  if (slash < 0) {
    const addr = parseAddress(value);
    if (addr) {
      return `${what} ${shown} has no prefix length; write "${value}/${addr.version === 4 ? 32 : 128}" for a single address`;
    }
    return `${what} ${shown} does not parse; use address/prefix such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const addrText = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  const addr = parseAddress(addrText);
  if (!addr) {
    return `${what} ${shown} does not parse (${JSON.stringify(addrText)} is not an IPv4 or IPv6 address); use address/prefix such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const max = addr.version === 4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max) {
    return `${what} ${shown} has an invalid prefix length ${JSON.stringify(prefixText)}; IPv${addr.version} prefixes are 0-${max}`;
  }
  const prefix = Number(prefixText);
  const hostBits = BigInt(max - prefix);
  const network = (addr.value >> hostBits) << hostBits;
  const text = `${formatAddress(addr.version, network)}/${prefix}`;
  if (network !== addr.value) {
    return `${what} ${shown} has host bits set; use the network address "${text}" (or "${addrText}/${max}" for the single address)`;
  }
  return { version: addr.version, network, prefix, text };
}

/** Check a CIDR: `undefined` when valid, else the message. */
export function checkCidr(value: string, what: string = 'CIDR'): string | undefined {
  const parsed = parseCidr(value, what);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** `inner` lies entirely inside `outer` (same IP version). */
export function cidrContains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const max = outer.version === 4 ? 32 : 128;
  const shift = BigInt(max - outer.prefix);
  return (inner.network >> shift) === (outer.network >> shift);
}

/** Check a list of CIDRs; returns the first problem. */
export function checkCidrs(cidrs: string[], what: string = 'CIDR'): string | undefined {
  for (const c of cidrs) {
    const problem = checkCidr(c, what);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * A client allowlist (ingress-nginx `whitelist-source-range`): at least one CIDR, each valid, none
 * listed twice, and none admitting every address (`0.0.0.0/0`, `::/0`), which only looks like a
 * restriction: leaving the allowlist out does the same.
 */
export function checkAllowlist(cidrs: string[], what: string = 'source range'): string | undefined {
  const seen = new Set<string>();
  for (const c of cidrs) {
    const parsed = parseCidr(c, what);
    if (typeof parsed === 'string') return parsed;
    if (parsed.prefix === 0) {
      return `${what} ${JSON.stringify(c)} admits every IPv${parsed.version} address, so the allowlist restricts nothing; `
        + 'list the client ranges to admit (e.g. "203.0.113.0/24"), or leave the allowlist out to admit everyone';
    }
    if (seen.has(parsed.text)) {
      return `${what} ${JSON.stringify(c)} is listed twice; list each range once`;
    }
    seen.add(parsed.text);
  }
  return undefined;
}
