import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdoptedWorkload, AppProbe, AppVolume, DefaultDenyNamespace, EnvFrom, Peer, Platform, Port, Protocol, SecureApp, Selector, WorkloadKind,
} from '../../../src';

export function buildShapes(app: App) {
  const chart = new Chart(app, 'shapes', { namespace: 'shop' });
  Platform.welkin({ domain: 'example.com' }).registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'shop');

  // Several named ports (TCP, UDP, SCTP); peers use the default one, the Service lists them all.
  const api = new SecureApp(ns, 'api', {
    image: 'harbor.example.com/shop/api:2.0.1',
    ports: [{ name: 'http', port: 8080 }, { name: 'grpc', port: 9000 }, { name: 'stats', port: 8125, protocol: Protocol.UDP }],
    defaultPort: 'http',
    // Sidecars and init containers are hardened like the app; volumes and envFrom only reference.
    sidecars: [{ name: 'proxy', image: 'harbor.example.com/mirror/envoy:1.31.0', ports: [{ name: 'admin', port: 15000 }] }],
    initContainers: [{ name: 'migrate', image: 'harbor.example.com/shop/migrate:2.0.1' }],
    volumes: [AppVolume.configMap('api-config', '/etc/api'), AppVolume.secret('api-keys', '/etc/keys')],
    envFrom: [EnvFrom.secret('api-env')],
    autoscaling: { minReplicas: 2, maxReplicas: 8 }, // HorizontalPodAutoscaler; the PDB lets one pod go
  });

  // A worker: no port, so no Service and a policy that admits nothing (no suppression needed).
  const worker = new SecureApp(ns, 'worker', { image: 'harbor.example.com/shop/worker:2.0.1', probe: AppProbe.exec(['/app/health']) });
  worker.allowTo(api, Port.tcp(9000));

  // A StatefulSet: a headless Service, a volume per pod, stable names (cache-0.cache.shop.svc...).
  const cache = new SecureApp(ns, 'cache', {
    image: 'harbor.example.com/mirror/valkey:8.0.1',
    ports: [{ name: 'redis', port: 6379 }],
    probe: AppProbe.tcp(),
    workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: '5Gi' }]),
  });
  api.allowTo(cache);

  // A nightly CronJob (or WorkloadKind.job()): egress only, no Service, no PodDisruptionBudget.
  const report = new SecureApp(ns, 'report', {
    image: 'harbor.example.com/shop/report:1.0.0',
    workload: WorkloadKind.cronJob({ schedule: '0 2 * * *' }),
  });
  report.allowTo(api);

  // Existing cdk8s-plus-28 code (or an ApiObject, an Include, a Helm chart): pass it as a peer, or
  // adopt it explicitly; it gets one policy named after it and the hardening the rule pack wants.
  const legacy = new kplus.Deployment(chart, 'legacy', {
    metadata: { name: 'legacy' },
    containers: [{ image: 'harbor.example.com/shop/legacy:0.9.0', portNumber: 8080, readiness: kplus.Probe.fromTcpSocket(), liveness: kplus.Probe.fromTcpSocket() }],
  });
  api.allowTo(legacy);
  AdoptedWorkload.of(legacy).allowTo(Peer.internet(), Port.tcp(443));

  // Namespaces by their labels, pods by set-based selectors.
  api.allowFrom(Peer.podsMatching(Selector.labelIn('tier', ['web', 'mobile']), Selector.labels({ purpose: 'frontend' })));
  return { chart, api, worker, cache, report, legacy: AdoptedWorkload.of(legacy) };
}
