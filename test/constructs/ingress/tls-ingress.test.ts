import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { CertIssuer, DefaultDenyNamespace, DeploymentEnvironment, HttpPathType, IngressController, Platform, SecureApp, TlsCertificate, TlsIngress } from '../../../src';
import { all, find, indexOf, synth, unreached, welkinChart } from '../helpers';

const CONTROLLER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx' } },
};

function setup(platform?: Platform) {
  const chart = welkinChart({ platform });
  const ns = new DefaultDenyNamespace(chart, 'namespace', { name: 'demo' });
  // Unreached until a test puts an ingress in front; bad-input tests synthesize it alone.
  const app = unreached(new SecureApp(chart, 'demo', { namespace: ns, image: 'ghcr.io/acme/demo:1.0.0', port: 3000 }));
  return { chart, ns, app };
}

describe('TlsIngress defaults', () => {
  const { chart, app } = setup();
  const ingress = new TlsIngress(chart, 'ingress', { app, host: 'demo.example.com' });
  const objs = synth(chart);
  const ing = find(objs, 'Ingress', 'demo', 'demo');

  test('platform class, one rule for the host, path / Prefix to the app Service port', () => {
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.rules).toEqual([{
      host: 'demo.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'demo', port: { number: 3000 } } } }] },
    }]);
  });
  test('tls.hosts equals the rule host; secret <host>-tls', () => {
    expect(ing.spec.tls).toEqual([{ hosts: ['demo.example.com'], secretName: 'demo.example.com-tls' }]);
    expect(ing.spec.tls[0].hosts).toEqual(ing.spec.rules.map((r: any) => r.host));
    expect(ingress.secretName).toBe('demo.example.com-tls');
  });
  test('annotated for cert-manager with letsencrypt-prod, and nothing else', () => {
    expect(ing.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
  });
  test('no snippet annotations, ever', () => {
    for (const i of all(objs, 'Ingress')) {
      expect(Object.keys(i.metadata.annotations ?? {}).filter(k => k.includes('snippet'))).toEqual([]);
    }
  });
  test('the app policy admits the ingress controller on the app port, and only it', () => {
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress).toEqual([{ from: [CONTROLLER], ports: [{ protocol: 'TCP', port: 3000 }] }]);
  });
  test('the HTTP-01 solver policy is emitted once for the namespace, before the Ingress', () => {
    const solver = find(objs, 'NetworkPolicy', 'allow-acme-http01-solver', 'demo');
    expect(solver.spec.ingress).toEqual([{ from: [CONTROLLER], ports: [{ protocol: 'TCP', port: 8089 }] }]);
    expect(indexOf(objs, 'NetworkPolicy', 'allow-acme-http01-solver')).toBeLessThan(indexOf(objs, 'Ingress', 'demo'));
    expect(indexOf(objs, 'Deployment', 'demo')).toBeLessThan(indexOf(objs, 'Ingress', 'demo'));
  });
  test('the DNS record in zone-file form', () => {
    expect(ingress.dnsRecord).toBe('demo.example.com. 900 CNAME app.example.com.');
  });
  test('standard labels', () => {
    expect(ing.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'ingress', 'app.kubernetes.io/part-of': 'demo', 'app.kubernetes.io/managed-by': 'cdk8s-netsec',
    });
  });
});

