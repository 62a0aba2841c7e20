// Gateway API in the engine: accepted HTTPRoutes and GRPCRoutes expose their backends to their
// Gateway's data plane (`{gateway NS/NAME}`, or the profile's real pods); refused routes expose nothing.
import * as fc from 'fast-check';
import { analyze, conn, deployment, lines, namespace, Obj, policy, service } from './fixtures';
import { ClusterProfile, ConnectionPeer, PeerKind } from '../../src/analysis';
import { diffConnections } from '../../src/diff';
import { envoyProxyLabels } from '../../src/kube/platform';
import { Protocol } from '../../src/kube/protocol';

const GW = '{gateway gw/public}';
const API = 'shop/api[Deployment]';
const G = 'gateway.networking.k8s.io/v1';

const app = () => [
  deployment('shop', 'api', { app: 'api' }, [{ containerPort: 3000, name: 'http' }, { containerPort: 9090, name: 'metrics' }]),
  service('shop', 'api', { app: 'api' }, [{ name: 'web', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9090 }]),
];

function route(ns: string, name: string, spec: Obj, kind = 'HTTPRoute'): Obj {
  return { apiVersion: G, kind, metadata: { name, namespace: ns }, spec };
}
const toApi = (extra: Obj = {}) => ({ name: 'api', port: 80, ...extra });
const httpRoute = (parent: Obj, hostnames = ['shop.example.com'], backend: Obj = toApi(), ns = 'shop') =>
  route(ns, 'web', { parentRefs: [parent], hostnames, rules: [{ backendRefs: [backend] }] });

function gateway(listeners: Obj[], allowedListeners?: Obj): Obj {
  return { apiVersion: G, kind: 'Gateway', metadata: { name: 'public', namespace: 'gw' }, spec: { gatewayClassName: 'eg', listeners, ...(allowedListeners ? { allowedListeners } : {}) } };
}
const https = (hostname?: string, from = 'All', extra: Obj = {}) => ({
  name: 'https',
  port: 443,
  protocol: 'HTTPS',
  ...(hostname ? { hostname } : {}),
  tls: { mode: 'Terminate', certificateRefs: [{ name: 'wildcard' }] },
  allowedRoutes: { namespaces: { from } },
  ...extra,
});
const grant = (ns: string, fromNs: string, toName?: string, fromKind = 'HTTPRoute') => ({
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  metadata: { name: 'g', namespace: ns },
  spec: { from: [{ group: 'gateway.networking.k8s.io', kind: fromKind, namespace: fromNs }], to: [{ group: '', kind: 'Service', ...(toName ? { name: toName } : {}) }] },
});
const PARENT = { name: 'public', namespace: 'gw' };

describe('routes expose their backends to the Gateway\'s data plane', () => {
  test('a route whose Gateway is not in the input: {gateway NS/NAME} reaches the Service\'s target port', () => {
    const a = analyze([...app(), httpRoute(PARENT)]);
    expect(conn(a, GW, API)).toBe('TCP 3000');
    const peer = a.connections.find(c => c.source.name === GW)!.source;
    expect(peer.kind).toBe(PeerKind.GATEWAY);
    expect(peer.gateway).toEqual({ namespace: 'gw', name: 'public' });
    expect(peer.sameAs(ConnectionPeer.parse(GW))).toBe(true);
    expect(a.ignoredKinds.map(k => k.kind)).not.toContain('HTTPRoute');
  });

  test('the parentRef namespace defaults to the route\'s; a backend without port reaches every Service port', () => {
    expect(conn(analyze([...app(), httpRoute({ name: 'public' }, [], { name: 'api' })]), '{gateway shop/public}', API)).toBe('TCP 3000,9090');
  });

  test('a GRPCRoute too', () => {
    const grpc = route('shop', 'rpc', { parentRefs: [PARENT], rules: [{ backendRefs: [{ name: 'api', port: 9090 }] }] }, 'GRPCRoute');
    expect(conn(analyze([...app(), grpc]), GW, API)).toBe('TCP 9090');
  });

  test('a default-deny policy blocks it; a rule admitting every pod of every namespace lets it in', () => {
    const deny = policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(conn(analyze([...app(), httpRoute(PARENT), deny]), GW, API)).toBeUndefined();
    const open = policy('shop', 'open', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 3000 }] }] });
    expect(conn(analyze([...app(), httpRoute(PARENT), deny, open]), GW, API)).toBe('TCP 3000');
  });

  test('an accepted route through a Gateway in the input (wildcard listener)', () => {
    expect(conn(analyze([...app(), gateway([https('*.example.com')]), httpRoute({ ...PARENT, sectionName: 'https' })]), GW, API)).toBe('TCP 3000');
  });

  test('with the data plane in the profile: the real pods, as the policies allow, and no placeholder', () => {
    const profile = new ClusterProfile({
      gateways: [{ gatewayNamespace: 'gw', gatewayName: 'public', workload: { namespace: 'envoy-gateway-system', name: 'envoy-gw-public', podLabels: envoyProxyLabels('gw', 'public') } }],
    });
    const deny = policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const admit = policy('shop', 'admit', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } }, podSelector: { matchLabels: envoyProxyLabels('gw', 'public') } }], ports: [{ port: 3000 }] }],
    });
    const a = analyze([...app(), httpRoute(PARENT), deny, admit], { profile });
    expect(conn(a, 'envoy-gateway-system/envoy-gw-public[Deployment]', API)).toBe('TCP 3000');
    expect(lines(a).some(l => l.includes('{gateway'))).toBe(false);
    // The placeholder would not be admitted by that rule: it names a namespace.
    expect(conn(analyze([...app(), httpRoute(PARENT), deny, admit]), GW, API)).toBeUndefined();
  });
});

