/**
 * A YAML stream kubectl would refuse, or that this reader refuses on purpose (an alias bomb, keys
 * whose JSON form kubectl would pick at random). Lines and columns are one-based and count from the
 * start of the whole stream, not of the document.
 */
export class YamlError extends Error {
  constructor(
    /** What is wrong, without the position. */
    public readonly reason: string,
    /** One-based line in the stream. */
    public readonly line: number,
    /** One-based column, when known. */
    public readonly column: number | undefined,
    /** Zero-based index of the document the problem is in. */
    public readonly documentIndex: number,
  ) {
    super(`line ${line}${column === undefined ? '' : `, column ${column}`} (document ${documentIndex}): ${reason}`);
    this.name = 'YamlError';
  }
}

/**
 * A problem found inside one document, positioned relative to that document's text (zero-based
 * line and column). The stream reader turns it into a YamlError with stream positions.
 */
export class DocumentError extends Error {
  constructor(
    message: string,
    public readonly line: number,
    public readonly column: number | undefined,
    /** The construct the problem is in, and its zero-based line (`while parsing a flow sequence started at ...`). */
    public readonly context?: { readonly what: string; readonly line: number },
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}
