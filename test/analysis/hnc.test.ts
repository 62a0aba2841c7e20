// HNC: a parent namespace's NetworkPolicies apply to its descendants (HNC copies them), when the
// input shows the hierarchy: SubnamespaceAnchors, HierarchyConfigurations, or HNC's namespace metadata.
import { analyze, conn, deployment, namespace, policy } from './fixtures';

const WEB = 'team-web/web[Deployment]';
const API = 'team-api/api[Deployment]';
const OUTSIDER = 'other/client[Deployment]';

const anchor = (parent: string, child: string, annotations?: Record<string, string>) => ({
  apiVersion: 'hnc.x-k8s.io/v1alpha2', kind: 'SubnamespaceAnchor', metadata: { name: child, namespace: parent, annotations },
});
const denyAll = (ns: string, annotations?: Record<string, string>) => ({
  ...policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  ...(annotations ? { metadata: { name: 'default-deny', namespace: ns, annotations } } : {}),
});

/** team (parent, holds a default-deny) > team-web > team-api; other stands apart. */
function workloads() {
  return [
    deployment('team-web', 'web', { app: 'web' }, [{ containerPort: 8080 }]),
    deployment('team-api', 'api', { app: 'api' }, [{ containerPort: 3000 }]),
    deployment('other', 'client', { app: 'client' }),
  ];
}

