// User-input checks with messages on top of the one address parser (src/kube/ip), the single
// source of address syntax and range arithmetic.
import { Cidr, cidrOf, familyWidth, parseIpStrict } from '../ip';

/** Read a CIDR as users write it (strict); returns a message instead when it is not a valid network block. */
export function readCidr(value: string, what: string = 'CIDR'): Cidr | string {
  const shown = JSON.stringify(value);
  if (typeof value !== 'string' || value.length === 0) {
    return `${what} is empty; use a network block such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const slash = value.indexOf('/');
  if (slash < 0) {
    const addr = parseIpStrict(value);
    if (addr) {
      return `${what} ${shown} has no prefix length; write "${value}/${familyWidth(addr.family)}" for a single address`;
    }
    return `${what} ${shown} does not parse; use address/prefix such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const addrText = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  const addr = parseIpStrict(addrText);
  if (!addr) {
    return `${what} ${shown} does not parse (${JSON.stringify(addrText)} is not an IPv4 or IPv6 address); use address/prefix such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const max = familyWidth(addr.family);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max) {
    return `${what} ${shown} has an invalid prefix length ${JSON.stringify(prefixText)}; IPv${addr.family} prefixes are 0-${max}`;
  }
  const cidr = cidrOf(addr.family, addr.value, Number(prefixText));
  if (cidr.lo !== addr.value) {
    return `${what} ${shown} has host bits set; use the network address "${cidr.text}" (or "${addrText}/${max}" for the single address)`;
  }
  return cidr;
}

/** Check a CIDR: `undefined` when valid, else the message. */
export function checkCidr(value: string, what: string = 'CIDR'): string | undefined {
  const parsed = readCidr(value, what);
  return typeof parsed === 'string' ? parsed : undefined;
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
    const parsed = readCidr(c, what);
    if (typeof parsed === 'string') return parsed;
    if (parsed.prefix === 0) {
      return `${what} ${JSON.stringify(c)} admits every IPv${parsed.family} address, so the allowlist restricts nothing; `
        + 'list the client ranges to admit (e.g. "203.0.113.0/24"), or leave the allowlist out to admit everyone';
    }
    if (seen.has(parsed.text)) {
      return `${what} ${JSON.stringify(c)} is listed twice; list each range once`;
    }
    seen.add(parsed.text);
  }
  return undefined;
}

