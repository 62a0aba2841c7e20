import '../../../src/testing/jest';
import { Chart, Testing } from 'cdk8s';
import {
  AppProbe, AppVolume, Cdk8sReachability, ClusterProfile, DefaultDenyNamespace, EnvFrom, Guardrails, Peer, Platform, Port, Protocol,
  SecureApp, Selector, TlsIngress, WorkloadKind,
} from '../../../src';
import { internetRanges } from '../../../src/kube/address-blocks';
import { formatRange } from '../../../src/kube/ip';
import { WELKIN } from '../../../src/kube/platform';
import { find, Manifest, synth, welkinChart } from '../helpers';

// The workload shapes of SecureApp: named ports, workers, sidecars and volumes, autoscaling,
// StatefulSets, Jobs and CronJobs. Each is schema-valid (synth() validates every object), passes
// the rule pack with no finding, and allows exactly the connections declared.

const DNS = 'kube-system/coredns[Deployment]';
/** Welkin's DNS: CoreDNS, node-local DNS on the host network, and the cluster DNS service IP it answers on. */
const DNS_ALL = [DNS, 'kube-system/node-local-dns[DaemonSet]', '10.233.0.3-10.233.0.3'];
const PROMETHEUS = 'monitoring/prometheus[StatefulSet]';
const IMAGE = 'ghcr.io/acme/app:1.0.0';

function shop(): { chart: Chart; ns: DefaultDenyNamespace } {
  const chart = welkinChart();
  const ns = new DefaultDenyNamespace(chart, 'shop');
  return { chart, ns };
}

function analysis(chart: Chart) {
  return Cdk8sReachability.fromChart(chart, { profile: ClusterProfile.welkin() });
}

function clean(chart: Chart): Manifest[] {
  Guardrails.assertNoFindings(chart);
  return synth(chart);
}

describe('named ports', () => {
  function build() {
    const { chart, ns } = shop();
    const api = new SecureApp(ns, 'api', {
      image: IMAGE,
      ports: [
        { name: 'http', port: 8080 },
        { name: 'grpc', port: 9000, servicePort: 90 },
        { name: 'stats', port: 8125, protocol: Protocol.UDP },
        { name: 'sig', port: 3868, protocol: Protocol.SCTP },
      ],
      defaultPort: 'grpc',
      metrics: { port: 8080 },
    });
    const web = new SecureApp(ns, 'web', { image: IMAGE, port: 3000 });
    web.allowTo(api); // the default port: grpc
    web.allowTo(api, Port.udp(8125));
    web.allowTo(api, Port.named('sig', Protocol.SCTP));
    web.allowFrom(Peer.namespace('shop'));
    return { chart, api, web };
  }

  test('every port on the container and the Service, with its protocol; probes on the default port; metrics on the named port', () => {
    const { chart, api } = build();
    const objs = clean(chart);
    const container = find(objs, 'Deployment', 'api').spec.template.spec.containers[0];
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'grpc', containerPort: 9000, protocol: 'TCP' },
      { name: 'stats', containerPort: 8125, protocol: 'UDP' },
      { name: 'sig', containerPort: 3868, protocol: 'SCTP' },
    ]);
    expect(find(objs, 'Service', 'api').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
      { name: 'grpc', port: 90, targetPort: 'grpc', protocol: 'TCP' },
      { name: 'stats', port: 8125, targetPort: 'stats', protocol: 'UDP' },
      { name: 'sig', port: 3868, targetPort: 'sig', protocol: 'SCTP' },
    ]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 'grpc' });
    expect(find(objs, 'ServiceMonitor', 'api').spec.endpoints).toEqual([{ port: 'http', path: '/metrics' }]);
    expect([api.port, api.portName, api.servicePort]).toEqual([9000, 'grpc', 90]);
  });

  test('exactly the declared connections: the default port, UDP and SCTP by value and by name', () => {
    const { chart } = build();
    expect(analysis(chart)).toOnlyAllow([
      `${PROMETHEUS} => shop/api[Deployment] : TCP 8080`,
      'shop/web[Deployment] => shop/api[Deployment] : TCP 9000,UDP 8125,SCTP 3868',
      // web admits its whole namespace (Peer.namespace('shop')): pods the chart does not show too.
      'shop/[all pods] => shop/web[Deployment] : TCP 3000',
      ...DNS_ALL.map(d => `shop/api[Deployment] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/web[Deployment] => ${d} : TCP 53,UDP 53`),
    ]);
  });

  test('a UDP default port needs an exec probe', () => {
    const { ns } = shop();
    expect(() => new SecureApp(ns, 'dns', { image: IMAGE, ports: [{ name: 'dns', port: 5353, protocol: Protocol.UDP }] }))
      .toThrow('test/shop/dns: a long-running Deployment needs readiness and liveness probes, and its default port "dns" is UDP');
    const app = new SecureApp(ns, 'dns2', { image: IMAGE, ports: [{ name: 'dns', port: 5353, protocol: Protocol.UDP }], probe: AppProbe.exec(['/bin/check']) });
    expect(app.toPeer()._definition.defaultPorts!.map(String)).toEqual(['UDP 5353']);
  });
});

