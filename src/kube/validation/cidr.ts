// User-input checks with messages on top of the engine's address parsing (src/analysis/model/ip), the
// single source of address syntax and range arithmetic.
import { familyWidth, formatIp, networkRange, parseIpStrict, rangeContains } from '../ip';

/** A parsed CIDR block: the network address as a number, the prefix length and the IP version. */
export interface ParsedCidr {
  readonly version: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
  /** Canonical text, e.g. `10.0.0.0/8` or `fc00::/7`. */
  readonly text: string;
}

/**
 * Parse an IPv4 or IPv6 address into a number, or `undefined` if it does not parse. Strict: no
 * leading zeros in IPv4 octets, no whitespace, no zone id (what node's `net.isIP` accepts, minus zones).
 */
export function parseAddress(value: string): { version: 4 | 6; value: bigint } | undefined {
  const ip = typeof value === 'string' ? parseIpStrict(value) : undefined;
  return ip && { version: ip.family, value: ip.value };
}

/** Format a number as an address of the given version (IPv6 in its compressed form). */
export const formatAddress = formatIp;

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
  const max = familyWidth(addr.version);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max) {
    return `${what} ${shown} has an invalid prefix length ${JSON.stringify(prefixText)}; IPv${addr.version} prefixes are 0-${max}`;
  }
  const prefix = Number(prefixText);
  const network = networkRange(addr.version, addr.value, prefix).lo;
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
  const range = (c: ParsedCidr) => networkRange(c.version, c.network, c.prefix);
  return outer.version === inner.version && rangeContains(range(outer), range(inner));
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
