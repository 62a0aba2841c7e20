/**
 * Builds the node tree of the first document of a text, as go-yaml v2's parser does (libyaml's
 * parser states as recursive descent, then decode.go's node tree). Like yaml.Unmarshal it reads
 * only the first document, and it reads exactly as many tokens as go-yaml does: what follows the
 * document's root and the next token is never scanned, so it can neither fail nor matter.
 */
import { DocumentError } from './errors';
import {
  Scanner, STYLE_PLAIN, Token, TOKEN_ALIAS, TOKEN_ANCHOR, TOKEN_BLOCK_END, TOKEN_BLOCK_ENTRY, TOKEN_BLOCK_MAPPING_START,
  TOKEN_BLOCK_SEQUENCE_START, TOKEN_DOCUMENT_END, TOKEN_DOCUMENT_START, TOKEN_FLOW_ENTRY, TOKEN_FLOW_MAPPING_END,
  TOKEN_FLOW_MAPPING_START, TOKEN_FLOW_SEQUENCE_END, TOKEN_FLOW_SEQUENCE_START, TOKEN_KEY, TOKEN_SCALAR, TOKEN_STREAM_END,
  TOKEN_TAG, TOKEN_TAG_DIRECTIVE, TOKEN_VALUE, TOKEN_VERSION_DIRECTIVE,
} from './scanner';

export const NODE_SCALAR = 1;
export const NODE_MAPPING = 2;
export const NODE_SEQUENCE = 3;
export const NODE_ALIAS = 4;

/**
 * Collections nested deeper than this are refused. go-yaml allows 10,000 levels; this reader
 * recurses per level, and no manifest comes near this depth.
 */
export const MAX_NESTING = 1000;

const EMPTY: Node[] = [];

/** A node of the document, as go-yaml's decoder sees it. Transient: dropped once decoded. */
export class Node {
  /** Children: items of a sequence; keys and values alternating for a mapping. */
  children: Node[] = EMPTY;
  /** For an alias: the node its anchor named when the alias was read. */
  alias: Node | null = null;

  constructor(
    public readonly kind: number,
    /** Zero-based line and column where the node starts (its anchor or tag, if any). */
    public readonly line: number,
    public readonly column: number,
    /** Resolved tag (`tag:yaml.org,2002:int`, `!local`, `!`), '' when none was written. */
    public readonly tag: string = '',
    /** Scalar text, or the anchor name of an alias. */
    public readonly value: string = '',
    /** A plain scalar without a tag (or with `!`): its type comes from its text. */
    public readonly implicit: boolean = false,
  ) {}
}

interface TagDirective {
  readonly handle: string;
  readonly prefix: string;
}

const DEFAULT_TAG_DIRECTIVES: readonly TagDirective[] = [
  { handle: '!', prefix: '!' },
  { handle: '!!', prefix: 'tag:yaml.org,2002:' },
];

export class Parser {
  private readonly scanner: Scanner;
  private tagDirectives: TagDirective[] = [];
  private readonly anchors = new Map<string, Node>();
  private depth = 0;

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  /** The root node of the first document, or null when the text holds no document at all. */
  parseFirstDocument(): Node | null {
    const s = this.scanner;
    s.peek(); // STREAM-START, always first
    s.skip();
    let token = s.peek();
    let root: Node;
    if (token.type !== TOKEN_VERSION_DIRECTIVE && token.type !== TOKEN_TAG_DIRECTIVE && token.type !== TOKEN_DOCUMENT_START
      && token.type !== TOKEN_STREAM_END) {
      // An implicit document (no `---`).
      this.processDirectives();
      root = this.parseNode(true, false);
    } else if (token.type !== TOKEN_STREAM_END) {
      this.processDirectives();
      token = s.peek();
      if (token.type !== TOKEN_DOCUMENT_START) {
        throw parserError('did not find expected <document start>', token);
      }
      s.skip();
      token = s.peek();
      if (token.type === TOKEN_VERSION_DIRECTIVE || token.type === TOKEN_TAG_DIRECTIVE || token.type === TOKEN_DOCUMENT_START
        || token.type === TOKEN_DOCUMENT_END || token.type === TOKEN_STREAM_END) {
        root = emptyScalar(token.line, token.column);
      } else {
        root = this.parseNode(true, false);
      }
    } else {
      return null;
    }
    // go-yaml asks for the DOCUMENT-END event, which looks at one more token.
    if (s.peek().type === TOKEN_DOCUMENT_END) {
      s.skip();
    }
    return root;
  }