describe('a worker (no port)', () => {
  function build() {
    const { chart, ns } = shop();
    const api = new SecureApp(ns, 'api', { image: IMAGE, port: 8080 });
    const worker = new SecureApp(ns, 'worker', { image: IMAGE, probe: AppProbe.exec(['/app/healthcheck']) });
    worker.allowTo(api);
    worker.allowTo(Peer.internet(), Port.tcp(443));
    return { chart, api, worker };
  }

  test('no Service; its policy admits nothing, says so, and passes the rule pack without suppression', () => {
    const { chart, worker } = build();
    const objs = clean(chart);
    expect(objs.filter(o => o.kind === 'Service').map(o => o.metadata.name)).toEqual(['api']);
    const policy = find(objs, 'NetworkPolicy', 'worker');
    expect(policy.metadata.annotations).toEqual({ 'cdk8s-netsec.io/ingress': 'none' });
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toBeUndefined();
    const deployment = find(objs, 'Deployment', 'worker');
    expect(deployment.metadata.annotations).toBeUndefined(); // no suppression
    expect(deployment.spec.template.spec.containers[0].ports).toBeUndefined();
    expect(deployment.spec.template.spec.containers[0].livenessProbe.exec).toEqual({ command: ['/app/healthcheck'] });
    expect([worker.port, worker.service]).toEqual([undefined, undefined]);
  });

  test('egress as declared and nothing else', () => {
    const { chart } = build();
    const a = analysis(chart);
    expect(a).toOnlyAllow([
      'shop/worker[Deployment] => shop/api[Deployment] : TCP 8080',
      ...DNS_ALL.map(d => `shop/worker[Deployment] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/api[Deployment] => ${d} : TCP 53,UDP 53`),
      // Peer.internet(): the globally routable addresses (IANA's special-purpose registries, the
      // cluster's own ranges left out; checked in test/kube/address-blocks.test.ts), one line per range.
      ...internetRanges(WELKIN).map(r => `shop/worker[Deployment] => ${formatRange(r)} : TCP 443`),
    ]);
  });

  test('nobody can be allowed to connect to it', () => {
    const { worker, api } = build();
    expect(() => worker.allowFrom(api)).toThrow('test/shop/worker: app shop/api cannot connect to shop/worker: it declares no port and receives no connections');
    expect(() => api.allowTo(worker, Port.tcp(80))).toThrow('test/shop/worker: app shop/api cannot connect to shop/worker');
  });

  test('a worker with metrics: a Service for the metrics port only, Prometheus admitted on it and nobody else', () => {
    const { chart, ns } = shop();
    const api = new SecureApp(ns, 'api', { image: IMAGE, port: 8080 });
    const worker = new SecureApp(ns, 'worker', { image: IMAGE, probe: AppProbe.exec(['/ok']), metrics: { port: 9090 } });
    worker.allowTo(api);
    const objs = clean(chart);
    expect(find(objs, 'Service', 'worker').spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' }]);
    expect(find(objs, 'NetworkPolicy', 'worker').metadata.annotations).toBeUndefined();
    expect(() => api.allowTo(worker, Port.tcp(9090))).toThrow('it declares no port and receives no connections');
    expect(analysis(chart)).toOnlyAllow([
      `${PROMETHEUS} => shop/worker[Deployment] : TCP 9090`,
      'shop/worker[Deployment] => shop/api[Deployment] : TCP 8080',
      ...DNS_ALL.map(d => `shop/api[Deployment] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/worker[Deployment] => ${d} : TCP 53,UDP 53`),
    ]);
  });

  test('the rule pack flags the annotation next to an ingress rule', () => {
    const { chart, worker } = build();
    // Bypass the construct's refusal, as a hand edit of the policy would.
    (worker as any)._network.policy.add('ingress', [Peer.namespace('x')], [Port.tcp(1)]);
    const findings = Guardrails.check(chart).findings.filter(f => f.ruleId === 'app-network-policy');
    expect(findings.map(f => f.message)).toEqual(['NetworkPolicy shop/worker: annotated cdk8s-netsec.io/ingress: none but has 1 ingress rule(s); drop the annotation or the rules']);
  });
});

describe('sidecars, init containers, volumes, envFrom, autoscaling', () => {
  function build() {
    const { chart, ns } = shop();
    const app = new SecureApp(ns, 'api', {
      image: IMAGE,
      port: 8080,
      volumes: [AppVolume.configMap('api-config', '/etc/api'), AppVolume.secret('api-tls', '/etc/tls'), AppVolume.persistentVolumeClaim('uploads', '/data')],
      envFrom: [EnvFrom.configMap('api-env'), EnvFrom.secret('api-secrets', 'SECRET_')],
      sidecars: [
        { name: 'proxy', image: 'ghcr.io/acme/proxy:2.0.0', ports: [{ name: 'proxy', port: 15001 }], volumes: [AppVolume.secret('api-tls', '/tls')] },
        { name: 'logs', image: 'ghcr.io/acme/logs:1.0.0', probe: AppProbe.exec(['/bin/true']), cpuRequest: '10m' },
      ],
      initContainers: [{ name: 'migrate', image: 'ghcr.io/acme/migrate:1.0.0', args: ['up'], envFrom: [EnvFrom.secret('db')] }],
      autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 },
    });
    const client = new SecureApp(ns, 'client', { image: IMAGE, port: 3000 });
    client.allowTo(app);
    client.allowTo(app, Port.named('proxy'));
    client.allowFrom(Peer.namespace('shop'));
    return { chart, app };
  }

  test('every container is hardened the same way, with resources; sidecars are probed', () => {
    const objs = clean(build().chart);
    const pod = find(objs, 'Deployment', 'api').spec.template.spec;
    const all = [...pod.initContainers, ...pod.containers];
    expect(all.map((c: any) => c.name)).toEqual(['migrate', 'api', 'proxy', 'logs']);
    for (const c of all) {
      expect(c.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10000,
        runAsGroup: 10000,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.resources.requests.cpu).toBeDefined();
      expect(c.resources.limits.memory).toBeDefined();
    }
    expect(pod.initContainers[0].readinessProbe).toBeUndefined();
    expect(pod.containers[1].readinessProbe.tcpSocket).toEqual({ port: 'proxy' });
    expect(pod.containers[2].livenessProbe.exec).toEqual({ command: ['/bin/true'] });
    expect(pod.containers[2].resources.requests).toEqual({ cpu: '10m', memory: '64Mi' });
  });

  test('volumes by reference, one pod volume per source; envFrom; sidecar ports on the Service', () => {
    const objs = clean(build().chart);
    const pod = find(objs, 'Deployment', 'api').spec.template.spec;
    expect(pod.volumes).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
      { name: 'cm-api-config', configMap: { name: 'api-config' } },
      { name: 'secret-api-tls', secret: { secretName: 'api-tls', defaultMode: 0o400 } },
      { name: 'pvc-uploads', persistentVolumeClaim: { claimName: 'uploads' } },
    ]);
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'cm-api-config', mountPath: '/etc/api', readOnly: true },
      { name: 'secret-api-tls', mountPath: '/etc/tls', readOnly: true },
      { name: 'pvc-uploads', mountPath: '/data' },
    ]);
    expect(pod.containers[1].volumeMounts).toContainEqual({ name: 'secret-api-tls', mountPath: '/tls', readOnly: true });
    expect(pod.containers[0].envFrom).toEqual([{ configMapRef: { name: 'api-env' } }, { secretRef: { name: 'api-secrets' }, prefix: 'SECRET_' }]);
    expect(objs.filter(o => o.kind === 'Secret' || o.kind === 'ConfigMap')).toEqual([]);
    expect(find(objs, 'Service', 'api').spec.ports.map((p: any) => p.name)).toEqual(['http', 'proxy']);
  });

  test('the HorizontalPodAutoscaler keeps at least 2 replicas, the PodDisruptionBudget lets one go', () => {
    const objs = clean(build().chart);
    expect(find(objs, 'HorizontalPodAutoscaler', 'api').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(find(objs, 'Deployment', 'api').spec.replicas).toBe(3);
    expect(find(objs, 'PodDisruptionBudget', 'api').spec.maxUnavailable).toBe(1);
  });

  test('the sidecar port is reachable by name, only from where it was allowed', () => {
    const { chart } = build();
    const a = analysis(chart);
    expect(a).toOnlyAllow([
      'shop/client[Deployment] => shop/api[Deployment] : TCP 8080,TCP 15001',
      'shop/[all pods] => shop/client[Deployment] : TCP 3000',
      ...DNS_ALL.map(d => `shop/api[Deployment] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/client[Deployment] => ${d} : TCP 53,UDP 53`),
    ]);
  });
});

