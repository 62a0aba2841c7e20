// The Gateway API and Envoy Gateway rules: unique hostnames per Gateway, TLS listeners, backends
// that exist, ReferenceGrants for cross-namespace backends, SecurityPolicies with real targets.
import { Chart, Testing } from 'cdk8s';
import { findingsOf } from './helpers';
import { DefaultDenyNamespace, GatewayImplementation, HttpsRoute, Platform, PlatformGateway, SecureApp } from '../../src';
import { Obj } from '../../src/kube/objects';

const G = 'gateway.networking.k8s.io/v1';
const svc = (ns: string, name: string, port = 80): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port }] } });
const route = (ns: string, name: string, hostnames: string[], backend: Obj, parent: Obj = { name: 'public', namespace: 'gw', sectionName: 'https' }, kind = 'HTTPRoute'): Obj => ({
  apiVersion: G, kind, metadata: { name, namespace: ns }, spec: { parentRefs: [parent], hostnames, rules: [{ backendRefs: [backend] }] },
});
const gateway = (listeners: Obj[]): Obj => ({ apiVersion: G, kind: 'Gateway', metadata: { name: 'public', namespace: 'gw' }, spec: { gatewayClassName: 'eg', listeners } });
const HTTPS = { name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] }, allowedRoutes: { namespaces: { from: 'All' } } };
const HTTP = { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } };

describe('unique-route-hostnames', () => {
  test('two HTTPRoutes with one hostname on one Gateway; other Gateways, kinds or hostnames are fine', () => {
    const a = route('shop', 'a', ['shop.example.com'], { name: 'a', port: 80 });
    const b = route('shop', 'b', ['Shop.example.com'], { name: 'a', port: 80 });
    expect(findingsOf([svc('shop', 'a'), a, b], 'unique-route-hostnames').map(f => f.message))
      .toEqual(['HTTPRoute shop/b: hostname shop.example.com on Gateway gw/public is already served by HTTPRoute shop/a']);
    const other = route('shop', 'b', ['shop.example.com'], { name: 'a', port: 80 }, { name: 'internal', namespace: 'gw' });
    const grpc = route('shop', 'b', ['shop.example.com'], { name: 'a', port: 80 }, undefined, 'GRPCRoute');
    const otherHost = route('shop', 'b', ['api.example.com'], { name: 'a', port: 80 });
    for (const second of [other, grpc, otherHost]) expect(findingsOf([svc('shop', 'a'), a, second], 'unique-route-hostnames')).toEqual([]);
  });
});

describe('route-tls-listener', () => {
  test('a route on a plain HTTP listener; on the HTTPS listener, or with its Gateway not in the output, none', () => {
    const onHttp = route('shop', 'a', ['shop.example.com'], { name: 'a', port: 80 }, { name: 'public', namespace: 'gw', sectionName: 'http' });
    expect(findingsOf([svc('shop', 'a'), gateway([HTTPS, HTTP]), onHttp], 'route-tls-listener').map(f => f.message))
      .toEqual(['HTTPRoute shop/a: attached to Gateway gw/public through listeners without TLS termination']);
    expect(findingsOf([svc('shop', 'a'), gateway([HTTPS, HTTP]), route('shop', 'a', ['shop.example.com'], { name: 'a', port: 80 })], 'route-tls-listener')).toEqual([]);
    expect(findingsOf([svc('shop', 'a'), onHttp], 'route-tls-listener')).toEqual([]);
    // Without sectionName the route attaches to both listeners, one of them plain HTTP.
    const both = route('shop', 'a', ['shop.example.com'], { name: 'a', port: 80 }, { name: 'public', namespace: 'gw' });
    expect(findingsOf([svc('shop', 'a'), gateway([HTTPS, HTTP]), both], 'route-tls-listener')).toHaveLength(1);
  });
});

