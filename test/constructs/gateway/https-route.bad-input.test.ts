import { DefaultDenyNamespace, GatewayImplementation, HttpsRoute, HttpsRouteProps, InternalHttpsRoute, Platform, PlatformGateway, SecureApp, CertIssuer } from '../../../src';
import { base, expectRejected, IMAGE } from '../bad-input';

// Each row is one bad input to HttpsRoute: the message names the construct path (test/route), the
// value and what would be valid, and nothing reaches the output.
const EG = GatewayImplementation.envoyGateway();
const welkin = (gateway: PlatformGateway) => Platform.welkin({ domain: 'example.com', gateway });
const LISTENER_SETS = welkin(PlatformGateway.listenerSets({ name: 'public', namespace: 'gateway-system', implementation: EG }));
const SHARED = welkin(PlatformGateway.sharedListener({ name: 'shared', namespace: 'gateway-system', implementation: EG, hostname: '*.apps.example.com' }));
const GENERIC = welkin(PlatformGateway.listenerSets({ name: 'public', namespace: 'istio-ingress', implementation: GatewayImplementation.generic() }));

interface Case {
  readonly input: string;
  readonly props?: Partial<HttpsRouteProps>;
  readonly platform?: Platform;
  readonly value: string;
  readonly valid: string;
}

const cases: Case[] = [
  // A public route may not take the platform's own names (as TlsIngress may not).
  { input: 'the app domain itself (a CNAME loop)', platform: LISTENER_SETS, props: { host: 'app.example.com' }, value: 'host "app.example.com" is the platform\'s app domain', valid: 'use a name of its own, e.g. "demo.example.com"' },
  { input: 'the internal domain', platform: LISTENER_SETS, props: { host: 'internal.example.com' }, value: 'host "internal.example.com" is the platform\'s internal domain', valid: 'use a public name of its own' },
  { input: 'a public host under the internal domain', platform: LISTENER_SETS, props: { host: 'admin.internal.example.com' }, value: 'host "admin.internal.example.com" is under the internal domain internal.example.com', valid: 'use InternalIngress or InternalHttpsRoute for it' },
  {
    input: 'a host the shared listener does not serve',
    platform: SHARED,
    props: { host: 'demo.example.com' },
    value: 'host "demo.example.com" is not allowed by listener "https" of Gateway gateway-system/shared, which serves "*.apps.example.com"',
    valid: 'use a host under it',
  },
  {
    input: 'an issuer on a shared listener',
    platform: SHARED,
    props: { host: 'demo.apps.example.com', issuer: CertIssuer.staging() },
    value: 'terminates TLS on its shared listener with the platform\'s certificate',
    valid: '`issuer` and `secretName` apply only to a Gateway with ListenerSets',
  },
  {
    input: 'an allowlist on an implementation without one',
    platform: GENERIC,
    props: { allowSourceRanges: ['203.0.113.0/24'] },
    value: 'a generic Gateway API implementation does not',
    valid: 'a source allowlist needs an implementation that offers one (Envoy Gateway)',
  },
  {
    input: 'OIDC on an implementation without it',
    platform: GENERIC,
    props: { oidc: { issuerUrl: 'https://dex.example.com', clientId: 'demo', clientSecretName: 'demo-oidc' } },
    value: 'a generic Gateway API implementation does not',
    valid: 'OIDC single sign-on needs an implementation that offers it',
  },
  { input: 'an empty allowlist', props: { allowSourceRanges: [] }, value: 'allowSourceRanges is empty', valid: 'list client CIDRs, or leave it out' },
  { input: 'an allowlist entry with host bits', props: { allowSourceRanges: ['10.1.2.3/16'] }, value: '"10.1.2.3/16" has host bits set', valid: '"10.1.0.0/16"' },
  { input: 'an http issuer URL', props: { oidc: { issuerUrl: 'http://dex.example.com', clientId: 'demo', clientSecretName: 'demo-oidc' } }, value: 'http://dex.example.com', valid: 'https' },
  { input: 'a bad host', props: { host: 'Demo.example.com' }, value: '"Demo.example.com"', valid: 'lowercase' },
  { input: 'paths on a GRPCRoute', props: { grpc: true, paths: [{ path: '/api' }] }, value: 'a GRPCRoute has no paths', valid: 'leave out `paths` or `grpc`' },
];

describe('HttpsRoute bad input', () => {
  test.each(cases.map(c => [c.input, c] as const))('%s', (_, c) => {
    const b = base(c.platform ?? LISTENER_SETS);
    expectRejected(b, () => new HttpsRoute(b.chart, 'route', { app: b.web, host: 'demo.example.com', ...c.props }), { path: 'test/route', value: c.value, valid: c.valid });
  });

  test('a cross-namespace backend without a grant', () => {
    const b = base(LISTENER_SETS);
    const apiNs = new DefaultDenyNamespace(b.chart, 'api-ns', { name: 'api' });
    const api = new SecureApp(b.chart, 'api', { namespace: apiNs, image: IMAGE, port: 8080 });
    api.allowFrom(b.web);
    expectRejected(b, () => new HttpsRoute(b.chart, 'route', { app: b.web, host: 'demo.example.com', paths: [{ path: '/api', app: api }] }), {
      path: 'test/route',
      value: 'path "/api" goes to app api/api in another namespace',
      valid: 'set `grantCrossNamespaceBackends: true` to emit it',
    });
  });

  test('a platform without a Gateway', () => {
    const b = base();
    expectRejected(b, () => new HttpsRoute(b.chart, 'route', { app: b.web, host: 'demo.example.com' }), {
      path: 'test/route', value: 'the platform has no Gateway', valid: 'PlatformGateway.listenerSets',
    });
  });

  test('an internal route with a public range', () => {
    const b = base(LISTENER_SETS);
    expectRejected(b, () => new InternalHttpsRoute(b.chart, 'route', { app: b.web, host: 'admin.internal.example.com', allowSourceRanges: ['203.0.113.0/24'] }), {
      path: 'test/route', value: 'source range "203.0.113.0/24" is not private', valid: 'inside the platform\'s private ranges',
    });
  });

  test('a bad Gateway description fails the platform, naming the gateway', () => {
    expect(() => welkin(PlatformGateway.listenerSets({ name: 'Public', namespace: 'gateway-system', implementation: EG })))
      .toThrow(/^Platform.welkin: gateway gateway-system\/Public: gateway name "Public"/);
    expect(() => welkin(PlatformGateway.listenerSets({ name: 'public', namespace: 'gw', implementation: GatewayImplementation.hostNetwork([]) })))
      .toThrow(/host-network data plane needs the nodes' CIDRs/);
    expect(() => GatewayImplementation.envoyGateway({ gatewayNamespaceMode: true, controllerNamespace: 'x' })._problem()).not.toThrow();
    expect(GatewayImplementation.envoyGateway({ gatewayNamespaceMode: true, controllerNamespace: 'x' })._problem()).toMatch(/exclude each other/);
  });
});
