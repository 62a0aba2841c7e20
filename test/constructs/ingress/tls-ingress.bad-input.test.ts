import { CertIssuer, DefaultDenyNamespace, HttpPathType, SecureApp, TlsIngress, TlsIngressProps } from '../../../src';
import { Base, base, expectRejected, IMAGE } from '../bad-input';

// Each row is one bad input to TlsIngress: the message names the construct path (test/ingress),
// the value and what would be valid, and nothing reaches the output (no Ingress, no controller
// rule on the app, no solver policy).
interface Case {
  readonly input: string;
  readonly props?: Partial<TlsIngressProps>;
  /** Valid constructs the bad input needs (part of the chart before it); returns extra props. */
  readonly setup?: (b: Base) => Partial<TlsIngressProps>;
  readonly value: string;
  readonly valid: string;
}

const HOST_LABELS = 'each dot-separated label needs 1-63 letters, digits or \'-\'';
const PLAIN_PATH = 'use a plain path such as "/api/v1"';

const cases: Case[] = [
  // hosts
  { input: 'a host with uppercase letters', props: { host: 'Shop.example.com' }, value: 'host "Shop.example.com" contains uppercase letters', valid: 'use the lowercase form "shop.example.com"' },
  {
    input: 'a host with a trailing dot',
    props: { host: 'shop.example.com.' },
    value: 'host "shop.example.com." ends in a dot',
    valid: 'write it without the trailing dot ("shop.example.com"): Kubernetes rejects it, and the dot of the fully qualified zone-file form is added for you in the DNS record',
  },
  { input: 'a wildcard host', props: { host: '*.example.com' }, value: 'host "*.example.com" contains a wildcard', valid: 'name one host per entry (e.g. "demo.example.com")' },
  {
    input: 'an apex domain',
    props: { host: 'example.com' },
    value: 'host "example.com" is an apex domain',
    valid: 'a CNAME cannot sit at the apex of a zone (it would conflict with the zone\'s SOA and NS records), so use a subdomain such as "www.example.com"',
  },
  { input: 'a host label of 64 characters', props: { host: `${'a'.repeat(64)}.example.com` }, value: `label "${'a'.repeat(64)}" is invalid`, valid: HOST_LABELS },
  { input: 'a host of 271 characters', props: { host: `${'a.'.repeat(130)}example.com` }, value: 'is 271 characters long', valid: 'a DNS name has at most 253 characters' },
  { input: 'a host with an underscore', props: { host: 'my_shop.example.com' }, value: 'host "my_shop.example.com" is not a lowercase RFC 1123 name (label "my_shop" is invalid)', valid: HOST_LABELS },
  { input: 'an IPv4 address as host', props: { host: '203.0.113.10' }, value: 'host "203.0.113.10" looks like an IP address', valid: 'use a DNS name such as "demo.example.com"' },
  { input: 'an IPv6 address as host', props: { host: '2001:db8::1' }, value: 'host "2001:db8::1" looks like an IP address', valid: 'use a DNS name' },
  { input: 'an empty host', props: { host: '' }, value: 'host is empty', valid: 'use a fully qualified lowercase name such as "demo.example.com"' },
  { input: 'a single-label host', props: { host: 'shop' }, value: 'host "shop" is not fully qualified', valid: 'such as "shop.example.com"' },
  { input: 'a host with a space', props: { host: 'shop .example.com' }, value: 'label "shop " is invalid', valid: HOST_LABELS },
  {
    input: 'a host already served by another TlsIngress',
    setup: b => {
      new TlsIngress(b.chart, 'first', { app: b.web, host: 'shop.example.com', name: 'first' });
      return { name: 'second', secretName: 'second-tls' };
    },
    value: 'Ingress host "shop.example.com" is already emitted by test/first',
    valid: 'serve each host from one TlsIngress or InternalIngress, adding paths with `paths`',
  },
  // names
  { input: 'an ingress name that is not a DNS label', props: { name: 'Shop' }, value: 'ingress name "Shop" is not a DNS label', valid: '(e.g. "shop")' },
  { input: 'a TLS secret name with a space', props: { secretName: 'Shop TLS' }, value: 'secret name "Shop TLS" is not a DNS subdomain', valid: 'use dot-separated DNS labels' },
  {
    input: 'a TLS secret already requested by another TlsIngress',
    setup: b => {
      new TlsIngress(b.chart, 'first', { app: b.web, host: 'a.example.com', name: 'first', secretName: 'shared-tls' });
      return { name: 'second', secretName: 'shared-tls' };
    },
    value: 'TLS Secret "shared-tls" in namespace "demo" is already emitted by test/first',
    valid: 'give one of them another `secretName`',
  },
  { input: 'a ClusterIssuer name with a space', props: { issuer: CertIssuer.clusterIssuer('Lets Encrypt') }, value: 'ClusterIssuer name "Lets Encrypt"', valid: '(e.g. "lets-encrypt")' },
  { input: 'a namespaced Issuer name with an underscore', props: { issuer: CertIssuer.issuer('my_issuer') }, value: 'Issuer name "my_issuer"', valid: '(e.g. "my-issuer")' },
  // the platform's own names
  { input: 'the app domain itself (a CNAME loop)', props: { host: 'app.example.com' }, value: 'host "app.example.com" is the platform\'s app domain', valid: 'use a name of its own, e.g. "demo.example.com"' },
  { input: 'the internal domain (the internal load balancer\'s name)', props: { host: 'internal.example.com' }, value: 'host "internal.example.com" is the platform\'s internal domain', valid: 'use a public name of its own' },
  { input: 'a public host under the internal domain', props: { host: 'admin.internal.example.com' }, value: 'host "admin.internal.example.com" is under the internal domain internal.example.com', valid: 'use InternalIngress or InternalHttpsRoute for it' },
  { input: 'a deeper public host under the internal domain', props: { host: 'a.b.internal.example.com' }, value: 'is under the internal domain', valid: 'use InternalIngress or InternalHttpsRoute for it' },
  // source allowlist
  { input: 'a source range that does not parse', props: { allowSourceRanges: ['office'] }, value: 'source range "office" does not parse', valid: 'use address/prefix such as "10.0.0.0/8"' },
  { input: 'a source range with host bits set', props: { allowSourceRanges: ['203.0.113.7/24'] }, value: 'source range "203.0.113.7/24" has host bits set', valid: 'use the network address "203.0.113.0/24"' },
  { input: 'an IPv6 source range with prefix 129', props: { allowSourceRanges: ['2001:db8::/129'] }, value: 'source range "2001:db8::/129"', valid: 'IPv6 prefixes are 0-128' },
  {
    input: '0.0.0.0/0 in the allowlist',
    props: { allowSourceRanges: ['0.0.0.0/0'] },
    value: 'source range "0.0.0.0/0" admits every IPv4 address, so the allowlist restricts nothing',
    valid: 'or leave the allowlist out to admit everyone',
  },
  {
    input: 'two halves of IPv4 in the allowlist',
    props: { allowSourceRanges: ['0.0.0.0/1', '128.0.0.0/1'] },
    value: 'source ranges "0.0.0.0/1", "128.0.0.0/1" together admit every IPv4 address',
    valid: 'list the client ranges to admit',
  },
  { input: 'an IPv4-mapped IPv6 allowlist entry', props: { allowSourceRanges: ['::ffff:0:0/96'] }, value: 'source range "::ffff:0:0/96" is an IPv4-mapped IPv6 block', valid: 'write the IPv4 block itself' },
  { input: '::/0 in the allowlist', props: { allowSourceRanges: ['203.0.113.0/24', '::/0'] }, value: 'source range "::/0" admits every IPv6 address', valid: 'list the client ranges to admit' },
  { input: 'a source range listed twice', props: { allowSourceRanges: ['203.0.113.0/24', '203.0.113.0/24'] }, value: 'source range "203.0.113.0/24" is listed twice', valid: 'list each range once' },
  { input: 'an empty allowlist', props: { allowSourceRanges: [] }, value: 'allowSourceRanges is empty, which would block every client', valid: 'list client CIDRs, or leave it out' },
  { input: 'a source range with a newline', props: { allowSourceRanges: ['203.0.113.0/24\n'] }, value: 'source range "203.0.113.0/24\\n"', valid: 'IPv4 prefixes are 0-32' },
  { input: 'two ranges in one entry, joined by a comma', props: { allowSourceRanges: ['203.0.113.0/24,198.51.100.0/24'] }, value: '"203.0.113.0/24,198.51.100.0/24"', valid: 'IPv4 prefixes are 0-32' },
  // paths
  { input: 'a path without a leading slash', props: { paths: [{ path: 'api' }] }, value: 'path "api" does not start with \'/\'', valid: 'use an absolute path such as "/" or "/api"' },
  { input: 'a path with a space', props: { paths: [{ path: '/my api' }] }, value: 'path "/my api" contains characters other than', valid: PLAIN_PATH },
  { input: 'a path with a semicolon', props: { paths: [{ path: '/api;' }] }, value: 'path "/api;"', valid: PLAIN_PATH },
  { input: 'a path with braces', props: { paths: [{ path: '/api{1}' }] }, value: 'path "/api{1}"', valid: PLAIN_PATH },
  { input: 'a path with a quote', props: { paths: [{ path: '/api\'' }] }, value: 'path "/api\'"', valid: PLAIN_PATH },
  { input: 'a path with a .. segment', props: { paths: [{ path: '/api/../admin' }] }, value: 'path "/api/../admin" contains \'.\', \'..\' or \'//\' segments', valid: 'use a normalized path' },
  { input: 'a path with //', props: { paths: [{ path: '/api//v1' }] }, value: 'path "/api//v1"', valid: 'use a normalized path such as "/api/v1"' },
  { input: 'a path with a regular expression', props: { paths: [{ path: '/api/(.*)' }] }, value: 'path "/api/(.*)"', valid: PLAIN_PATH },
  {
    input: 'an ImplementationSpecific path type (from JavaScript)',
    props: { paths: [{ path: '/api', pathType: 'ImplementationSpecific' as HttpPathType }] },
    value: 'path type "ImplementationSpecific" of path "/api" is not supported',
    valid: 'use HttpPathType.PREFIX or HttpPathType.EXACT',
  },
  { input: 'a path listed twice', props: { paths: [{ path: '/api' }, { path: '/api' }] }, value: 'path "/api" is listed twice', valid: 'list each path once' },
  {
    input: 'a path to an app in another namespace',
    setup: b => {
      const other = new SecureApp(new DefaultDenyNamespace(b.chart, 'other'), 'other', { image: IMAGE, port: 80 });
      other.allowFrom(b.platform.ingressController);
      return { paths: [{ path: '/o', app: other }] };
    },
    value: 'path "/o" goes to app other/other in another namespace',
    valid: 'an Ingress can only reach Services in its own namespace (demo)',
  },
  // other numbers
  { input: 'a negative DNS TTL', props: { dnsTtl: -5 }, value: 'DNS TTL -5 is not a positive integer', valid: 'use seconds, e.g. 900' },
  { input: 'a fractional DNS TTL', props: { dnsTtl: 1.5 }, value: 'DNS TTL 1.5', valid: 'use seconds, e.g. 900' },
];

describe('TlsIngress rejects bad input; nothing is emitted', () => {
  test.each(cases)('$input', c => {
    const b = base();
    const extra = c.setup?.(b) ?? {};
    expectRejected(b, () => new TlsIngress(b.chart, 'ingress', { app: b.web, host: 'shop.example.com', ...extra, ...c.props }),
      { path: 'test/ingress', value: c.value, valid: c.valid });
  });
});
