import { App, Chart, Testing } from 'cdk8s';
import { synth } from './helpers';
import { checkRules } from './rules';
import { DefaultDenyNamespace, InternalCertificate, InternalIngress, ManagedService, Peer, Platform, Port, SecureApp, TlsIngress } from '../../src';

// Whole outputs of the two example shapes (examples/ builds the real ones): every object is
// schema-validated by `synth`, the rules R1-R9 hold, and a snapshot shows the output for review.

function userDemo(app: App = Testing.app()) {
  const chart = new Chart(app, 'user-demo');
  Platform.welkin({ domain: 'example.com' }).registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'demo');
  const demo = new SecureApp(ns, 'demo', { image: 'harbor.example.com/demo/ck8s-user-demo:1.0.0', port: 3000 });
  const ingress = new TlsIngress(ns, 'ingress', { app: demo, host: 'demo.example.com' });

  const protectedNs = new DefaultDenyNamespace(chart, 'demo-protected');
  const protectedDemo = new SecureApp(protectedNs, 'demo', { image: 'harbor.example.com/demo/ck8s-user-demo:1.0.0', port: 3000 });
  const protectedIngress = new TlsIngress(protectedNs, 'ingress', {
    app: protectedDemo,
    host: 'protected.example.com',
    allowSourceRanges: ['203.0.113.0/24'],
    oauth2Proxy: { issuerUrl: 'https://dex.example.com', clientId: 'demo', secretName: 'demo-oauth2-proxy' },
  });
  return { chart, ingress, protectedIngress };
}

function threeTier(app: App = Testing.app()) {
  const chart = new Chart(app, 'three-tier');
  Platform.welkin({ domain: 'example.com', internalLoadBalancer: true }).registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'shop');
  const web = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.4.2', port: 8080, component: 'frontend', partOf: 'shop', metrics: {} });
  const api = new SecureApp(ns, 'api', { image: 'ghcr.io/acme/api:2.0.1', port: 8080, component: 'backend', partOf: 'shop', metrics: { port: 9090 } });
  const admin = new SecureApp(ns, 'admin', { image: 'ghcr.io/acme/admin:0.9.0', port: 3000, component: 'admin', partOf: 'shop' });
  web.allowTo(api);
  admin.allowTo(api);
  api.allowTo(ManagedService.postgresql('postgresql1'));
  api.allowTo(Peer.internet(), Port.tcp(443));
  const publicIngress = new TlsIngress(ns, 'web-ingress', { app: web, host: 'shop.example.com' });
  const adminIngress = new InternalIngress(ns, 'admin-ingress', { app: admin, host: 'admin.internal.example.com', certificate: InternalCertificate.platformWildcard('internal-wildcard-tls') });
  return { chart, publicIngress, adminIngress };
}

describe('user demo shape', () => {
  test('R1-R9 hold and every object validates', () => {
    expect(checkRules(synth(userDemo().chart))).toEqual([]);
  });
  test('DNS records', () => {
    const { ingress, protectedIngress } = userDemo();
    expect(ingress.dnsRecord).toBe('demo.example.com. 900 CNAME app.example.com.');
    expect(protectedIngress.dnsRecord).toBe('protected.example.com. 900 CNAME app.example.com.');
  });
  test('snapshot', () => {
    expect(synth(userDemo().chart)).toMatchSnapshot();
  });
});

describe('three-tier shape', () => {
  test('R1-R9 hold and every object validates', () => {
    expect(checkRules(synth(threeTier().chart))).toEqual([]);
  });
  test('DNS records', () => {
    const { publicIngress, adminIngress } = threeTier();
    expect(publicIngress.dnsRecord).toBe('shop.example.com. 900 CNAME app.example.com.');
    // The platform's wildcard *.internal.example.com already resolves the admin host.
    expect(adminIngress.dnsRecord).toBeUndefined();
  });
  test('snapshot', () => {
    expect(synth(threeTier().chart)).toMatchSnapshot();
  });
});

test('the rule checks catch what they look for', () => {
  const objs = synth(threeTier().chart);
  const broken = JSON.parse(JSON.stringify(objs));
  const api = broken.find((o: any) => o.kind === 'NetworkPolicy' && o.metadata.name === 'api');
  delete api.spec.egress[0].ports[0].protocol;
  const named = (kind: string, name: string) => broken.find((o: any) => o.kind === kind && o.metadata.name === name);
  named('Service', 'web').spec.type = 'LoadBalancer';
  named('Ingress', 'web').spec.tls[0].hosts = ['other.example.com'];
  named('Deployment', 'admin').spec.replicas = 1;
  expect(checkRules(broken).sort()).toEqual([
    'R3 NetworkPolicy/shop/api: port without protocol',
    'R6 Service/shop/web: not ClusterIP',
    'R7 Ingress/shop/web: tls hosts differ from rule hosts',
    'R9 Deployment/shop/admin: replicas/PDB/spread',
  ]);
});
