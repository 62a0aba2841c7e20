// Hand cases from https://kubernetes.io/docs/concepts/services-networking/network-policies/ that
// pin down the oracle itself: the differential test is only as good as this evaluator.
import { NaiveCluster, NaiveEndpoint, podsFromWorkload, selectorMatches } from './naive-evaluator';

const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const pod = (namespace: string, name: string, labels: Record<string, string>, ip?: string, ports: object[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace, name, labels },
  spec: { containers: [{ name: 'c', image: 'x', ports }] },
  ...(ip ? { status: { podIP: ip } } : {}),
});
const netpol = (namespace: string, name: string, spec: object) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec,
});

function endpoints(cluster: NaiveCluster): Record<string, NaiveEndpoint> {
  const out: Record<string, NaiveEndpoint> = {};
  for (const p of cluster.pods) {
    out[p.name] = { pod: p };
  }
  return out;
}

describe('naive evaluator (the oracle)', () => {
  test('without policies every pod is non-isolated: everything is allowed', () => {
    const c = new NaiveCluster([pod('a', 'x', {}), pod('b', 'y', {})]);
    const e = endpoints(c);
    expect(c.isAllowed(e.x, e.y, 'TCP', 80)).toBe(true);
    expect(c.isAllowed(e.y, e.x, 'UDP', 53)).toBe(true);
    expect(c.isAllowed({ ip: '8.8.8.8' }, e.x, 'SCTP', 1)).toBe(true);
  });

  test('default deny ingress isolates every pod of the namespace for ingress only', () => {
    const c = new NaiveCluster([
      pod('a', 'x', {}), pod('b', 'y', {}),
      netpol('a', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.y, e.x, 'TCP', 80)).toBe(false);
    expect(c.isAllowed(e.x, e.y, 'TCP', 80)).toBe(true);
  });

  test('the documentation\'s test-network-policy example', () => {
    const c = new NaiveCluster([
      ns('default'), ns('myproject', { project: 'myproject' }), ns('other'),
      pod('default', 'db', { role: 'db' }, '10.1.0.1'),
      pod('default', 'frontend', { role: 'frontend' }, '10.1.0.2'),
      pod('default', 'backend', { role: 'backend' }, '10.1.0.3'),
      pod('myproject', 'anything', { app: 'x' }, '10.1.0.4'),
      pod('other', 'frontend2', { role: 'frontend' }, '10.1.0.5'),
      pod('other', 'in-block', { app: 'y' }, '172.17.0.9'),
      pod('other', 'in-except', { app: 'y' }, '172.17.1.9'),
      netpol('default', 'test-network-policy', {
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          from: [
            { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
            { namespaceSelector: { matchLabels: { project: 'myproject' } } },
            { podSelector: { matchLabels: { role: 'frontend' } } },
          ],
          ports: [{ protocol: 'TCP', port: 6379 }],
        }],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
      }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.frontend, e.db, 'TCP', 6379)).toBe(true);
    expect(c.isAllowed(e.frontend, e.db, 'TCP', 6380)).toBe(false);
    expect(c.isAllowed(e.frontend, e.db, 'UDP', 6379)).toBe(false);
    expect(c.isAllowed(e.backend, e.db, 'TCP', 6379)).toBe(false);
    expect(c.isAllowed(e.anything, e.db, 'TCP', 6379)).toBe(true);
    // podSelector alone selects in the policy's namespace only.
    expect(c.isAllowed(e.frontend2, e.db, 'TCP', 6379)).toBe(false);
    // ipBlock matches pods by their known IP, except carves holes.
    expect(c.isAllowed(e['in-block'], e.db, 'TCP', 6379)).toBe(true);
    expect(c.isAllowed(e['in-except'], e.db, 'TCP', 6379)).toBe(false);
    expect(c.isAllowed({ ip: '172.17.200.1' }, e.db, 'TCP', 6379)).toBe(true);
    // Egress from db: only 10.0.0.0/24 on TCP 5978.
    expect(c.isAllowed(e.db, { ip: '10.0.0.7' }, 'TCP', 5978)).toBe(true);
    expect(c.isAllowed(e.db, { ip: '10.0.1.7' }, 'TCP', 5978)).toBe(false);
    expect(c.isAllowed(e.db, e.frontend, 'TCP', 5978)).toBe(false);
  });

  test('namespaceSelector AND podSelector in one peer, versus OR in two peers', () => {
    const objects = (peers: object[]) => [
      ns('a'), ns('client', { user: 'alice' }),
      pod('a', 'target', { app: 't' }),
      pod('client', 'c1', { role: 'client' }),
      pod('client', 'other', { role: 'other' }),
      pod('a', 'c2', { role: 'client' }),
      netpol('a', 'p', { podSelector: { matchLabels: { app: 't' } }, ingress: [{ from: peers }] }),
    ];
    const and = new NaiveCluster(objects([{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }]));
    const ea = endpoints(and);
    expect(and.isAllowed(ea.c1, ea.target, 'TCP', 1)).toBe(true);
    expect(and.isAllowed(ea.other, ea.target, 'TCP', 1)).toBe(false);
    expect(and.isAllowed(ea.c2, ea.target, 'TCP', 1)).toBe(false);
    const or = new NaiveCluster(objects([{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }]));
    const eo = endpoints(or);
    expect(or.isAllowed(eo.c1, eo.target, 'TCP', 1)).toBe(true);
    expect(or.isAllowed(eo.other, eo.target, 'TCP', 1)).toBe(true);
    expect(or.isAllowed(eo.c2, eo.target, 'TCP', 1)).toBe(true);
  });

  test('a connection needs the source\'s egress and the destination\'s ingress', () => {
    const c = new NaiveCluster([
      pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }),
      netpol('a', 'x-egress', { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'y' } } }] }] }),
      netpol('a', 'y-ingress', { podSelector: { matchLabels: { app: 'y' } }, ingress: [{ ports: [{ port: 80 }] }] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.x, e.y, 'TCP', 80)).toBe(true);
    expect(c.isAllowed(e.x, e.y, 'TCP', 81)).toBe(false); // ingress says no
    expect(c.isAllowed(e.y, e.x, 'TCP', 80)).toBe(true); // x is not isolated for ingress
    expect(c.isAllowed(e.x, { ip: '1.1.1.1' }, 'TCP', 80)).toBe(false); // egress says no
  });

  test('policyTypes default: Ingress always, Egress only when there are egress rules (empty list is none)', () => {
    const c = new NaiveCluster([
      pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }), pod('a', 'z', { app: 'z' }),
      netpol('a', 'with-rules', { podSelector: { matchLabels: { app: 'x' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
      netpol('a', 'empty-egress', { podSelector: { matchLabels: { app: 'y' } }, egress: [] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.x, e.z, 'TCP', 80)).toBe(false);
    expect(c.isAllowed(e.x, e.z, 'UDP', 53)).toBe(true);
    expect(c.isAllowed(e.z, e.x, 'TCP', 80)).toBe(false); // and x is isolated for ingress
    expect(c.isAllowed(e.y, e.z, 'TCP', 80)).toBe(true); // egress: [] does not isolate egress
    expect(c.isAllowed(e.z, e.y, 'TCP', 80)).toBe(false); // but y is isolated for ingress
  });

  test('policyTypes: [] is defaulted like an absent list (the API server checks len == 0)', () => {
    const c = new NaiveCluster([
      pod('a', 'x', { app: 'x' }), pod('a', 'y', { app: 'y' }), pod('a', 'z', { app: 'z' }),
      netpol('a', 'with-rules', { podSelector: { matchLabels: { app: 'x' } }, policyTypes: [], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
      netpol('a', 'no-rules', { podSelector: { matchLabels: { app: 'y' } }, policyTypes: [] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.x, e.z, 'TCP', 80)).toBe(false);
    expect(c.isAllowed(e.x, e.z, 'UDP', 53)).toBe(true);
    expect(c.isAllowed(e.z, e.x, 'TCP', 80)).toBe(false);
    expect(c.isAllowed(e.y, e.z, 'TCP', 80)).toBe(true); // no egress rules: egress not isolated
    expect(c.isAllowed(e.z, e.y, 'TCP', 80)).toBe(false);
  });

  test('empty versus absent: `from` absent or empty allows every source; a rule list that is empty allows none', () => {
    const c = new NaiveCluster([
      pod('a', 't1', { app: 't1' }), pod('a', 't2', { app: 't2' }), pod('a', 't3', { app: 't3' }), pod('b', 's', {}),
      netpol('a', 'from-absent', { podSelector: { matchLabels: { app: 't1' } }, ingress: [{}] }),
      netpol('a', 'from-empty', { podSelector: { matchLabels: { app: 't2' } }, ingress: [{ from: [], ports: [] }] }),
      netpol('a', 'no-rules', { podSelector: { matchLabels: { app: 't3' } }, ingress: [] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.s, e.t1, 'UDP', 9)).toBe(true);
    expect(c.isAllowed({ ip: '9.9.9.9' }, e.t2, 'SCTP', 9)).toBe(true);
    expect(c.isAllowed(e.s, e.t3, 'TCP', 80)).toBe(false);
  });

  test('named ports resolve on the destination pod, with its protocol; endPort makes a range; TCP by default', () => {
    const c = new NaiveCluster([
      pod('a', 'web', { app: 'web' }, undefined, [{ name: 'http', containerPort: 8080 }, { name: 'dns', containerPort: 53, protocol: 'UDP' }]),
      pod('a', 'web2', { app: 'web' }, undefined, [{ name: 'http', containerPort: 9090 }]),
      pod('a', 'client', { app: 'client' }),
      netpol('a', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ ports: [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }, { port: 'dns' }, { port: 30000, endPort: 30010 }] }],
      }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.client, e.web, 'TCP', 8080)).toBe(true);
    expect(c.isAllowed(e.client, e.web, 'TCP', 9090)).toBe(false);
    expect(c.isAllowed(e.client, e.web2, 'TCP', 9090)).toBe(true);
    expect(c.isAllowed(e.client, e.web2, 'TCP', 8080)).toBe(false);
    expect(c.isAllowed(e.client, e.web, 'UDP', 53)).toBe(true);
    expect(c.isAllowed(e.client, e.web, 'TCP', 53)).toBe(false); // `dns` is a UDP port
    expect(c.isAllowed(e.client, e.web, 'TCP', 30000)).toBe(true);
    expect(c.isAllowed(e.client, e.web, 'TCP', 30010)).toBe(true);
    expect(c.isAllowed(e.client, e.web, 'TCP', 30011)).toBe(false);
    expect(c.isAllowed(e.client, e.web, 'UDP', 30005)).toBe(false);
  });

  test('a named port in an egress rule resolves on the destination, so it never matches an address outside', () => {
    const c = new NaiveCluster([
      pod('a', 'web', { app: 'web' }, undefined, [{ name: 'http', containerPort: 8080 }]),
      pod('a', 'client', { app: 'client' }),
      netpol('a', 'client', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.client, e.web, 'TCP', 8080)).toBe(true);
    expect(c.isAllowed(e.client, { ip: '1.2.3.4' }, 'TCP', 8080)).toBe(false);
  });

  test('selectors: matchLabels and every matchExpressions operator, empty selector matches all', () => {
    const labels = { app: 'web', tier: 'front' };
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'mid'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });

  test('a namespace referenced but absent carries only kubernetes.io/metadata.name', () => {
    const c = new NaiveCluster([
      pod('a', 't', { app: 't' }), pod('ghost', 'g', {}),
      netpol('a', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ghost' } } }] }] }),
    ]);
    const e = endpoints(c);
    expect(c.namespaceLabels('ghost')).toEqual({ 'kubernetes.io/metadata.name': 'ghost' });
    expect(c.isAllowed(e.g, e.t, 'TCP', 1)).toBe(true);
  });

  test('ipBlock with IPv6 and dual-stack pod IPs', () => {
    const dual = { ...pod('b', 'dual', {}), status: { podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] } };
    const c = new NaiveCluster([
      pod('a', 't', { app: 't' }), dual,
      netpol('a', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/64', except: ['fd00::/120'] } }, { ipBlock: { cidr: 'fd00::100/120' } }] }] }),
    ]);
    const e = endpoints(c);
    expect(c.isAllowed(e.dual, e.t, 'TCP', 1)).toBe(false); // fd00::5 is in the except
    expect(c.isAllowed({ ip: 'fd00::1:0' }, e.t, 'TCP', 1)).toBe(true);
    expect(c.isAllowed({ ip: 'fd00::105' }, e.t, 'TCP', 1)).toBe(true);
    expect(c.isAllowed({ ip: '10.0.0.5' }, e.t, 'TCP', 1)).toBe(false);
  });

  test('host-network pods: like any pod by default; as node traffic, exempt from policies and matched only by ipBlocks', () => {
    const objects = [
      { ...pod('a', 'node-agent', { app: 'agent' }, '192.168.0.10'), spec: { hostNetwork: true, containers: [] } },
      pod('a', 't', { app: 't' }), pod('a', 'other', {}),
      netpol('a', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'agent' } } }] }] }),
      netpol('a', 'from-nodes', { podSelector: { matchLabels: { app: 't' } }, ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/24' } }] }] }),
    ];
    const asPods = new NaiveCluster(objects);
    const asNodes = new NaiveCluster(objects, { hostNetworkAsNode: true });
    const [agent, t, other] = asPods.pods.map(p => ({ pod: p }));
    expect(asPods.isAllowed(agent, other, 'TCP', 80)).toBe(false); // its own egress is denied
    expect(asPods.isAllowed(other, agent, 'TCP', 80)).toBe(false);
    expect(asNodes.isAllowed(other, agent, 'TCP', 80)).toBe(false); // other's egress is still denied
    expect(asNodes.isAllowed(agent, t, 'TCP', 80)).toBe(true); // by the ipBlock, its egress unrestricted
    expect(asNodes.isAllowed(agent, other, 'TCP', 80)).toBe(false); // the podSelector no longer matches it
    expect(asPods.isAllowed(agent, t, 'TCP', 80)).toBe(false);
  });

  test('{ingress-controller}: Ingress backend target ports (numeric or named), admitted only by rules that admit every pod', () => {
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { namespace: 'shop', name: 'web' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'admin', port: 81, targetPort: 9000 }] },
    };
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { namespace: 'shop', name: 'web' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] },
    };
    const web = pod('shop', 'web', { app: 'web' }, undefined, [{ name: 'http', containerPort: 8080 }]);
    const open = new NaiveCluster([web, service, ingress]);
    expect(open.ingressControllerAllowed(open.pods[0], 'TCP', 8080)).toBe(true);
    expect(open.ingressControllerAllowed(open.pods[0], 'TCP', 9000)).toBe(false); // port 81 is not a backend
    expect(open.ingressControllerAllowed(open.pods[0], 'TCP', 80)).toBe(false); // the service port is not the pod's
    const fromIngressNs = netpol('shop', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }] });
    const fromAnyNs = netpol('shop', 'p', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }] });
    const fromSameNs = netpol('shop', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
    for (const [policy, allowed] of [[fromIngressNs, false], [fromAnyNs, true], [fromSameNs, false]] as const) {
      const c = new NaiveCluster([web, service, ingress, policy]);
      expect(c.ingressControllerAllowed(c.pods[0], 'TCP', 8080)).toBe(allowed);
    }
  });

  test('podsFromWorkload materialises replicas owned by the workload', () => {
    const pods = podsFromWorkload({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { namespace: 'a', name: 'api' },
      spec: { replicas: 3, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [] } } },
    });
    expect(pods.map(p => p.metadata.name)).toEqual(['api-0', 'api-1', 'api-2']);
    expect(pods[0].metadata.ownerReferences[0]).toMatchObject({ kind: 'Deployment', name: 'api' });
    expect(pods[2].metadata.labels).toEqual({ app: 'api' });
  });
});
