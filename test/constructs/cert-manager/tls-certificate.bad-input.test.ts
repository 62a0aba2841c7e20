import { CertIssuer, IngressController, Platform, TlsCertificate, TlsCertificateProps } from '../../../src';
import { base, expectRejected } from '../bad-input';

// Each row is one bad input to TlsCertificate: the message names the construct path (test/cert),
// the value and what would be valid, and nothing reaches the output (no Certificate, no solver policy).
interface Case {
  readonly input: string;
  readonly props: Partial<TlsCertificateProps>;
  readonly value: string;
  readonly valid: string;
  readonly first?: Partial<TlsCertificateProps>;
}

const cases: Case[] = [
  { input: 'a wildcard DNS name', props: { dnsNames: ['*.example.com'] }, value: 'DNS name "*.example.com" contains a wildcard', valid: 'name one host per entry' },
  { input: 'a DNS name with uppercase letters', props: { dnsNames: ['Shop.example.com'] }, value: 'DNS name "Shop.example.com"', valid: 'use the lowercase form "shop.example.com"' },
  { input: 'a DNS name with a trailing dot', props: { dnsNames: ['shop.example.com.'] }, value: 'DNS name "shop.example.com." ends in a dot', valid: 'the dot of the fully qualified zone-file form is added for you' },
  { input: 'no DNS names', props: { dnsNames: [] }, value: 'dnsNames is empty', valid: 'list at least one name, e.g. ["demo.example.com"]' },
  {
    input: 'more DNS names than Let\'s Encrypt signs',
    props: { dnsNames: Array.from({ length: 101 }, (_, i) => `host${i}.example.com`) },
    value: 'dnsNames lists 101 names',
    valid: 'at most 100 names per certificate, so split them over several certificates',
  },
  { input: 'an empty DNS name', props: { dnsNames: [''] }, value: 'DNS name is empty', valid: 'use a fully qualified lowercase name' },
  { input: 'a DNS name listed twice', props: { dnsNames: ['shop.example.com', 'shop.example.com'] }, value: 'DNS name "shop.example.com" is listed twice', valid: 'list each name once' },
  { input: 'an IP address as DNS name', props: { dnsNames: ['10.0.0.1'] }, value: 'DNS name "10.0.0.1" looks like an IP address', valid: 'use a DNS name such as "demo.example.com"' },
  { input: 'a certificate name with a space', props: { name: 'Shop Cert' }, value: 'certificate name "Shop Cert"', valid: '(e.g. "shop-cert")' },
  { input: 'a secret name with an underscore', props: { secretName: 'Shop_TLS' }, value: 'secret name "Shop_TLS" is not a DNS subdomain', valid: 'use dot-separated DNS labels' },
  { input: 'a ClusterIssuer name with a space', props: { issuer: CertIssuer.clusterIssuer('letsencrypt prod') }, value: 'ClusterIssuer name "letsencrypt prod"', valid: '(e.g. "letsencrypt-prod")' },
  { input: 'a namespaced Issuer name with uppercase letters', props: { issuer: CertIssuer.issuer('Local') }, value: 'Issuer name "Local"', valid: '(e.g. "local")' },
  {
    input: 'the staging issuer on a platform that has none',
    props: {
      issuer: CertIssuer.staging(),
      platform: Platform.custom({ ingressController: IngressController.pods('ingress-nginx', { app: 'ingress-nginx' }), ingressClassName: 'nginx', appDomain: 'app.example.com', productionIssuer: 'prod' }),
    },
    value: 'the platform names no staging ClusterIssuer',
    valid: 'pass `issuer: CertIssuer.clusterIssuer(\'<name>\')` or set `stagingIssuer` on the platform',
  },
  { input: 'the namespace default', props: { namespace: { name: 'default' } }, value: 'namespace "default" is not allowed', valid: 'use a dedicated namespace' },
  {
    input: 'a secret another certificate already fills',
    first: { dnsNames: ['a.example.com'], secretName: 'shared' },
    props: { dnsNames: ['b.example.com'], secretName: 'shared' },
    value: 'TLS Secret "shared" in namespace "demo" is already emitted by test/first',
    valid: 'give one of them another `secretName`',
  },
];

describe('TlsCertificate rejects bad input; nothing is emitted', () => {
  test.each(cases)('$input', c => {
    const b = base();
    if (c.first) new TlsCertificate(b.chart, 'first', { namespace: b.ns, dnsNames: ['first.example.com'], ...c.first });
    expectRejected(b, () => new TlsCertificate(b.chart, 'cert', { namespace: b.ns, dnsNames: ['shop.example.com'], ...c.props }),
      { path: 'test/cert', value: c.value, valid: c.valid });
  });
});
