import '../../../src/testing/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Cron, Include, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AdoptedWorkload, Cdk8sReachability, ClusterProfile, DefaultDenyNamespace, Guardrails, Peer, Platform, Port, SecureApp,
} from '../../../src';
import { find, Manifest, synth } from '../helpers';

// Existing workloads (cdk8s-plus-28, ApiObjects, Include'd YAML) get a network identity: one policy
// named after them, connections on both sides with SecureApps and each other, and the hardening
// the rule pack asks for, as patches.

const DNS = 'kube-system/coredns[Deployment]';
/** Welkin's DNS: CoreDNS, node-local DNS on the host network, and the cluster DNS service IP it answers on. */
const DNS_ALL = [DNS, 'kube-system/node-local-dns[DaemonSet]', '10.233.0.3-10.233.0.3'];
const IMAGE = 'ghcr.io/acme/app:1.0.0';
const PROBES = { readiness: kplus.Probe.fromTcpSocket(), liveness: kplus.Probe.fromTcpSocket() };

function shop(): Chart {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  Platform.welkin({ domain: 'example.com' }).registerOn(chart);
  new DefaultDenyNamespace(chart, 'ns', { name: 'shop' });
  return chart;
}

function analysis(chart: Chart) {
  return Cdk8sReachability.fromChart(chart, { profile: ClusterProfile.welkin() });
}

function clean(chart: Chart): Manifest[] {
  Guardrails.assertNoFindings(chart);
  return synth(chart);
}

/** A Deployment as a Helm chart or a YAML file would have it: no security settings at all, an emptyDir. */
function rawDeployment(name: string, port: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, team: 'a' } },
        spec: {
          containers: [{
            name,
            image: IMAGE,
            ports: [{ name: 'http', containerPort: port }],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http' } },
            livenessProbe: { httpGet: { path: '/', port: 'http' } },
            volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
          }],
          volumes: [{ name: 'cache', emptyDir: {} }],
        },
      },
    },
  };
}

describe('a cdk8s-plus-28 Deployment', () => {
  function build() {
    const chart = shop();
    const legacy = new kplus.Deployment(chart, 'legacy', { containers: [{ image: IMAGE, portNumber: 8080, ...PROBES }] });
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 9090 });
    api.allowFrom(legacy); // passed where a peer is expected: adopted with the defaults
    api.allowTo(legacy);
    return { chart, legacy, api };
  }

  test('without adoption the rule pack says what to do, naming AdoptedWorkload', () => {
    const chart = shop();
    new kplus.Deployment(chart, 'legacy', { containers: [{ image: IMAGE, portNumber: 8080, ...PROBES }] });
    const findings = Guardrails.check(chart).findings;
    expect([...new Set(findings.map(f => f.ruleId))].sort()).toEqual(
      ['app-network-policy', 'drop-all-capabilities', 'high-availability', 'run-as-non-root', 'seccomp-runtime-default']);
    expect(findings.find(f => f.ruleId === 'app-network-policy')!.fix).toContain('new AdoptedWorkload(scope, id, { workload })');
    expect(findings.every(f => f.source === 'test/legacy/Resource')).toBe(true);
  });

  test('passed as a peer, it gets one policy named after it, written before it, and passes the rule pack', () => {
    const { chart, legacy } = build();
    const objs = clean(chart);
    const name = legacy.name;
    const identity = AdoptedWorkload.of(legacy);
    expect(identity.name).toBe(name);
    expect(identity.node.path).toBe('test/legacy-network');
    const policy = find(objs, 'NetworkPolicy', name);
    expect(policy.spec.podSelector).toEqual({ matchLabels: legacy.matchLabels });
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(objs.indexOf(policy)).toBeLessThan(objs.indexOf(find(objs, 'Deployment', name)));
    // Hardening patches: what cdk8s-plus leaves out.
    const pod = find(objs, 'Deployment', name).spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10000, runAsGroup: 10000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(pod.topologySpreadConstraints).toHaveLength(1);
    expect(find(objs, 'PodDisruptionBudget', name).spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: legacy.matchLabels } });
  });

  test('both directions with a SecureApp, exactly', () => {
    const { chart, legacy, api } = build();
    const a = analysis(chart);
    const id = AdoptedWorkload.of(legacy);
    expect(a).toOnlyAllow([
      { from: id, to: api, ports: 'TCP 9090' },
      { from: api, to: id, ports: 'TCP 8080' },
      ...DNS_ALL.map(to => ({ from: id, to, ports: 'TCP 53,UDP 53' })),
      ...DNS_ALL.map(to => ({ from: api, to, ports: 'TCP 53,UDP 53' })),
    ]);
  });

  test('AdoptedWorkload.of returns the one identity; adopting again is an error', () => {
    const { chart, legacy } = build();
    expect(AdoptedWorkload.of(legacy)).toBe(AdoptedWorkload.of(legacy));
    expect(() => new AdoptedWorkload(chart, 'again', { workload: legacy }))
      .toThrow('test/again: test/legacy/Resource already has a network identity (test/legacy-network); use AdoptedWorkload.of() to get it');
  });
});

