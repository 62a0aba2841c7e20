/**
 * Address ranges as printed in connection lists (`10.0.0.0-10.255.255.255`, `::-ffff:...`),
 * as bigints so that ranges of two analyses can be cut and compared.
 */
import { isIP } from 'net';

export interface IpRange {
  readonly family: 4 | 6;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** Reads `A-B` (optionally followed by `[External]`); undefined when it is not an address range. */
export function parseIpRange(text: string): IpRange | undefined {
  const m = /^\s*([0-9a-fA-F:.]+)-([0-9a-fA-F:.]+)\s*(\[External\])?\s*$/.exec(text);
  if (!m) {
    return undefined;
  }
  const family = isIP(m[1]);
  if (family === 0 || isIP(m[2]) !== family) {
    return undefined;
  }
  const lo = ipToBigInt(m[1]);
  const hi = ipToBigInt(m[2]);
  return lo <= hi ? { family: family as 4 | 6, lo, hi } : undefined;
}

export function formatIpRange(r: IpRange): string {
  return `${bigIntToIp(r.family, r.lo)}-${bigIntToIp(r.family, r.hi)}`;
}

function ipToBigInt(ip: string): bigint {
  if (isIP(ip) === 4) {
    return ip.split('.').reduce((acc, part) => acc * BigInt(256) + BigInt(Number(part)), BigInt(0));
  }
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // an embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hex groups
    const v4 = ipToBigInt(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${(v4 / BigInt(65536)).toString(16)}:${(v4 % BigInt(65536)).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(fill).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => acc * BigInt(65536) + BigInt(parseInt(g, 16)), BigInt(0));
}

function bigIntToIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    const parts: number[] = [];
    let v = value;
    for (let i = 0; i < 4; i++) {
      parts.unshift(Number(v % BigInt(256)));
      v = v / BigInt(256);
    }
    return parts.join('.');
  }
  const groups: number[] = [];
  let v = value;
  for (let i = 0; i < 8; i++) {
    groups.unshift(Number(v % BigInt(65536)));
    v = v / BigInt(65536);
  }
  // RFC 5952: the longest run of two or more zero groups becomes `::`.
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) {
      j++;
    }
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map(g => g.toString(16));
  if (bestStart < 0) {
    return hex.join(':');
  }
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