describe('route-backends-exist', () => {
  test('a missing Service and a missing port', () => {
    expect(findingsOf([route('shop', 'a', [], { name: 'nope', port: 80 })], 'route-backends-exist').map(f => f.message))
      .toEqual(['HTTPRoute shop/a: backend Service shop/nope is not in the output']);
    expect(findingsOf([svc('shop', 'a'), route('shop', 'a', [], { name: 'a', port: 8080 })], 'route-backends-exist').map(f => f.message))
      .toEqual(['HTTPRoute shop/a: backend port 8080 is not a port of Service shop/a']);
    expect(findingsOf([svc('shop', 'a'), route('shop', 'a', [], { name: 'a', port: 80 })], 'route-backends-exist')).toEqual([]);
  });
});

describe('route-reference-grants', () => {
  test('a cross-namespace backend needs a ReferenceGrant in its namespace', () => {
    const cross = route('web', 'a', [], { name: 'api', namespace: 'shop', port: 80 });
    expect(findingsOf([svc('shop', 'api'), cross], 'route-reference-grants').map(f => f.message))
      .toEqual(['HTTPRoute web/a: backend Service shop/api is in another namespace without a ReferenceGrant there']);
    const grant = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'g', namespace: 'shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], to: [{ group: '', kind: 'Service', name: 'api' }] },
    };
    expect(findingsOf([svc('shop', 'api'), cross, grant], 'route-reference-grants')).toEqual([]);
  });
});

describe('security-policy-targets', () => {
  const policy = (target: Obj): Obj => ({
    apiVersion: 'gateway.envoyproxy.io/v1alpha1',
    kind: 'SecurityPolicy',
    metadata: { name: 'p', namespace: 'shop' },
    spec: { targetRefs: [target], authorization: { defaultAction: 'Deny' } },
  });
  test('a target that is not in the output, of the wrong group, or none at all', () => {
    const r = route('shop', 'a', [], { name: 'a', port: 80 });
    expect(findingsOf([svc('shop', 'a'), r, policy({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'b' })], 'security-policy-targets').map(f => f.message))
      .toEqual(['SecurityPolicy shop/p: target HTTPRoute shop/b is not in the output']);
    expect(findingsOf([svc('shop', 'a'), r, policy({ group: 'networking.k8s.io', kind: 'HTTPRoute', name: 'a' })], 'security-policy-targets')).toHaveLength(1);
    const none = { ...policy({}), spec: { authorization: { defaultAction: 'Deny' } } };
    expect(findingsOf([none], 'security-policy-targets').map(f => f.message)).toEqual(['SecurityPolicy shop/p: has no targetRefs']);
    expect(findingsOf([svc('shop', 'a'), r, policy({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'a' })], 'security-policy-targets')).toEqual([]);
  });
});

test('what HttpsRoute emits passes every Gateway API rule (shared listener, cross-namespace backend, allowlist)', () => {
  const chart = new Chart(Testing.app(), 'test');
  const shared = PlatformGateway.sharedListener({ name: 'shared', namespace: 'gw', implementation: GatewayImplementation.envoyGateway(), hostname: '*.example.com' });
  Platform.welkin({ domain: 'example.com', gateway: shared }).registerOn(chart);
  const app = new SecureApp(chart, 'web', { namespace: new DefaultDenyNamespace(chart, 'ns', { name: 'web' }), image: 'ghcr.io/acme/web:1.0.0', port: 3000 });
  const api = new SecureApp(chart, 'api', { namespace: new DefaultDenyNamespace(chart, 'api-ns', { name: 'api' }), image: 'ghcr.io/acme/api:1.0.0', port: 8080 });
  new HttpsRoute(chart, 'route', { app, host: 'web.example.com', paths: [{ path: '/api', app: api }], grantCrossNamespaceBackends: true, allowSourceRanges: ['203.0.113.0/24'] });
  const objects = Testing.synth(chart);
  for (const id of ['unique-route-hostnames', 'route-tls-listener', 'route-backends-exist', 'route-reference-grants', 'security-policy-targets']) {
    expect(findingsOf(objects, id)).toEqual([]);
  }
});
