import { readYamlStream, YamlError } from '../../../src/kube/yaml';
import { MAX_NESTING } from '../../../src/kube/yaml/parser';

function only(text: string): any {
  const docs = readYamlStream(text);
  expect(docs).toHaveLength(1);
  return docs[0].value;
}

function refusal(text: string): YamlError {
  try {
    readYamlStream(text);
  } catch (e) {
    expect(e).toBeInstanceOf(YamlError);
    return e as YamlError;
  }
  throw new Error('expected the stream to be refused');
}

describe('YAML 1.1 as kubectl reads it', () => {
  test('a NetworkPolicy whose spec pulls `ingress: [{}]` in through a merge key admits everything', () => {
    const policy = only([
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata: {name: api, namespace: shop}',
      'spec:',
      '  podSelector: {matchLabels: {app: api}}',
      '  policyTypes: [Ingress]',
      '  <<: {ingress: [{}]}',
    ].join('\n'));
    expect(policy.spec).toEqual({ podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{}] });
  });

  test('booleans are the YAML 1.1 words, in their case variants', () => {
    const spec = only('hostNetwork: yes\nhostPID: Y\nprivileged: on\nhostIPC: ON\na: off\nb: n\nc: NO\nd: tRUE\ne: "yes"\n');
    expect(spec).toEqual({ hostNetwork: true, hostPID: true, privileged: true, hostIPC: true, a: false, b: false, c: false, d: 'tRUE', e: 'yes' });
  });

  test('leading zeros are octal, and prefixes, signs and underscores are read as go-yaml reads them', () => {
    expect(only('runAsUser: 010000\nport: 0443\nh: 0x1F\no: 0o17\nb: 0b101\nu: 1_000\np: +12\nneg: -0x10\nnotOctal: 08\nf: 1e3\n'))
      .toEqual({ runAsUser: 4096, port: 291, h: 31, o: 15, b: 5, u: 1000, p: 12, neg: -16, notOctal: 8, f: 1000 });
  });

  test('nulls, timestamps and overflowing floats', () => {
    expect(only('a: ~\nb: Null\nc:\nd: 2001-12-14\ne: 1e400\n')).toEqual({ a: null, b: null, c: null, d: '2001-12-14', e: '1e400' });
  });

  test('non-string keys become JSON keys as sigs.k8s.io/yaml writes them', () => {
    expect(Object.keys(only('y: 1\nn: 2\n010: 3\n1.5: 4\n1e7: 5\n0.1234567891: 6\n')).sort())
      .toEqual(['0.12345679', '1.5', '1e+07', '8', 'false', 'true']);
  });

  test('merge keys apply where they stand: earlier explicit keys are overwritten, later ones win, earlier maps in a list win', () => {
    const doc = only([
      'base: &base {a: 1, b: 1}',
      'other: &other {b: 2, c: 2}',
      'before: {a: 0, <<: *base}',
      'after: {<<: *base, a: 0}',
      'list: {<<: [*other, *base]}',
    ].join('\n'));
    expect(doc.before).toEqual({ a: 1, b: 1 });
    expect(doc.after).toEqual({ a: 0, b: 1 });
    expect(doc.list).toEqual({ a: 1, b: 2, c: 2 });
  });

  test('a duplicate key keeps its last value', () => {
    expect(only('a: 1\nb: 2\na: 3\n')).toEqual({ a: 3, b: 2 });
  });

  test('each use of an alias is its own copy', () => {
    const doc = only('a: &x {b: [1]}\nc: *x\n');
    doc.a.b.push(2);
    expect(doc.c).toEqual({ b: [1] });
  });

  test('values are plain JSON data', () => {
    const doc = only('a: {b: [1, "x", true, null]}\n');
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Array.isArray(doc.a.b)).toBe(true);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  test('a `__proto__` key is an ordinary key, not the prototype', () => {
    const doc = only('__proto__: {polluted: true}\n');
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as any).polluted).toBeUndefined();
  });
});

