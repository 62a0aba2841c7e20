// Property tests: checks whose input varies are exact over random inputs.
import * as fc from 'fast-check';
import { find, findingsOf, goodObjects, lint, web } from './helpers';
import { namespaceOf } from '../../src/kube/objects';
import { KubeIndex, selectorMatches } from '../../src/rules/object-index';
import { RULE_IDS } from '../../src/rules/pack';
import { FORBIDDEN_ANNOTATION_CHARACTERS } from '../../src/rules/rules/safe-annotation-values';
import { parseSuppressions } from '../../src/rules/suppressions';

// Mostly ordinary characters, with the forbidden ones (and other punctuation) mixed in.
const annotationValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.fullUnicodeString({ maxLength: 20 }),
  fc.stringOf(fc.constantFrom('a', 'Z', '0', '/', ':', '.', ',', ' ', '$', '?', '=', '-', '#', '\t', ...FORBIDDEN_ANNOTATION_CHARACTERS), { maxLength: 30 }),
);

describe('safe-annotation-values', () => {
  test('a value on an Ingress is flagged iff it contains a newline, ;, {, } or a quote', () => {
    fc.assert(fc.property(annotationValue, fc.constantFrom('nginx.ingress.kubernetes.io/auth-url', 'example.com/anything'), (value, key) => {
      const objects = goodObjects();
      find(objects, 'Ingress', 'web').metadata.annotations[key] = value;
      const flagged = findingsOf(objects, 'safe-annotation-values').length > 0;
      expect(flagged).toBe(FORBIDDEN_ANNOTATION_CHARACTERS.some(c => value.includes(c)));
    }), { numRuns: 300 });
  });

  test('on other kinds only the controller- and cert-manager-interpreted keys are checked', () => {
    fc.assert(fc.property(annotationValue, value => {
      const objects = goodObjects();
      find(objects, 'Service', 'web').metadata.annotations = { 'nginx.ingress.kubernetes.io/x': value, 'example.com/free-form': value };
      expect(findingsOf(objects, 'safe-annotation-values').length).toBe(FORBIDDEN_ANNOTATION_CHARACTERS.some(c => value.includes(c)) ? 1 : 0);
    }), { numRuns: 200 });
  });
});

describe('suppressions', () => {
  const reason = fc.string({ minLength: 1, maxLength: 40 })
    .filter(r => !/[\r\n]/.test(r) && r.trim() !== '' && !RULE_IDS.some(id => new RegExp(`,\\s*${id}\\s*(:|,|$)`).test(r)));

  test('"<rule-id>: <reason>" suppresses exactly that rule with the trimmed reason', () => {
    fc.assert(fc.property(fc.constantFrom(...RULE_IDS.filter(id => id !== 'valid-suppression')), reason, (id, why) => {
      const parsed = parseSuppressions(`${id}: ${why}`, RULE_IDS, ['valid-suppression']);
      expect(parsed.problems).toEqual([]);
      expect([...parsed.reasons]).toEqual([[id, why.trim()]]);
    }), { numRuns: 300 });
  });

  test('a rule id alone, with or without a colon, never suppresses', () => {
    fc.assert(fc.property(fc.constantFrom(...RULE_IDS), fc.constantFrom('', ':', ': ', ':\t'), (id, tail) => {
      const parsed = parseSuppressions(`${id}${tail}`, RULE_IDS, ['valid-suppression']);
      expect(parsed.reasons.size).toBe(0);
      expect(parsed.problems).toHaveLength(1);
    }));
  });
});

describe('image-tag-pinned', () => {
  const tag = fc.stringOf(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-'), { minLength: 1, maxLength: 30 })
    .filter(t => /^[A-Za-z0-9_]/.test(t));
  const registry = fc.constantFrom('', 'quay.io/', 'registry.example.com:5000/', 'localhost:5000/team/');

  test('an image is flagged iff it has neither a digest nor a tag other than latest', () => {
    fc.assert(fc.property(registry, fc.option(tag), fc.boolean(), (reg, t, digest) => {
      const objects = goodObjects();
      const image = `${reg}app${t === null ? '' : `:${t}`}${digest ? '@sha256:' + 'a'.repeat(64) : ''}`;
      web(objects).container.image = image;
      const flagged = findingsOf(objects, 'image-tag-pinned').length > 0;
      expect(flagged).toBe(!digest && (t === null || t === 'latest'));
    }), { numRuns: 300 });
  });
});

describe('run-as-non-root', () => {
  test('a UID is flagged iff it is below the minimum', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 0, max: 70000 }), (uid, min) => {
      const objects = goodObjects();
      web(objects).pod.securityContext.runAsUser = uid;
      web(objects).pod.securityContext.runAsGroup = min;
      expect(findingsOf(objects, 'run-as-non-root', { minimumUserId: min }).length > 0).toBe(uid < min);
    }), { numRuns: 200 });
  });
});