describe('data-plane pods in the input are the real peer', () => {
  test('Envoy Gateway\'s pods (owning-gateway labels) or pods labelled gateway-name in the Gateway\'s namespace replace the placeholder', () => {
    const envoy = deployment('envoy-gateway-system', 'envoy-gw-public-1234', envoyProxyLabels('gw', 'public'));
    const a = analyze([...app(), httpRoute(PARENT), envoy]);
    expect(conn(a, 'envoy-gateway-system/envoy-gw-public-1234[Deployment]', API)).toBe('All Connections');
    expect(lines(a).some(l => l.includes('{gateway'))).toBe(false);
    const istio = deployment('gw', 'public-istio', { 'gateway.networking.k8s.io/gateway-name': 'public' });
    expect(lines(analyze([...app(), httpRoute(PARENT), istio])).some(l => l.includes('{gateway'))).toBe(false);
    // The label in another namespace is not this Gateway's data plane.
    const elsewhere = deployment('other', 'public-istio', { 'gateway.networking.k8s.io/gateway-name': 'public' });
    expect(conn(analyze([...app(), httpRoute(PARENT), elsewhere]), GW, API)).toBe('TCP 3000');
  });
});

describe('refused routes expose nothing, with a warning', () => {
  const refused = (objs: Obj[], warning: RegExp) => {
    const a = analyze([...app(), ...objs]);
    expect(conn(a, GW, API)).toBeUndefined();
    expect(a.warnings.some(w => warning.test(w))).toBe(true);
  };

  test('hostnames: the listener serves another domain', () => {
    refused([gateway([https('*.other.org')]), httpRoute(PARENT)], /HTTPRoute shop\/web: refused by Gateway gw\/public \(listener "https": hostname \*\.other\.org matches none of the route's hostnames/);
  });
  test('allowedRoutes: Same namespace only (the default)', () => {
    refused([gateway([https(undefined, 'Same')]), httpRoute(PARENT)], /allowedRoutes admits only routes of namespace gw/);
    refused([gateway([{ name: 'https', port: 443, protocol: 'HTTPS' }]), httpRoute(PARENT)], /allowedRoutes admits only routes of namespace gw/);
  });
  test('allowedRoutes: a namespace selector that does not select the route\'s namespace, and one that does', () => {
    const sel = https(undefined, 'Selector', { allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'shop' } } } } });
    refused([gateway([sel]), httpRoute(PARENT)], /namespace selector does not select namespace shop/);
    expect(conn(analyze([...app(), namespace('shop', { team: 'shop' }), gateway([sel]), httpRoute(PARENT)]), GW, API)).toBe('TCP 3000');
  });
  test('allowedRoutes.kinds without the route\'s kind; a sectionName the Gateway lacks; a TCP listener', () => {
    refused([gateway([https(undefined, 'All', { allowedRoutes: { namespaces: { from: 'All' }, kinds: [{ kind: 'GRPCRoute' }] } })]), httpRoute(PARENT)], /kinds does not include HTTPRoute/);
    refused([gateway([https()]), httpRoute({ ...PARENT, sectionName: 'admin' })], /has no listener named "admin"/);
    refused([gateway([{ name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } }]), httpRoute(PARENT)], /protocol TCP does not carry HTTPRoutes/);
  });
  test('a cross-namespace backend without a ReferenceGrant; with one for the Service (or every Service) it is exposed', () => {
    const cross = httpRoute(PARENT, [], toApi({ namespace: 'shop' }), 'web-ns');
    refused([cross], /HTTPRoute web-ns\/web: refers to Service shop\/api in another namespace without a ReferenceGrant/);
    refused([cross, grant('shop', 'web-ns', 'other')], /without a ReferenceGrant/);
    refused([cross, grant('shop', 'web-ns', 'api', 'GRPCRoute')], /without a ReferenceGrant/);
    refused([cross, grant('web-ns', 'web-ns', 'api')], /without a ReferenceGrant/);
    expect(conn(analyze([...app(), cross, grant('shop', 'web-ns', 'api')]), GW, API)).toBe('TCP 3000');
    expect(conn(analyze([...app(), cross, grant('shop', 'web-ns')]), GW, API)).toBe('TCP 3000');
  });
  test('a ListenerSet the Gateway does not allow (allowedListeners None by default), and one it allows', () => {
    const ls = {
      apiVersion: G,
      kind: 'ListenerSet',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: { parentRef: { name: 'public', namespace: 'gw' }, listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com' }] },
    };
    const viaLs = httpRoute({ kind: 'ListenerSet', group: 'gateway.networking.k8s.io', name: 'shop', sectionName: 'https' });
    refused([gateway([https()]), ls, viaLs], /refused by ListenerSet shop\/shop, which Gateway gw\/public does not accept \(allowedListeners admits no ListenerSet\)/);
    expect(conn(analyze([...app(), gateway([https()], { namespaces: { from: 'All' } }), ls, viaLs]), GW, API)).toBe('TCP 3000');
    // The Gateway is not in the input: the ListenerSet names it, and it cannot be checked.
    expect(conn(analyze([...app(), ls, viaLs]), GW, API)).toBe('TCP 3000');
    refused([viaLs], /parent ListenerSet shop\/shop is not in the input/);
  });
});

