/**
 * The YAML 1.1 tokenizer kubectl uses: libyaml's scanner as go-yaml v2 (gopkg.in/yaml.v2, MIT)
 * ports it, rewritten for JavaScript strings. Its rules are kept on purpose, quirks included (what
 * may start a plain scalar, when a tab is an error, the 1024-character limit on simple keys, ':' in
 * flow context, the depth limits), because a manifest means what kubectl reads, not what the YAML
 * spec says. Differences from the Go code are only in mechanics: the text is a JS string padded
 * with NULs (control characters are refused before scanning, so a NUL is always the end), and
 * scalars are sliced from the text in runs instead of copied a character at a time.
 */
import { DocumentError } from './errors';

export const TOKEN_STREAM_START = 1;
export const TOKEN_STREAM_END = 2;
export const TOKEN_VERSION_DIRECTIVE = 3;
export const TOKEN_TAG_DIRECTIVE = 4;
export const TOKEN_DOCUMENT_START = 5;
export const TOKEN_DOCUMENT_END = 6;
export const TOKEN_BLOCK_SEQUENCE_START = 7;
export const TOKEN_BLOCK_MAPPING_START = 8;
export const TOKEN_BLOCK_END = 9;
export const TOKEN_FLOW_SEQUENCE_START = 10;
export const TOKEN_FLOW_SEQUENCE_END = 11;
export const TOKEN_FLOW_MAPPING_START = 12;
export const TOKEN_FLOW_MAPPING_END = 13;
export const TOKEN_BLOCK_ENTRY = 14;
export const TOKEN_FLOW_ENTRY = 15;
export const TOKEN_KEY = 16;
export const TOKEN_VALUE = 17;
export const TOKEN_ALIAS = 18;
export const TOKEN_ANCHOR = 19;
export const TOKEN_TAG = 20;
export const TOKEN_SCALAR = 21;

export const STYLE_PLAIN = 1;
export const STYLE_SINGLE_QUOTED = 2;
export const STYLE_DOUBLE_QUOTED = 3;
export const STYLE_LITERAL = 4;
export const STYLE_FOLDED = 5;

/** go-yaml v2's limits on nesting (max_flow_level, max_indents). */
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

export class Token {
  constructor(
    public readonly type: number,
    /** Zero-based start line and column (columns count characters, as go-yaml does). */
    public readonly line: number,
    public readonly column: number,
    public readonly endLine: number,
    public readonly endColumn: number,
    /** Scalar text, anchor or alias name, tag handle, %TAG handle or %YAML version. */
    public readonly value: string = '',
    /** Tag suffix or %TAG prefix. */
    public readonly suffix: string = '',
    public readonly style: number = 0,
  ) {}
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  index: number;
  line: number;
  column: number;
}