describe('streams, documents and lines', () => {
  test('documents are counted at `---` lines, empty ones included; lines are where the content starts', () => {
    const docs = readYamlStream('# header\n---\na: 1\n---\n---\n# note\nb: 2\n');
    expect(docs.map(d => [d.index, d.line, d.value])).toEqual([[0, 3, { a: 1 }], [2, 7, { b: 2 }]]);
  });

  test('documents that are empty, comments only or null are skipped', () => {
    expect(readYamlStream('')).toEqual([]);
    expect(readYamlStream('# nothing\n---\n~\n---\n')).toEqual([]);
  });

  test('what follows `...` in a document is ignored, as go-yaml reads one document per `---` part', () => {
    expect(readYamlStream('a: 1\n...\nb: [\n').map(d => d.value)).toEqual([{ a: 1 }]);
  });

  test('JSON values one after another, and YAML after a first JSON value', () => {
    expect(readYamlStream('{"kind": "A"}\n{"kind": "B"}\n').map(d => [d.index, d.line, d.value]))
      .toEqual([[0, 1, { kind: 'A' }], [1, 2, { kind: 'B' }]]);
    expect(readYamlStream('{"kind": "A"}\n---\nkind: B\nok: yes\n').map(d => d.value)).toEqual([{ kind: 'A' }, { kind: 'B', ok: true }]);
  });

  test('a stream that starts with `{` but is YAML flow style is read as YAML', () => {
    expect(readYamlStream('{a: yes, b: 010}\n').map(d => d.value)).toEqual([{ a: true, b: 8 }]);
  });

  test('CRLF line ends and a byte order mark', () => {
    expect(readYamlStream('\ufeffa: 1\r\nb: |\r\n  x\r\n---\r\nc: 2\r\n').map(d => [d.index, d.line, d.value]))
      .toEqual([[0, 1, { a: 1, b: 'x\n' }], [1, 5, { c: 2 }]]);
  });
});

describe('refused as kubectl refuses, with the line', () => {
  test('a syntax error names the stream line and the document', () => {
    const e = refusal('a: 1\n---\nb: 2\nc: [1,\n');
    expect(e.documentIndex).toBe(1);
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/^line 5, column 1 \(document 1\): did not find expected node content/);
  });

  test('text after `---` on its line', () => {
    expect(refusal('a: 1\n--- {b: 2}\n').message).toMatch(/line 2, column 4 \(document 1\): invalid document separator/);
  });

  test('an alias bomb fails on go-yaml\'s bound instead of expanding', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    expect(refusal(levels.join('\n')).message).toMatch(/excessive aliasing/);
  });

  test('an alias inside its own anchor', () => {
    expect(refusal('a: &a [*a]\n').message).toMatch(/anchor 'a' value contains itself/);
  });

  test('NaN and infinities have no JSON form, unless overwritten', () => {
    expect(refusal('a: .inf\n').message).toMatch(/unsupported value: \+Inf/);
    expect(only('a: .nan\na: 1\n')).toEqual({ a: 1 });
  });

  test('null keys and collection keys', () => {
    expect(refusal('~: a\n').message).toMatch(/null has no JSON form/);
    expect(refusal('[a]: b\n').message).toMatch(/invalid map key/);
  });

  test('explicit tags that do not fit the text', () => {
    expect(refusal('a: !!int abc\n').message).toMatch(/cannot decode !!str `abc` as a !!int/);
    expect(only('a: !!str 010\nb: !!int "010"\n')).toEqual({ a: '010', b: 8 });
  });

  test('control characters', () => {
    const e = refusal('a: 1\nb: x\u0007y\n');
    expect([e.line, e.column]).toEqual([2, 5]);
  });

  test('two YAML keys that would be one JSON key, which kubectl keeps at random, are refused (not kubectl\'s behaviour)', () => {
    expect(refusal('1: a\n"1": b\n').message).toMatch(/two different keys are both "1" in JSON/);
    expect(refusal('.inf: a\n1e300: b\n').message).toMatch(/both ".inf"/);
    // The same YAML key twice is a duplicate, not a collision: `yes` and `true` are both the boolean true.
    expect(only('yes: a\ntrue: b\n')).toEqual({ true: 'b' });
  });

  test(`collections nested deeper than ${MAX_NESTING} levels get a clear error, not a stack overflow`, () => {
    const deep = `a: ${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}\n`;
    expect(refusal(deep).message).toMatch(/nested more than 1000 deep/);
    const ok = `a: ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}\n`;
    expect(readYamlStream(ok)).toHaveLength(1);
    // JSON too, however deep (JSON.parse itself accepts any depth).
    expect(refusal(`{"a": ${'['.repeat(100000)}${']'.repeat(100000)}}`).message).toMatch(/nested more than 1000 deep/);
    expect(readYamlStream(`{"a": ${'['.repeat(MAX_NESTING - 1)}${']'.repeat(MAX_NESTING - 1)}}`)).toHaveLength(1);
  });
});
