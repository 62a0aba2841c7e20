/**
 * Documents for one object (same API group, kind, namespace and name): applied in order, as
 * `kubectl apply -f` does or as an update of the object would, the later one replaces the earlier,
 * so only the last is analysed and a warning names the object. Regression tests for a bug found by
 * the upstream-corpus helper (test/upstream case same-name-policy-last-wins): the engine applied
 * both versions of an updated policy and reported their union, with no warning.
 */
import { analyze, conn, deployment, namespace, Obj, pod, policy } from './fixtures';
import { NetworkAnalysis } from '../../src/analysis';

const base = () => [namespace('x'), pod('x', 'a', { pod: 'a' }), pod('x', 'b', { pod: 'b' }), pod('x', 'c', { pod: 'c' })];
const aMaySendTo = (target: string): Obj => policy('x', 'egress-of-a', {
  podSelector: { matchLabels: { pod: 'a' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ podSelector: { matchLabels: { pod: target } } }] }],
});

describe('several documents for one object', () => {
  test('a later NetworkPolicy with the same namespace and name replaces the earlier one, with a warning', () => {
    const a = analyze([...base(), aMaySendTo('b'), aMaySendTo('c')]);
    expect(conn(a, 'x/a[Pod]', 'x/c[Pod]')).toBe('All Connections');
    expect(conn(a, 'x/a[Pod]', 'x/b[Pod]')).toBeUndefined();
    expect(a.warnings).toEqual([
      'NetworkPolicy x/egress-of-a appears 2 times in the input; the last one is analysed, as applying the documents in order would leave it',
    ]);
    expect(a.explain('x/a[Pod]', 'x/b[Pod]', 80).egress.policies).toEqual(['x/egress-of-a']);
  });

  test('the order of the documents decides, also in multi-document YAML', () => {
    const yaml = (first: string, second: string) => [...base(), aMaySendTo(first), aMaySendTo(second)]
      .map(o => JSON.stringify(o)).join('\n---\n');
    expect(NetworkAnalysis.fromYaml(yaml('b', 'c')).isAllowed('x/a[Pod]', 'x/b[Pod]')).toBe(false);
    expect(NetworkAnalysis.fromYaml(yaml('c', 'b')).isAllowed('x/a[Pod]', 'x/b[Pod]')).toBe(true);
  });

  test('same name in another namespace, or another kind or API group, is another object', () => {
    const calico = { ...aMaySendTo('c'), apiVersion: 'crd.projectcalico.org/v1' };
    const other = policy('y', 'egress-of-a', { podSelector: {} });
    const a = analyze([...base(), namespace('y'), pod('y', 'a', { pod: 'a' }), aMaySendTo('b'), calico, other,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'x', name: 'egress-of-a' } }]);
    // Only the Calico policy is warned about (it is not evaluated), not as a repeated object.
    expect(a.warnings).toEqual([expect.stringMatching(/^NetworkPolicy x\/egress-of-a \(crd.projectcalico.org\/v1\): a Calico-specific policy/)]);
    expect(conn(a, 'x/a[Pod]', 'x/b[Pod]')).toBe('All Connections'); // the Calico object is not a Kubernetes NetworkPolicy
    expect(conn(a, 'x/a[Pod]', 'x/c[Pod]')).toBeUndefined();
    expect(conn(a, 'x/b[Pod]', 'y/a[Pod]')).toBeUndefined(); // y's own policy applies
  });

  test('an absent namespace is default, and an absent apiVersion is the kind\'s usual group', () => {
    const inDefault = (p: Obj) => ({ ...p, metadata: { ...p.metadata, namespace: undefined } });
    const a = analyze([
      pod(undefined, 'a', { pod: 'a' }), pod('default', 'b', { pod: 'b' }),
      { ...policy('default', 'deny', { podSelector: {} }), apiVersion: undefined },
      inDefault(policy('default', 'deny', { podSelector: { matchLabels: { pod: 'none' } } })),
    ]);
    expect(a.warnings).toEqual([
      'NetworkPolicy default/deny appears 2 times in the input; the last one is analysed, as applying the documents in order would leave it',
    ]);
    expect(conn(a, 'default/a[Pod]', 'default/b[Pod]')).toBe('All Connections');
  });

  test('applies to every kind: Pods, workloads and Namespaces take their last version', () => {
    const a = analyze([
      namespace('x', { team: 'old' }), namespace('y'), namespace('x', { team: 'new' }),
      pod('x', 'a', { pod: 'old' }), pod('x', 'a', { pod: 'a' }),
      deployment('y', 'web', { app: 'old' }), deployment('y', 'web', { app: 'web' }),
      policy('y', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'new' } }, podSelector: { matchLabels: { pod: 'a' } } }] }],
      }),
    ]);
    expect(a.workloads.map(String)).toEqual(['x/a[Pod]', 'y/web[Deployment]']);
    expect(conn(a, 'x/a[Pod]', 'y/web[Deployment]')).toBe('All Connections');
    expect(a.warnings).toHaveLength(3);
    expect(a.warnings).toContain('Namespace x appears 2 times in the input; the last one is analysed, as applying the documents in order would leave it');
    expect(a.warnings).toContain('Pod x/a appears 2 times in the input; the last one is analysed, as applying the documents in order would leave it');
    expect(a.warnings).toContain('Deployment y/web appears 2 times in the input; the last one is analysed, as applying the documents in order would leave it');
  });

  test('objects the engine ignores are counted once per object; objects without a name are never merged', () => {
    const cm = (name: object) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'x', ...name } });
    const a = analyze([cm({ name: 'c' }), cm({ name: 'c' }), cm({ generateName: 'g-' }), cm({ generateName: 'g-' })]);
    expect(a.ignoredKinds).toEqual([{ kind: 'ConfigMap', count: 3 }]);
    expect(a.warnings).toEqual(['ConfigMap x/c appears 2 times in the input; the last one is analysed, as applying the documents in order would leave it']);
  });
});
