/**
 * Reads a manifest stream the way kubectl does (k8s.io/apimachinery's YAMLOrJSONDecoder, then
 * sigs.k8s.io/yaml over go-yaml v2 for each YAML document):
 * - a stream whose first non-space character is `{` is read as JSON values one after another;
 *   if the first or second value is not valid JSON, the rest is read as YAML instead;
 * - a YAML stream is cut into documents at lines that start with `---` (only spaces or a comment
 *   may follow; anything else is an error), and each document is read on its own, as its own
 *   YAML text: only its first YAML document counts (what follows a `...` is ignored);
 * - documents that come out as null (empty, comments only, `~`) are skipped.
 */
import { Decoder, JsonValue } from './decode';
import { DocumentError, YamlError } from './errors';
import { MAX_NESTING, Parser } from './parser';

/** One document of a stream, as kubectl reads it. */
export interface YamlDocument {
  /**
   * Zero-based index of the document in the stream: documents are counted at each `---` line,
   * empty ones included, except a `---` that has only comments or blank lines before it.
   * For JSON streams, the position of the value.
   */
  readonly index: number;
  /** One-based line of the stream where the document's content starts. */
  readonly line: number;
  /** The document as JSON data (never null: null documents are skipped). */
  readonly value: JsonValue;
}

/** Go's unicode.IsSpace. */
const GO_SPACE = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const LEADING_GO_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;
const TRAILING_GO_SPACE = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
/** Characters go-yaml's reader refuses ("control characters are not allowed"), and lone surrogates. */
const FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where documents go as they are read. */
interface DocumentSink {
  push(document: YamlDocument): void;
}

/**
 * Reads every document of a YAML (or JSON) stream as kubectl would. Throws a YamlError, with the
 * line, for input kubectl refuses.
 *
 * @param each turns each document's value, as soon as it is read, into what is kept of it (so a
 * caller that needs a part of each document never holds all of them whole)
 */
export function readYamlStream(text: string, each?: (value: JsonValue, index: number, line: number) => JsonValue): YamlDocument[] {
  const documents: YamlDocument[] = [];
  const out: DocumentSink = each === undefined ? documents
    : { push: d => documents.push({ index: d.index, line: d.line, value: each(d.value, d.index, d.line) }) };
  const lines = new LineCounter(text);
  let yamlStart = 0;
  let index = 0;
  if (text.replace(LEADING_GO_SPACE, '').startsWith('{')) {
    const fallback = readJsonValues(text, lines, out);
    if (fallback === undefined) {
      return documents;
    }
    yamlStart = fallback.offset;
    index = fallback.index;
  }
  readYamlDocuments(text, yamlStart, index, lines, out);
  return documents;
}