describe('every cdk8s-plus-28 workload kind', () => {
  test('StatefulSet, DaemonSet, Job and CronJob: one policy each, connections both ways with a SecureApp and with each other', () => {
    const chart = shop();
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: IMAGE, portNumber: 5432, ...PROBES }] });
    const agent = new kplus.DaemonSet(chart, 'agent', { containers: [{ image: IMAGE, ...PROBES }] });
    const job = new kplus.Job(chart, 'job', { containers: [{ image: IMAGE }] });
    const cron = new kplus.CronJob(chart, 'cron', { schedule: Cron.daily(), containers: [{ image: IMAGE }] });
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 9090 });
    api.allowTo(db);
    AdoptedWorkload.of(agent).allowTo(api);
    AdoptedWorkload.of(job).allowTo(db); // adopted to adopted
    AdoptedWorkload.of(cron).allowTo(api, Port.tcp(9090));
    const objs = synth(chart);
    const ids = [db, agent, job, cron].map(w => AdoptedWorkload.of(w));
    for (const id of ids) {
      expect(find(objs, 'NetworkPolicy', id.name).spec.policyTypes).toEqual(['Ingress', 'Egress']);
    }
    // Workloads that declare no port receive nothing, by design.
    expect(ids.map(id => find(objs, 'NetworkPolicy', id.name).metadata.annotations?.['cdk8s-netsec.io/ingress'])).toEqual([undefined, 'none', 'none', 'none']);
    // Every network and hardening rule passes on the adopted objects.
    expect(Guardrails.check(chart).findings.filter(f => f.severity === 'error').map(f => `${f.ruleId} ${f.source}`)).toEqual([]);
    const [dbId, agentId, jobId, cronId] = ids;
    expect(analysis(chart)).toOnlyAllow([
      { from: api, to: dbId, ports: 'TCP 5432' },
      { from: jobId, to: dbId, ports: 'TCP 5432' },
      { from: agentId, to: api, ports: 'TCP 9090' },
      { from: cronId, to: api, ports: 'TCP 9090' },
      ...[api, dbId, agentId, jobId, cronId].flatMap(from => DNS_ALL.map(to => ({ from, to, ports: 'TCP 53,UDP 53' }))),
    ]);
  });
});

