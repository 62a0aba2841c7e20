import '../../../src/testing/jest';
import { Chart, Testing } from 'cdk8s';
import {
  Cdk8sReachability, CertIssuer, DefaultDenyNamespace, GatewayImplementation, HttpsRoute, InternalHttpsRoute,
  Platform, PlatformGateway, SecureApp, TlsIngress,
} from '../../../src';
import { validateAgainstCrd } from '../../support/crd-schemas';
import { all, find, indexOf, Manifest, synth } from '../helpers';

const EG = GatewayImplementation.envoyGateway();
const LISTENER_SETS = PlatformGateway.listenerSets({ name: 'public', namespace: 'gateway-system', implementation: EG });
const SHARED = PlatformGateway.sharedListener({ name: 'shared', namespace: 'gateway-system', implementation: EG, hostname: '*.example.com' });
const ENVOY_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } },
  podSelector: {
    matchLabels: {
      'app.kubernetes.io/name': 'envoy',
      'app.kubernetes.io/component': 'proxy',
      'app.kubernetes.io/managed-by': 'envoy-gateway',
      'gateway.envoyproxy.io/owning-gateway-name': 'public',
      'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway-system',
    },
  },
};

function setup(gateway: PlatformGateway = LISTENER_SETS, extra: Partial<{ internalGateway: PlatformGateway }> = {}) {
  const chart = new Chart(Testing.app(), 'test');
  const platform = Platform.welkin({ domain: 'example.com', gateway, ...extra }).registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'namespace', { name: 'demo' });
  const app = new SecureApp(chart, 'demo', { namespace: ns, image: 'ghcr.io/acme/demo:1.0.0', port: 3000 });
  return { chart, ns, app, platform };
}

describe('HttpsRoute on a Gateway with ListenerSets (Envoy Gateway)', () => {
  const { chart, app, platform } = setup();
  const route = new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
  const objs = synth(chart);

  test('an HTTPRoute for the host, attached to the team\'s ListenerSet, / to the app Service port', () => {
    expect(find(objs, 'HTTPRoute', 'demo', 'demo').spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'ListenerSet', name: 'demo', sectionName: 'https' }],
      hostnames: ['demo.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'demo', port: 3000 }] }],
    });
  });
  test('the ListenerSet: one HTTPS listener for the host, TLS from <host>-tls, annotated for cert-manager, attached to the platform Gateway', () => {
    const ls = find(objs, 'ListenerSet', 'demo', 'demo');
    expect(ls.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(ls.spec).toEqual({
      parentRef: { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system' },
      listeners: [{
        name: 'https',
        hostname: 'demo.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'demo.example.com-tls' }] },
        allowedRoutes: { namespaces: { from: 'Same' } },
      }],
    });
  });
  test('the app policy admits Envoy Gateway\'s data plane of that Gateway on the app port, and only it', () => {
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress).toEqual([{ from: [ENVOY_PEER], ports: [{ protocol: 'TCP', port: 3000 }] }]);
  });
  test('the data plane reaches the HTTP-01 solver pods on TCP 8089, policy emitted before the ListenerSet', () => {
    const solver = find(objs, 'NetworkPolicy', 'allow-acme-http01-solver-gateway', 'demo');
    expect(solver.spec.podSelector).toEqual({ matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } });
    expect(solver.spec.ingress).toEqual([{ from: [ENVOY_PEER], ports: [{ protocol: 'TCP', port: 8089 }] }]);
    expect(indexOf(objs, 'NetworkPolicy', 'allow-acme-http01-solver-gateway')).toBeLessThan(indexOf(objs, 'ListenerSet', 'demo'));
  });
  test('no ReferenceGrant and no SecurityPolicy unless needed; the DNS record', () => {
    expect(all(objs, 'ReferenceGrant')).toEqual([]);
    expect(all(objs, 'SecurityPolicy')).toEqual([]);
    expect(route.dnsRecord).toBe('demo.example.com. 900 CNAME app.example.com.');
  });
  test('the analysis with the platform\'s profile: only the data plane reaches the app, on 3000', () => {
    const analysis = Cdk8sReachability.fromChart(chart, { profile: platform.clusterProfile() });
    expect(analysis).toOnlyAllow([
      { from: 'envoy-gateway-system/envoy-gateway-system-public[Deployment]', to: app, ports: 'TCP 3000' },
      ...['kube-system/coredns[Deployment]', 'kube-system/node-local-dns[DaemonSet]', '10.233.0.3-10.233.0.3']
        .map(to => ({ from: app, to, ports: 'TCP 53,UDP 53' })),
    ]);
  });
  test('every object is schema-valid against the Gateway API CRDs', () => {
    for (const o of objs.filter(x => x.apiVersion.startsWith('gateway.'))) expect(() => validateAgainstCrd(o)).not.toThrow();
  });
});