/** Line numbers of offsets, for offsets asked in increasing order (one pass over the text). */
class LineCounter {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  /** One-based line and column of `offset`. */
  at(offset: number): { line: number; column: number } {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    let nl = this.text.indexOf('\n', this.offset);
    while (nl !== -1 && nl < offset) {
      this.line++;
      this.lineStart = nl + 1;
      nl = this.text.indexOf('\n', nl + 1);
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// JSON streams

function readJsonValues(text: string, lines: LineCounter, out: DocumentSink): { offset: number; index: number } | undefined {
  let pos = 0;
  let count = 0;
  for (;;) {
    const start = skipJsonWhitespace(text, pos);
    if (start >= text.length) {
      return undefined;
    }
    const end = jsonValueEnd(text, start);
    let value: JsonValue | undefined;
    if (end > start) {
      try {
        value = JSON.parse(text.slice(start, end)) as JsonValue;
      } catch {
        value = undefined;
      }
    }
    if (value === undefined) {
      if (count > 1) {
        const at = lines.at(start);
        throw new YamlError('invalid JSON (the stream started as JSON values)', at.line, at.column, count);
      }
      // Not JSON after all: kubectl reads the rest as YAML, from the end of the last JSON value
      // (past spaces up to the first line break).
      return { offset: consumeWhitespaceLine(text, pos), index: count };
    }
    const at = lines.at(start);
    const problem = jsonProblem(value);
    if (problem !== undefined) {
      throw new YamlError(problem, at.line, at.column, count);
    }
    if (value !== null) {
      out.push({ index: count, line: at.line, value });
    }
    count++;
    pos = end;
  }
}

function skipJsonWhitespace(text: string, pos: number): number {
  let c = text.charCodeAt(pos);
  while (c === 32 || c === 9 || c === 10 || c === 13) {
    c = text.charCodeAt(++pos);
  }
  return pos;
}

/** Where the JSON value starting at `start` ends (JSON.parse judges whether it is valid), or -1. */
function jsonValueEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 34 /* " */) {
    return stringEnd(text, start);
  }
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) {
        i = stringEnd(text, i) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (ch === 123 || ch === 91) {
        depth++;
      } else if (ch === 125 || ch === 93) {
        if (--depth === 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }
  let i = start;
  while (i < text.length && !/[\s,:[\]{}"]/.test(text[i])) {
    i++;
  }
  return i === start ? start + 1 : i;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 92) {
      i++;
    } else if (ch === 34) {
      return i + 1;
    }
  }
  return -1;
}

/** apimachinery's consumeWhitespace: spaces up to and including the first line break. */
function consumeWhitespaceLine(text: string, pos: number): number {
  while (pos < text.length && GO_SPACE.test(text[pos])) {
    pos++;
    if (text.charCodeAt(pos - 1) === 10) {
      break;
    }
  }
  return pos;
}

/**
 * What kubectl's JSON decoding would refuse in a parsed JSON value: numbers out of float64's range
 * (JSON.parse makes them infinite); and collections nested deeper than this reader's limit. Walked
 * without recursion, as JSON.parse accepts any depth.
 */
function jsonProblem(root: JsonValue): string | undefined {
  const stack: Array<[JsonValue, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return 'a JSON number is out of range';
    }
    if (value !== null && typeof value === 'object') {
      if (depth >= MAX_NESTING) {
        return `collections nested more than ${MAX_NESTING} deep`;
      }
      for (const item of Array.isArray(value) ? value : Object.values(value)) {
        stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// YAML streams

function readYamlDocuments(text: string, start: number, firstIndex: number, lines: LineCounter, out: DocumentSink): void {
  const forbidden = FORBIDDEN.exec(start === 0 ? text : text.slice(start));
  if (forbidden !== null) {
    const at = lines.at(start + forbidden.index);
    const code = forbidden[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new YamlError(`character U+${code} is not allowed in YAML (control characters and unpaired surrogates are refused)`,
      at.line, at.column, firstIndex);
  }
  let line = lines.at(start).line;
  let index = firstIndex;
  let sawContent = false;
  let separators = 0;
  let chunkStart = -1;
  let chunkLine = 0;
  let chunkIndex = 0;
  let pos = start;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const next = nl === -1 ? text.length : nl + 1;
    if (text.charCodeAt(pos) === 45 && text.charCodeAt(pos + 1) === 45 && text.charCodeAt(pos + 2) === 45) {
      if (sawContent || separators > 0) {
        index++;
      }
      const rest = text.slice(pos + 3, lineEnd).replace(LEADING_GO_SPACE, '').replace(TRAILING_GO_SPACE, '');
      if (rest !== '' && !rest.startsWith('#')) {
        throw new YamlError(`invalid document separator: only spaces or a comment may follow "---" on its line, found "${rest.slice(0, 40)}"`,
          line, 4, index);
      }
      separators++;
      if (chunkStart >= 0) {
        readDocument(text.slice(chunkStart, pos), chunkLine, chunkIndex, out);
        chunkStart = -1;
        pos = next;
        line++;
        continue;
      }
      // A separator that opens a document stays in its text (kubectl's YAMLReader does the same).
    } else if (!sawContent && !isBlankOrComment(text, pos, lineEnd)) {
      sawContent = true;
    }
    if (chunkStart < 0) {
      chunkStart = pos;
      chunkLine = line;
      chunkIndex = index;
    }
    pos = next;
    line++;
  }
  if (chunkStart >= 0) {
    readDocument(text.slice(chunkStart), chunkLine, chunkIndex, out);
  }
}

function isBlankOrComment(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) {
      return true;
    }
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) {
      return false;
    }
  }
  return true;
}

function readDocument(raw: string, firstLine: number, index: number, out: DocumentSink): void {
  // kubectl's line reader drops "\r" before "\n" and ends the last line with "\n"; go-yaml's
  // reader drops a byte order mark.
  let text = raw.includes('\r') ? raw.replace(/\r\n/g, '\n') : raw;
  if (!text.endsWith('\n')) {
    text += '\n';
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  try {
    const root = new Parser(text).parseFirstDocument();
    if (root === null) {
      return;
    }
    const value = new Decoder().decodeDocument(root);
    if (value !== null) {
      out.push({ index, line: firstLine + root.line, value });
    }
  } catch (e) {
    if (e instanceof DocumentError) {
      const reason = e.context ? `${e.message} (${e.context.what} started at line ${firstLine + e.context.line})` : e.message;
      throw new YamlError(reason, firstLine + e.line, e.column === undefined ? undefined : e.column + 1, index);
    }
    if (e instanceof RangeError) {
      throw new YamlError(`document too deeply nested to read (${e.message})`, firstLine, undefined, index);
    }
    throw e;
  }
}
