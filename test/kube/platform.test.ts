// Welkin's facts are written once (src/kube/platform/welkin.ts); the constructs' Platform, the
// engine's ClusterProfile and the rule pack's defaults all read them.
import { ClusterProfile, ManagedService, Platform } from '../../src';
import { WELKIN } from '../../src/kube/platform';
import { Protocol } from '../../src/kube/protocol';
import { resolveConfig } from '../../src/rules/config';

describe('Welkin facts', () => {
  test('are the documented values', () => {
    expect(WELKIN.ingressController).toMatchObject({
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller',
      className: 'nginx',
      podLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx' },
    });
    expect(WELKIN.dns).toMatchObject({
      namespace: 'kube-system',
      podLabels: { 'k8s-app': 'kube-dns' },
      serviceCidrs: { kubespray: '10.233.0.3/32', clusterApi: '10.233.0.10/32' },
      nodeLocal: { namespace: 'kube-system', name: 'node-local-dns', kind: 'DaemonSet', linkLocalCidr: '169.254.20.10/32' },
    });
    expect(WELKIN.dns.ports.map(p => `${p.protocol} ${p.port}`)).toEqual(['UDP 53', 'TCP 53']);
    expect(WELKIN.monitoring).toMatchObject({ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } });
    expect(WELKIN.certManager).toEqual({
      productionIssuer: 'letsencrypt-prod', stagingIssuer: 'letsencrypt-staging', http01SolverLabel: 'acme.cert-manager.io/http01-solver', http01SolverPort: 8089,
    });
    expect(WELKIN.podSecurityLevel).toBe('restricted');
    expect(WELKIN.minimumUserId).toBe(10000);
  });

  test('the constructs, the engine and the rule pack read the same values', () => {
    const platform = Platform.welkin({ domain: 'example.com' });
    const profile = ClusterProfile.welkin();
    const config = resolveConfig();

    expect(platform.ingressController.namespace).toBe(profile.ingressController!.namespace);
    expect(platform.ingressController.podLabels).toEqual(profile.ingressController!.podLabels);
    expect(platform.ingressClassName).toBe(WELKIN.ingressController.className);
    expect([platform.productionIssuer, platform.stagingIssuer]).toEqual([WELKIN.certManager.productionIssuer, WELKIN.certManager.stagingIssuer]);

    expect([platform.dnsNamespace, profile.dns!.namespace, config.dnsNamespace]).toEqual(Array(3).fill(WELKIN.dns.namespace));
    for (const labels of [platform.dnsPodLabels, profile.dns!.podLabels, config.dnsPodLabels]) {
      expect(labels).toEqual(WELKIN.dns.podLabels);
    }
    expect(profile.dns!.ports).toEqual([{ name: 'dns', port: 53, protocol: Protocol.UDP }, { name: 'dns-tcp', port: 53, protocol: Protocol.TCP }]);
    expect([platform.monitoringNamespace, profile.monitoring!.namespace]).toEqual([WELKIN.monitoring.namespace, WELKIN.monitoring.namespace]);
    expect(platform.monitoringPodLabels).toEqual(profile.monitoring!.podLabels);

    expect(config.minimumUserId).toBe(WELKIN.minimumUserId);
    expect(config.podSecurityLevel).toBe(WELKIN.podSecurityLevel);
    expect(config.externallyManagedPodLabels).toEqual([WELKIN.certManager.http01SolverLabel]);
  });

  test('readers get copies: changing what they return leaves the facts alone', () => {
    const profile = ClusterProfile.welkin();
    profile.dns!.podLabels['k8s-app'] = 'changed';
    Platform.welkin({ domain: 'example.com' }).dnsPodLabels['k8s-app'] = 'changed';
    expect(WELKIN.dns.podLabels).toEqual({ 'k8s-app': 'kube-dns' });
    expect(Object.isFrozen(WELKIN.dns.podLabels) && Object.isFrozen(WELKIN.managedServices.redis.ports)).toBe(true);
    expect(ClusterProfile.welkin().dns!.podLabels).toEqual({ 'k8s-app': 'kube-dns' });
  });

  test('managed services take their namespaces, ports and access labels from the facts', () => {
    const redis = ManagedService.redis('cache1');
    expect(redis.namespace).toBe(WELKIN.managedServices.redis.namespace);
    expect(redis.ports.map(p => p.toString())).toEqual(['TCP 26379', 'TCP 6379']);
    expect(redis.accessLabels).toEqual({ 'elastisys.io/redis-cache1-access': 'allow' });
    expect(ManagedService.postgresql('db1').accessLabels).toEqual({});
    expect(ManagedService.rabbitmq('mq', { management: true }).ports.map(p => p.toString())).toEqual(['TCP 5672', 'TCP 15672']);
  });
});
