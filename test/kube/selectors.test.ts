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
