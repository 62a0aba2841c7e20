import { Testing } from 'cdk8s';
import { OAuth2Proxy, OAuth2ProxyOptions, OAuth2ProxyProps, Peer, SecureApp, TlsIngress } from '../../../src';
import { Base, base, expectRejected, IMAGE } from '../bad-input';

// Bad oauth2-proxy options, through TlsIngress's `oauth2Proxy` (the usual way) and on the
// OAuth2Proxy construct itself: the message names the construct path, the value and what would
// be valid, and nothing reaches the output (no proxy app, no Ingress, no auth annotations).
const OIDC: OAuth2ProxyOptions = { issuerUrl: 'https://dex.example.com', clientId: 'shop', secretName: 'shop-oauth2' };
const PLAIN_URL = 'use a plain URL such as "https://login.example.com/realms/demo"';

interface Case {
  readonly input: string;
  /** Options merged over OIDC, given to TlsIngress (construct path test/ingress[/OAuth2Proxy]). */
  readonly options?: Partial<Omit<OAuth2ProxyOptions, 'issuerUrl'>> & { readonly issuerUrl?: string | undefined };
  /** Props of a stand-alone OAuth2Proxy (construct path test/proxy). */
  readonly standalone?: Partial<OAuth2ProxyProps>;
  /** Valid constructs the bad input needs (part of the chart before it). */
  readonly setup?: (b: Base) => void;
  /** Other TlsIngress props. */
  readonly ingress?: { readonly name?: string; readonly paths?: { path: string }[] };
  readonly path: string;
  readonly value: string;
  readonly valid: string;
}

const IN_PROXY = 'test/ingress/OAuth2Proxy';

