// Properties of HttpsRoute over varied inputs: the output is schema-valid against the CRDs, the route
// serves exactly the host, the protection is present exactly when asked for, and only the Gateway's
// data plane reaches the app; on an implementation without policies, asking for one always fails.
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Cdk8sReachability, DefaultDenyNamespace, GatewayImplementation, HttpsRoute, Platform, PlatformGateway, SecureApp } from '../../../src';
import { validateAgainstCrd } from '../../support/crd-schemas';
import { all, find, synth, unreached } from '../helpers';

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
const ranges = fc.subarray(['203.0.113.0/24', '198.51.100.0/24', '192.0.2.0/24', '2001:db8::/32'], { minLength: 1 });

function build(implementation: GatewayImplementation, listenerSets: boolean) {
  const gateway = listenerSets
    ? PlatformGateway.listenerSets({ name: 'public', namespace: 'gateway-system', implementation })
    : PlatformGateway.sharedListener({ name: 'public', namespace: 'gateway-system', implementation, hostname: '*.example.com' });
  const chart = new Chart(Testing.app(), 'test');
  const platform = Platform.welkin({ domain: 'example.com', gateway }).registerOn(chart);
  const app = new SecureApp(chart, 'app', { namespace: new DefaultDenyNamespace(chart, 'ns', { name: 'demo' }), image: 'ghcr.io/acme/demo:1.0.0', port: 3000 });
  return { chart, platform, app };
}

test('Envoy Gateway: schema-valid, one host, protection exactly when asked for, only the data plane in', () => {
  fc.assert(fc.property(label, fc.boolean(), fc.option(ranges, { nil: undefined }), fc.boolean(), fc.boolean(),
    (sub, listenerSets, allow, oidc, grpc) => {
      const { chart, platform, app } = build(GatewayImplementation.envoyGateway(), listenerSets);
      const host = `${sub}.example.com`;
      new HttpsRoute(chart, 'route', {
        app,
        host,
        grpc,
        allowSourceRanges: allow,
        oidc: oidc ? { issuerUrl: 'https://dex.example.com', clientId: 'demo', clientSecretName: 'demo-oidc' } : undefined,
      });
      const objs = synth(chart);
      for (const o of objs.filter(x => x.apiVersion.startsWith('gateway.'))) validateAgainstCrd(o);
      const route = find(objs, grpc ? 'GRPCRoute' : 'HTTPRoute', 'app', 'demo');
      expect(route.spec.hostnames).toEqual([host]);
      expect(all(objs, 'ListenerSet').map(l => l.spec.listeners[0].hostname)).toEqual(listenerSets ? [host] : []);
      const policies = all(objs, 'SecurityPolicy');
      expect(policies).toHaveLength(allow || oidc ? 1 : 0);
      if (allow) expect(policies[0].spec.authorization.rules[0].principal.clientCIDRs).toEqual(allow);
      expect(Boolean(policies[0]?.spec.oidc)).toBe(oidc);
      const analysis = Cdk8sReachability.fromChart(chart, { profile: platform.clusterProfile() });
      expect(analysis.connections.filter(c => c.destination.name === 'demo/app[Deployment]').map(c => `${c}`))
        .toEqual(['envoy-gateway-system/envoy-gateway-system-public[Deployment] => demo/app[Deployment] : TCP 3000']);
    }), { numRuns: 25 });
});

test('an implementation without policies refuses any allowlist or OIDC, naming the construct, and emits nothing', () => {
  fc.assert(fc.property(fc.constantFrom(GatewayImplementation.generic(), GatewayImplementation.hostNetwork(['10.0.0.0/24'])),
    fc.option(ranges, { nil: undefined }), fc.boolean(), (impl, allow, oidc) => {
      fc.pre(allow !== undefined || oidc);
      const { chart, app } = build(impl, true);
      unreached(app); // synthesized alone here, before any route admits anyone
      const before = Testing.synth(chart);
      expect(() => new HttpsRoute(chart, 'route', {
        app,
        host: 'demo.example.com',
        allowSourceRanges: allow,
        oidc: oidc ? { issuerUrl: 'https://dex.example.com', clientId: 'demo', clientSecretName: 'demo-oidc' } : undefined,
      })).toThrow(/^test\/route: (a source allowlist|OIDC single sign-on) needs an implementation that offers/);
      expect(Testing.synth(chart)).toEqual(before);
    }), { numRuns: 20 });
});
