import { AppProbe, CertIssuer, IngressController, ManagedService, Peer, Platform, Port, SecureApp, TlsCertificate, TlsIngress } from '../../../src';
import { Base, base, expectRejected, IMAGE } from '../bad-input';

// One shape for held problems: every value object made from bad input holds it instead of throwing
// (it has no construct path to name), `_problem()` says what is wrong and what would be valid, and
// the construct that receives the value rejects it with its own path, the value and what is valid,
// before emitting anything.
interface HeldProblem {
  _problem(): string | undefined;
}

interface Case {
  /** The value object and the bad input. */
  readonly input: string;
  readonly make: () => HeldProblem;
  /** The same kind of value, made from good input: it holds no problem. */
  readonly good: () => HeldProblem;
  /** Give the value to the construct that receives it. */
  readonly receive: (b: Base, value: any) => unknown;
  readonly path: string;
  readonly value: string;
  readonly valid: string;
}

const OIDC = { issuerUrl: 'https://dex.example.com', clientId: 'shop', secretName: 'shop-oauth2' };
const NO_STAGING = Platform.custom({ ingressController: IngressController.pods('ingress-nginx', { app: 'ingress-nginx' }), ingressClassName: 'nginx', appDomain: 'app.example.com' });

const cases: Case[] = [
  {
    input: 'Port: TCP port 0, given to SecureApp.allowTo',
    make: () => Port.tcp(0),
    good: () => Port.tcp(443),
    receive: (b, port) => b.web.allowTo(Peer.internet(), port),
    path: 'test/web',
    value: 'allowTo(the internet): port 0 is outside 1-65535',
    valid: 'use an integer port number between 1 and 65535',
  },
  {
    input: 'Port: a range that ends before it starts, given to SecureApp.allowFrom',
    make: () => Port.udpRange(2000, 1000),
    good: () => Port.udpRange(1000, 2000),
    receive: (b, port) => b.web.allowFrom(Peer.namespace('ops'), port),
    path: 'test/web',
    value: 'allowFrom(namespace ops): port range 2000-1000',
    valid: 'use from <= to',
  },
  {
    input: 'Peer: a CIDR with host bits set, given to SecureApp.allowTo',
    make: () => Peer.cidr('10.1.2.3/8'),
    good: () => Peer.cidr('10.0.0.0/8'),
    receive: (b, peer) => b.web.allowTo(peer, Port.tcp(443)),
    path: 'test/web',
    value: 'allowTo(10.1.2.3/8): CIDR "10.1.2.3/8" has host bits set',
    valid: 'use the network address "10.0.0.0/8"',
  },
  {
    input: 'Peer: pods without labels, as the identity provider of a TlsIngress\'s oauth2-proxy',
    make: () => Peer.pods({}),
    good: () => Peer.pods({ app: 'dex' }),
    receive: (b, peer) => new TlsIngress(b.chart, 'ingress', { app: b.web, host: 'shop.example.com', oauth2Proxy: { ...OIDC, identityProvider: peer } }),
    path: 'test/ingress/OAuth2Proxy',
    value: 'identity provider pods : Peer.pods() has no labels',
    valid: 'or use Peer.namespace(name) for every pod of a namespace',
  },
  {
    input: 'ManagedService: a port outside 1-65535, given to SecureApp.allowTo',
    make: () => ManagedService.postgresql('pg', { ports: [Port.tcp(70000)] }),
    good: () => ManagedService.postgresql('pg', { ports: [Port.tcp(6432)] }),
    receive: (b, service) => b.web.allowTo(service),
    path: 'test/web',
    value: 'allowTo(managed PostgreSQL pg (namespace postgres-system)): port 70000',
    valid: 'use an integer port number between 1 and 65535',
  },
  {
    input: 'IngressController: a namespace that is not a DNS label, given to SecureApp.allowFrom',
    make: () => IngressController.pods('Ingress_Nginx', { app: 'ingress-nginx' }),
    good: () => IngressController.pods('ingress-nginx', { app: 'ingress-nginx' }),
    receive: (b, controller) => b.web.allowFrom(controller),
    path: 'test/web',
    value: 'ingress controller namespace "Ingress_Nginx" is not a DNS label',
    valid: '(e.g. "ingress-nginx")',
  },
  {
    input: 'IngressController: a host-network controller with a bad node CIDR, given to SecureApp.allowFrom',
    make: () => IngressController.hostNetwork(['10.0.0.1/24']),
    good: () => IngressController.hostNetwork(['10.0.0.0/24']),
    receive: (b, controller) => b.web.allowFrom(controller, Port.tcp(3000)),
    path: 'test/web',
    value: 'node CIDR "10.0.0.1/24" has host bits set',
    valid: 'use the network address "10.0.0.0/24"',
  },
  {
    input: 'CertIssuer: an Issuer name with uppercase letters, given to TlsCertificate',
    make: () => CertIssuer.issuer('Local'),
    good: () => CertIssuer.issuer('local'),
    receive: (b, issuer) => new TlsCertificate(b.chart, 'cert', { dnsNames: ['shop.example.com'], namespace: b.ns, issuer }),
    path: 'test/cert',
    value: 'Issuer name "Local"',
    valid: '(e.g. "local")',
  },
  {
    // The platform's issuers are named by the platform, so the receiver resolves the issuer on its platform first.
    input: 'CertIssuer: the platform\'s staging issuer on a platform without one, given to TlsIngress',
    make: () => CertIssuer.staging()._resolve(NO_STAGING),
    good: () => CertIssuer.staging()._resolve(Platform.welkin({ domain: 'example.com' })),
    receive: (b, _issuer) => new TlsIngress(b.chart, 'ingress', { app: b.web, host: 'shop.example.com', issuer: CertIssuer.staging(), platform: NO_STAGING }),
    path: 'test/ingress',
    value: 'the platform names no staging ClusterIssuer',
    valid: 'pass `issuer: CertIssuer.clusterIssuer(\'<name>\')` or set `stagingIssuer` on the platform',
  },
  {
    input: 'AppProbe: a relative probe path, given to SecureApp',
    make: () => AppProbe.http('healthz'),
    good: () => AppProbe.http('/healthz'),
    receive: (b, probe) => new SecureApp(b.chart, 'api', { namespace: b.ns, image: IMAGE, port: 8080, probe }),
    path: 'test/api',
    value: 'probe path "healthz" does not start with \'/\'',
    valid: 'use an absolute path such as "/"',
  },
];

describe('value objects hold bad input; the construct that receives it rejects it with its path', () => {
  test.each(cases)('$input', c => {
    let value: HeldProblem | undefined;
    expect(() => { value = c.make(); }).not.toThrow();
    const held = value!._problem();
    expect(held).toContain(c.valid);
    expect(c.good()._problem()).toBeUndefined();
    const b = base();
    const message = expectRejected(b, () => c.receive(b, value), { path: c.path, value: c.value, valid: c.valid });
    expect(message).toContain(held);
  });
});
