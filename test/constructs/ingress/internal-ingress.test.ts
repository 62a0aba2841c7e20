import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { CertIssuer, DefaultDenyNamespace, IngressController, InternalIngress, Platform, SecureApp } from '../../../src';
import { all, find, synth, unreached, welkinChart } from '../helpers';

function setup(platform?: Platform) {
  const chart = welkinChart({ platform });
  const ns = new DefaultDenyNamespace(chart, 'namespace', { name: 'ops' });
  // Unreached until a test puts an ingress in front; bad-input tests synthesize it alone.
  const app = unreached(new SecureApp(chart, 'admin', { namespace: ns, image: 'ghcr.io/acme/admin:1.0.0', port: 8080 }));
  return { chart, ns, app };
}

describe('InternalIngress', () => {
  test('host under the internal domain, allowlist defaulting to the platform private ranges', () => {
    const { chart, app } = setup();
    const internal = new InternalIngress(chart, 'ingress', { app, host: 'admin.internal.example.com' });
    const objs = synth(chart);
    const ing = find(objs, 'Ingress', 'admin', 'ops');
    expect(ing.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
    });
    expect(ing.spec.rules[0].host).toBe('admin.internal.example.com');
    expect(ing.spec.tls).toEqual([{ hosts: ['admin.internal.example.com'], secretName: 'admin.internal.example.com-tls' }]);
    expect(internal.allowSourceRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(ing.metadata.labels['app.kubernetes.io/component']).toBe('internal-ingress');
  });
  test('the DNS record names <name>.internal.<domain> in zone-file form', () => {
    const { chart, app } = setup();
    expect(new InternalIngress(chart, 'ingress', { app, host: 'admin.internal.example.com' }).dnsRecord)
      .toBe('admin.internal.example.com. 900 CNAME internal.example.com.');
  });
  test('admits the controller on the app port and emits the solver policy', () => {
    const { chart, app } = setup();
    new InternalIngress(chart, 'ingress', { app, host: 'admin.internal.example.com' });
    const objs = synth(chart);
    expect(find(objs, 'NetworkPolicy', 'admin').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
    expect(find(objs, 'NetworkPolicy', 'allow-acme-http01-solver', 'ops')).toBeDefined();
  });
  test('a narrower private allowlist, a staging issuer and oauth2-proxy', () => {
    const { chart, app } = setup();
    new InternalIngress(chart, 'ingress', {
      app,
      host: 'admin.internal.example.com',
      allowSourceRanges: ['10.10.0.0/16'],
      issuer: CertIssuer.staging(),
      oauth2Proxy: { issuerUrl: 'https://dex.example.com', clientId: 'admin', secretName: 'admin-oauth2' },
    });
    const objs = synth(chart);
    expect(find(objs, 'Ingress', 'admin').metadata.annotations).toMatchObject({
      'cert-manager.io/cluster-issuer': 'letsencrypt-staging',
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.10.0.0/16',
      'nginx.ingress.kubernetes.io/auth-url': 'https://$host/oauth2/auth',
    });
    // the /oauth2 path is internal-only too
    expect(find(objs, 'Ingress', 'admin-oauth2').metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.10.0.0/16' });
  });
  test('the private ranges come from the platform', () => {
    const { chart, app } = setup(Platform.welkin({ domain: 'example.com', privateRanges: ['10.0.0.0/8', 'fd00::/8'] }));
    const internal = new InternalIngress(chart, 'ingress', { app, host: 'admin.internal.example.com', allowSourceRanges: ['fd00:1::/32'] });
    expect(internal.allowSourceRanges).toEqual(['fd00:1::/32']);
  });
  test('a custom internal domain', () => {
    const { chart, app } = setup(Platform.welkin({ domain: 'example.com', internalDomain: 'corp.example.net' }));
    const internal = new InternalIngress(chart, 'ingress', { app, host: 'admin.corp.example.net' });
    expect(internal.dnsRecord).toBe('admin.corp.example.net. 900 CNAME corp.example.net.');
  });

  describe('bad input (one test per input; nothing is emitted)', () => {
    function rejects(props: Partial<ConstructorParameters<typeof InternalIngress>[2]>, message: string, platform?: Platform) {
      const { chart, app } = setup(platform);
      const before = synth(chart).length;
      expect(() => new InternalIngress(chart, 'ingress', { app, host: 'admin.internal.example.com', ...props })).toThrow(message);
      const after = synth(chart);
      expect(after.length).toBe(before);
      expect(all(after, 'Ingress')).toEqual([]);
    }
    test('a public range in the allowlist', () => rejects({ allowSourceRanges: ['10.0.0.0/8', '203.0.113.0/24'] },
      'test/ingress: source range "203.0.113.0/24" is not private; an internal ingress admits only ranges inside the platform\'s private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)'));
    test('everything (0.0.0.0/0)', () => rejects({ allowSourceRanges: ['0.0.0.0/0'] }, 'test/ingress: source range "0.0.0.0/0" is not private'));
    test('a range larger than a private range', () => rejects({ allowSourceRanges: ['10.0.0.0/7'] }, 'source range "10.0.0.0/7" is not private'));
    test('a range that does not parse', () => rejects({ allowSourceRanges: ['10.0.0.0/40'] }, 'test/ingress: source range "10.0.0.0/40" has an invalid prefix length "40"'));
    test('an empty allowlist', () => rejects({ allowSourceRanges: [] }, 'test/ingress: allowSourceRanges is empty; an internal ingress needs an allowlist of private ranges'));
    test('a host outside the internal domain', () => rejects({ host: 'admin.example.com' },
      'test/ingress: host "admin.example.com" is not under the internal domain; use <name>.internal.example.com (e.g. "admin.internal.example.com")'));
    test('the internal domain itself', () => rejects({ host: 'internal.example.com' }, 'is not under the internal domain'));
    test('two levels below the internal domain', () => rejects({ host: 'a.b.internal.example.com' }, 'is not under the internal domain'));
    test('a host ending in a dot', () => rejects({ host: 'admin.internal.example.com.' }, 'test/ingress: host "admin.internal.example.com." ends in a dot'));
    test('a platform without an internal domain', () => {
      const platform = Platform.custom({ ingressController: IngressController.hostNetwork(['10.0.0.0/24']), ingressClassName: 'nginx', appDomain: 'lb.example.com' });
      const chart = new Chart(Testing.app(), 'test', { namespace: 'ops' });
      const app = new SecureApp(chart, 'admin', { image: 'ghcr.io/acme/admin:1.0.0', port: 8080, platform });
      expect(() => new InternalIngress(chart, 'ingress', { app, host: 'admin.internal.example.com' }))
        .toThrow('test/ingress: the platform has no internal domain; set `internalDomain` on the platform to use InternalIngress');
    });
  });
});

describe('InternalIngress properties', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  test('any block inside 10.0.0.0/8 is accepted', () => {
    fc.assert(fc.property(octet, octet, fc.integer({ min: 8, max: 32 }), (b, c, prefix) => {
      const n = (10 * 2 ** 24) + (b * 2 ** 16) + (c * 2 ** 8);
      const size = 2 ** (32 - prefix);
      const network = Math.floor(n / size) * size;
      const cidr = `${[24, 16, 8, 0].map(s => Math.floor(network / 2 ** s) % 256).join('.')}/${prefix}`;
      const { chart, app } = setup();
      expect(new InternalIngress(chart, 'i', { app, host: 'admin.internal.example.com', allowSourceRanges: [cidr] }).allowSourceRanges).toEqual([cidr]);
    }), { numRuns: 30 });
  });
  test('any /24 outside the private ranges is rejected and nothing is emitted', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 223 }), octet, octet, (a, b, c) => {
      fc.pre(a !== 10 && !(a === 172 && b >= 16 && b < 32) && !(a === 192 && b === 168));
      const { chart, app } = setup();
      expect(() => new InternalIngress(chart, 'i', { app, host: 'admin.internal.example.com', allowSourceRanges: [`${a}.${b}.${c}.0/24`] }))
        .toThrow('is not private');
      expect(all(synth(chart), 'Ingress')).toEqual([]);
    }), { numRuns: 30 });
  });
});
