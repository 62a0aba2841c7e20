/**
 * fast-check arbitraries for YAML streams that exercise what kubectl's reader does differently:
 * YAML 1.1 scalars (booleans, octal, signed and prefixed numbers, nulls, timestamps) in every
 * quoting style, block and flow collections, indentless sequences, anchors and aliases, merge keys,
 * tags, duplicate keys, comments, odd indentation, several documents, CRLF and BOMs. The texts are
 * not always valid YAML: the oracle decides, and the reader must agree with it either way.
 */
import * as fc from 'fast-check';

/** Scalar texts whose meaning differs between YAML 1.1 and 1.2, or that are easy to misread. */
const TRICKY_SCALARS = [
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'tRUE', 'yES', 'oFF',
  '~', 'null', 'Null', 'NULL', 'nULL', '',
  '0', '00', '010', '0443', '010000', '08', '0999', '0x1F', '0X1f', '0x_1F', '0o17', '0O17', '0b101', '-0b11', '+12', '-12', '+010',
  '1_000', '1__0', '_1', '+_1', '-0', '+0', '0x', '9223372036854775807', '9223372036854775808', '18446744073709551615',
  '18446744073709551616', '-9223372036854775808', '-9223372036854775809', '123456789012345678901234567890',
  '1.5', '.5', '-.5', '+.5', '1e3', '1E3', '1.0e+3', '6.02e23', '1.', '1_000.5', '0.1234567891', '123456789.0', '1e-400',
  '1e400', '.5e3', '._5', '1.5e', '-0.0',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2002-12-14T21:59:43Z', '2001-02-30', '2001-1-2',
  '<<', '=', '-', '?', ':', '*', '&', '!', '|', '>', '%', '@', '`', '#', ',', '[', ']', '{', '}',
  'a: b', 'a #b', 'a#b', 'http://x:80/p#f', '- x', '? x', ': x', 'x:', 'x :y', '::', '-x', '?x', ':x',
  'with space', ' leading', 'trailing ', 'tab\there', 'multi\nline', 'multi\n\nparagraph', 'é', '😀', 'a\u00a0b',
  'TCP', 'UDP', '80', '443', 'http', 'Ingress', 'Egress', 'kube-system', 'app.kubernetes.io/name',
];

/**
 * Keys written plain. Their JSON keys are strings or "8", "16", "true", "false", "1.5"; quoted keys
 * never spell those, because two different YAML keys with one JSON text are kept at random by
 * kubectl (Go map order), so no answer would be stable (the reader refuses them: see reader.test.ts).
 */
const PLAIN_KEYS = ['a', 'b', 'name', 'kind', 'spec', 'ports', 'ingress', 'from', 'podSelector', 'hostNetwork', 'runAsUser', 'port',
  'key with space', 'x.y/z', '010', '0x10', 'yes', 'on', 'y', 'n', '1.5', '2001-12-14', 'é'];
const TYPED_JSON_KEYS = new Set(['8', '16', 'true', 'false', '1.5']);

/** Tags with texts go-yaml accepts. */
const TAGGED: ReadonlyArray<readonly [string, string]> = [
  ['!!str', '010'], ['!!str', 'yes'], ['!!str', '~'], ['!!str', ''], ['!!int', '010'], ['!!int', '0x10'], ['!!int', '1_000'],
  ['!!int', '9223372036854775808'], ['!!float', '1'], ['!!float', '1.5'], ['!!float', '010'], ['!!bool', 'yes'], ['!!bool', 'off'],
  ['!!bool', 'Y'], ['!!null', ''], ['!!null', '~'], ['!!timestamp', '2001-12-14'], ['!!timestamp', '2001-12-14 21:59:43.10'],
  ['!!binary', 'aGVsbG8='], ['!!binary', 'w6k='], ['!!binary', '/w=='], ['!', '010'], ['!', 'yes'], ['!custom', '010'], ['!custom', 'on'],
  ['!<tag:yaml.org,2002:int>', '0o17'], ['!<tag:yaml.org,2002:str>', '0o17'], ['!!merge', 'x'], ['!!map', 'x'],
];
/** Tags with texts go-yaml refuses. */
const BAD_TAGGED: ReadonlyArray<readonly [string, string]> = [
  ['!!int', 'abc'], ['!!float', '.inf'], ['!!bool', '1'], ['!!null', 'x'], ['!!timestamp', '2001-13-14'], ['!!binary', 'a'],
];

