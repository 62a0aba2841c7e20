// The rule pack matches selectors with the engine's LabelSelector; these pin the defensive edges.
import { LabelSelector } from '../../src/kube/selectors';
import { selectorMatches } from '../../src/rules/object-index';

const labels = { app: 'web', tier: 'front' };

describe('selectorMatches (rules) on selectors as found on disk', () => {
  test('an absent selector matches nothing, an empty one everything', () => {
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(selectorMatches(null, labels)).toBe(false);
    expect(selectorMatches({}, labels)).toBe(true);
  });

  test('In or NotIn without values matches nothing: the API server rejects such a selector, so the object does not exist', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: [] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, labels)).toBe(false);
    // the same verdict as the reachability engine
    expect(LabelSelector.parse({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: [] }] }).matches(labels)).toBe(false);
  });

  test('unknown or non-string operators match nothing', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: ['In'], values: ['web'] }] }, labels)).toBe(false);
  });

  test('matchLabels entries without a value and expressions that are not mappings are skipped', () => {
    expect(selectorMatches({ matchLabels: { app: 'web', zone: null } }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: ['junk', 7, { key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { replicas: 3 } }, { replicas: '3' })).toBe(true);
  });
});
