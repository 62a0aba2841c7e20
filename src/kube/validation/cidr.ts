// User-input checks with messages on top of the one address parser (src/kube/ip), the single
// source of address syntax and range arithmetic.
import { clusterRanges, coveredFamilies, intersectRanges, ipv4OfMapped, isIpv4Mapped, notInternetRanges, subtractRanges } from '../address-blocks';
import { quote } from './quote';
import { Cidr, cidrOf, familyWidth, parseCidr, parseIpStrict } from '../ip';

/** Read a CIDR as users write it (strict); returns a message instead when it is not a valid network block. */
export function readCidr(value: string, what: string = 'CIDR'): Cidr | string {
  const shown = quote(value);
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
    return `${what} ${shown} does not parse (${quote(addrText)} is not an IPv4 or IPv6 address); use address/prefix such as "10.0.0.0/8" or "2001:db8::/32"`;
  }
  const max = familyWidth(addr.family);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > max) {
    return `${what} ${shown} has an invalid prefix length ${quote(prefixText)}; IPv${addr.family} prefixes are 0-${max}`;
  }
  const cidr = cidrOf(addr.family, addr.value, Number(prefixText));
  if (cidr.lo !== addr.value) {
    return `${what} ${shown} has host bits set; use the network address "${cidr.text}" (or "${addrText}/${max}" for the single address)`;
  }
  if (isIpv4Mapped(cidr)) {
    return `${what} ${shown} is an IPv4-mapped IPv6 block, which Go (and so the network plugins) reads as the IPv4 block `
      + `"${ipv4OfMapped(cidr).text}"; write the IPv4 block itself, or an IPv6 block outside ::ffff:0:0/96`;
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
  const read: Cidr[] = [];
  for (const c of cidrs) {
    const parsed = readCidr(c, what);
    if (typeof parsed === 'string') return parsed;
    if (parsed.prefix === 0) {
      return `${what} ${quote(c)} admits every IPv${parsed.family} address, so the allowlist restricts nothing; `
        + 'list the client ranges to admit (e.g. "203.0.113.0/24"), or leave the allowlist out to admit everyone';
    }
    if (seen.has(parsed.text)) {
      return `${what} ${quote(c)} is listed twice; list each range once`;
    }
    seen.add(parsed.text);
    read.push(parsed);
  }
  const families = coveredFamilies(read);
  if (families.length > 0) {
    return `${what}s ${cidrs.map(quote).join(', ')} together admit every IPv${families[0]} address, so the allowlist restricts nothing; `
      + 'list the client ranges to admit (e.g. "203.0.113.0/24"), or leave the allowlist out to admit everyone';
  }
  return undefined;
}


/**
 * Address facts of a platform, checked like user input: each a valid CIDR; no fact, alone or with
 * the others of its list, covers an address family; none reaches the metadata service, link-local or
 * loopback addresses; `privateRanges` only hold non-globally-reachable addresses, and the ranges of
 * cluster parts (DNS service IPs, nodes) lie inside the cluster's own ranges.
 */
export function checkNetworkFacts(facts: {
  readonly privateRanges: readonly string[];
  readonly podCidrs?: readonly string[];
  readonly serviceCidrs?: readonly string[];
  /** Ranges of parts of the cluster, named (e.g. `DNS CIDR`, `node CIDR`). */
  readonly inside?: readonly { readonly what: string; readonly cidrs: readonly string[]; readonly linkLocal?: boolean }[];
}): string | undefined {
  const network = { privateRanges: facts.privateRanges, podCidrs: facts.podCidrs ?? [], serviceCidrs: facts.serviceCidrs ?? [] };
  const lists: { what: string; cidrs: readonly string[]; linkLocal?: boolean }[] = [
    { what: 'private range', cidrs: facts.privateRanges },
    { what: 'pod CIDR', cidrs: network.podCidrs },
    { what: 'service CIDR', cidrs: network.serviceCidrs },
    ...(facts.inside ?? []),
  ];
  const notGlobal = notInternetRanges({ privateRanges: [], podCidrs: [], serviceCidrs: [] });
  const own = clusterRanges(network);
  for (const { what, cidrs, linkLocal } of lists) {
    const read: Cidr[] = [];
    for (const c of cidrs) {
      const cidr = readCidr(c, what);
      if (typeof cidr === 'string') return cidr;
      read.push(cidr);
      const reach = factReach(cidr, linkLocal);
      if (reach !== undefined) {
        return `${what} ${quote(c)} includes ${reach}, which is never part of the cluster's network; list the cluster's own ranges, e.g. "10.0.0.0/8"`;
      }
      if (what === 'private range' && subtractRanges([cidr], notGlobal).length > 0) {
        return `${what} ${quote(c)} holds public addresses; private ranges are private-use blocks such as 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 or fc00::/7`;
      }
      // A part of the cluster lives in its own ranges or, where they say nothing (an IPv6 DNS
      // address on a cluster whose private ranges are IPv4), in a private-use block: never on the internet.
      const home = [...own, ...PRIVATE_USE_RANGES, ...(linkLocal ? LINK_LOCAL : [])];
      if (!lists.slice(0, 3).some(l => l.what === what) && subtractRanges([cidr], home).length > 0) {
        return `${what} ${quote(c)} is not inside the cluster's own ranges (${[...network.privateRanges, ...network.podCidrs, ...network.serviceCidrs].join(', ')}) `
          + `or a private-use block (${PRIVATE_USE.join(', ')}); list the addresses of that part of the cluster only`;
      }
    }
    const families = coveredFamilies(read);
    if (families.length > 0) {
      return `${what}s ${cidrs.map(quote).join(', ')} together cover every IPv${families[0]} address; list the cluster's own ranges only`;
    }
  }
  return undefined;
}

const LINK_LOCAL = [parseCidr('169.254.0.0/16')!, parseCidr('fe80::/10')!];
const LOOPBACK = [parseCidr('127.0.0.0/8')!, parseCidr('::1/128')!];
const METADATA = [parseCidr('169.254.169.254/32')!];

/** What a platform fact must not hold: loopback, link-local (unless `linkLocal`, as node-local DNS's 169.254.20.10), never the metadata service. */
function factReach(cidr: Cidr, linkLocal: boolean | undefined): string | undefined {
  if (intersectRanges([cidr], METADATA).length > 0) return 'the cloud metadata service (169.254.169.254)';
  if (intersectRanges([cidr], LOOPBACK).length > 0) return 'loopback addresses';
  if (!linkLocal && intersectRanges([cidr], LINK_LOCAL).length > 0) return 'link-local addresses';
  return undefined;
}

/** Private-use blocks (RFC 1918, RFC 6598, RFC 4193): where cluster parts live when nothing else says. */
const PRIVATE_USE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];
const PRIVATE_USE_RANGES = PRIVATE_USE.map(c => parseCidr(c)!);

/**
 * DNS CIDRs on their own (the rule pack's `dnsCidrs`): valid, private-use or link-local (node-local
 * DNS answers on 169.254.20.10), never the metadata service, loopback, or a whole family.
 */
export function checkDnsCidrs(cidrs: readonly string[], privateRanges: readonly string[] = PRIVATE_USE): string | undefined {
  return checkNetworkFacts({ privateRanges, inside: [{ what: 'DNS CIDR', cidrs, linkLocal: true }] });
}
