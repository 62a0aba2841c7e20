// How objects become peers: workload kinds, owners, lists, ignored kinds, host-network pods.
import { analyze, conn, deployment, lines, namespace, pod, policy } from './fixtures';
import { HostNetworkMode, NetworkAnalysis } from '../../src/analysis';

describe('workload kinds', () => {
  test.each(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'])('%s is read through spec.template', kind => {
    const a = analyze([
      deployment('ns', 'w', { app: 'w' }, [{ containerPort: 8080, name: 'http' }], kind),
      pod('ns', 'client', { app: 'client' }),
      policy('ns', 'p', { podSelector: { matchLabels: { app: 'w' } }, ingress: [{ ports: [{ port: 'http' }] }] }),
    ]);
    expect(conn(a, 'ns/client[Pod]', `ns/w[${kind}]`)).toBe('TCP 8080');
  });

  test('CronJob is read through spec.jobTemplate.spec.template', () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace: 'ns' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'nightly' } }, spec: { containers: [] } } } } },
    };
    const a = analyze([cron, pod('ns', 'client', { app: 'client' }),
      policy('ns', 'p', { podSelector: { matchLabels: { app: 'nightly' } }, ingress: [{ ports: [{ port: 9 }] }] })]);
    expect(conn(a, 'ns/client[Pod]', 'ns/nightly[CronJob]')).toBe('TCP 9');
  });

  test('a workload with no policy at all reaches and is reached by everything', () => {
    expect(lines(analyze([deployment('ns', 'solo', { app: 'solo' })]))).toEqual([
      '0.0.0.0-255.255.255.255 => ns/solo[Deployment] : All Connections',
      'ns/solo[Deployment] => 0.0.0.0-255.255.255.255 : All Connections',
    ]);
  });
});

describe('pods and owners', () => {
  const owner = (kind: string | undefined, name: string) => ({ apiVersion: 'apps/v1', ...(kind ? { kind } : {}), name, controller: true, uid: 'u' });

  test('pods with an owner are shown as the owner; their replicas are one peer', () => {
    const a = analyze([
      pod('ns', 'api-7d9-aaaaa', { app: 'api' }, { owner: owner('ReplicaSet', 'api-7d9') }),
      pod('ns', 'api-7d9-bbbbb', { app: 'api' }, { owner: owner('ReplicaSet', 'api-7d9') }),
      pod('ns', 'solo', { app: 'solo' }),
    ]);
    expect(a.workloads.map(String)).toEqual(['ns/api-7d9[ReplicaSet]', 'ns/solo[Pod]']);
  });

  test('a mirror pod owned by a Node is shown as itself; an owner without kind as [Pod]', () => {
    const a = analyze([
      pod('kube-system', 'etcd-node1', { component: 'etcd' }, { owner: owner('Node', 'node1') }),
      pod('ns', 'p-1', { app: 'x' }, { owner: owner(undefined, 'group') }),
    ]);
    expect(a.workloads.map(String)).toEqual(['kube-system/etcd-node1[Pod]', 'ns/group[Pod]']);
  });

  test('pods of one workload with different labels: connections are the union, with a warning', () => {
    const a = analyze([
      pod('ns', 'g-1', { app: 'g', role: 'a' }, { owner: owner('DaemonSet', 'g') }),
      pod('ns', 'g-2', { app: 'g', role: 'b' }, { owner: owner('DaemonSet', 'g') }),
      pod('ns', 'client', { app: 'client' }),
      policy('ns', 'p', { podSelector: { matchLabels: { role: 'a' } }, ingress: [{ ports: [{ port: 1 }] }] }),
      policy('ns', 'q', { podSelector: { matchLabels: { role: 'b' } }, ingress: [{ ports: [{ port: 2 }] }] }),
    ]);
    expect(conn(a, 'ns/client[Pod]', 'ns/g[DaemonSet]')).toBe('TCP 1-2');
    expect(a.warnings).toContain('ns/g[DaemonSet] has pods with different labels; its connections are the union over its pods');
  });

  test('connections between two pods of the same workload are not listed', () => {
    const a = analyze([deployment('ns', 'w', { app: 'w' })]);
    expect(a.connections.some(c => c.source === c.destination)).toBe(false);
  });
});

