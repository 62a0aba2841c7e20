// Platform facts for a Gateway: who the data plane is, what the implementation offers, and the same
// facts in the constructs' policies and in the engine's profile.
import { GatewayImplementation, Platform, PlatformGateway } from '../../../src';
import { ENVOY_GATEWAY, envoyProxyLabels, GATEWAY_NAME_LABEL, hostnamesIntersect } from '../../../src/kube/platform';
import { kubePeers } from '../helpers';

describe('Gateway facts', () => {
  test('Envoy Gateway v1.9: proxy labels, owning-gateway labels, controller namespace', () => {
    expect(ENVOY_GATEWAY.controllerNamespace).toBe('envoy-gateway-system');
    expect(envoyProxyLabels('gateway-system', 'public')).toEqual({
      'app.kubernetes.io/name': 'envoy',
      'app.kubernetes.io/component': 'proxy',
      'app.kubernetes.io/managed-by': 'envoy-gateway',
      'gateway.envoyproxy.io/owning-gateway-name': 'public',
      'gateway.envoyproxy.io/owning-gateway-namespace': 'gateway-system',
    });
    expect(GATEWAY_NAME_LABEL).toBe('gateway.networking.k8s.io/gateway-name');
  });

  test('what each implementation offers', () => {
    const eg = GatewayImplementation.envoyGateway();
    expect([eg.sourceAllowlist, eg.oidc]).toEqual([true, true]);
    for (const other of [GatewayImplementation.generic(), GatewayImplementation.hostNetwork(['10.0.0.0/24'])]) {
      expect([other.sourceAllowlist, other.oidc]).toEqual([false, false]);
    }
  });

  test('Gateway API hostname matching', () => {
    expect(hostnamesIntersect(undefined, 'a.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'example.com')).toBe(false);
    expect(hostnamesIntersect('a.example.com', 'b.example.com')).toBe(false);
    expect(hostnamesIntersect('a.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', '*.a.example.com')).toBe(true);
    expect(hostnamesIntersect('*.a.example.com', '*.example.com')).toBe(false);
    expect(hostnamesIntersect('A.example.com', 'a.example.com')).toBe(true);
  });

  test('the constructs\' peer and the engine\'s profile describe the same data-plane pods', () => {
    const gateway = PlatformGateway.listenerSets({ name: 'public', namespace: 'gateway-system', implementation: GatewayImplementation.envoyGateway() });
    const platform = Platform.welkin({ domain: 'example.com', gateway });
    const [dataPlane] = platform.clusterProfile().gateways;
    expect(dataPlane).toMatchObject({ gatewayNamespace: 'gateway-system', gatewayName: 'public' });
    expect(dataPlane.workload).toMatchObject({ namespace: 'envoy-gateway-system', name: 'envoy-gateway-system-public', kind: 'Deployment' });
    expect(kubePeers(gateway, 'demo')).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dataPlane.workload.namespace } },
      podSelector: { matchLabels: dataPlane.workload.podLabels },
    }]);
  });

  test('the platform without a gateway has none in its profile; the internal gateway defaults to the gateway', () => {
    expect(Platform.welkin({ domain: 'example.com' }).clusterProfile().gateways).toEqual([]);
    const gateway = PlatformGateway.sharedListener({ name: 'shared', namespace: 'gw', implementation: GatewayImplementation.generic() });
    const platform = Platform.welkin({ domain: 'example.com', gateway });
    expect(platform.internalGateway).toBe(gateway);
    expect(platform.clusterProfile().gateways.map(g => g.workload)).toEqual([{ namespace: 'gw', name: 'shared', kind: 'Deployment', podLabels: { [GATEWAY_NAME_LABEL]: 'shared' } }]);
  });

  test('a host-network data plane is a host-network workload of the profile', () => {
    const gateway = PlatformGateway.listenerSets({ name: 'public', namespace: 'kube-system', implementation: GatewayImplementation.hostNetwork(['10.0.0.0/24']) });
    expect(Platform.welkin({ domain: 'example.com', gateway }).clusterProfile().gateways[0].workload)
      .toMatchObject({ hostNetwork: true, hostCidrs: ['10.0.0.0/24'] });
  });
});