describe('selectors', () => {
  const labelKey = fc.constantFrom('app.kubernetes.io/name', 'app.kubernetes.io/instance', 'tier', 'team');
  test('a Service selector dangles iff it asks for a label the pods do not have', () => {
    fc.assert(fc.property(fc.dictionary(labelKey, fc.constantFrom('web', 'api'), { minKeys: 1 }), selector => {
      const objects = goodObjects();
      find(objects, 'Service', 'web').spec.selector = selector;
      const podLabels = web(objects).deployment.spec.template.metadata.labels;
      const matches = Object.entries(selector).every(([k, v]) => podLabels[k] === v);
      expect(findingsOf(objects, 'dangling-references').length).toBe(matches ? 0 : 1);
    }));
  });
});

describe('determinism', () => {
  test('the findings do not depend on the order of the objects', () => {
    const objects = goodObjects();
    web(objects).container.image = 'nginx';
    find(objects, 'NetworkPolicy', 'web').spec.ingress[0].from = [];
    delete find(objects, 'Service', 'web').metadata.namespace;
    const key = (xs: ReturnType<typeof lint>) => xs.findings.map(f => `${f.ruleId} ${f.message}`).sort();
    const expected = key(lint(objects));
    expect(expected.length).toBeGreaterThan(2);
    fc.assert(fc.property(fc.shuffledSubarray(objects, { minLength: objects.length }), shuffled => {
      expect(key(lint(shuffled))).toEqual(expected);
    }), { numRuns: 50 });
  });
});

describe('KubeIndex', () => {
  const labelKey = fc.constantFrom('a', 'b', 'c');
  const labelValue = fc.constantFrom('1', '2');
  const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
  const expression = fc.record({
    key: labelKey,
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: fc.array(labelValue, { minLength: 1, maxLength: 2 }),
  });
  const selector = fc.record({ matchLabels: labels, matchExpressions: fc.array(expression, { maxLength: 2 }) }, { requiredKeys: [] });
  const namespace = fc.constantFrom('x', 'y');

  test('the indexed lookups return exactly what a full scan with selectorMatches returns', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(namespace, labels), { maxLength: 6 }),
      fc.array(fc.tuple(namespace, selector), { maxLength: 6 }),
      (pods, selectors) => {
        const podObjs = pods.map(([ns, l], i) => ({ kind: 'Pod', metadata: { name: `p${i}`, namespace: ns, labels: l }, spec: {} }));
        const policies = selectors.map(([ns, sel], i) => ({ kind: 'NetworkPolicy', metadata: { name: `n${i}`, namespace: ns }, spec: { podSelector: sel } }));
        const budgets = selectors.map(([ns, sel], i) => ({ kind: 'PodDisruptionBudget', metadata: { name: `b${i}`, namespace: ns }, spec: { selector: sel } }));
        const index = new KubeIndex([...policies, ...podObjs, ...budgets]);
        const scan = (objs: any[], sel: (o: any) => unknown, t: { namespace: string; labels: Record<string, string> }) =>
          objs.filter(o => namespaceOf(o) === t.namespace && selectorMatches(sel(o), t.labels));
        for (const t of index.podTemplates) {
          expect(index.policiesSelecting(t)).toEqual(scan(policies, p => p.spec.podSelector, t));
          expect(index.budgetsSelecting(t)).toEqual(scan(budgets, p => p.spec.selector, t));
        }
        for (const [ns, sel] of selectors) {
          expect(index.templatesSelectedBy(ns, sel)).toEqual(index.podTemplates.filter(t => t.namespace === ns && selectorMatches(sel, t.labels)));
        }
      },
    ), { numRuns: 300 });
  });

  test('selectorMatches follows the label selector semantics', () => {
    fc.assert(fc.property(labels, selector, (l, sel) => {
      const byLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => l[k] === v);
      const byExpressions = (sel.matchExpressions ?? []).every(e => {
        const has = e.key in l;
        switch (e.operator) {
          case 'In': return has && e.values.includes(l[e.key]);
          case 'NotIn': return !has || !e.values.includes(l[e.key]);
          case 'Exists': return has;
          default: return !has;
        }
      });
      expect(selectorMatches(sel, l)).toBe(byLabels && byExpressions);
    }), { numRuns: 300 });
  });
});