describe('lists and other kinds', () => {
  test('List, PodList and NamespaceList items are expanded; typed-list items without kind get the item kind', () => {
    const a = NetworkAnalysis.fromManifests([
      { apiVersion: 'v1', kind: 'NamespaceList', items: [{ metadata: { name: 'ns', labels: { env: 'prod' } } }] },
      { apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a', namespace: 'ns', labels: { app: 'a' } }, spec: {} }] },
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [pod('other', 'b', { app: 'b' }), policy('ns', 'p', {
          podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }] }],
        })],
      },
    ]);
    expect(a.workloads.map(String)).toEqual(['ns/a[Pod]', 'other/b[Pod]']);
    expect(conn(a, 'other/b[Pod]', 'ns/a[Pod]')).toBeUndefined();
  });

  test('kinds that play no part are counted, not analysed', () => {
    const a = analyze([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'c' } },
      namespace('ns'),
    ]);
    expect(a.ignoredKinds).toEqual([{ kind: 'ConfigMap', count: 2 }, { kind: 'RoleBinding', count: 1 }]);
  });
});

describe('host-network pods', () => {
  const objects = [
    pod('kube-system', 'agent', { app: 'agent' }, { hostNetwork: true, ip: '192.168.1.10' }),
    pod('shop', 'api', { app: 'api' }),
    policy('shop', 'api-in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    policy('kube-system', 'agent-in', { podSelector: {}, ingress: [{ ports: [{ port: 9100 }] }] }),
  ];

  test('by default policies apply to them as to any pod (as netpol-analyzer), with a warning', () => {
    const a = analyze(objects);
    expect(conn(a, 'kube-system/agent[Pod]', 'shop/api[Pod]')).toBe('All Connections');
    expect(conn(a, 'shop/api[Pod]', 'kube-system/agent[Pod]')).toBe('TCP 9100');
    expect(a.warnings.join('\n')).toMatch(/kube-system\/agent\[Pod\] runs on the host network/);
  });

  test('as node traffic: no policy applies to them and selectors do not match them', () => {
    const a = analyze(objects, { hostNetwork: HostNetworkMode.AS_NODE_TRAFFIC });
    expect(conn(a, 'kube-system/agent[Pod]', 'shop/api[Pod]')).toBeUndefined();
    expect(conn(a, 'shop/api[Pod]', 'kube-system/agent[Pod]')).toBe('All Connections');
    expect(a.warnings.join('\n')).toMatch(/kube-system\/agent\[Pod\] runs on the host network: NetworkPolicies do not apply to it/);
  });

  test('as node traffic: ipBlocks match their addresses', () => {
    const a = analyze([...objects, policy('shop', 'nodes', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '192.168.1.0/24' } }], ports: [{ port: 8080 }] }] })],
      { hostNetwork: HostNetworkMode.AS_NODE_TRAFFIC, ipBlocksMatchPods: false });
    expect(conn(a, 'kube-system/agent[Pod]', 'shop/api[Pod]')).toBe('TCP 8080');
  });

  test('modes parse from their names', () => {
    expect(HostNetworkMode.of('as-node-traffic')).toBe(HostNetworkMode.AS_NODE_TRAFFIC);
    expect(() => HostNetworkMode.of('x')).toThrow(/valid: as-pods, as-node-traffic/);
  });
});

describe('fromYaml', () => {
  test('reads multi-document YAML, including List objects', () => {
    const a = NetworkAnalysis.fromYaml([
      'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: ns, labels: {app: a}}',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: b, namespace: ns}',
    ].join('\n---\n'));
    expect(a.workloads.map(String)).toEqual(['ns/a[Pod]', 'ns/b[Pod]']);
  });

  test('a syntax error or an object without kind throws with the document index', () => {
    expect(() => NetworkAnalysis.fromYaml('kind: Pod\n---\nkind: [x\n')).toThrow(/\(document 1\): line 4, column 1: did not find expected/);
    expect(() => NetworkAnalysis.fromYaml('kind: Pod\n---\nmetadata: {}\n')).toThrow(/\(document 1\): line 3: object has no `kind`/);
  });
});