type Style = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export type GenNode =
  | {
    readonly t: 'scalar';
    readonly text: string;
    readonly style: Style;
    readonly tag?: string;
    readonly anchor: boolean;
    readonly comment: boolean;
    /** Written plain even where plain style cannot hold the text (invalid YAML, on purpose, now and then). */
    readonly raw: boolean;
  }
  | { readonly t: 'map'; readonly pairs: ReadonlyArray<readonly [GenNode, GenNode]>; readonly flow: boolean; readonly anchor: boolean }
  | { readonly t: 'seq'; readonly items: readonly GenNode[]; readonly flow: boolean; readonly anchor: boolean; readonly indentless: boolean }
  | { readonly t: 'alias'; readonly pick: number }
  | { readonly t: 'merge'; readonly picks: readonly number[]; readonly inline: GenNode | undefined };

/** Values JSON cannot hold: kubectl refuses a document that keeps one. */
const NON_FINITE = ['.inf', '-.Inf', '+.INF', '.nan', '.NaN'];

const scalarText = fc.oneof(
  { weight: 60, arbitrary: fc.constantFrom(...TRICKY_SCALARS) },
  { weight: 1, arbitrary: fc.constantFrom(...NON_FINITE) },
  { weight: 20, arbitrary: fc.array(fc.constantFrom('a', 'b', 'z', '0', '1', '9', '-', '.', '_', ' ', ':', '#', "'", '"', '\\', '/', 'é'), { maxLength: 8 }).map(cs => cs.join('')) },
);

const styleArb = fc.constantFrom<Style>('plain', 'plain', 'plain', 'plain', 'single', 'double', 'literal', 'folded');

/** One in `n`. */
function oneIn(n: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 1, max: n }).map(i => i === 1);
}

const scalarArb: fc.Arbitrary<GenNode> = fc.record({
  t: fc.constant('scalar' as const),
  text: scalarText,
  style: styleArb,
  tagged: fc.oneof(
    { weight: 150, arbitrary: fc.constant(undefined) },
    { weight: 15, arbitrary: fc.constantFrom(...TAGGED) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_TAGGED) },
  ),
  anchor: oneIn(5),
  comment: oneIn(5),
  raw: oneIn(15),
}).map(({ tagged, ...rest }) => (tagged === undefined ? rest
  : { ...rest, tag: tagged[0], text: tagged[1], style: rest.style === 'literal' || rest.style === 'folded' ? 'plain' : rest.style }));

const keyArb: fc.Arbitrary<GenNode> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ text: fc.constantFrom(...PLAIN_KEYS), style: fc.constant<Style>('plain') }) },
  {
    weight: 2,
    arbitrary: fc.record({
      text: fc.oneof(fc.constantFrom(...PLAIN_KEYS), scalarText).filter(t => !TYPED_JSON_KEYS.has(t)),
      style: fc.constantFrom<Style>('single', 'double'),
    }),
  },
).map(({ text, style }) => ({ t: 'scalar' as const, text, style, anchor: false, comment: false, raw: false }));

const { node: nodeArb } = fc.letrec<{ node: GenNode; map: GenNode; seq: GenNode }>(tie => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: scalarArb },
    { weight: 2, arbitrary: tie('map') },
    { weight: 2, arbitrary: tie('seq') },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('alias' as const), pick: fc.nat(20) }) },
  ),
  map: fc.record({
    t: fc.constant('map' as const),
    pairs: fc.array(fc.oneof(
      { weight: 8, arbitrary: fc.tuple(keyArb, tie('node')) },
      {
        weight: 1,
        arbitrary: fc.tuple(keyArb.map(k => ({ ...k, text: '<<', style: 'plain' as Style })), fc.record({
          t: fc.constant('merge' as const),
          picks: fc.array(fc.nat(20), { maxLength: 3 }),
          inline: fc.option(tie('map'), { nil: undefined }),
        }) as fc.Arbitrary<GenNode>),
      },
    ), { maxLength: 5 }),
    flow: fc.boolean(),
    anchor: fc.boolean(),
  }),
  seq: fc.record({
    t: fc.constant('seq' as const),
    items: fc.array(tie('node'), { maxLength: 4 }),
    flow: fc.boolean(),
    anchor: fc.boolean(),
    indentless: fc.boolean(),
  }),
}));

