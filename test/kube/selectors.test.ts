// Kubernetes label selectors as NetworkPolicies use them.
import { LabelSelector } from '../../src/kube/selectors';

describe('LabelSelector', () => {
  test('the empty selector matches everything; absent is treated the same by the parser', () => {
    expect(LabelSelector.parse({}).isEmpty).toBe(true);
    expect(LabelSelector.parse(undefined).matches({ a: 'b' })).toBe(true);
  });

  test('label values are compared as strings', () => {
    expect(LabelSelector.parse({ matchLabels: { version: 1 } }).matches({ version: '1' })).toBe(true);
  });

  test('In without values is invalid and matches nothing', () => {
    const s = LabelSelector.parse({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] });
    expect(s.problem).toMatch(/needs values/);
    expect(s.matches({ a: 'x' })).toBe(false);
  });
});

describe('LabelSelector.parseText (kubectl -l, HNC select)', () => {
  test.each([
    ['tier=backend', { tier: 'backend' }, { tier: 'web' }],
    ['tier==backend', { tier: 'backend' }, {}],
    ['tier!=backend', { tier: 'web' }, { tier: 'backend' }],
    ['tier in (web, api)', { tier: 'api' }, { tier: 'db' }],
    ['tier notin (web,api)', {}, { tier: 'web' }],
    ['env', { env: 'x' }, {}],
    ['!env', {}, { env: 'x' }],
    ['a=1, !b , c in (x)', { a: '1', c: 'x' }, { a: '1', b: '2', c: 'x' }],
  ])('%s matches %j and not %j', (text, yes, no) => {
    const s = LabelSelector.parseText(text);
    expect(s.problem).toBeUndefined();
    expect(s.matches(yes)).toBe(true);
    expect(s.matches(no)).toBe(false);
  });

  test('empty text selects everything; unreadable text selects nothing and says why', () => {
    expect(LabelSelector.parseText('').isEmpty).toBe(true);
    for (const bad of ['tier in backend', 'a=b,,c', 'a b', 'x>1']) {
      const s = LabelSelector.parseText(bad);
      expect(s.problem).toMatch(/cannot read ".*" as a label requirement/);
      expect(s.matches({})).toBe(false);
    }
  });

  test('and: both selectors must match; an invalid one stays invalid', () => {
    const both = LabelSelector.parseText('a=1').and(LabelSelector.parseText('!b'));
    expect([both.matches({ a: '1' }), both.matches({ a: '1', b: 'x' })]).toEqual([true, false]);
    expect(LabelSelector.parseText('a=1').and(LabelSelector.invalid('no')).problem).toBe('no');
  });
});