  private processDirectives(): void {
    const s = this.scanner;
    let sawVersion = false;
    let token = s.peek();
    while (token.type === TOKEN_VERSION_DIRECTIVE || token.type === TOKEN_TAG_DIRECTIVE) {
      if (token.type === TOKEN_VERSION_DIRECTIVE) {
        if (sawVersion) {
          throw parserError('found duplicate %YAML directive', token);
        }
        if (token.value !== '1.1') {
          throw parserError('found incompatible YAML document', token);
        }
        sawVersion = true;
      } else {
        if (this.tagDirectives.some(d => d.handle === token.value)) {
          throw parserError('found duplicate %TAG directive', token);
        }
        this.tagDirectives.push({ handle: token.value, prefix: token.suffix });
      }
      s.skip();
      token = s.peek();
    }
    for (const d of DEFAULT_TAG_DIRECTIVES) {
      if (!this.tagDirectives.some(t => t.handle === d.handle)) {
        this.tagDirectives.push(d);
      }
    }
  }

  private parseNode(block: boolean, indentlessSequence: boolean): Node {
    const s = this.scanner;
    let token = s.peek();
    if (token.type === TOKEN_ALIAS) {
      s.skip();
      const node = new Node(NODE_ALIAS, token.line, token.column, '', token.value);
      node.alias = this.anchors.get(token.value) ?? null;
      if (node.alias === null) {
        throw new DocumentError(`unknown anchor '${token.value}' referenced`, token.line, token.column);
      }
      return node;
    }
    const startLine = token.line;
    const startColumn = token.column;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    if (token.type === TOKEN_ANCHOR) {
      anchor = token.value;
      s.skip();
      token = s.peek();
      if (token.type === TOKEN_TAG) {
        tagToken = token;
        s.skip();
        token = s.peek();
      }
    } else if (token.type === TOKEN_TAG) {
      tagToken = token;
      s.skip();
      token = s.peek();
      if (token.type === TOKEN_ANCHOR) {
        anchor = token.value;
        s.skip();
        token = s.peek();
      }
    }
    let tag = '';
    if (tagToken !== undefined) {
      if (tagToken.value === '') {
        tag = tagToken.suffix;
      } else {
        const directive = this.tagDirectives.find(d => d.handle === tagToken!.value);
        if (directive !== undefined) {
          tag = directive.prefix + tagToken.suffix;
        }
        if (tag === '') {
          throw new DocumentError('found undefined tag handle (while parsing a node)', tagToken.line, tagToken.column);
        }
      }
    }

    let node: Node;
    if (indentlessSequence && token.type === TOKEN_BLOCK_ENTRY) {
      node = this.register(new Node(NODE_SEQUENCE, startLine, startColumn, tag), anchor);
      this.enter(token);
      node.children = this.parseIndentlessSequence();
      this.depth--;
      return node;
    }
    if (token.type === TOKEN_SCALAR) {
      const implicit = (tag === '' && token.style === STYLE_PLAIN) || tag === '!';
      s.skip();
      return this.register(new Node(NODE_SCALAR, startLine, startColumn, tag, token.value, implicit), anchor);
    }
    const collection = token.type === TOKEN_FLOW_SEQUENCE_START ? NODE_SEQUENCE
      : token.type === TOKEN_FLOW_MAPPING_START ? NODE_MAPPING
        : block && token.type === TOKEN_BLOCK_SEQUENCE_START ? NODE_SEQUENCE
          : block && token.type === TOKEN_BLOCK_MAPPING_START ? NODE_MAPPING : 0;
    if (collection !== 0) {
      node = this.register(new Node(collection, startLine, startColumn, tag), anchor);
      this.enter(token);
      switch (token.type) {
        case TOKEN_FLOW_SEQUENCE_START: node.children = this.parseFlowSequence(); break;
        case TOKEN_FLOW_MAPPING_START: node.children = this.parseFlowMapping(); break;
        case TOKEN_BLOCK_SEQUENCE_START: node.children = this.parseBlockSequence(); break;
        default: node.children = this.parseBlockMapping();
      }
      this.depth--;
      return node;
    }
    if (anchor !== undefined || tag !== '') {
      // An anchor or tag with nothing after it: an empty scalar.
      return this.register(new Node(NODE_SCALAR, startLine, startColumn, tag, '', tag === ''), anchor);
    }
    throw new DocumentError(`did not find expected node content (while parsing a ${block ? 'block' : 'flow'} node)`, token.line, token.column);
  }