describe('explain and diff', () => {
  test('explain from {gateway NS/NAME} names the route', () => {
    const a = analyze([...app(), httpRoute(PARENT)]);
    const e = a.explain(GW, API, 3000, Protocol.TCP);
    expect(e.allowed).toBe(true);
    expect(e.egress.reason).toBe('the data plane of Gateway gw/public is not among the manifests: its egress is assumed open');
    expect(e.ingress.reason).toContain('(traffic sent by HTTPRoute shop/web)');
    expect(a.explain(GW, API, 9090, Protocol.TCP).ingress.reason).toBe('no accepted HTTPRoute or GRPCRoute sends TCP 9090 to it, so the data plane of Gateway gw/public does not connect');
    expect(a.isAllowed(GW, API, 3000)).toBe(true);
  });
  test('the diff sees a route appear', () => {
    const diff = diffConnections(analyze(app()).connections, analyze([...app(), httpRoute(PARENT)]).connections);
    expect(diff.added.map(c => `${c.source.name} => ${c.destination.name} : ${c.after.describe()}`)).toEqual([`${GW} => ${API} : TCP 3000`]);
    expect([diff.removed, diff.changed]).toEqual([[], []]);
  });
});

describe('properties', () => {
  // An independent statement of acceptance: some listener admits the route's namespace and one of its
  // hostnames (exact, or under a `*.` wildcard), and a cross-namespace backend has a grant.
  const hosts = ['a.example.com', 'b.example.com', 'x.a.example.com'];
  const listenerHosts = [undefined, '*.example.com', 'a.example.com', '*.a.example.com', 'other.org'];
  const matches = (l: string | undefined, h: string) => l === undefined || l === h || (l.startsWith('*.') && h.endsWith(l.slice(1)));
  test('a route is exposed exactly when a listener accepts it and its backend is granted', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ host: fc.constantFrom(...listenerHosts), from: fc.constantFrom('Same', 'All') }), { minLength: 1, maxLength: 3 }),
      fc.subarray(hosts),
      fc.constantFrom('shop', 'gw', 'web-ns'),
      fc.boolean(),
      (listeners, routeHosts, routeNs, withGrant) => {
        const objs = [
          ...app(),
          gateway(listeners.map((l, i) => ({ ...https(l.host, l.from), name: `l${i}` }))),
          httpRoute(PARENT, routeHosts, toApi(routeNs === 'shop' ? {} : { namespace: 'shop' }), routeNs),
          ...(withGrant ? [grant('shop', routeNs, 'api')] : []),
        ];
        const accepted = listeners.some(l => (l.from === 'All' || routeNs === 'gw')
          && (routeHosts.length === 0 || routeHosts.some(h => matches(l.host, h))));
        const expected = accepted && (routeNs === 'shop' || withGrant);
        const a = analyze(objs);
        expect(conn(a, GW, API) === 'TCP 3000').toBe(expected);
        // Whatever is refused is said.
        if (!expected) expect(a.warnings.some(w => w.startsWith(`HTTPRoute ${routeNs}/web`))).toBe(true);
      }), { numRuns: 200 });
  });

  test('the data plane reaches only backends of routes, and never more than any pod of another namespace may', () => {
    fc.assert(fc.property(fc.boolean(), fc.boolean(), fc.constantFrom(80, 9090), (deny, open, port) => {
      const objs = [...app(), httpRoute(PARENT, [], toApi({ port })),
        ...(deny ? [policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })] : []),
        ...(open ? [policy('shop', 'open', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 3000 }] }] })] : [])];
      const got = conn(analyze(objs), GW, API);
      const target = port === 80 ? 'TCP 3000' : 'TCP 9090';
      // 'open' isolates the pods as well, admitting only 3000.
      const admitted = open ? port === 80 : !deny;
      expect(got).toBe(admitted ? target : undefined);
    }), { numRuns: 50 });
  });
});