export interface StreamShape {
  readonly documents: GenNode[];
  readonly indent: number;
  readonly leadingSeparator: boolean;
  readonly separator: string;
  readonly documentEnd: boolean;
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly leadingComment: boolean;
}

/** Streams of one to three documents, as text. */
export const yamlStreamArb: fc.Arbitrary<string> = fc.record({
  documents: fc.array(fc.oneof({ weight: 5, arbitrary: nodeArb.filter(n => n.t === 'map') }, { weight: 1, arbitrary: nodeArb }), { minLength: 1, maxLength: 3 }),
  indent: fc.constantFrom(2, 2, 2, 1, 3, 4),
  leadingSeparator: fc.boolean(),
  separator: fc.constantFrom('---\n', '---\n', '--- # next\n', '---   \n'),
  documentEnd: fc.integer({ min: 0, max: 9 }).map(n => n === 0),
  crlf: fc.integer({ min: 0, max: 9 }).map(n => n === 0),
  bom: fc.integer({ min: 0, max: 19 }).map(n => n === 0),
  leadingComment: fc.boolean(),
}).map(renderStream);

export function renderStream(shape: StreamShape): string {
  const parts = shape.documents.map(doc => new Renderer(shape.indent).document(doc) + (shape.documentEnd ? '...\n' : ''));
  let text = (shape.leadingComment ? '# generated\n' : '') + (shape.leadingSeparator ? '---\n' : '') + parts.join(shape.separator);
  if (shape.crlf) {
    text = text.replace(/\n/g, '\r\n');
  }
  return (shape.bom ? '\ufeff' : '') + text;
}

/** Writes a generated node tree as YAML text; anchors are numbered in document order. */
class Renderer {
  /** Anchors whose node is complete, so an alias to them is not a cycle. */
  private readonly anchors: string[] = [];
  /** The complete anchors that name mappings: what merge keys can use. */
  private readonly mapAnchors: string[] = [];
  private nextAnchor = 0;

  constructor(private readonly step: number) {}

  document(node: GenNode): string {
    if (node.t === 'map' && !node.flow && node.pairs.length > 0) {
      return this.mapLines(node, 0);
    }
    if (node.t === 'seq' && !node.flow && node.items.length > 0) {
      return this.seqLines(node, 0);
    }
    return `${this.inline(node, 0).trimStart()}\n`;
  }

  /** `&name ` for a node about to be written; `done` makes the name usable by aliases. */
  private anchor(enabled: boolean): { text: string; done: (isMap: boolean) => void } {
    if (!enabled) {
      return { text: '', done: () => undefined };
    }
    const name = `a${this.nextAnchor++}`;
    return {
      text: `&${name} `,
      done: isMap => {
        this.anchors.push(name);
        if (isMap) {
          this.mapAnchors.push(name);
        }
      },
    };
  }

  private alias(pick: number): string | undefined {
    return this.anchors.length === 0 ? undefined : `*${this.anchors[pick % this.anchors.length]}`;
  }

  /** What follows `key:` or `-`: ` value` on the same line, or a line break and a nested block. */
  private after(node: GenNode, indent: number): string {
    if (node.t === 'map' && !node.flow && node.pairs.length > 0) {
      const anchor = this.anchor(node.anchor);
      const text = `${anchor.text ? ` ${anchor.text.trimEnd()}` : ''}\n${this.mapLines(node, indent + this.step)}`;
      anchor.done(true);
      return text;
    }
    if (node.t === 'seq' && !node.flow && node.items.length > 0) {
      const anchor = this.anchor(node.anchor);
      const text = `${anchor.text ? ` ${anchor.text.trimEnd()}` : ''}\n${this.seqLines(node, node.indentless ? indent : indent + this.step)}`;
      anchor.done(false);
      return text;
    }
    return `${this.inline(node, indent)}\n`;
  }

  private mapLines(node: Extract<GenNode, { t: 'map' }>, indent: number): string {
    const pad = ' '.repeat(indent);
    return node.pairs.map(([k, v]) => {
      const key = this.key(k);
      if (v.t === 'merge') {
        return `${pad}${key}: ${this.mergeValue(v, indent)}\n`;
      }
      return `${pad}${key}:${this.after(v, indent)}`;
    }).join('');
  }