describe('StatefulSet', () => {
  function build() {
    const { chart, ns } = shop();
    const cache = new SecureApp(ns, 'cache', {
      image: 'ghcr.io/acme/valkey:8.0.1',
      ports: [{ name: 'redis', port: 6379 }],
      probe: AppProbe.tcp(),
      replicas: 3,
      workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: '10Gi', storageClassName: 'fast' }]),
    });
    const api = new SecureApp(ns, 'api', { image: IMAGE, port: 8080 });
    api.allowTo(cache);
    api.allowFrom(Peer.namespace('shop'));
    return { chart, cache };
  }

  test('a headless Service, per-pod claims, stable names; PDB and spreading', () => {
    const { chart, cache } = build();
    const objs = clean(chart);
    const sts = find(objs, 'StatefulSet', 'cache');
    expect(sts.spec.serviceName).toBe('cache');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } },
    }]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'data', mountPath: '/data' }]);
    expect(find(objs, 'Service', 'cache').spec.clusterIP).toBe('None');
    expect(find(objs, 'PodDisruptionBudget', 'cache').spec.maxUnavailable).toBe(1);
    expect(sts.spec.template.spec.topologySpreadConstraints).toHaveLength(1);
    expect(cache.podHost(1)).toBe('cache-1.cache.shop.svc.cluster.local');
    expect(cache.workloadIdentity).toEqual({ namespace: 'shop', name: 'cache', kind: 'StatefulSet' });
    expect(() => new SecureApp(chart, 'x', { namespace: { name: 'shop' }, image: IMAGE, port: 1 }).podHost(0)).toThrow('test/x: podHost(0): only a StatefulSet');
  });

  test('exactly the declared connections', () => {
    const { chart, cache } = build();
    expect(analysis(chart)).toOnlyAllow([
      { from: 'shop/api[Deployment]', to: cache, ports: 'TCP 6379' },
      'shop/[all pods] => shop/api[Deployment] : TCP 8080',
      ...DNS_ALL.map(d => `shop/api[Deployment] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/cache[StatefulSet] => ${d} : TCP 53,UDP 53`),
    ]);
  });
});

