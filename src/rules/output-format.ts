/** How a lint result is written out. */
export enum OutputFormat {
  /** Human-readable blocks with a summary line. */
  TEXT = 'text',
  /** `{ summary, findings, suppressed }`. */
  JSON = 'json',
  /** SARIF 2.1.0, for code-scanning tools. */
  SARIF = 'sarif',
}
