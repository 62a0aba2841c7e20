import { AddressAtoms, IpFamily, IpRange } from '../../kube/ip';

/**
 * The addresses outside the cluster's pods, per family, cut into atoms at every CIDR boundary the
 * input uses, with one global numbering: IPv4 atoms first, then IPv6 atoms. Both families are always
 * present, so any address can be asked about; which families the report lists is the analyzer's
 * choice (IPv6 only when the input names an IPv6 address).
 */
export class ExternalSpace {
  readonly families: AddressAtoms[];
  private readonly offsets: number[];
  readonly count: number;

  constructor(ranges: readonly IpRange[]) {
    // An IPv6 space cut at nothing is one atom: it costs nothing when no policy names IPv6.
    this.families = [new AddressAtoms(4, ranges), new AddressAtoms(6, ranges)];
    this.offsets = [];
    let n = 0;
    for (const f of this.families) {
      this.offsets.push(n);
      n += f.count;
    }
    this.count = n;
  }

  private familyIndex(family: IpFamily): number {
    return family === 4 ? 0 : 1;
  }

  /** Global atom indices `[first, last]` covering the range. */
  span(r: IpRange): [number, number] {
    const i = this.familyIndex(r.family);
    const [a, b] = this.families[i].span(r);
    return [a + this.offsets[i], b + this.offsets[i]];
  }

  /** The global atom holding an address. */
  atomOf(family: IpFamily, value: bigint): number {
    const i = this.familyIndex(family);
    return this.families[i].indexOf(value) + this.offsets[i];
  }

  /** Global index range `[first, last]` of one whole family. */
  familySpan(family: IpFamily): [number, number] {
    const i = this.familyIndex(family);
    return [this.offsets[i], this.offsets[i] + this.families[i].count - 1];
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
    let spans: Array<[number, number]> = [this.span(cidr)];
    for (const e of except) {
      if (e.family !== cidr.family) continue;
      const cut = this.span(e);
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