describe('Job and CronJob', () => {
  function build() {
    const { chart, ns } = shop();
    const api = new SecureApp(ns, 'api', { image: IMAGE, port: 8080 });
    api.allowFrom(Peer.namespace('shop'));
    const nightly = new SecureApp(ns, 'nightly', {
      image: 'ghcr.io/acme/report:1.2.0',
      workload: WorkloadKind.cronJob({ schedule: '0 3 * * *', timeZone: 'Europe/Stockholm', activeDeadlineSeconds: 3600 }),
      envFrom: [EnvFrom.secret('report')],
    });
    nightly.allowTo(api);
    const migrate = new SecureApp(ns, 'migrate', { image: 'ghcr.io/acme/migrate:1.0.0', workload: WorkloadKind.job({ backoffLimit: 1 }) });
    migrate.allowTo(api, Port.tcp(8080));
    return { chart, nightly, migrate };
  }

  test('no Service, no PodDisruptionBudget, no probes; runs to completion; ingress-isolated by design', () => {
    const objs = clean(build().chart);
    expect(objs.filter(o => ['Service', 'PodDisruptionBudget'].includes(o.kind)).map(o => o.metadata.name)).toEqual(['api', 'api']);
    const cron = find(objs, 'CronJob', 'nightly');
    expect(cron.spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Europe/Stockholm', concurrencyPolicy: 'Forbid' });
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 });
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe('OnFailure');
    expect(pod.containers[0].readinessProbe).toBeUndefined();
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(find(objs, 'Job', 'migrate').spec.backoffLimit).toBe(1);
    expect(find(objs, 'Job', 'migrate').spec.selector).toBeUndefined();
    for (const name of ['nightly', 'migrate']) {
      expect(find(objs, 'NetworkPolicy', name).metadata.annotations).toEqual({ 'cdk8s-netsec.io/ingress': 'none' });
    }
    // The policy precedes the workload (Kyverno require-netpol).
    expect(objs.findIndex(o => o.kind === 'NetworkPolicy' && o.metadata.name === 'nightly')).toBeLessThan(objs.findIndex(o => o.kind === 'CronJob'));
  });

  test('egress only, exactly as declared', () => {
    const { chart, nightly, migrate } = build();
    expect(analysis(chart)).toOnlyAllow([
      { from: nightly, to: 'shop/api[Deployment]', ports: 'TCP 8080' },
      { from: migrate, to: 'shop/api[Deployment]', ports: 'TCP 8080' },
      'shop/[all pods] => shop/api[Deployment] : TCP 8080',
      ...DNS_ALL.map(d => `shop/api[Deployment] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/nightly[CronJob] => ${d} : TCP 53,UDP 53`),
      ...DNS_ALL.map(d => `shop/migrate[Job] => ${d} : TCP 53,UDP 53`),
    ]);
  });
});