// Character classes of libyaml (yamlprivateh.go), on UTF-16 code units.
function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBreakZ(c: number): boolean {
  return c === 0 || isBreak(c);
}
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
function isBlankZ(c: number): boolean {
  return c === 32 || c === 9 || c === 0 || isBreak(c);
}
function isAlpha(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
function asHex(c: number): number {
  return c >= 97 ? c - 87 : c >= 65 ? c - 55 : c - 48;
}
function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Characters that end a plain scalar inside a flow collection. */
function isFlowIndicator(c: number): boolean {
  return c === 44 /* , */ || c === 63 /* ? */ || c === 91 /* [ */ || c === 93 /* ] */ || c === 123 /* { */ || c === 125; /* } */
}

/**
 * The blanks and line breaks between two runs of text of a quoted or plain scalar, as YAML folds
 * them (libyaml's leading_blanks, leading_break, trailing_breaks and whitespaces): a single line
 * break becomes a space, further breaks are kept, blanks around a break are dropped.
 */
class Folding {
  /** A line break was read since the last run of text (blanks after it are indentation). */
  leadingBlanks = false;
  leadingBreak = '';
  trailingBreaks = '';
  whitespaces = '';

  /** The folded text of what was read since the last run of text; starts afresh. */
  take(): string {
    let out: string;
    if (this.leadingBlanks) {
      out = this.leadingBreak.charCodeAt(0) === 10
        ? (this.trailingBreaks.length === 0 ? ' ' : this.trailingBreaks)
        : this.leadingBreak + this.trailingBreaks;
      this.trailingBreaks = '';
      this.leadingBreak = '';
      this.leadingBlanks = false;
    } else {
      out = this.whitespaces;
      this.whitespaces = '';
    }
    return out;
  }
}

export class Scanner {
  /** The document text followed by NULs, so looking a few characters ahead never needs a bounds check. */
  private readonly s: string;
  private pos = 0;
  private line = 0;
  private column = 0;
  /** Surrogate pairs passed so far: go-yaml's mark.index counts characters, `pos` counts UTF-16 units. */
  private astral = 0;

  private streamStartProduced = false;
  private flowLevel = 0;
  /** The token queue: tokens[tokensHead..tokensEnd) are scanned and not yet parsed. */
  private readonly tokens: Token[] = [];
  private tokensHead = 0;
  private tokensEnd = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByToken = new Map<number, number>();
  /** Where the last run of block-scalar line breaks ended (the scalar's end mark). */
  private lastBreaksEndLine = 0;
  private lastBreaksEndColumn = 0;

  constructor(text: string) {
    this.s = text + '\0\0\0\0';
  }

  /** The next token, scanned only as far as needed (go-yaml's peek_token). */
  peek(): Token {
    if (!this.tokenAvailable) {
      this.fetchMoreTokens();
    }
    return this.tokens[this.tokensHead];
  }

  /** Consumes the token `peek` returned (skip_token). */
  skip(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.tokensHead++;
  }

  // -------------------------------------------------------------------------------------------
  // Reading characters

  private at(offset: number): number {
    return this.s.charCodeAt(this.pos + offset);
  }

  private get index(): number {
    return this.pos - this.astral;
  }

  private skipChar(): void {
    if (isHighSurrogate(this.s.charCodeAt(this.pos))) {
      this.pos += 2;
      this.astral++;
    } else {
      this.pos++;
    }
    this.column++;
  }

  private skipLine(): void {
    const c = this.at(0);
    if (c === 13 && this.at(1) === 10) {
      this.pos += 2;
      this.column = 0;
      this.line++;
    } else if (isBreak(c)) {
      this.pos++;
      this.column = 0;
      this.line++;
    }
  }

  /** Consumes a line break and returns how it reads in a scalar (read_line). */
  private readLine(): string {
    const c = this.at(0);
    let out: string;
    if (c === 13 && this.at(1) === 10) {
      this.pos += 2;
      out = '\n';
    } else if (c === 13 || c === 10 || c === 0x85) {
      this.pos++;
      out = '\n';
    } else if (c === 0x2028 || c === 0x2029) {
      this.pos++;
      out = String.fromCharCode(c);
    } else {
      return '';
    }
    this.column = 0;
    this.line++;
    return out;
  }

  /** Scanner errors point at where scanning stopped; the context says what was being scanned. */
  private error(context: string, problem: string): never {
    throw new DocumentError(context ? `${problem} (${context})` : problem, this.line, this.column);
  }

  // -------------------------------------------------------------------------------------------
  // The token queue

  private insertToken(position: number, token: Token): void {
    const tokens = this.tokens;
    if (this.tokensHead === this.tokensEnd) {
      this.tokensHead = 0;
      this.tokensEnd = 0;
    }
    if (position < 0) {
      tokens[this.tokensEnd++] = token;
      return;
    }
    // Insert before the token at `position` (a KEY or BLOCK-MAPPING-START going back before a key).
    const at = this.tokensHead + position;
    for (let i = this.tokensEnd; i > at; i--) {
      tokens[i] = tokens[i - 1];
    }
    tokens[at] = token;
    this.tokensEnd++;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokensEnd) {
        // The head token may still become a simple key's KEY: only then keep scanning.
        const keyIndex = this.simpleKeysByToken.get(this.tokensParsed);
        if (keyIndex === undefined || !this.simpleKeyIsValid(this.simpleKeys[keyIndex])) {
          break;
        }
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.at(0);
    if (c === 0) {
      this.fetchStreamEnd();
      return;
    }
    if (this.column === 0) {
      if (c === 37 /* % */) {
        this.fetchDirective();
        return;
      }
      if (c === 45 && this.at(1) === 45 && this.at(2) === 45 && isBlankZ(this.at(3))) {
        this.fetchDocumentIndicator(TOKEN_DOCUMENT_START);
        return;
      }
      if (c === 46 && this.at(1) === 46 && this.at(2) === 46 && isBlankZ(this.at(3))) {
        this.fetchDocumentIndicator(TOKEN_DOCUMENT_END);
        return;
      }
    }
    const next = this.at(1);
    switch (c) {
      case 91: /* [ */ this.fetchFlowCollectionStart(TOKEN_FLOW_SEQUENCE_START); return;
      case 123: /* { */ this.fetchFlowCollectionStart(TOKEN_FLOW_MAPPING_START); return;
      case 93: /* ] */ this.fetchFlowCollectionEnd(TOKEN_FLOW_SEQUENCE_END); return;
      case 125: /* } */ this.fetchFlowCollectionEnd(TOKEN_FLOW_MAPPING_END); return;
      case 44: /* , */ this.fetchFlowEntry(); return;
      default:
    }
    if (c === 45 /* - */ && isBlankZ(next)) {
      this.fetchBlockEntry();
      return;
    }
    if (c === 63 /* ? */ && (this.flowLevel > 0 || isBlankZ(next))) {
      this.fetchKey();
      return;
    }
    if (c === 58 /* : */ && (this.flowLevel > 0 || isBlankZ(next))) {
      this.fetchValue();
      return;
    }
    switch (c) {
      case 42: /* * */ this.fetchAnchor(TOKEN_ALIAS); return;
      case 38: /* & */ this.fetchAnchor(TOKEN_ANCHOR); return;
      case 33: /* ! */ this.fetchTag(); return;
      case 39: /* ' */ this.fetchFlowScalar(true); return;
      case 34: /* " */ this.fetchFlowScalar(false); return;
      default:
    }
    if (this.flowLevel === 0 && (c === 124 /* | */ || c === 62 /* > */)) {
      this.fetchBlockScalar(c === 124);
      return;
    }
    const startsPlain = !(isBlankZ(c) || c === 45 || c === 63 || c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125
      || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96)
      || (c === 45 && !isBlank(next))
      || (this.flowLevel === 0 && (c === 63 || c === 58) && !isBlankZ(next));
    if (startsPlain) {
      this.fetchPlainScalar();
      return;
    }
    this.error('while scanning for the next token', 'found character that cannot start any token');
  }

  // -------------------------------------------------------------------------------------------
  // Simple keys, flow levels and indentation

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) {
      return false;
    }
    // A simple key is on one line and at most 1024 characters long.
    if (key.line < this.line || key.index + 1024 < this.index) {
      if (key.required) {
        throw new DocumentError("could not find expected ':' (while scanning a simple key)", key.line, key.column);
      }
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      this.removeSimpleKey();
      // The slot's record is reused: nothing keeps a reference to the key it replaces.
      const key = this.simpleKeys[this.simpleKeys.length - 1];
      key.possible = true;
      key.required = required;
      key.tokenNumber = this.tokensParsed + (this.tokensEnd - this.tokensHead);
      key.index = this.index;
      key.line = this.line;
      key.column = this.column;
      this.simpleKeysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      if (key.required) {
        throw new DocumentError("could not find expected ':' (while scanning a simple key)", key.line, key.column);
      }
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokensEnd - this.tokensHead),
      index: this.index,
      line: this.line,
      column: this.column,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.error('while increasing flow level', `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      this.simpleKeysByToken.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: number, line: number, col: number): void {
    if (this.flowLevel > 0) {
      return;
    }
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        this.error('while increasing indent level', `exceeded max depth of ${MAX_INDENTS}`);
      }
      const token = new Token(type, line, col, line, col);
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) {
      return;
    }
    while (this.indent > column) {
      this.insertToken(-1, new Token(TOKEN_BLOCK_END, this.line, this.column, this.line, this.column));
      this.indent = this.indents.pop()!;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Fetchers: decide the token kind and keep the simple-key and indentation state

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, index: 0, line: 0, column: 0 });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, new Token(TOKEN_STREAM_START, this.line, this.column, this.line, this.column));
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, new Token(TOKEN_STREAM_END, this.line, this.column, this.line, this.column));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: number): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const line = this.line;
    const column = this.column;
    this.skipChar();
    this.skipChar();
    this.skipChar();
    this.insertToken(-1, new Token(type, line, column, this.line, this.column));
  }

  private fetchFlowCollectionStart(type: number): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.fetchIndicator(type);
  }

  private fetchFlowCollectionEnd(type: number): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.fetchIndicator(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchIndicator(TOKEN_FLOW_ENTRY);
  }

  private fetchIndicator(type: number): void {
    const line = this.line;
    const column = this.column;
    this.skipChar();
    this.insertToken(-1, new Token(type, line, column, this.line, this.column));
  }

  /** In block context, an indicator (`-`, `?`, `:`) stands only where a key may, and may open a collection of `startType`. */
  private openBlockCollection(notAllowed: string, startType: number): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.error('', notAllowed);
      }
      this.rollIndent(this.column, -1, startType, this.line, this.column);
    }
  }

  private fetchBlockEntry(): void {
    this.openBlockCollection('block sequence entries are not allowed in this context', TOKEN_BLOCK_SEQUENCE_START);
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchIndicator(TOKEN_BLOCK_ENTRY);
  }

  private fetchKey(): void {
    this.openBlockCollection('mapping keys are not allowed in this context', TOKEN_BLOCK_MAPPING_START);
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.fetchIndicator(TOKEN_KEY);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      // The scalar (or collection) before ':' was a key: insert KEY before it, and open a block
      // mapping at its column if this is the first key at that indentation.
      this.insertToken(key.tokenNumber - this.tokensParsed, new Token(TOKEN_KEY, key.line, key.column, key.line, key.column));
      this.rollIndent(key.column, key.tokenNumber, TOKEN_BLOCK_MAPPING_START, key.line, key.column);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      this.openBlockCollection('mapping values are not allowed in this context', TOKEN_BLOCK_MAPPING_START);
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.fetchIndicator(TOKEN_VALUE);
  }

  /** A token that may be a simple key (anchor, alias, tag, flow or plain scalar): the key's start is saved before `scan`. */
  private fetchKeyable(scan: () => Token): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, scan());
  }

  private fetchAnchor(type: number): void {
    this.fetchKeyable(() => this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.fetchKeyable(() => this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.fetchKeyable(() => this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.fetchKeyable(() => this.scanPlainScalar());
  }

  /** Skips spaces, comments and line breaks; tabs only where they cannot be indentation. */
  private scanToNextToken(): void {
    for (;;) {
      let c = this.at(0);
      while (c === 32 || (c === 9 && (this.flowLevel > 0 || !this.simpleKeyAllowed))) {
        this.pos++;
        this.column++;
        c = this.at(0);
      }
      if (c === 35 /* # */) {
        while (!isBreakZ(this.at(0))) {
          this.skipChar();
        }
        c = this.at(0);
      }
      if (!isBreak(c)) {
        return;
      }
      this.skipLine();
      if (this.flowLevel === 0) {
        this.simpleKeyAllowed = true;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Scanners for directives, anchors and tags

  private scanDirective(): Token {
    const line = this.line;
    const column = this.column;
    this.skipChar();
    const name = this.scanDirectiveName();
    let token: Token;
    if (name === 'YAML') {
      const major = this.scanVersionNumber(true);
      if (this.at(0) !== 46 /* . */) {
        this.error('while scanning a %YAML directive', "did not find expected digit or '.' character");
      }
      this.skipChar();
      const minor = this.scanVersionNumber(false);
      token = new Token(TOKEN_VERSION_DIRECTIVE, line, column, this.line, this.column, `${major}.${minor}`);
    } else if (name === 'TAG') {
      while (isBlank(this.at(0))) {
        this.skipChar();
      }
      const handle = this.scanTagHandle(true);
      if (!isBlank(this.at(0))) {
        this.error('while scanning a %TAG directive', 'did not find expected whitespace');
      }
      while (isBlank(this.at(0))) {
        this.skipChar();
      }
      const prefix = this.scanTagUri(true, '');
      if (!isBlankZ(this.at(0))) {
        this.error('while scanning a %TAG directive', 'did not find expected whitespace or line break');
      }
      token = new Token(TOKEN_TAG_DIRECTIVE, line, column, this.line, this.column, handle, prefix);
    } else {
      this.error('while scanning a directive', 'found unknown directive name');
    }
    this.skipToLineEnd('while scanning a directive');
    return token;
  }

  /** Skips blanks and a comment up to the line break (or the end), which must come next. */
  private skipToLineEnd(context: string): void {
    while (isBlank(this.at(0))) {
      this.skipChar();
    }
    if (this.at(0) === 35) {
      while (!isBreakZ(this.at(0))) {
        this.skipChar();
      }
    }
    if (!isBreakZ(this.at(0))) {
      this.error(context, 'did not find expected comment or line break');
    }
    if (isBreak(this.at(0))) {
      this.skipLine();
    }
  }

  private scanDirectiveName(): string {
    const start = this.pos;
    while (isAlpha(this.at(0))) {
      this.skipChar();
    }
    if (this.pos === start) {
      this.error('while scanning a directive', 'could not find expected directive name');
    }
    if (!isBlankZ(this.at(0))) {
      this.error('while scanning a directive', 'found unexpected non-alphabetical character');
    }
    return this.s.slice(start, this.pos);
  }

  private scanVersionNumber(skipBlanks: boolean): number {
    if (skipBlanks) {
      while (isBlank(this.at(0))) {
        this.skipChar();
      }
    }
    let value = 0;
    let length = 0;
    while (isDigit(this.at(0))) {
      length++;
      if (length > 2) {
        this.error('while scanning a %YAML directive', 'found extremely long version number');
      }
      value = value * 10 + this.at(0) - 48;
      this.skipChar();
    }
    if (length === 0) {
      this.error('while scanning a %YAML directive', 'did not find expected version number');
    }
    return value;
  }

  private scanAnchor(type: number): Token {
    const line = this.line;
    const column = this.column;
    this.skipChar();
    const start = this.pos;
    while (isAlpha(this.at(0))) {
      this.skipChar();
    }
    const endLine = this.line;
    const endColumn = this.column;
    const c = this.at(0);
    if (this.pos === start || !(isBlankZ(c) || c === 63 || c === 58 || c === 44 || c === 93 || c === 125 || c === 37 || c === 64 || c === 96)) {
      this.error(type === TOKEN_ANCHOR ? 'while scanning an anchor' : 'while scanning an alias',
        'did not find expected alphabetic or numeric character');
    }
    return new Token(type, line, column, endLine, endColumn, this.s.slice(start, this.pos));
  }

  private scanTag(): Token {
    const line = this.line;
    const column = this.column;
    let handle: string;
    let suffix: string;
    if (this.at(1) === 60 /* < */) {
      // Verbatim tag: !<uri>
      this.skipChar();
      this.skipChar();
      handle = '';
      suffix = this.scanTagUri(false, '');
      if (this.at(0) !== 62 /* > */) {
        this.error('while scanning a tag', "did not find the expected '>'");
      }
      this.skipChar();
    } else {
      handle = this.scanTagHandle(false);
      if (handle.length > 1 && handle.charCodeAt(0) === 33 && handle.charCodeAt(handle.length - 1) === 33) {
        suffix = this.scanTagUri(false, '');
      } else {
        // `!foo`: the handle was really the start of the suffix, with the primary handle `!`.
        suffix = this.scanTagUri(false, handle);
        handle = '!';
        if (suffix.length === 0) {
          suffix = handle;
          handle = '';
        }
      }
    }
    if (!isBlankZ(this.at(0))) {
      this.error('while scanning a tag', 'did not find expected whitespace or line break');
    }
    return new Token(TOKEN_TAG, line, column, this.line, this.column, handle, suffix);
  }

  private scanTagHandle(directive: boolean): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    if (this.at(0) !== 33 /* ! */) {
      this.error(context, "did not find expected '!'");
    }
    const start = this.pos;
    this.skipChar();
    while (isAlpha(this.at(0))) {
      this.skipChar();
    }
    if (this.at(0) === 33) {
      this.skipChar();
    } else if (directive && this.pos - start !== 1) {
      this.error(context, "did not find expected '!'");
    }
    return this.s.slice(start, this.pos);
  }

  /** Tag URI characters, with %-escapes decoded as UTF-8. `head` is a handle read as part of it. */
  private scanTagUri(directive: boolean, head: string): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    let out = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.at(0);
      if (!(isAlpha(c) || c === 59 || c === 47 || c === 63 || c === 58 || c === 64 || c === 38 || c === 61 || c === 43 || c === 36
        || c === 44 || c === 46 || c === 33 || c === 126 || c === 42 || c === 39 || c === 40 || c === 41 || c === 91 || c === 93 || c === 37)) {
        break;
      }
      if (c === 37 /* % */) {
        out += this.scanUriEscapes(context);
      } else {
        out += this.s[this.pos];
        this.skipChar();
      }
      hasTag = true;
    }
    if (!hasTag) {
      this.error(context, 'did not find expected tag URI');
    }
    return out;
  }

  /* eslint-disable no-bitwise */ // %-escaped UTF-8 octets, checked as libyaml checks them
  private scanUriEscapes(context: string): string {
    const bytes: number[] = [];
    let width = 1024;
    while (width > 0) {
      if (!(this.at(0) === 37 && isHex(this.at(1)) && isHex(this.at(2)))) {
        this.error(context, 'did not find URI escaped octet');
      }
      const octet = (asHex(this.at(1)) << 4) + asHex(this.at(2));
      if (width === 1024) {
        width = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) {
          this.error(context, 'found an incorrect leading UTF-8 octet');
        }
      } else if ((octet & 0xc0) !== 0x80) {
        this.error(context, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.skipChar();
      this.skipChar();
      this.skipChar();
      width--;
    }
    return Buffer.from(bytes).toString('utf-8');
  }
  /* eslint-enable no-bitwise */

  // -------------------------------------------------------------------------------------------
  // Scalars

  private scanBlockScalar(literal: boolean): Token {
    const line = this.line;
    const column = this.column;
    this.skipChar();
    let chomping = 0;
    let increment = 0;
    let c = this.at(0);
    if (c === 43 || c === 45) {
      chomping = c === 43 ? 1 : -1;
      this.skipChar();
      c = this.at(0);
      if (isDigit(c)) {
        if (c === 48) {
          this.error('while scanning a block scalar', 'found an indentation indicator equal to 0');
        }
        increment = c - 48;
        this.skipChar();
      }
    } else if (isDigit(c)) {
      if (c === 48) {
        this.error('while scanning a block scalar', 'found an indentation indicator equal to 0');
      }
      increment = c - 48;
      this.skipChar();
      c = this.at(0);
      if (c === 43 || c === 45) {
        chomping = c === 43 ? 1 : -1;
        this.skipChar();
      }
    }
    this.skipToLineEnd('while scanning a block scalar');
    let endLine = this.line;
    let endColumn = this.column;
    const indentRef = { indent: increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0 };
    let out = '';
    let leadingBreak = '';
    let trailingBreaks = this.scanBlockScalarBreaks(indentRef);
    endLine = this.lastBreaksEndLine;
    endColumn = this.lastBreaksEndColumn;
    const indent = indentRef.indent;
    let leadingBlank = false;
    while (this.column === indent && this.at(0) !== 0) {
      const trailingBlank = isBlank(this.at(0));
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak.charCodeAt(0) === 10) {
        // Folding: a single line break between two non-indented lines becomes a space.
        if (trailingBreaks.length === 0) {
          out += ' ';
        }
      } else {
        out += leadingBreak;
      }
      leadingBreak = '';
      out += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlank(this.at(0));
      const start = this.pos;
      while (!isBreakZ(this.at(0))) {
        this.skipChar();
      }
      out += this.s.slice(start, this.pos);
      leadingBreak = this.readLine();
      trailingBreaks = this.scanBlockScalarBreaks(indentRef);
      endLine = this.lastBreaksEndLine;
      endColumn = this.lastBreaksEndColumn;
    }
    if (chomping !== -1) {
      out += leadingBreak;
    }
    if (chomping === 1) {
      out += trailingBreaks;
    }
    return new Token(TOKEN_SCALAR, line, column, endLine, endColumn, out, '', literal ? STYLE_LITERAL : STYLE_FOLDED);
  }

  /** Reads the empty (or less indented) lines of a block scalar; settles the indentation when unknown. */
  private scanBlockScalarBreaks(ref: { indent: number }): string {
    this.lastBreaksEndLine = this.line;
    this.lastBreaksEndColumn = this.column;
    let breaks = '';
    let maxIndent = 0;
    for (;;) {
      while ((ref.indent === 0 || this.column < ref.indent) && this.at(0) === 32) {
        this.pos++;
        this.column++;
      }
      if (this.column > maxIndent) {
        maxIndent = this.column;
      }
      if ((ref.indent === 0 || this.column < ref.indent) && this.at(0) === 9) {
        this.error('while scanning a block scalar', 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.at(0))) {
        break;
      }
      breaks += this.readLine();
      this.lastBreaksEndLine = this.line;
      this.lastBreaksEndColumn = this.column;
    }
    if (ref.indent === 0) {
      ref.indent = maxIndent;
      if (ref.indent < this.indent + 1) {
        ref.indent = this.indent + 1;
      }
      if (ref.indent < 1) {
        ref.indent = 1;
      }
    }
    return breaks;
  }

  private scanFlowScalar(single: boolean): Token {
    const line = this.line;
    const column = this.column;
    this.skipChar();
    let out = '';
    const fold = new Folding();
    for (;;) {
      let c = this.at(0);
      if (this.column === 0 && ((c === 45 && this.at(1) === 45 && this.at(2) === 45) || (c === 46 && this.at(1) === 46 && this.at(2) === 46))
        && isBlankZ(this.at(3))) {
        this.error('while scanning a quoted scalar', 'found unexpected document indicator');
      }
      if (c === 0) {
        this.error('while scanning a quoted scalar', 'found unexpected end of stream');
      }
      let runStart = this.pos;
      while (!isBlankZ(c)) {
        if (single && c === 39 && this.at(1) === 39) {
          out += this.s.slice(runStart, this.pos) + "'";
          this.pos += 2;
          this.column += 2;
          runStart = this.pos;
        } else if (single && c === 39) {
          break;
        } else if (!single && c === 34) {
          break;
        } else if (!single && c === 92 /* \ */ && isBreak(this.at(1))) {
          out += this.s.slice(runStart, this.pos);
          this.skipChar();
          this.skipLine();
          runStart = this.pos;
          fold.leadingBlanks = true;
          break;
        } else if (!single && c === 92) {
          out += this.s.slice(runStart, this.pos) + this.scanEscape();
          runStart = this.pos;
        } else {
          this.skipChar();
        }
        c = this.at(0);
      }
      out += this.s.slice(runStart, this.pos);
      c = this.at(0);
      if (single ? c === 39 : c === 34) {
        break;
      }
      // Whitespace and line breaks inside the scalar: folded as YAML says.
      this.readFoldedSpace(fold, 0);
      out += fold.take();
    }
    this.skipChar();
    return new Token(TOKEN_SCALAR, line, column, this.line, this.column, out, '', single ? STYLE_SINGLE_QUOTED : STYLE_DOUBLE_QUOTED);
  }

  /** One backslash escape of a double-quoted scalar, consumed; returns its text. */
  private scanEscape(): string {
    let codeLength = 0;
    let out = '';
    switch (this.at(1)) {
      case 48: out = '\0'; break; // 0
      case 97: out = '\x07'; break; // a
      case 98: out = '\b'; break; // b
      case 116: case 9: out = '\t'; break; // t, TAB
      case 110: out = '\n'; break; // n
      case 118: out = '\x0b'; break; // v
      case 102: out = '\f'; break; // f
      case 114: out = '\r'; break; // r
      case 101: out = '\x1b'; break; // e
      case 32: out = ' '; break;
      case 34: out = '"'; break;
      case 39: out = "'"; break;
      case 92: out = '\\'; break;
      case 78: out = '\x85'; break; // N
      case 95: out = '\xa0'; break; // _
      case 76: out = '\u2028'; break; // L
      case 80: out = '\u2029'; break; // P
      case 120: codeLength = 2; break; // x
      case 117: codeLength = 4; break; // u
      case 85: codeLength = 8; break; // U
      default:
        this.error('while parsing a quoted scalar', 'found unknown escape character');
    }
    this.skipChar();
    this.skipChar();
    if (codeLength > 0) {
      let value = 0;
      for (let k = 0; k < codeLength; k++) {
        const c = this.at(k);
        if (!isHex(c)) {
          this.error('while parsing a quoted scalar', 'did not find expected hexdecimal number');
        }
        value = value * 16 + asHex(c);
      }
      if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
        this.error('while parsing a quoted scalar', 'found invalid Unicode character escape code');
      }
      out = String.fromCodePoint(value);
      for (let k = 0; k < codeLength; k++) {
        this.skipChar();
      }
    }
    return out;
  }

  private scanPlainScalar(): Token {
    let out = '';
    const fold = new Folding();
    const indent = this.indent + 1;
    const line = this.line;
    const column = this.column;
    let endLine = line;
    let endColumn = column;
    const flow = this.flowLevel > 0;
    for (;;) {
      let c = this.at(0);
      if (this.column === 0 && ((c === 45 && this.at(1) === 45 && this.at(2) === 45) || (c === 46 && this.at(1) === 46 && this.at(2) === 46))
        && isBlankZ(this.at(3))) {
        break;
      }
      if (c === 35 /* # */) {
        break;
      }
      const runStart = this.pos;
      while (!isBlankZ(c)) {
        if ((c === 58 && isBlankZ(this.at(1))) || (flow && isFlowIndicator(c))) {
          break;
        }
        if (this.pos === runStart && (fold.leadingBlanks || fold.whitespaces.length > 0)) {
          out += fold.take();
        }
        if (isHighSurrogate(c)) {
          this.pos += 2;
          this.astral++;
        } else {
          this.pos++;
        }
        this.column++;
        c = this.at(0);
      }
      if (this.pos !== runStart) {
        out += this.s.slice(runStart, this.pos);
        endLine = this.line;
        endColumn = this.column;
      }
      if (!(isBlank(c) || isBreak(c))) {
        break;
      }
      this.readFoldedSpace(fold, indent);
      if (!flow && this.column < indent) {
        break;
      }
    }
    if (fold.leadingBlanks) {
      this.simpleKeyAllowed = true;
    }
    return new Token(TOKEN_SCALAR, line, column, endLine, endColumn, out, '', STYLE_PLAIN);
  }

  /**
   * Reads the blanks and line breaks inside a quoted or plain scalar into `fold`. A tab in the
   * indentation after a line break, left of column `tabIndent`, is an error (plain scalars; quoted
   * scalars pass 0).
   */
  private readFoldedSpace(fold: Folding, tabIndent: number): void {
    let c = this.at(0);
    while (isBlank(c) || isBreak(c)) {
      if (isBlank(c)) {
        if (fold.leadingBlanks && c === 9 && this.column < tabIndent) {
          this.error('while scanning a plain scalar', 'found a tab character that violates indentation');
        }
        if (!fold.leadingBlanks) {
          fold.whitespaces += this.s[this.pos];
        }
        this.pos++;
        this.column++;
      } else if (!fold.leadingBlanks) {
        fold.whitespaces = '';
        fold.leadingBreak = this.readLine();
        fold.leadingBlanks = true;
      } else {
        fold.trailingBreaks += this.readLine();
      }
      c = this.at(0);
    }
  }
}