describe('HNC: policies propagate from a parent namespace to its descendants', () => {
  test('without the hierarchy in the input, the parent\'s default-deny isolates only the parent', () => {
    const a = analyze([...workloads(), denyAll('team')]);
    expect(conn(a, OUTSIDER, WEB)).toBe('All Connections');
    expect(conn(a, OUTSIDER, API)).toBe('All Connections');
  });

  test('with SubnamespaceAnchors, the parent\'s default-deny isolates children and grandchildren', () => {
    const a = analyze([...workloads(), denyAll('team'), anchor('team', 'team-web'), anchor('team-web', 'team-api')]);
    expect(conn(a, OUTSIDER, WEB)).toBeUndefined();
    expect(conn(a, OUTSIDER, API)).toBeUndefined();
    expect(conn(a, WEB, OUTSIDER)).toBeUndefined();
    expect(a.explain(OUTSIDER, WEB, 8080).text).toContain('isolated by team-web/default-deny');
    expect(a.ignoredKinds).toEqual([]);
  });

  test('a propagated allow rule admits by pod selector in each descendant\'s own namespace', () => {
    const allowApi = policy('team', 'allow-web-to-api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'team.tree.hnc.x-k8s.io/depth': '1' } } }], ports: [{ port: 3000 }] }],
    });
    const a = analyze([...workloads(), denyAll('team'), allowApi, anchor('team', 'team-web'), anchor('team', 'team-api'),
      { ...denyAll('team-web'), metadata: { name: 'web-egress-open', namespace: 'team-web' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{}] } }]);
    // The namespace selector on HNC's tree label matches every child of `team`.
    expect(conn(a, WEB, API)).toBe('TCP 3000');
    expect(conn(a, OUTSIDER, API)).toBeUndefined();
  });

  test('HierarchyConfiguration, the tree depth labels and the subnamespace-of annotation also describe the hierarchy', () => {
    const viaConfig = analyze([...workloads(), denyAll('team'),
      { apiVersion: 'hnc.x-k8s.io/v1alpha2', kind: 'HierarchyConfiguration', metadata: { name: 'hierarchy', namespace: 'team-web' }, spec: { parent: 'team' } }]);
    expect(conn(viaConfig, OUTSIDER, WEB)).toBeUndefined();
    expect(conn(viaConfig, OUTSIDER, API)).toBe('All Connections');
    const viaLabels = analyze([...workloads(), denyAll('team'),
      namespace('team-api', { 'team-api.tree.hnc.x-k8s.io/depth': '0', 'team.tree.hnc.x-k8s.io/depth': '1' })]);
    expect(conn(viaLabels, OUTSIDER, API)).toBeUndefined();
    expect(conn(viaLabels, OUTSIDER, WEB)).toBe('All Connections');
    const viaAnnotation = analyze([...workloads(), denyAll('team'),
      { ...namespace('team-web'), metadata: { name: 'team-web', annotations: { 'hnc.x-k8s.io/subnamespace-of': 'team' } } }]);
    expect(conn(viaAnnotation, OUTSIDER, WEB)).toBeUndefined();
  });

  test('a policy annotated propagate.hnc.x-k8s.io/none stays in its namespace', () => {
    const a = analyze([...workloads(), denyAll('team', { 'propagate.hnc.x-k8s.io/none': 'true' }), anchor('team', 'team-web')]);
    expect(conn(a, OUTSIDER, WEB)).toBe('All Connections');
  });

  test('treeSelect: a copy lands only in the selected subtrees; an excluded namespace skips it and its descendants still get it when selected', () => {
    // team > team-web > team-api. `!team-web` excludes team-web and its subtree (team-api carries team-web's tree label).
    const excluded = analyze([...workloads(), denyAll('team', { 'propagate.hnc.x-k8s.io/treeSelect': '!team-web' }),
      anchor('team', 'team-web'), anchor('team-web', 'team-api')]);
    expect(conn(excluded, OUTSIDER, WEB)).toBe('All Connections');
    expect(conn(excluded, OUTSIDER, API)).toBe('All Connections');
    // `team-api` selects only the grandchild: team-web skips the copy, its child still gets it.
    const only = analyze([...workloads(), denyAll('team', { 'propagate.hnc.x-k8s.io/treeSelect': 'team-api' }),
      anchor('team', 'team-web'), anchor('team-web', 'team-api')]);
    expect(conn(only, OUTSIDER, WEB)).toBe('All Connections');
    expect(conn(only, OUTSIDER, API)).toBeUndefined();
  });

  test('select: a label selector (as text) on the descendants\' labels', () => {
    const objects = (select: string) => [...workloads(), denyAll('team', { 'propagate.hnc.x-k8s.io/select': select }),
      anchor('team', 'team-web'), anchor('team', 'team-api'), namespace('team-api', { tier: 'backend' }), namespace('team-web', { tier: 'frontend' })];
    const backend = analyze(objects('tier=backend'));
    expect(conn(backend, OUTSIDER, API)).toBeUndefined();
    expect(conn(backend, OUTSIDER, WEB)).toBe('All Connections');
    const notIn = analyze(objects('tier notin (backend)'));
    expect(conn(notIn, OUTSIDER, API)).toBe('All Connections');
    expect(conn(notIn, OUTSIDER, WEB)).toBeUndefined();
  });

  test('an unreadable select or treeSelect: not propagated, with a warning', () => {
    const a = analyze([...workloads(), denyAll('team', { 'propagate.hnc.x-k8s.io/treeSelect': 'Team_Web' }), anchor('team', 'team-web')]);
    expect(conn(a, OUTSIDER, WEB)).toBe('All Connections');
    expect(a.warnings).toContain('NetworkPolicy team/default-deny: propagation selector: treeSelect entry "Team_Web" is not a namespace name or !name (HNC rejects the object); it is not propagated');
    const b = analyze([...workloads(), denyAll('team', { 'propagate.hnc.x-k8s.io/select': 'tier in backend' }), anchor('team', 'team-web')]);
    expect(b.warnings).toContainEqual(expect.stringContaining('cannot read "tier in backend" as a label requirement'));
  });

  test('the propagated copy replaces a child\'s own policy of the same name, with a warning', () => {
    const open = policy('team-web', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    const a = analyze([...workloads(), denyAll('team'), open, anchor('team', 'team-web')]);
    expect(conn(a, OUTSIDER, WEB)).toBeUndefined();
    expect(a.warnings).toContainEqual(expect.stringContaining('NetworkPolicy team-web/default-deny: HNC replaces it'));
  });

  test('a cycle in the input is warned about or left alone, never followed forever', () => {
    const a = analyze([...workloads(), denyAll('team'), anchor('team', 'team-web'), anchor('team-web', 'team'), anchor('team-web', 'team-web')]);
    expect(a.warnings).toContainEqual(expect.stringContaining('cannot be its own parent'));
    expect(a.warnings).toContainEqual('namespaces team, team-web form a cycle in the HNC hierarchy of the input, which HNC refuses; no policy propagates among them');
    expect(conn(a, OUTSIDER, WEB)).toBe('All Connections');
  });
});