  private register(node: Node, anchor: string | undefined): Node {
    if (anchor !== undefined) {
      this.anchors.set(anchor, node);
    }
    return node;
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_NESTING) {
      throw new DocumentError(`collections nested more than ${MAX_NESTING} deep`, token.line, token.column);
    }
  }

  /**
   * Takes the indicator in front (a block collection's `-`, `?` or `:`) and parses the node after
   * it, or gives an empty scalar at the indicator's end when one of `ends` comes next.
   */
  private nodeAfterIndicator(ends: readonly number[], indentlessSequence: boolean): Node {
    const s = this.scanner;
    const indicator = s.peek();
    s.skip();
    return ends.includes(s.peek().type) ? emptyScalar(indicator.endLine, indicator.endColumn) : this.parseNode(true, indentlessSequence);
  }

  private parseBlockSequence(): Node[] {
    const s = this.scanner;
    const start = s.peek();
    s.skip(); // BLOCK-SEQUENCE-START
    const items: Node[] = [];
    for (;;) {
      let token = s.peek();
      if (token.type === TOKEN_BLOCK_ENTRY) {
        items.push(this.nodeAfterIndicator(SEQUENCE_ENTRY_ENDS, false));
      } else if (token.type === TOKEN_BLOCK_END) {
        s.skip();
        return items;
      } else {
        throw contextError("did not find expected '-' indicator", 'while parsing a block collection', start, token);
      }
    }
  }

  private parseIndentlessSequence(): Node[] {
    const s = this.scanner;
    const items: Node[] = [];
    for (;;) {
      if (s.peek().type !== TOKEN_BLOCK_ENTRY) {
        return items;
      }
      items.push(this.nodeAfterIndicator(INDENTLESS_ENTRY_ENDS, false));
    }
  }

  private parseBlockMapping(): Node[] {
    const s = this.scanner;
    const start = s.peek();
    s.skip(); // BLOCK-MAPPING-START
    const pairs: Node[] = [];
    for (;;) {
      let token = s.peek();
      if (token.type === TOKEN_KEY) {
        pairs.push(this.nodeAfterIndicator(MAPPING_PART_ENDS, true));
      } else if (token.type === TOKEN_BLOCK_END) {
        s.skip();
        return pairs;
      } else {
        throw contextError('did not find expected key', 'while parsing a block mapping', start, token);
      }
      token = s.peek();
      if (token.type === TOKEN_VALUE) {
        pairs.push(this.nodeAfterIndicator(MAPPING_PART_ENDS, true));
      } else {
        pairs.push(emptyScalar(token.line, token.column));
      }
    }
  }

  private parseFlowSequence(): Node[] {
    const s = this.scanner;
    const start = s.peek();
    s.skip(); // FLOW-SEQUENCE-START
    const items: Node[] = [];
    let first = true;
    for (;;) {
      let token = s.peek();
      if (token.type !== TOKEN_FLOW_SEQUENCE_END) {
        if (!first) {
          if (token.type !== TOKEN_FLOW_ENTRY) {
            throw contextError("did not find expected ',' or ']'", 'while parsing a flow sequence', start, token);
          }
          s.skip();
          token = s.peek();
        }
        first = false;
        if (token.type === TOKEN_KEY) {
          // `[ ? a : b ]`: a single-pair mapping as an item.
          items.push(this.parseFlowSequencePair(token));
          continue;
        }
        if (token.type !== TOKEN_FLOW_SEQUENCE_END) {
          items.push(this.parseNode(false, false));
          continue;
        }
      }
      s.skip();
      return items;
    }
  }

  private parseFlowSequencePair(keyToken: Token): Node {
    const s = this.scanner;
    const node = new Node(NODE_MAPPING, keyToken.line, keyToken.column);
    this.enter(keyToken);
    s.skip(); // KEY
    let token = s.peek();
    let key: Node;
    if (token.type !== TOKEN_VALUE && token.type !== TOKEN_FLOW_ENTRY && token.type !== TOKEN_FLOW_SEQUENCE_END) {
      key = this.parseNode(false, false);
    } else {
      // go-yaml v2 consumes this token here (libyaml's behaviour), whatever it is.
      key = emptyScalar(token.endLine, token.endColumn);
      s.skip();
    }
    token = s.peek();
    let value: Node | undefined;
    if (token.type === TOKEN_VALUE) {
      s.skip();
      const next = s.peek();
      if (next.type !== TOKEN_FLOW_ENTRY && next.type !== TOKEN_FLOW_SEQUENCE_END) {
        value = this.parseNode(false, false);
      }
    }
    node.children = [key, value ?? emptyScalar(token.line, token.column)];
    s.peek(); // MAPPING-END looks at the next token without taking it
    this.depth--;
    return node;
  }

  private parseFlowMapping(): Node[] {
    const s = this.scanner;
    const start = s.peek();
    s.skip(); // FLOW-MAPPING-START
    const pairs: Node[] = [];
    let first = true;
    for (;;) {
      let token = s.peek();
      if (token.type === TOKEN_FLOW_MAPPING_END) {
        s.skip();
        return pairs;
      }
      if (!first) {
        if (token.type !== TOKEN_FLOW_ENTRY) {
          throw contextError("did not find expected ',' or '}'", 'while parsing a flow mapping', start, token);
        }
        s.skip();
        token = s.peek();
      }
      first = false;
      if (token.type === TOKEN_KEY) {
        s.skip();
        token = s.peek();
        pairs.push(token.type !== TOKEN_VALUE && token.type !== TOKEN_FLOW_ENTRY && token.type !== TOKEN_FLOW_MAPPING_END
          ? this.parseNode(false, false) : emptyScalar(token.line, token.column));
        token = s.peek();
        if (token.type === TOKEN_VALUE) {
          s.skip();
          token = s.peek();
          if (token.type !== TOKEN_FLOW_ENTRY && token.type !== TOKEN_FLOW_MAPPING_END) {
            pairs.push(this.parseNode(false, false));
            continue;
          }
        }
        pairs.push(emptyScalar(token.line, token.column));
      } else if (token.type !== TOKEN_FLOW_MAPPING_END) {
        // `{ a, b: c }`: a key without ':' has an empty value.
        pairs.push(this.parseNode(false, false));
        token = s.peek();
        pairs.push(emptyScalar(token.line, token.column));
      }
    }
  }
}

/** What ends an empty node after a block sequence's `-`, an indentless sequence's `-`, a block mapping's `?` or `:`. */
const SEQUENCE_ENTRY_ENDS = [TOKEN_BLOCK_ENTRY, TOKEN_BLOCK_END];
const INDENTLESS_ENTRY_ENDS = [TOKEN_BLOCK_ENTRY, TOKEN_KEY, TOKEN_VALUE, TOKEN_BLOCK_END];
const MAPPING_PART_ENDS = [TOKEN_KEY, TOKEN_VALUE, TOKEN_BLOCK_END];

function emptyScalar(line: number, column: number): Node {
  return new Node(NODE_SCALAR, line, column, '', '', true);
}

function parserError(problem: string, token: Token): DocumentError {
  return new DocumentError(problem, token.line, token.column);
}

function contextError(problem: string, context: string, start: Token, token: Token): DocumentError {
  return new DocumentError(problem, token.line, token.column, { what: context, line: start.line });
}