describe('TlsIngress options', () => {
  test('staging, another ClusterIssuer, a namespaced Issuer', () => {
    const { chart, app } = setup();
    new TlsIngress(chart, 'a', { app, host: 'a.example.com', name: 'a', issuer: CertIssuer.staging() });
    new TlsIngress(chart, 'b', { app, host: 'b.example.com', name: 'b', issuer: CertIssuer.clusterIssuer('zerossl') });
    new TlsIngress(chart, 'c', { app, host: 'c.example.com', name: 'c', issuer: CertIssuer.issuer('team-ca') });
    const objs = synth(chart);
    expect(find(objs, 'Ingress', 'a').metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-staging' });
    expect(find(objs, 'Ingress', 'b').metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'zerossl' });
    expect(find(objs, 'Ingress', 'c').metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'team-ca' });
    expect(all(objs, 'NetworkPolicy').filter(p => p.metadata.name === 'allow-acme-http01-solver')).toHaveLength(1);
    // three ingresses to one app: the controller rule is emitted once
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress).toHaveLength(1);
  });
  test('secret name, TTL and Ingress name', () => {
    const { chart, app } = setup();
    const i = new TlsIngress(chart, 'i', { app, host: 'shop.example.org', secretName: 'shop-cert', dnsTtl: 300, name: 'shop' });
    const ing = find(synth(chart), 'Ingress', 'shop');
    expect(ing.spec.tls[0].secretName).toBe('shop-cert');
    expect(i.dnsRecord).toBe('shop.example.org. 300 CNAME app.example.com.');
  });
  test('extra paths, to the app or another app of the namespace, which is admitted too', () => {
    const { chart, ns, app } = setup();
    const api = new SecureApp(chart, 'api', { namespace: ns, image: 'ghcr.io/acme/api:1.0.0', port: 8080, servicePort: 80 });
    new TlsIngress(chart, 'i', { app, host: 'demo.example.com', paths: [{ path: '/api', app: api }, { path: '/healthz', pathType: HttpPathType.EXACT }] });
    const objs = synth(chart);
    expect(find(objs, 'Ingress', 'demo').spec.rules[0].http.paths).toEqual([
      { path: '/', pathType: 'Prefix', backend: { service: { name: 'demo', port: { number: 3000 } } } },
      { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } },
      { path: '/healthz', pathType: 'Exact', backend: { service: { name: 'demo', port: { number: 3000 } } } },
    ]);
    expect(find(objs, 'NetworkPolicy', 'api').spec.ingress).toEqual([{ from: [CONTROLLER], ports: [{ protocol: 'TCP', port: 8080 }] }]);
  });
  test('source allowlist', () => {
    const { chart, app } = setup();
    new TlsIngress(chart, 'i', { app, host: 'demo.example.com', allowSourceRanges: ['203.0.113.0/24', '2001:db8::/32'] });
    expect(find(synth(chart), 'Ingress', 'demo').metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe('203.0.113.0/24,2001:db8::/32');
  });
  test('a host-network controller is admitted by node CIDRs', () => {
    const { chart, app } = setup(Platform.welkin({ domain: 'example.com', ingressController: IngressController.hostNetwork(['192.168.10.0/24']) }));
    new TlsIngress(chart, 'i', { app, host: 'demo.example.com' });
    expect(find(synth(chart), 'NetworkPolicy', 'demo').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '192.168.10.0/24' } }]);
  });
  test('a custom platform: its class and app domain', () => {
    const platform = Platform.custom({
      ingressController: IngressController.pods('traefik', { 'app.kubernetes.io/name': 'traefik' }),
      ingressClassName: 'traefik',
      appDomain: 'lb.example.org',
      productionIssuer: 'acme',
    });
    const chart = new Chart(Testing.app(), 'c', { namespace: 'web' });
    new DefaultDenyNamespace(chart, 'web', { platform });
    const app = new SecureApp(chart, 'app', { name: 'web', image: 'ghcr.io/acme/web:1.0.0', port: 80, platform });
    const i = new TlsIngress(chart, 'i', { app, host: 'www.example.org' });
    const ing = find(synth(chart), 'Ingress', 'web');
    expect(ing.spec.ingressClassName).toBe('traefik');
    expect(ing.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'acme' });
    expect(i.dnsRecord).toBe('www.example.org. 900 CNAME lb.example.org.');
  });
});

describe('TlsIngress bad input (one test per input; nothing is emitted for it)', () => {
  function rejects(props: Partial<ConstructorParameters<typeof TlsIngress>[2]>, message: string) {
    const { chart, app } = setup();
    const before = synth(chart).length;
    expect(() => new TlsIngress(chart, 'ingress', { app, host: 'demo.example.com', ...props })).toThrow(message);
    const after = synth(chart);
    expect(after.length).toBe(before);
    expect(all(after, 'Ingress')).toEqual([]);
    expect(find(after, 'NetworkPolicy', 'demo').spec.ingress).toBeUndefined();
  }
  test('uppercase host', () => rejects({ host: 'Demo.example.com' }, 'test/ingress: host "Demo.example.com" contains uppercase letters; use the lowercase form "demo.example.com"'));
  test('host ending in a dot', () => rejects({ host: 'demo.example.com.' },
    'test/ingress: host "demo.example.com." ends in a dot; write it without the trailing dot ("demo.example.com"): Kubernetes rejects it, and the dot of the fully qualified zone-file form is added for you in the DNS record'));
  test('wildcard host', () => rejects({ host: '*.example.com' }, 'test/ingress: host "*.example.com" contains a wildcard'));
  test('apex host', () => rejects({ host: 'example.com' }, 'test/ingress: host "example.com" is an apex domain; a CNAME cannot sit at the apex of a zone'));
  test('host with invalid characters', () => rejects({ host: 'demo_app.example.com' }, 'test/ingress: host "demo_app.example.com" is not a lowercase RFC 1123 name'));
  test('a source range that does not parse', () => rejects({ allowSourceRanges: ['203.0.113.0/24', 'office'] }, 'test/ingress: source range "office" does not parse'));
  test('a source range with host bits', () => rejects({ allowSourceRanges: ['203.0.113.7/24'] }, 'test/ingress: source range "203.0.113.7/24" has host bits set; use the network address "203.0.113.0/24"'));
  test('an empty allowlist', () => rejects({ allowSourceRanges: [] }, 'test/ingress: allowSourceRanges is empty, which would block every client'));
  test('an ingress name that is not a DNS label', () => rejects({ name: 'Demo Ingress' }, 'test/ingress: ingress name "Demo Ingress" is not a DNS label'));
  test('a path with nginx metacharacters', () => rejects({ paths: [{ path: '/x;{}' }] }, 'test/ingress: path "/x;{}" contains characters other than'));
  test('a duplicate path', () => rejects({ paths: [{ path: '/' }] }, 'test/ingress: path "/" is listed twice; list each path once'));
  test('a TTL of 0', () => rejects({ dnsTtl: 0 }, 'test/ingress: DNS TTL 0 is not a positive integer'));
  test('two Ingresses with one name', () => {
    const { chart, app } = setup();
    new TlsIngress(chart, 'first', { app, host: 'a.example.com' });
    expect(() => new TlsIngress(chart, 'ingress', { app, host: 'b.example.com' }))
      .toThrow('test/ingress: Ingress "demo" in namespace "demo" is already emitted by test/first; give one of them another name (the `name` prop)');
  });
  test('two Ingresses requesting one certificate secret', () => {
    const { chart, app } = setup();
    new TlsIngress(chart, 'first', { app, host: 'a.example.com' });
    expect(() => new TlsIngress(chart, 'ingress', { app, host: 'a.example.com', name: 'other' }))
      .toThrow('test/ingress: TLS Secret "a.example.com-tls" in namespace "demo" is already emitted by test/first');
  });
  test('a path to an app in another namespace', () => {
    const { chart, app } = setup();
    const other = new SecureApp(chart, 'other', { namespace: { name: 'elsewhere' }, image: 'ghcr.io/acme/o:1.0.0', port: 80 });
    expect(() => new TlsIngress(chart, 'ingress', { app, host: 'demo.example.com', paths: [{ path: '/o', app: other }] }))
      .toThrow('test/ingress: path "/o" goes to app elsewhere/other in another namespace; an Ingress can only reach Services in its own namespace (demo)');
  });
});

