import { goodObjects, lint, web } from './helpers';
import { RULE_IDS } from '../../src/rules/pack';
import { parseSuppressions, SUPPRESS_ANNOTATION } from '../../src/rules/suppressions';

function withSuppression(value: string) {
  const objects = goodObjects();
  const { deployment, container } = web(objects);
  container.image = 'nginx:latest';
  deployment.spec.replicas = 1;
  deployment.metadata.annotations = { [SUPPRESS_ANNOTATION]: value };
  return lint(objects);
}

describe('suppressions', () => {
  test('a suppression with a reason moves the finding to `suppressed`, keeping the reason', () => {
    const result = withSuppression('image-tag-pinned: vendor image, pinned by digest in the mirror');
    expect(result.findings.map(f => f.ruleId)).toEqual(['min-replicas']);
    expect(result.suppressed.map(f => [f.ruleId, f.suppression])).toEqual([['image-tag-pinned', 'vendor image, pinned by digest in the mirror']]);
    expect(result.errorCount).toBe(0);
  });

  test('several suppressions separated by newlines or by commas before a rule id', () => {
    for (const value of [
      'image-tag-pinned: test image\nmin-replicas: a singleton, by design',
      'image-tag-pinned: test image, min-replicas: a singleton, by design',
    ]) {
      const result = withSuppression(value);
      expect(result.findings).toEqual([]);
      expect(result.suppressed.map(f => [f.ruleId, f.suppression])).toEqual([
        ['image-tag-pinned', 'test image'], ['min-replicas', 'a singleton, by design'],
      ]);
    }
  });

  test('a suppression without a reason is an error and suppresses nothing', () => {
    const result = withSuppression('image-tag-pinned');
    expect(result.findings.map(f => [f.ruleId, f.severity])).toEqual([
      ['image-tag-pinned', 'error'], ['min-replicas', 'warning'], ['valid-suppression', 'error'],
    ]);
    expect(result.findings[2].message).toBe(
      'Deployment demo/web: suppression "image-tag-pinned" gives no reason (write "image-tag-pinned: <why this is acceptable>")');
    expect(withSuppression('image-tag-pinned:   ').findings.map(f => f.ruleId)).toContain('valid-suppression');
  });

  test('an unknown rule id is an error', () => {
    const result = withSuppression('image-tag: typo');
    expect(result.findings.find(f => f.ruleId === 'valid-suppression')?.message).toBe(
      'Deployment demo/web: suppression "image-tag: typo" names no known rule ("image-tag")');
  });

  test('valid-suppression itself cannot be suppressed', () => {
    const parsed = parseSuppressions('valid-suppression: nope', RULE_IDS, ['valid-suppression']);
    expect(parsed.reasons.size).toBe(0);
    expect(parsed.problems).toEqual(['"valid-suppression: nope": valid-suppression cannot be suppressed']);
  });

  test('a suppression only applies to the object that carries it', () => {
    const objects = goodObjects();
    web(objects).container.image = 'nginx:latest';
    objects.find(o => o.kind === 'Service')!.metadata.annotations = { [SUPPRESS_ANNOTATION]: 'image-tag-pinned: wrong object' };
    expect(lint(objects).findings.map(f => f.ruleId)).toEqual(['image-tag-pinned']);
  });
});