describe('peers by namespace labels and by matchExpressions', () => {
  test('Peer.namespaces and Peer.podsMatching are written as selectors and allow exactly the matching pods', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const shopNs = new DefaultDenyNamespace(chart, 'shop');
    const frontNs = new DefaultDenyNamespace(chart, 'front', { labels: { purpose: 'frontend' } });
    const otherNs = new DefaultDenyNamespace(chart, 'other');
    const api = new SecureApp(shopNs, 'api', { image: IMAGE, port: 8080 });
    const ui = new SecureApp(frontNs, 'ui', { image: IMAGE, port: 3000, podLabels: { tier: 'web' } });
    const old = new SecureApp(frontNs, 'old', { image: IMAGE, port: 3000, podLabels: { tier: 'legacy' } });
    const stranger = new SecureApp(otherNs, 'stranger', { image: IMAGE, port: 3000, podLabels: { tier: 'web' } });
    api.allowFrom(Peer.podsMatching(Selector.labelIn('tier', ['web', 'mobile']).and(Selector.labelNotIn('tier', ['legacy'])), Selector.labels({ purpose: 'frontend' })));
    api.allowFrom(Peer.namespaces(Selector.labels({ purpose: 'frontend' })), Port.tcp(9090));
    // The clients' side only (Peer.pods has no other side): what api's ingress admits decides.
    for (const a of [ui, old, stranger]) {
      a.allowTo(Peer.pods(api.selectorLabels, 'shop'), Port.tcp(8080));
      a.allowTo(Peer.pods(api.selectorLabels, 'shop'), Port.tcp(9090));
      a.allowFrom(Peer.namespace('shop'));
    }
    const objs = clean(chart);
    expect(find(objs, 'NetworkPolicy', 'api').spec.ingress.map((r: any) => r.from)).toEqual([
      [{
        namespaceSelector: { matchLabels: { purpose: 'frontend' } },
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'mobile'] }, { key: 'tier', operator: 'NotIn', values: ['legacy'] }] },
      }],
      [{ namespaceSelector: { matchLabels: { purpose: 'frontend' } } }],
    ]);
    const a = Cdk8sReachability.fromChart(chart, { profile: ClusterProfile.welkin() });
    expect(a).toAllowConnection(ui, api, 8080);
    expect(a).not.toAllowConnection(old, api, 8080);
    expect(a).not.toAllowConnection(stranger, api, 8080);
    expect(a).toAllowConnection(old, api, 9090);
    expect(a).not.toAllowConnection(stranger, api, 9090);
  });

  test.each([
    ['Peer.namespaces(Selector.labels({}))', () => Peer.namespaces(Selector.labels({})), 'Selector.labels() has no labels; name at least one label'],
    ['a selector key with a space', () => Peer.namespaces(Selector.labels({ 'pur pose': 'x' })), 'selector key "pur pose" has an invalid name part'],
    ['a selector value with a slash', () => Peer.podsMatching(Selector.labelIn('tier', ['a/b'])), 'selector value of "tier" "a/b" is not a valid label value'],
    ['labelNotIn without values', () => Peer.podsMatching(Selector.hasLabel('app'), Selector.labelNotIn('env', [])), 'Selector.labelNotIn("env") has no values'],
  ])('%s is rejected with the receiving construct\'s path', (_what, peer, message) => {
    const { ns } = shop();
    const api = new SecureApp(ns, 'api', { image: IMAGE, port: 8080 });
    expect(() => api.allowFrom(peer())).toThrow(new RegExp(`^test/shop/api: allowFrom\\(.*\\): ${message.replace(/[()[\]{}.*+?^$|\\]/g, '\\$&')}`));
  });

  test('selectors print as kubectl writes them', () => {
    expect(Selector.labels({ purpose: 'frontend' }).and(Selector.lacksLabel('legacy')).toString()).toBe('purpose=frontend,!legacy');
  });
});

describe('Ingresses need a TCP default port', () => {
  test('a TlsIngress to a worker is a construct-path error', () => {
    const { chart, ns } = shop();
    const worker = new SecureApp(ns, 'worker', { image: IMAGE, probe: AppProbe.exec(['/ok']) });
    expect(() => new TlsIngress(chart, 'in', { app: worker, host: 'w.example.com' }))
      .toThrow('test/in: app shop/worker has no TCP default port for an Ingress to route to; give it `port` (or `ports` with a TCP `defaultPort`)');
  });
});
