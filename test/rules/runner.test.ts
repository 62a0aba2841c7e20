import * as path from 'path';
import { FIXTURES, findingsOf, goodObjects, lint, web } from './helpers';
import { loadManifestFiles } from '../../src/kube/manifests';
import { Obj } from '../../src/kube/objects';
import { RULES } from '../../src/rules/pack';
import { RulePack } from '../../src/rules/rule-pack';
import { Severity } from '../../src/rules/severity';

describe('the pack', () => {
  test('every rule has a unique kebab-case id, a title, a fix and what it stands for', () => {
    const ids = RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.fix.length).toBeGreaterThan(10);
      expect(r.standsFor.length).toBeGreaterThan(1);
    }
    expect(RulePack.allRules().map(r => r.id)).toEqual(ids);
  });

  test('R1 to R9 are each covered by at least one rule', () => {
    for (let n = 1; n <= 9; n++) {
      expect(RULES.some(r => new RegExp(`\\bR${n}\\b`).test(r.standsFor))).toBe(true);
    }
  });

  test('each Gatekeeper safeguard has a rule with its enforcement (deny: error, warn: warning)', () => {
    const expected: Array<[string, Severity]> = [
      ['Gatekeeper require NetworkPolicy (warn)', Severity.WARNING],
      ['Gatekeeper resource requests (deny)', Severity.ERROR],
      ['Gatekeeper disallowed tags (deny)', Severity.ERROR],
      ['Gatekeeper allowed registries (warn)', Severity.WARNING],
      ['Gatekeeper reject LoadBalancer Services (deny)', Severity.ERROR],
      ['Gatekeeper minimum replicas (warn)', Severity.WARNING],
      ['Gatekeeper PodDisruptionBudget (deny)', Severity.ERROR],
      ['Gatekeeper Pod Security (deny)', Severity.ERROR],
    ];
    for (const [safeguard, severity] of expected) {
      const rule = RULES.find(r => r.standsFor.includes(safeguard));
      expect({ safeguard, severity: rule?.severity }).toEqual({ safeguard, severity });
    }
  });
});

describe('inputs', () => {
  /** Freezes a JSON value and everything in it. */
  function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(deepFreeze);
      Object.freeze(value);
    }
    return value;
  }

  test('the pack reads its objects without changing them (the synth outputs the very objects its guardrails checked)', () => {
    const load = () => loadManifestFiles(['good', 'oauth2-proxy', 'welkin-user-demo'].map(d => path.join(FIXTURES, d)))
      .map(m => structuredClone(m.object) as Obj);
    const expected = lint(load());
    expect(expected.findings.length).toBeGreaterThan(0);
    const frozen = load().map(deepFreeze);
    expect(lint(frozen)).toEqual(expected); // a write to a frozen object throws in strict-mode modules
  });
});

describe('configuration', () => {
  test('severity overrides change the effective severity and the counts', () => {
    const objects = goodObjects();
    web(objects).deployment.spec.replicas = 1;
    expect(lint(objects).errorCount).toBe(0);
    const result = lint(objects, { severityOverrides: { 'min-replicas': Severity.ERROR } });
    expect(result.findings.map(f => [f.ruleId, f.severity])).toEqual([['min-replicas', 'error']]);
    expect(result.errorCount).toBe(1);
    expect(result.warningCount).toBe(0);
  });

  test('disabled rules do not run', () => {
    const objects = goodObjects();
    web(objects).container.image = 'nginx';
    expect(findingsOf(objects, 'image-tag-pinned', { disabledRules: ['image-tag-pinned'] })).toEqual([]);
  });

  test('unknown rule ids and bad values are rejected with the valid choices', () => {
    expect(() => new RulePack({ disabledRules: ['no-such-rule'] })).toThrow(/unknown rule id\(s\) in the rule pack configuration: no-such-rule; valid ids: default-deny, /);
    expect(() => lint([], { severityOverrides: { probes: 'fatal' as Severity } })).toThrow('severity override for probes is "fatal"; valid: error, warning, info');
    expect(() => lint([], { minimumUserId: -1 })).toThrow('minimumUserId is -1');
  });
});

describe('ordering and locations', () => {
  test('findings are ordered by object, then rule order, and carry file and document', () => {
    const objects = goodObjects();
    web(objects).container.image = 'nginx';
    web(objects).deployment.spec.replicas = 1;
    objects.find(o => o.kind === 'Service')!.spec.type = 'NodePort';
    const result = lint(objects);
    expect(result.findings.map(f => [f.documentIndex, f.ruleId])).toEqual([[6, 'image-tag-pinned'], [6, 'min-replicas'], [8, 'service-type']]);
    expect(result.findings[0].source).toBe('test.yaml');
  });

  test('lintText expands List objects and keeps the document index', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a, namespace: demo}\n  spec: {type: NodePort}\n';
    const result = new RulePack().lintText(text, 'list.yaml');
    expect(result.findings.map(f => [f.ruleId, f.object.name, f.source, f.documentIndex])).toEqual([['service-type', 'a', 'list.yaml', 0]]);
  });
});