describe('TlsIngress properties', () => {
  const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
  test('for any valid host: tls.hosts equals the rule host, secret <host>-tls, record <host>. 900 CNAME app.<domain>.', () => {
    fc.assert(fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), host => {
      const h = `${host.join('.')}.example.com`;
      const { chart, app } = setup();
      const i = new TlsIngress(chart, 'i', { app, host: h });
      const ing = find(synth(chart), 'Ingress', 'demo');
      expect(ing.spec.tls).toEqual([{ hosts: [h], secretName: `${h}-tls` }]);
      expect(ing.spec.rules.map((r: any) => r.host)).toEqual([h]);
      expect(i.dnsRecord).toBe(`${h}. 900 CNAME app.example.com.`);
    }), { numRuns: 25 });
  });
  test('for any host with a character outside [a-z0-9.-], nothing is emitted', () => {
    fc.assert(fc.property(label, fc.constantFrom(...'AZ_ *!$;{}\'"'.split('')), (l, ch) => {
      const { chart, app } = setup();
      expect(() => new TlsIngress(chart, 'i', { app, host: `${l}${ch}x.example.com` })).toThrow(/^test\/i: host /);
      expect(all(synth(chart), 'Ingress')).toEqual([]);
    }), { numRuns: 25 });
  });
});

describe('TlsIngress and the platform facts of issue 11', () => {
  test('a load balancer that does not keep the client address makes a source allowlist an error citing the headers to check', () => {
    const chart = welkinChart({ platform: Platform.welkin({ domain: 'example.com', clientAddressPreserved: false }) });
    const ns = new DefaultDenyNamespace(chart, 'demo');
    const app = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000 });
    expect(() => new TlsIngress(ns, 'i', { app, host: 'demo.example.com', allowSourceRanges: ['203.0.113.0/24'] }))
      .toThrow(/^test\/demo\/i: a source allowlist needs the client address, and the platform's load balancer does not keep it \(clientAddressPreserved: false\).*x-forwarded-for and x-real-ip headers/);
    // Without an allowlist nothing depends on the client address.
    expect(new TlsIngress(ns, 'j', { app, host: 'demo.example.com' }).host).toBe('demo.example.com');
  });

  test('outside production, the default issuer is the staging one', () => {
    const chart = welkinChart({ platform: Platform.welkin({ domain: 'example.com', environment: DeploymentEnvironment.NON_PRODUCTION }) });
    const ns = new DefaultDenyNamespace(chart, 'demo');
    const app = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000 });
    new TlsIngress(ns, 'i', { app, host: 'demo.example.com' });
    new TlsCertificate(ns, 'extra', { dnsNames: ['extra.example.com'] });
    new TlsIngress(ns, 'explicit', { app, host: 'prod.example.com', name: 'prod', issuer: CertIssuer.production() });
    const objects = synth(chart);
    expect(find(objects, 'Ingress', 'web').metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-staging');
    expect(find(objects, 'Certificate', 'extra').spec.issuerRef.name).toBe('letsencrypt-staging');
    expect(find(objects, 'Ingress', 'prod').metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect(Platform.welkin({ domain: 'example.com' }).environment).toBe(DeploymentEnvironment.PRODUCTION);
    expect(() => Platform.welkin({ domain: 'example.com', environment: 'prod' as DeploymentEnvironment })).toThrow(/environment "prod" is not one/);
  });
});
