import { AddressAtoms, IpFamily, IpRange } from '../model/ip';

/**
 * The addresses outside the cluster's pods, per family, cut into atoms at every CIDR boundary the
 * input uses, with one global numbering: IPv4 atoms first, then IPv6 atoms (IPv6 only when the input
 * mentions an IPv6 address).
 */
export class ExternalSpace {
  readonly families: AddressAtoms[];
  private readonly offsets: number[];
  readonly count: number;

  constructor(ranges: readonly IpRange[]) {
    const hasV6 = ranges.some(r => r.family === 6);
    this.families = [new AddressAtoms(4, ranges)];
    if (hasV6) this.families.push(new AddressAtoms(6, ranges));
    this.offsets = [];
    let n = 0;
    for (const f of this.families) {
      this.offsets.push(n);
      n += f.count;
    }
    this.count = n;
  }

  private familyIndex(family: IpFamily): number {
    return this.families.findIndex(f => f.family === family);
  }

  /** Global atom indices `[first, last]` covering the range, or undefined when its family is absent. */
  span(r: IpRange): [number, number] | undefined {
    const i = this.familyIndex(r.family);
    if (i < 0) return undefined;
    const [a, b] = this.families[i].span(r);
    return [a + this.offsets[i], b + this.offsets[i]];
  }

  /** The global atom holding an address, or undefined when its family is absent. */
  atomOf(family: IpFamily, value: bigint): number | undefined {
    const i = this.familyIndex(family);
    return i < 0 ? undefined : this.families[i].indexOf(value) + this.offsets[i];
  }

  /** Global index ranges of whole families, `[first, last]` each. */
  familySpans(): Array<[number, number]> {
    return this.families.map((f, i) => [this.offsets[i], this.offsets[i] + f.count - 1]);
  }

  /** The address range of global atoms `first..last` (which must be in one family). */
  rangeOf(first: number, last: number): IpRange {
    let i = this.offsets.length - 1;
    while (i > 0 && this.offsets[i] > first) i--;
    const f = this.families[i];
    return { family: f.family, lo: f.range(first - this.offsets[i]).lo, hi: f.range(last - this.offsets[i]).hi };
  }

  /** Whether two global atoms are in different families (a segment must not span them). */
  familyStarts(): number[] {
    return this.offsets.slice();
  }

  /**
   * Global atom ranges of an ipBlock: its cidr minus its excepts, as sorted disjoint `[first, last]`.
   */
  blockSpans(cidr: IpRange, except: readonly IpRange[]): Array<[number, number]> {
    const whole = this.span(cidr);
    if (!whole) return [];
    let spans: Array<[number, number]> = [whole];
    for (const e of except) {
      const cut = this.span(e);
      if (!cut) continue;
      const next: Array<[number, number]> = [];
      for (const [a, b] of spans) {
        if (cut[1] < a || cut[0] > b) {
          next.push([a, b]);
          continue;
        }
        if (cut[0] > a) next.push([a, cut[0] - 1]);
        if (cut[1] < b) next.push([cut[1] + 1, b]);
      }
      spans = next;
    }
    return spans;
  }
}
