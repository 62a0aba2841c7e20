/** An output format of `NetworkAnalysis.render()` and `cdk8s-netsec analyze --output`. */
export class ReportFormat {
  /** netpol-analyzer's connlist: one `SRC => DST : CONN` line per peer pair, sorted. */
  static readonly TEXT = new ReportFormat('text');
  /** `[{"src", "dst", "conn"}]`, as netpol-analyzer writes it. */
  static readonly JSON = new ReportFormat('json');
  /** A markdown table, followed by the warnings. */
  static readonly MARKDOWN = new ReportFormat('md');
  /** `src,dst,conn` with a header line (RFC 4180 quoting). */
  static readonly CSV = new ReportFormat('csv');
  /** A Graphviz digraph, workloads grouped by namespace. */
  static readonly DOT = new ReportFormat('dot');
  /** A Mermaid flowchart. */
  static readonly MERMAID = new ReportFormat('mermaid');

  /** Every format. */
  static all(): ReportFormat[] {
    return [ReportFormat.TEXT, ReportFormat.JSON, ReportFormat.MARKDOWN, ReportFormat.CSV, ReportFormat.DOT, ReportFormat.MERMAID];
  }

  /** Parses a format name: `text`, `json`, `md` (or `markdown`), `csv`, `dot`, `mermaid`. */
  static of(name: string): ReportFormat {
    const key = name.toLowerCase() === 'markdown' ? 'md' : name.toLowerCase();
    const found = ReportFormat.all().find(f => f.name === key);
    if (!found) {
      throw new Error(`unknown report format '${name}' (valid: ${ReportFormat.all().map(f => f.name).join(', ')})`);
    }
    return found;
  }

  private constructor(
    /** The name used on the command line. */
    readonly name: string,
  ) {}
}