const cases: Case[] = [
  // the identity provider's URL
  { input: 'an http issuer URL', options: { issuerUrl: 'http://dex.example.com' }, path: IN_PROXY, value: 'issuer URL "http://dex.example.com" does not use https', valid: 'use an https URL' },
  { input: 'an issuer URL with a space', options: { issuerUrl: 'https://dex.example.com/realms/my realm' }, path: IN_PROXY, value: '"https://dex.example.com/realms/my realm" contains whitespace', valid: PLAIN_URL },
  { input: 'an issuer URL with a quote', options: { issuerUrl: 'https://dex.example.com/"' }, path: IN_PROXY, value: 'issuer URL "https://dex.example.com/\\""', valid: PLAIN_URL },
  { input: 'an issuer URL with a semicolon', options: { issuerUrl: 'https://dex.example.com/;x' }, path: IN_PROXY, value: 'issuer URL "https://dex.example.com/;x"', valid: PLAIN_URL },
  { input: 'an issuer URL with braces', options: { issuerUrl: 'https://dex.example.com/{x}' }, path: IN_PROXY, value: 'issuer URL "https://dex.example.com/{x}"', valid: PLAIN_URL },
  { input: 'a relative issuer URL', options: { issuerUrl: '/realms/demo' }, path: IN_PROXY, value: 'issuer URL "/realms/demo" does not parse as a URL', valid: 'use an absolute URL such as' },
  { input: 'an issuer URL without a scheme', options: { issuerUrl: 'dex.example.com' }, path: IN_PROXY, value: 'issuer URL "dex.example.com" does not parse as a URL', valid: 'use an absolute URL' },
  {
    input: 'an issuer URL with credentials',
    options: { issuerUrl: 'https://admin:pw@dex.example.com' },
    path: IN_PROXY,
    value: 'issuer URL "https://admin:pw@dex.example.com" carries credentials',
    valid: 'remove them from the URL and keep secrets in a Secret',
  },
  { input: 'no identity-provider URL at all', options: { issuerUrl: undefined }, path: IN_PROXY, value: 'issuer URL is missing', valid: 'give an absolute https URL' },
  // other options
  { input: 'a client id with a space', options: { clientId: 'my client' }, path: IN_PROXY, value: 'client id "my client" contains characters other than', valid: 'use the id the identity provider issued' },
  { input: 'a secret name with an underscore', options: { secretName: 'Shop_OAuth' }, path: IN_PROXY, value: 'secret name "Shop_OAuth" is not a DNS subdomain', valid: 'use dot-separated DNS labels' },
  {
    input: 'an oauth2-proxy image with latest',
    options: { image: 'quay.io/oauth2-proxy/oauth2-proxy:latest' },
    path: IN_PROXY,
    value: 'oauth2-proxy image "quay.io/oauth2-proxy/oauth2-proxy:latest" uses the tag "latest"',
    valid: 'pin a version tag or a digest',
  },
  { input: 'an email domain with uppercase letters', options: { emailDomains: ['Example.com'] }, path: IN_PROXY, value: 'email domain "Example.com"', valid: 'use the lowercase form "example.com"' },
  { input: 'no email domains', options: { emailDomains: [] }, path: IN_PROXY, value: 'emailDomains is empty', valid: 'or ["*"] with allowAnyEmailDomain: true' },
  { input: '"*" as an email domain without its option', options: { emailDomains: ['example.com', '*'] }, path: IN_PROXY, value: 'emailDomains contains "*"', valid: 'or set allowAnyEmailDomain: true' },
  { input: 'an identity-provider port of 0', options: { identityProviderPort: 0 }, path: IN_PROXY, value: 'identity provider port 0', valid: 'use an integer port number between 1 and 65535' },
  {
    input: 'an identity-provider CIDR that does not parse',
    options: { identityProvider: Peer.cidr('203.0.113.0/33') },
    path: IN_PROXY,
    value: 'identity provider 203.0.113.0/33: CIDR "203.0.113.0/33"',
    valid: 'IPv4 prefixes are 0-32',
  },
  { input: 'a proxy name that is not a DNS label', options: { name: 'Proxy' }, path: 'test/ingress', value: 'oauth2Proxy.name "Proxy" is not a DNS label', valid: '(e.g. "proxy")' },
  {
    input: 'an ingress name too long for the derived proxy name',
    ingress: { name: 'a'.repeat(55) },
    path: 'test/ingress',
    value: `oauth2-proxy app name "${'a'.repeat(55)}-oauth2-proxy" (the ingress name plus "-oauth2-proxy")`,
    valid: 'set `oauth2Proxy.name`, or choose a shorter ingress `name`',
  },
  { input: 'a path under /oauth2 next to the proxy', ingress: { paths: [{ path: '/oauth2/x' }] }, path: 'test/ingress', value: 'path "/oauth2/x" is reserved for oauth2-proxy', valid: 'choose another path' },
  {
    input: 'a proxy app name another app already has',
    setup: b => {
      new SecureApp(b.chart, 'taken', { name: 'web-oauth2-proxy', namespace: b.ns, image: IMAGE, port: 8080 }).allowFrom(b.platform.ingressController);
    },
    path: IN_PROXY,
    value: 'NetworkPolicy "web-oauth2-proxy" in namespace "demo" is already emitted by test/taken',
    valid: 'set `oauth2Proxy.name` to another name',
  },
  // the construct on its own
  { input: 'a stand-alone proxy for an uppercase host', standalone: { host: 'Shop.example.com' }, path: 'test/proxy', value: 'host "Shop.example.com"', valid: 'use the lowercase form "shop.example.com"' },
  {
    input: 'a stand-alone proxy with an ingress name that is not a DNS label',
    standalone: { ingressName: 'My Ingress' },
    path: 'test/proxy',
    value: 'oauth2-proxy ingress name "My Ingress"',
    valid: '(e.g. "my-ingress")',
  },
];

function build(b: Base, c: Case): unknown {
  if (c.standalone) {
    return new OAuth2Proxy(b.chart, 'proxy', { ...OIDC, host: 'shop.example.com', namespace: b.ns, tlsSecretName: 'shop-tls', ...c.standalone });
  }
  const oauth2Proxy = { ...OIDC, ...c.options } as OAuth2ProxyOptions;
  return new TlsIngress(b.chart, 'ingress', { app: b.web, host: 'shop.example.com', oauth2Proxy, ...c.ingress });
}

describe('oauth2-proxy rejects bad options; nothing is emitted', () => {
  test.each(cases)('$input', c => {
    const b = base();
    c.setup?.(b);
    expectRejected(b, () => build(b, c), { path: c.path, value: c.value, valid: c.valid });
  });
});

describe('a rejected option leaves nothing behind', () => {
  test('the same TlsIngress with the option corrected then builds (no name, secret or host stays claimed)', () => {
    const b = base();
    expect(() => new TlsIngress(b.chart, 'ingress', { app: b.web, host: 'shop.example.com', oauth2Proxy: { ...OIDC, issuerUrl: 'http://dex.example.com' } }))
      .toThrow('test/ingress/OAuth2Proxy: issuer URL "http://dex.example.com" does not use https');
    const fixed = new TlsIngress(b.chart, 'fixed', { app: b.web, host: 'shop.example.com', oauth2Proxy: OIDC });
    expect(fixed.oauth2Proxy).toBeDefined();
    expect(() => Testing.synth(b.chart)).not.toThrow();
  });
});