describe('the solver policy', () => {
  test('is emitted once per namespace however many routes, next to the ingress controller\'s one', () => {
    const { chart, app, ns } = setup();
    const other = new SecureApp(chart, 'other', { namespace: ns, image: 'ghcr.io/acme/other:1.0.0', port: 8080 });
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
    new HttpsRoute(chart, 'route2', { app: other, host: 'other.example.com' });
    new TlsIngress(chart, 'ingress', { app: other, host: 'legacy.example.com', name: 'other-legacy' });
    const objs = synth(chart);
    expect(all(objs, 'NetworkPolicy').map(p => p.metadata.name).filter(n => n.startsWith('allow-acme')).sort())
      .toEqual(['allow-acme-http01-solver', 'allow-acme-http01-solver-gateway']);
    expect(all(objs, 'ListenerSet').map(l => l.metadata.name).sort()).toEqual(['demo', 'other']);
  });
});

describe('certificate alerts on the Gateway', () => {
  test('a route on a ListenerSet emits the expiry and not-ready alerts for the Certificate cert-manager names after its Secret, schema-valid', () => {
    const { chart, app } = setup();
    const route = new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
    const objs = synth(chart); // checks the PrometheusRule against the monitoring.coreos.com/v1 schema
    const rule = find(objs, 'PrometheusRule', 'demo-certificate', 'demo');
    expect(route.certificateAlerts).toBeDefined();
    expect(rule.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'certificate-alerts', 'app.kubernetes.io/part-of': 'demo' });
    expect(rule.spec.groups[0].rules.map((r: any) => r.expr)).toEqual([
      'certmanager_certificate_expiration_timestamp_seconds{namespace="demo", name="demo.example.com-tls"} - time() < 20 * 24 * 3600',
      'max by (namespace, name) (certmanager_certificate_ready_status{namespace="demo", name="demo.example.com-tls", condition!="True"}) == 1',
    ]);
    // After the ListenerSet whose annotation makes cert-manager create the Certificate.
    expect(indexOf(objs, 'ListenerSet', 'demo')).toBeLessThan(indexOf(objs, 'PrometheusRule', 'demo-certificate'));
  });

  test('off per route; none on a shared listener (the platform\'s certificate), and asking for them there is an error', () => {
    const a = setup();
    new HttpsRoute(a.chart, 'route', { app: a.app, host: 'demo.example.com', certificateAlerts: false });
    expect(all(synth(a.chart), 'PrometheusRule')).toEqual([]);
    const b = setup(SHARED);
    expect(new HttpsRoute(b.chart, 'route', { app: b.app, host: 'demo.example.com' }).certificateAlerts).toBeUndefined();
    expect(all(synth(b.chart), 'PrometheusRule')).toEqual([]);
    const c = setup(SHARED);
    expect(() => new HttpsRoute(c.chart, 'route', { app: c.app, host: 'demo.example.com', certificateAlerts: true }))
      .toThrow('test/route: certificateAlerts: the Gateway gateway-system/shared serves the platform\'s certificate on its shared listener');
  });
});

describe('HttpsRoute on a shared listener', () => {
  test('attaches to the Gateway\'s listener, no ListenerSet, no certificate, no solver policy', () => {
    const { chart, app } = setup(SHARED);
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
    const objs = synth(chart);
    expect(find(objs, 'HTTPRoute', 'demo').spec.parentRefs).toEqual([
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shared', namespace: 'gateway-system', sectionName: 'https' },
    ]);
    expect(all(objs, 'ListenerSet')).toEqual([]);
    expect(objs.filter(o => o.metadata.name.startsWith('allow-acme'))).toEqual([]);
  });
});

