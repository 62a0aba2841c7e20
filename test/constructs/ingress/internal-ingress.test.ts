import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { CertIssuer, DefaultDenyNamespace, IngressController, InternalCertificate, InternalIngress, Platform, SecureApp } from '../../../src';
import { all, find, synth, unreached, welkinChart } from '../helpers';

/** Welkin with the internal load balancer (offered on request). */
const welkinInternal = (props: Partial<Parameters<typeof Platform.welkin>[0]> = {}) => Platform.welkin({ domain: 'example.com', internalLoadBalancer: true, ...props });
const WILDCARD = InternalCertificate.platformWildcard('internal-wildcard-tls');
const CA = InternalCertificate.privateCa(CertIssuer.clusterIssuer('internal-ca'));

function setup(platform: Platform = welkinInternal()) {
  const chart = welkinChart({ platform });
  const ns = new DefaultDenyNamespace(chart, 'namespace', { name: 'ops' });
  // Unreached until a test puts an ingress in front; bad-input tests synthesize it alone.
  const app = unreached(new SecureApp(chart, 'admin', { namespace: ns, image: 'ghcr.io/acme/admin:1.0.0', port: 8080 }));
  return { chart, ns, app };
}

describe('InternalIngress', () => {
  test('a host under the internal domain, a private CA, the allowlist defaulting to the platform private ranges', () => {
    const { chart, app } = setup();
    const internal = new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.internal.example.com' });
    const objs = synth(chart);
    const ing = find(objs, 'Ingress', 'admin', 'ops');
    expect(ing.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'internal-ca',
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
    });
    expect(ing.spec.rules[0].host).toBe('admin.internal.example.com');
    expect(ing.spec.tls).toEqual([{ hosts: ['admin.internal.example.com'], secretName: 'admin.internal.example.com-tls' }]);
    expect(internal.allowSourceRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(ing.metadata.labels['app.kubernetes.io/component']).toBe('internal-ingress');
    // No HTTP-01 challenge: no solver policy.
    expect(all(objs, 'NetworkPolicy').map(p => p.metadata.name)).not.toContain('allow-acme-http01-solver');
    // The wildcard *.internal.example.com already resolves it: no record to create.
    expect(internal.dnsRecord).toBeUndefined();
  });
  test('any hostname the team owns, with a CNAME into the platform\'s wildcard *.internal.<domain>', () => {
    const { chart, app } = setup();
    const internal = new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.acme.org' });
    expect(internal.dnsRecord).toBe('admin.acme.org. 900 CNAME admin.internal.example.com.');
    expect(find(synth(chart), 'Ingress', 'admin').spec.rules[0].host).toBe('admin.acme.org');
  });
  test('the platform\'s wildcard certificate or the team\'s own Secret: referenced, no issuer, no solver policy', () => {
    const { chart, app } = setup();
    new InternalIngress(chart, 'ingress', { app, certificate: WILDCARD, host: 'admin.internal.example.com' });
    const objs = synth(chart);
    const ing = find(objs, 'Ingress', 'admin');
    expect(ing.spec.tls).toEqual([{ hosts: ['admin.internal.example.com'], secretName: 'internal-wildcard-tls' }]);
    expect(Object.keys(ing.metadata.annotations)).toEqual(['nginx.ingress.kubernetes.io/whitelist-source-range']);
    const own = setup();
    new InternalIngress(own.chart, 'ingress', { app: own.app, certificate: InternalCertificate.ownSecret('admin-acme-org-tls'), host: 'admin.acme.org' });
    expect(find(synth(own.chart), 'Ingress', 'admin').spec.tls).toEqual([{ hosts: ['admin.acme.org'], secretName: 'admin-acme-org-tls' }]);
  });
  test('admits the controller on the app port', () => {
    const { chart, app } = setup();
    new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.internal.example.com' });
    const objs = synth(chart);
    expect(find(objs, 'NetworkPolicy', 'admin').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 8080 }]);
  });
  test('a narrower private allowlist and oauth2-proxy', () => {
    const { chart, app } = setup();
    new InternalIngress(chart, 'ingress', {
      app,
      host: 'admin.internal.example.com',
      allowSourceRanges: ['10.10.0.0/16'],
      certificate: CA,
      oauth2Proxy: { issuerUrl: 'https://dex.example.com', clientId: 'admin', secretName: 'admin-oauth2' },
    });
    const objs = synth(chart);
    expect(find(objs, 'Ingress', 'admin').metadata.annotations).toMatchObject({
      'cert-manager.io/cluster-issuer': 'internal-ca',
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.10.0.0/16',
      'nginx.ingress.kubernetes.io/auth-url': 'https://$host/oauth2/auth',
    });
    // the /oauth2 path is internal-only too
    expect(find(objs, 'Ingress', 'admin-oauth2').metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.10.0.0/16' });
  });
  test('the private ranges come from the platform', () => {
    const { chart, app } = setup(welkinInternal({ privateRanges: ['10.0.0.0/8', 'fd00::/8'] }));
    const internal = new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.internal.example.com', allowSourceRanges: ['fd00:1::/32'] });
    expect(internal.allowSourceRanges).toEqual(['fd00:1::/32']);
  });
  test('a custom internal domain', () => {
    const { chart, app } = setup(welkinInternal({ internalDomain: 'corp.example.net' }));
    const internal = new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.acme.org' });
    expect(internal.dnsRecord).toBe('admin.acme.org. 900 CNAME admin.corp.example.net.');
  });

  describe('bad input (one test per input; nothing is emitted)', () => {
    function rejects(props: Partial<ConstructorParameters<typeof InternalIngress>[2]>, message: string, platform?: Platform) {
      const { chart, app } = setup(platform);
      const before = synth(chart).length;
      expect(() => new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.internal.example.com', ...props })).toThrow(message);
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
    test('the internal domain itself', () => rejects({ host: 'internal.example.com' },
      'test/ingress: host "internal.example.com" is not covered by the platform\'s wildcard *.internal.example.com; use a host of your own (e.g. "admin.example.org") or <name>.internal.example.com'));
    test('two levels below the internal domain', () => rejects({ host: 'a.b.internal.example.com' }, 'is not covered by the platform\'s wildcard'));
    test('the platform wildcard certificate for a host it does not cover', () => rejects({ host: 'admin.acme.org', certificate: WILDCARD },
      'test/ingress: host "admin.acme.org" is not covered by the platform\'s wildcard certificate *.internal.example.com; use InternalCertificate.privateCa(...) or ownSecret(...)'));
    test('no certificate source: the HTTP-01 explanation', () => rejects({ certificate: undefined },
      'test/ingress: no certificate source; an internal host cannot get a Let\'s Encrypt certificate through HTTP-01, because Let\'s Encrypt must fetch http://admin.internal.example.com/.well-known/acme-challenge/... from the internet'));
    test('the platform\'s Let\'s Encrypt issuer as the "private CA"', () => rejects({ certificate: InternalCertificate.privateCa(CertIssuer.production()) },
      'test/ingress: issuer "letsencrypt-prod" is the platform\'s Let\'s Encrypt issuer, whose HTTP-01 challenge cannot reach an internal host'));
    test('an ACME issuer in `issuer`', () => rejects({ issuer: CertIssuer.staging() }, '`issuer` does not apply to an internal host'));
    test('a secretName that differs from the certificate\'s Secret', () => rejects({ certificate: InternalCertificate.ownSecret('a-tls'), secretName: 'b-tls' },
      'test/ingress: secretName "b-tls" differs from the certificate\'s Secret "a-tls"; leave secretName out'));
    test('a bad Secret name', () => rejects({ certificate: InternalCertificate.ownSecret('Bad_Name') }, 'test/ingress: certificate secret name "Bad_Name"'));
    test('a platform without the internal load balancer (Welkin: on request)', () => rejects({},
      'test/ingress: the platform has no internal load balancer for internal.example.com (on Welkin it exists only on some infrastructure providers, and on request); '
      + 'ask the platform administrators for one and set `internalLoadBalancer: true`', Platform.welkin({ domain: 'example.com' })));
    test('a load balancer that does not keep the client address: the allowlist would be a no-op', () => rejects({},
      'the platform\'s load balancer does not keep it (clientAddressPreserved: false)', welkinInternal({ clientAddressPreserved: false })));
    test('a host ending in a dot', () => rejects({ host: 'admin.internal.example.com.' }, 'test/ingress: host "admin.internal.example.com." ends in a dot'));
    test('a platform without an internal domain', () => {
      const platform = Platform.custom({ ingressController: IngressController.hostNetwork(['10.0.0.0/24']), ingressClassName: 'nginx', appDomain: 'lb.example.com' });
      const chart = new Chart(Testing.app(), 'test', { namespace: 'ops' });
      const app = new SecureApp(chart, 'admin', { image: 'ghcr.io/acme/admin:1.0.0', port: 8080, platform });
      expect(() => new InternalIngress(chart, 'ingress', { app, certificate: CA, host: 'admin.internal.example.com' }))
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
      expect(new InternalIngress(chart, 'i', { app, certificate: CA, host: 'admin.internal.example.com', allowSourceRanges: [cidr] }).allowSourceRanges).toEqual([cidr]);
    }), { numRuns: 30 });
  });
  test('any /24 outside the private ranges is rejected and nothing is emitted', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 223 }), octet, octet, (a, b, c) => {
      fc.pre(a !== 10 && !(a === 172 && b >= 16 && b < 32) && !(a === 192 && b === 168));
      const { chart, app } = setup();
      expect(() => new InternalIngress(chart, 'i', { app, certificate: CA, host: 'admin.internal.example.com', allowSourceRanges: [`${a}.${b}.${c}.0/24`] }))
        .toThrow('is not private');
      expect(all(synth(chart), 'Ingress')).toEqual([]);
    }), { numRuns: 30 });
  });
});