describe('an ApiObject or an Include', () => {
  test('a raw Deployment is hardened by patches (emptyDir safe to evict too) and passes the rule pack', () => {
    const chart = shop();
    const raw = new ApiObject(chart, 'cache', rawDeployment('cache', 6379));
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 9090 });
    const cache = new AdoptedWorkload(chart, 'cache-network', { workload: raw });
    api.allowTo(cache);
    cache.allowFrom(Peer.namespace('shop'), Port.tcp(6379));
    api.allowFrom(cache);
    const objs = clean(chart);
    const template = find(objs, 'Deployment', 'cache').spec.template;
    expect(template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes': 'cache' });
    expect(template.spec.automountServiceAccountToken).toBe(false);
    expect(find(objs, 'NetworkPolicy', 'cache').spec.podSelector).toEqual({ matchLabels: { app: 'cache' } });
    expect(analysis(chart)).toOnlyAllow([
      { from: api, to: cache, ports: 'TCP 6379' },
      { from: cache, to: api, ports: 'TCP 9090' },
      { from: 'shop/[all pods]', to: cache, ports: 'TCP 6379' }, // Peer.namespace('shop'): pods not shown too
      ...DNS_ALL.map(to => ({ from: api, to, ports: 'TCP 53,UDP 53' })),
      ...DNS_ALL.map(to => ({ from: cache, to, ports: 'TCP 53,UDP 53' })),
    ]);
  });

  test('harden: false leaves the object as it is, and the findings say what to change', () => {
    const chart = shop();
    const raw = new ApiObject(chart, 'cache', rawDeployment('cache', 6379));
    new AdoptedWorkload(chart, 'cache-network', { workload: raw, harden: false }).allowFrom(Peer.namespace('shop'));
    const findings = Guardrails.check(chart).findings;
    expect(findings.find(f => f.ruleId === 'emptydir-safe-to-evict')!.message)
      .toBe('Deployment shop/cache: emptyDir volume(s) "cache" not listed in cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes');
    expect(findings.map(f => f.ruleId)).not.toContain('app-network-policy');
    expect(findings.map(f => f.ruleId)).toContain('run-as-non-root');
  });

  test('an Include holding one workload is adopted through it; other objects are left alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-'));
    const file = path.join(dir, 'vendor.yaml');
    fs.writeFileSync(file, [rawDeployment('vendor', 8080), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vendor', namespace: 'shop' }, data: { a: 'b' } }]
      .map(o => JSON.stringify(o)).join('\n---\n'));
    const chart = shop();
    const vendor = new Include(chart, 'vendor', { url: file });
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 9090 });
    api.allowFrom(vendor);
    api.allowTo(vendor);
    const objs = clean(chart);
    expect(find(objs, 'NetworkPolicy', 'vendor').spec.podSelector).toEqual({ matchLabels: { app: 'vendor' } });
    expect(analysis(chart)).toAllowConnection(AdoptedWorkload.of(vendor), api, 9090);
    expect(analysis(chart)).toAllowConnection(api, AdoptedWorkload.of(vendor), 8080);
  });
});

describe('bad input: construct-path errors, nothing emitted', () => {
  test('an object without a pod template', () => {
    const chart = shop();
    const cm = new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    expect(() => new AdoptedWorkload(chart, 'settings-network', { workload: cm }))
      .toThrow('test/settings-network: ConfigMap settings (test/settings) has no pod template; adopt a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod');
    expect(chart.node.tryFindChild('settings-network')).toBeUndefined();
    expect(() => new AdoptedWorkload(chart, 'settings-network', { workload: cm })).toThrow('has no pod template'); // the id is free again
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 9090 });
    expect(() => api.allowFrom(cm)).toThrow('has no pod template');
  });

  test('an Include with two workloads names them', () => {
    const chart = shop();
    const holder = new Chart(chart, 'vendor');
    new ApiObject(holder, 'a', rawDeployment('a', 1));
    new ApiObject(holder, 'b', rawDeployment('b', 2));
    expect(() => AdoptedWorkload.of(holder)).toThrow('test/vendor: test/vendor holds 2 objects with a pod template (Deployment a, Deployment b); adopt each one');
  });

  test('a workload without a namespace, without pod labels, or with an unknown default port', () => {
    const chart = new Chart(Testing.app(), 'test');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const noNs = new ApiObject(chart, 'x', { ...rawDeployment('x', 1), metadata: { name: 'x' } });
    expect(() => AdoptedWorkload.of(noNs)).toThrow('test/x-network: Deployment x has no namespace; set one on it (metadata.namespace) or on its chart');
    const d = rawDeployment('y', 1);
    const unlabelled = new ApiObject(chart, 'y', { ...d, spec: { ...d.spec, selector: {}, template: { ...d.spec.template, metadata: {} } } });
    expect(() => AdoptedWorkload.of(unlabelled)).toThrow('the pods of Deployment y carry no labels');
    const z = new ApiObject(chart, 'z', rawDeployment('z', 1));
    expect(() => new AdoptedWorkload(chart, 'zz', { workload: z, defaultPort: 'grpc' }))
      .toThrow('test/zz: default port "grpc" is not one of its ports ("http")');
  });

  test('something that is neither a peer nor a construct', () => {
    const chart = shop();
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 9090 });
    expect(() => api.allowFrom({} as any)).toThrow('test/api: allowFrom(object): not a peer; pass a Peer, a SecureApp');
  });
});
