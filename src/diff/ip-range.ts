/**
 * Address ranges as printed in connection lists (`10.0.0.0-10.255.255.255`, `::-ffff:...`),
 * as bigints so that ranges of two analyses can be cut and compared. The address syntax and
 * arithmetic are the engine's (src/analysis/model/ip); this adds the printed `A-B` form.
 */
import { formatRange, IpRange, parseIpStrict } from '../kube/ip';

export type { IpRange } from '../kube/ip';

/** Reads `A-B` (optionally followed by `[External]`); undefined when it is not an address range. */
export function parseIpRange(text: string): IpRange | undefined {
  const m = /^\s*([0-9a-fA-F:.]+)-([0-9a-fA-F:.]+)\s*(\[External\])?\s*$/.exec(text);
  if (!m) {
    return undefined;
  }
  const lo = parseIpStrict(m[1]);
  const hi = parseIpStrict(m[2]);
  if (!lo || !hi || lo.family !== hi.family) {
    return undefined;
  }
  return lo.value <= hi.value ? { family: lo.family, lo: lo.value, hi: hi.value } : undefined;
}

export const formatIpRange = formatRange;