describe('HttpsRoute options', () => {
  test('allowlist and OIDC: one SecurityPolicy targeting the route, default Deny, secret by reference, schema-valid', () => {
    const { chart, app } = setup();
    const route = new HttpsRoute(chart, 'route', {
      app,
      host: 'demo.example.com',
      allowSourceRanges: ['203.0.113.0/24'],
      oidc: { issuerUrl: 'https://dex.example.com', clientId: 'demo', clientSecretName: 'demo-oidc' },
    });
    const objs = synth(chart);
    const sp = find(objs, 'SecurityPolicy', 'demo', 'demo');
    expect(sp.spec).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'demo' }],
      authorization: { defaultAction: 'Deny', rules: [{ name: 'allow-source-ranges', action: 'Allow', principal: { clientCIDRs: ['203.0.113.0/24'] } }] },
      oidc: {
        provider: { issuer: 'https://dex.example.com' },
        clientID: 'demo',
        clientSecret: { group: '', kind: 'Secret', name: 'demo-oidc' },
        redirectURL: 'https://demo.example.com/oauth2/callback',
        logoutPath: '/logout',
      },
    });
    expect(route.securityPolicy).toBeDefined();
    // The protection exists before the route is served.
    expect(indexOf(objs, 'SecurityPolicy', 'demo')).toBeLessThan(indexOf(objs, 'HTTPRoute', 'demo'));
    // OIDC needs no extra pods.
    expect(all(objs, 'Deployment')).toHaveLength(1);
  });

  test('a GRPCRoute on request', () => {
    const { chart, app } = setup();
    new HttpsRoute(chart, 'route', { app, host: 'grpc.example.com', grpc: true });
    const objs = synth(chart);
    expect(find(objs, 'GRPCRoute', 'demo').spec.rules).toEqual([{ backendRefs: [{ name: 'demo', port: 3000 }] }]);
  });

  test('a cross-namespace backend with grantCrossNamespaceBackends: a ReferenceGrant in the backend\'s namespace, for that Service only', () => {
    const { chart, app } = setup();
    const apiNs = new DefaultDenyNamespace(chart, 'api-ns', { name: 'api' });
    const api = new SecureApp(chart, 'api', { namespace: apiNs, image: 'ghcr.io/acme/api:1.0.0', port: 8080 });
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com', paths: [{ path: '/api', app: api }], grantCrossNamespaceBackends: true });
    const objs = synth(chart);
    expect(find(objs, 'ReferenceGrant', 'demo-demo', 'api').spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'demo' }],
      to: [{ group: '', kind: 'Service', name: 'api' }],
    });
    expect(find(objs, 'HTTPRoute', 'demo').spec.rules[1].backendRefs).toEqual([{ name: 'api', namespace: 'api', port: 8080 }]);
    expect(find(objs, 'NetworkPolicy', 'api', 'api').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });

  test('the issuer goes on the ListenerSet', () => {
    const { chart, app } = setup();
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com', issuer: CertIssuer.staging() });
    expect(find(synth(chart), 'ListenerSet', 'demo').metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-staging' });
  });

  test('a generic implementation admits the pods labelled gateway-name in the Gateway\'s namespace', () => {
    const { chart, app } = setup(PlatformGateway.listenerSets({ name: 'public', namespace: 'istio-ingress', implementation: GatewayImplementation.generic() }));
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
    expect(find(synth(chart), 'NetworkPolicy', 'demo').spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' } },
      podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'public' } },
    }]);
  });

  test('a host-network data plane is admitted by the nodes\' CIDRs', () => {
    const { chart, app } = setup(PlatformGateway.listenerSets({ name: 'public', namespace: 'kube-system', implementation: GatewayImplementation.hostNetwork(['10.0.0.0/24']) }));
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
    expect(find(synth(chart), 'NetworkPolicy', 'demo').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/24' } }]);
  });

  test('Envoy Gateway in Gateway namespace mode: the data plane runs in the Gateway\'s namespace', () => {
    const gw = PlatformGateway.listenerSets({ name: 'public', namespace: 'gw', implementation: GatewayImplementation.envoyGateway({ gatewayNamespaceMode: true }) });
    const { chart, app } = setup(gw);
    new HttpsRoute(chart, 'route', { app, host: 'demo.example.com' });
    expect(find(synth(chart), 'NetworkPolicy', 'demo').spec.ingress[0].from[0].namespaceSelector).toEqual({ matchLabels: { 'kubernetes.io/metadata.name': 'gw' } });
  });
});

describe('InternalHttpsRoute', () => {
  test('host under the internal domain, allowlist of the private ranges by default, no DNS record (the platform\'s wildcard resolves it)', () => {
    const { chart, app } = setup();
    const route = new InternalHttpsRoute(chart, 'route', { app, host: 'admin.internal.example.com' });
    const objs = synth(chart);
    expect(find(objs, 'SecurityPolicy', 'demo').spec.authorization.rules[0].principal.clientCIDRs).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(route.dnsRecord).toBeUndefined();
    expect(route.allowSourceRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
  });
  test('attaches to the platform\'s internal Gateway when it has one', () => {
    const internal = PlatformGateway.listenerSets({ name: 'internal', namespace: 'gateway-system', implementation: EG });
    const { chart, app } = setup(LISTENER_SETS, { internalGateway: internal });
    new InternalHttpsRoute(chart, 'route', { app, host: 'admin.internal.example.com' });
    expect(find(synth(chart), 'ListenerSet', 'demo').spec.parentRef.name).toBe('internal');
  });
});

describe('the schema check itself', () => {
  const route = (spec: object): Manifest => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec });
  test('rejects unknown fields, bad hostnames and wrong enum values', () => {
    expect(() => validateAgainstCrd(route({ parentRefs: [{ name: 'p', bogus: 1 }] }))).toThrow(/additional/);
    expect(() => validateAgainstCrd(route({ hostnames: ['Not_A_Host'] }))).toThrow(/pattern/);
    expect(() => validateAgainstCrd(route({ rules: [{ matches: [{ path: { type: 'Glob', value: '/' } }] }] }))).toThrow(/enum|allowed/);
    expect(() => validateAgainstCrd(route({ hostnames: ['demo.example.com'] }))).not.toThrow();
  });
});
