/**
 * A store with every workload shape, in namespace `store`:
 *
 *   internet --HTTPS--> ingress controller --> web --> api (http 8080) --> pricing (cdk8s-plus-28, adopted)
 *                                                        api ------------> cache (StatefulSet, valkey 6379)
 *   worker (no port: consumes the `events` RabbitMQ) ---> api (grpc 9000), cache
 *   report (nightly CronJob) ----------------------------> api (http 8080)
 *   Prometheus --> web and api (metrics)
 *
 * `pricing` is a Deployment a team already had in cdk8s-plus-28: passing it to `allowTo` gives it a
 * network identity (one policy named after it) and the hardening the rule pack asks for.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppProbe, AppVolume, DefaultDenyNamespace, EnvFrom, Guardrails, ManagedService, Platform, Port, SecureApp, TlsIngress, WorkloadKind,
} from '../../src';
import { BuiltExample, DOMAIN, Example, LINT_CONFIG, REGISTRY, welkinProfile } from '../example';

/** The charts and apps of the store example. */
export interface Workloads extends BuiltExample {
  readonly chart: Chart;
  readonly web: SecureApp;
  readonly api: SecureApp;
  readonly worker: SecureApp;
  readonly cache: SecureApp;
  readonly report: SecureApp;
  /** The existing cdk8s-plus-28 Deployment. */
  readonly pricing: kplus.Deployment;
}

/** Builds the store example into `app`. */
export function buildWorkloads(app: App): Workloads {
  const chart = new Chart(app, 'workloads');
  Platform.welkin({ domain: DOMAIN }).registerOn(chart);
  Guardrails.apply(chart, LINT_CONFIG);
  const ns = new DefaultDenyNamespace(chart, 'store');

  // A web front end and an API with two named ports, autoscaled, configured from a ConfigMap.
  const web = new SecureApp(ns, 'web', { image: `${REGISTRY}store/web:4.2.0`, port: 8080, metrics: {}, partOf: 'store' });
  const api = new SecureApp(ns, 'api', {
    image: `${REGISTRY}store/api:7.0.3`,
    ports: [{ name: 'http', port: 8080 }, { name: 'grpc', port: 9000 }],
    metrics: { port: 9102 },
    envFrom: [EnvFrom.configMap('api-settings')],
    volumes: [AppVolume.secret('api-signing-key', '/etc/api/keys')],
    autoscaling: { minReplicas: 2, maxReplicas: 6 },
    partOf: 'store',
  });
  // A queue consumer: no port, so no Service and a policy that admits nothing (on purpose).
  const worker = new SecureApp(ns, 'worker', {
    image: `${REGISTRY}store/worker:7.0.3`,
    probe: AppProbe.exec(['/app/healthcheck']),
    partOf: 'store',
  });
  // A cache with a volume per pod and stable names (cache-0.cache.store.svc.cluster.local).
  const cache = new SecureApp(ns, 'cache', {
    image: `${REGISTRY}mirror/valkey:8.0.1`,
    ports: [{ name: 'redis', port: 6379 }],
    probe: AppProbe.tcp(),
    workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: '5Gi' }]),
    partOf: 'store',
  });
  // A nightly report: a CronJob, egress only.
  const report = new SecureApp(ns, 'report', {
    image: `${REGISTRY}store/report:1.4.0`,
    workload: WorkloadKind.cronJob({ schedule: '0 2 * * *', timeZone: 'Europe/Stockholm', activeDeadlineSeconds: 3600 }),
    partOf: 'store',
  });
  // Code the team already had: a cdk8s-plus-28 Deployment.
  const pricing = new kplus.Deployment(chart, 'pricing', {
    metadata: { name: 'pricing', namespace: 'store' },
    containers: [{
      image: `${REGISTRY}store/pricing:3.1.0`,
      portNumber: 8080,
      readiness: kplus.Probe.fromHttpGet('/healthz'),
      liveness: kplus.Probe.fromHttpGet('/healthz'),
    }],
  });

  web.allowTo(api);
  api.allowTo(cache);
  api.allowTo(pricing); // adopts it: policy `pricing`, ingress from api on 8080
  worker.allowTo(api, Port.tcp(9000));
  worker.allowTo(cache);
  worker.allowTo(ManagedService.rabbitmq('events'));
  report.allowTo(api);
  const ingress = new TlsIngress(chart, 'web-ingress', { app: web, host: `store.${DOMAIN}` });

  return { charts: [chart], chart, dnsRecords: [ingress.dnsRecord], web, api, worker, cache, report, pricing };
}

/** The store example, as `npm run synth` and the tests see it. */
export const workloads: Example = {
  name: 'workloads',
  title: 'every workload shape: web, multi-port api with autoscaling, a worker, a StatefulSet cache, a nightly CronJob, an adopted cdk8s-plus-28 Deployment',
  build: buildWorkloads,
  // The managed RabbitMQ runs in the platform's rabbitmq-system namespace.
  profile: welkinProfile([{
    namespace: 'rabbitmq-system',
    name: 'events',
    kind: 'StatefulSet',
    podLabels: { 'app.kubernetes.io/name': 'events' },
    ports: [{ name: 'amqp', port: 5672 }],
  }]),
  lintConfig: LINT_CONFIG,
};