  private seqLines(node: Extract<GenNode, { t: 'seq' }>, indent: number): string {
    const pad = ' '.repeat(indent);
    return node.items.map(item => {
      if (item.t === 'map' && !item.flow && item.pairs.length > 0 && !item.anchor) {
        // Compact form: the first pair on the dash's line.
        const lines = this.mapLines(item, indent + 2);
        return `${pad}- ${lines.slice(indent + 2)}`;
      }
      return `${pad}-${this.after(item, indent)}`;
    }).join('');
  }

  private mergeValue(merge: Extract<GenNode, { t: 'merge' }>, indent: number): string {
    if (merge.inline !== undefined || this.mapAnchors.length === 0) {
      return merge.inline !== undefined ? this.flow(merge.inline, indent) : '{}';
    }
    const aliases = merge.picks.map(p => `*${this.mapAnchors[p % this.mapAnchors.length]}`);
    return aliases.length === 1 ? aliases[0] : `[${aliases.join(', ')}]`;
  }

  private key(node: GenNode): string {
    if (node.t !== 'scalar') {
      return this.flow(node, 0);
    }
    return node.style === 'plain' && plainSafe(node.text, true) ? node.text : this.quoted(node.text, node.style === 'single');
  }

  /** A node on one line (flow style), with its properties; block scalars continue below. */
  private inline(node: GenNode, indent: number): string {
    if (node.t === 'scalar' && (node.style === 'literal' || node.style === 'folded')) {
      return ` ${this.props(node)}${this.blockScalar(node, indent)}`;
    }
    const text = this.flow(node, indent);
    const comment = node.t === 'scalar' && node.comment ? ' # note' : '';
    return ` ${text}${comment}`;
  }

  private props(node: Extract<GenNode, { t: 'scalar' }>): string {
    const anchor = this.anchor(node.anchor);
    anchor.done(false);
    return `${anchor.text}${node.tag ? `${node.tag} ` : ''}`;
  }

  private flow(node: GenNode, indent: number): string {
    switch (node.t) {
      case 'scalar': {
        const style = node.style === 'literal' || node.style === 'folded' ? 'double' : node.style;
        const text = style === 'plain' && (node.raw || plainSafe(node.text, true)) ? node.text
          : this.quoted(node.text, style === 'single');
        return `${this.props(node)}${text}`;
      }
      case 'alias':
        return this.alias(node.pick) ?? 'x';
      case 'merge':
        return this.mergeValue(node, indent);
      case 'map': {
        const anchor = this.anchor(node.anchor);
        const text = `${anchor.text}{${node.pairs.map(([k, v]) => `${this.key(k)}: ${this.flow(v, indent)}`).join(', ')}}`;
        anchor.done(true);
        return text;
      }
      default: {
        const anchor = this.anchor(node.anchor);
        const text = `${anchor.text}[${node.items.map(i => this.flow(i, indent)).join(', ')}]`;
        anchor.done(false);
        return text;
      }
    }
  }

  private quoted(text: string, single: boolean): string {
    return single && !/[\n\t]/.test(text) ? `'${text.replace(/'/g, "''")}'` : JSON.stringify(text);
  }

  private blockScalar(node: Extract<GenNode, { t: 'scalar' }>, indent: number): string {
    const indicator = node.style === 'literal' ? '|' : '>';
    const chomp = node.text.length % 3 === 0 ? '' : node.text.length % 3 === 1 ? '-' : '+';
    const pad = ' '.repeat(indent + this.step);
    const body = node.text.split('\n').map(line => (line.length > 0 ? `${pad}${line}` : '')).join('\n');
    return `${indicator}${chomp}\n${body}`;
  }
}

/** Whether a text can be written as a plain scalar (in flow context when `flow`) and read back whole. */
function plainSafe(text: string, flow: boolean): boolean {
  if (flow && text === '') {
    return false; // `[a, , b]` is not an empty item but an error
  }
  if (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) || /[\n\t]|: |:$| #|\s$/.test(text)) {
    return false;
  }
  return !(flow && /[,[\]{}]/.test(text));
}
