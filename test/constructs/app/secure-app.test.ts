import { Chart, Testing } from 'cdk8s';
import { AppProbe, DefaultDenyNamespace, ManagedService, Peer, Platform, Port, Protocol, SecureApp } from '../../../src';
import { all, find, indexOf, synth, unreached, welkinChart } from '../helpers';

const IMAGE = 'ghcr.io/acme/demo:1.0.0';
const DNS_RULE = {
  to: [
    { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
    // Welkin's node-local DNS answers on the cluster DNS service IP (kubespray).
    { ipBlock: { cidr: '10.233.0.3/32' } },
  ],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};
const SELECTOR = { 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/instance': 'demo' };

function demo(props: Partial<ConstructorParameters<typeof SecureApp>[2]> = {}) {
  const chart = welkinChart();
  const ns = new DefaultDenyNamespace(chart, 'demo-ns', { name: 'demo' });
  const app = unreached(new SecureApp(chart, 'demo', { namespace: ns, image: IMAGE, port: 3000, ...props }));
  return { chart, ns, app };
}

describe('SecureApp defaults', () => {
  const { chart } = demo();
  const objs = synth(chart);
  const deployment = find(objs, 'Deployment', 'demo', 'demo');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('emits policy, service account, deployment, service and PDB, all named after the app in its namespace', () => {
    const mine = objs.filter(o => o.metadata.labels?.['app.kubernetes.io/name'] === 'demo' && o.kind !== 'Namespace');
    expect(mine.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/demo/demo', 'NetworkPolicy/demo/demo', 'PodDisruptionBudget/demo/demo', 'Service/demo/demo', 'ServiceAccount/demo/demo',
    ]);
  });
  test('standard labels', () => {
    expect(deployment.metadata.labels).toEqual({ ...SELECTOR, 'app.kubernetes.io/managed-by': 'cdk8s-netsec' });
    expect(deployment.spec.selector.matchLabels).toEqual(SELECTOR);
    expect(deployment.spec.template.metadata.labels).toEqual({ ...SELECTOR, 'app.kubernetes.io/managed-by': 'cdk8s-netsec' });
  });
  test('replicas 2, spread across nodes, PDB with maxUnavailable 1', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.topologySpreadConstraints).toEqual([{
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: SELECTOR },
    }]);
    expect(find(objs, 'PodDisruptionBudget', 'demo').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: SELECTOR } });
  });
  test('requests = limits = 100m / 128Mi', () => {
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
  });
  test('readiness and liveness probes: HTTP GET / on the named port', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/', port: 'http' });
  });
  test('pod and container security contexts meet Pod Security restricted (R8)', () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10000, runAsGroup: 10000, fsGroup: 10000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10000,
      runAsGroup: 10000,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
  test('a writable, size-limited /tmp emptyDir on the read-only root filesystem, safe to evict (Welkin emptyDir safeguard)', () => {
    expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }]);
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes': 'tmp' });
  });
  test('no service account token, its own service account', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('demo');
    expect(find(objs, 'ServiceAccount', 'demo').automountServiceAccountToken).toBe(false);
  });
  test('named container port; ClusterIP Service with the named target port and no externalIPs', () => {
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    expect(find(objs, 'Service', 'demo').spec).toEqual({
      type: 'ClusterIP', selector: SELECTOR, ports: [{ name: 'http', port: 3000, targetPort: 'http', protocol: 'TCP' }],
    });
  });
  test('exactly one NetworkPolicy for the app: its pods, both types, DNS egress and nothing else', () => {
    const policies = all(objs, 'NetworkPolicy').filter(p => p.metadata.name === 'demo');
    expect(policies).toHaveLength(1);
    expect(policies[0].spec).toEqual({ podSelector: { matchLabels: SELECTOR }, policyTypes: ['Ingress', 'Egress'], egress: [DNS_RULE] });
  });
  test('the policy is emitted before the workload (and the namespace before both)', () => {
    expect(indexOf(objs, 'NetworkPolicy', 'demo')).toBeLessThan(indexOf(objs, 'Deployment', 'demo'));
    expect(indexOf(objs, 'Namespace', 'demo')).toBeLessThan(indexOf(objs, 'NetworkPolicy', 'demo'));
  });
});

describe('SecureApp options', () => {
  test('replicas 1 opts out of the PDB and spreading', () => {
    const objs = synth(demo({ replicas: 1 }).chart);
    expect(find(objs, 'Deployment', 'demo').spec.replicas).toBe(1);
    expect(find(objs, 'Deployment', 'demo').spec.template.spec.topologySpreadConstraints).toBeUndefined();
    expect(all(objs, 'PodDisruptionBudget')).toHaveLength(0);
  });
  test('resources, probe, IDs, port name, service port, command, args and env', () => {
    const objs = synth(demo({
      cpuRequest: '250m',
      cpuLimit: '1',
      memoryRequest: '256Mi',
      memoryLimit: '512Mi',
      probe: AppProbe.tcp(),
      runAsUser: 20000,
      runAsGroup: 20001,
      portName: 'web',
      servicePort: 80,
      command: ['/app'],
      args: ['--x'],
      env: { MODE: 'prod' },
      secretEnv: [{ name: 'TOKEN', secretName: 'demo-secrets', key: 'token' }],
    }).chart);
    const d = find(objs, 'Deployment', 'demo');
    const c = d.spec.template.spec.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'web' });
    expect(c.livenessProbe.httpGet).toBeUndefined();
    expect(c.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20001 });
    expect(d.spec.template.spec.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20001, fsGroup: 20001 });
    expect(c.ports).toEqual([{ name: 'web', containerPort: 3000, protocol: 'TCP' }]);
    expect(find(objs, 'Service', 'demo').spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 'web', protocol: 'TCP' }]);
    expect(c.command).toEqual(['/app']);
    expect(c.args).toEqual(['--x']);
    expect(c.env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'demo-secrets', key: 'token' } } }]);
  });
  test('HTTP probe path', () => {
    const c = find(synth(demo({ probe: AppProbe.http('/healthz') }).chart), 'Deployment', 'demo').spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet.path).toBe('/healthz');
  });
  test('labels: name, instance, component, part-of and extra pod labels (not in selectors)', () => {
    const objs = synth(demo({ name: 'web', instance: 'web-blue', component: 'frontend', partOf: 'shop', podLabels: { team: 'a' } }).chart);
    const d = find(objs, 'Deployment', 'web');
    expect(d.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': 'web-blue',
      'app.kubernetes.io/component': 'frontend',
      'app.kubernetes.io/part-of': 'shop',
      'app.kubernetes.io/managed-by': 'cdk8s-netsec',
    });
    expect(d.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-blue' });
    expect(d.spec.template.metadata.labels.team).toBe('a');
    expect(find(objs, 'NetworkPolicy', 'web').spec.podSelector.matchLabels).toEqual(d.spec.selector.matchLabels);
  });
  test('metrics on the app port: Prometheus admitted on it, pods annotated', () => {
    const objs = synth(demo({ metrics: {} }).chart);
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ports: [{ protocol: 'TCP', port: 3000 }],
    }]);
    expect(find(objs, 'Deployment', 'demo').spec.template.metadata.annotations).toEqual({
      'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes': 'tmp',
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '3000',
      'prometheus.io/path': '/metrics',
    });
    expect(find(objs, 'Service', 'demo').spec.ports).toHaveLength(1);
    expect(find(objs, 'ServiceMonitor', 'demo', 'demo').spec).toEqual({ selector: { matchLabels: SELECTOR }, endpoints: [{ port: 'http', path: '/metrics' }] });
  });
  test('no ServiceMonitor without metrics, or on a platform without the Prometheus Operator', () => {
    expect(all(synth(demo().chart), 'ServiceMonitor')).toEqual([]);
    const chart = welkinChart({ namespace: 'demo', platform: Platform.welkin({ domain: 'example.com', monitoring: { serviceMonitors: false } }) });
    new DefaultDenyNamespace(chart, 'demo-ns', { name: 'demo' }); // the guardrails want its default-deny
    new SecureApp(chart, 'demo', { image: IMAGE, port: 3000, metrics: {} });
    const objs = synth(chart);
    expect(all(objs, 'ServiceMonitor')).toEqual([]);
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress).toHaveLength(1);
  });
  test('metrics on their own port: a metrics container and Service port', () => {
    const objs = synth(demo({ metrics: { port: 9090, path: '/prom' } }).chart);
    expect(find(objs, 'Deployment', 'demo').spec.template.spec.containers[0].ports[1]).toEqual({ name: 'metrics', containerPort: 9090, protocol: 'TCP' });
    expect(find(objs, 'Service', 'demo').spec.ports[1]).toEqual({ name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' });
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 9090 }]);
    expect(find(objs, 'Deployment', 'demo').spec.template.metadata.annotations['prometheus.io/path']).toBe('/prom');
    expect(find(objs, 'ServiceMonitor', 'demo').spec.endpoints).toEqual([{ port: 'metrics', path: '/prom' }]);
  });
  test('metrics need a platform with monitoring', () => {
    const chart = welkinChart({
      platform: Platform.custom({ ingressController: Platform.welkin({ domain: 'example.com' }).ingressController, ingressClassName: 'nginx', appDomain: 'lb.example.com' }),
    });
    expect(() => new SecureApp(chart, 'demo', { namespace: { name: 'demo' }, image: IMAGE, port: 3000, metrics: {} })).toThrow('test/demo: metrics scraping needs the platform\'s Prometheus, and this platform has no monitoring');
  });
  test('the namespace can come from the chart', () => {
    const chart = welkinChart({ namespace: 'team' });
    new DefaultDenyNamespace(chart, 'team'); // the guardrails want its default-deny
    unreached(new SecureApp(chart, 'demo', { image: IMAGE, port: 3000 }));
    expect(synth(chart).filter(o => o.kind !== 'Namespace').every(o => o.metadata.namespace === 'team')).toBe(true);
  });
  test('the platform can be passed as a prop', () => {
    const chart = new Chart(Testing.app(), 'bare', { namespace: 'team' });
    const platform = Platform.welkin({ domain: 'example.org', dns: { cidrs: ['10.233.0.10/32'] } });
    new DefaultDenyNamespace(chart, 'team', { platform });
    const app = unreached(new SecureApp(chart, 'demo', { image: IMAGE, port: 3000, platform }));
    expect(app.platform.appDomain).toBe('app.example.org');
    expect(find(synth(chart), 'NetworkPolicy', 'demo').spec.egress[0].to[1]).toEqual({ ipBlock: { cidr: '10.233.0.10/32' } });
  });
  test('serviceHost is the in-cluster DNS name', () => {
    expect(demo().app.serviceHost).toBe('demo.demo.svc.cluster.local');
  });
});

describe('SecureApp connections', () => {
  function twoNamespaces() {
    const chart = welkinChart();
    const shop = new DefaultDenyNamespace(chart, 'shop');
    const backend = new DefaultDenyNamespace(chart, 'backend');
    const web = unreached(new SecureApp(chart, 'web', { namespace: shop, image: IMAGE, port: 3000 }));
    const api = unreached(new SecureApp(chart, 'api', { namespace: backend, image: IMAGE, port: 8080 }));
    return { chart, shop, backend, web, api };
  }
  const apiPods = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api' };
  const webPods = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' };

  test('allowTo(app) writes egress on this app AND ingress on the other, each in its namespace, on the peer port', () => {
    const { chart, web, api } = twoNamespaces();
    web.allowTo(api);
    const objs = synth(chart);
    expect(find(objs, 'NetworkPolicy', 'web', 'shop').spec.egress[1]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } }, podSelector: { matchLabels: apiPods } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(find(objs, 'NetworkPolicy', 'api', 'backend').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: webPods } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }]);
    expect(all(objs, 'NetworkPolicy')).toHaveLength(6); // 2 x (default-deny, allow-dns) + one per app
  });
  test('allowFrom(app) is the mirror image; in one namespace only pod selectors are used', () => {
    const chart = welkinChart({ namespace: 'shop' });
    new DefaultDenyNamespace(chart, 'shop');
    const web = unreached(new SecureApp(chart, 'web', { image: IMAGE, port: 3000 }));
    const api = new SecureApp(chart, 'api', { image: IMAGE, port: 8080 });
    api.allowFrom(web);
    const objs = synth(chart);
    expect(find(objs, 'NetworkPolicy', 'api').spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: webPods } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(find(objs, 'NetworkPolicy', 'web').spec.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: apiPods } }], ports: [{ protocol: 'TCP', port: 8080 }] });
  });
  test('rules added after construction land in the one policy at synth; duplicates are emitted once', () => {
    const { chart, web, api } = twoNamespaces();
    web.allowTo(api);
    web.allowTo(api);
    api.allowFrom(web, Port.tcp(8443));
    const objs = synth(chart);
    expect(find(objs, 'NetworkPolicy', 'api').spec.ingress.map((r: any) => r.ports[0].port)).toEqual([8080, 8443]);
    expect(find(objs, 'NetworkPolicy', 'web').spec.egress).toHaveLength(3);
  });
  test('apps in different charts: each side lands in its own chart', () => {
    const app = Testing.app();
    const platform = Platform.welkin({ domain: 'example.com' });
    const c1 = new Chart(app, 'one', { namespace: 'one' });
    const c2 = new Chart(app, 'two', { namespace: 'two' });
    platform.registerOn(app);
    new DefaultDenyNamespace(c1, 'one');
    new DefaultDenyNamespace(c2, 'two');
    const a = unreached(new SecureApp(c1, 'a', { image: IMAGE, port: 80 }));
    const b = new SecureApp(c2, 'b', { image: IMAGE, port: 81 });
    a.allowTo(b);
    expect(find(synth(c2), 'NetworkPolicy', 'b').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 81 }]);
    expect(find(synth(c1), 'NetworkPolicy', 'a').spec.egress).toHaveLength(2);
  });
  test('pods by labels, a namespace and a CIDR with except', () => {
    const { chart, web } = twoNamespaces();
    web.allowFrom(Peer.pods({ role: 'batch' }, 'jobs'));
    web.allowFrom(Peer.namespace('partners'), Port.tcp(3001));
    web.allowTo(Peer.cidr('203.0.113.0/24', ['203.0.113.128/25']), Port.udp(514));
    const p = find(synth(chart), 'NetworkPolicy', 'web').spec;
    expect(p.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'jobs' } }, podSelector: { matchLabels: { role: 'batch' } } }], ports: [{ protocol: 'TCP', port: 3000 }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'partners' } } }], ports: [{ protocol: 'TCP', port: 3001 }] },
    ]);
    expect(p.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }], ports: [{ protocol: 'UDP', port: 514 }] });
  });
  test('a DefaultDenyNamespace is a peer', () => {
    const { chart, web, backend } = twoNamespaces();
    web.allowFrom(backend);
    expect(find(synth(chart), 'NetworkPolicy', 'web').spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'backend' } } }]);
  });
  test('the internet never includes private, link-local (169.254.169.254) or CGNAT ranges', () => {
    const { chart, web } = twoNamespaces();
    web.allowTo(Peer.internet(), Port.tcp(443));
    const rule = find(synth(chart), 'NetworkPolicy', 'web').spec.egress[1];
    expect(rule.to[0].ipBlock.except).toEqual(expect.arrayContaining(['169.254.0.0/16', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']));
    expect(rule.ports).toEqual([{ protocol: 'TCP', port: 443 }]);
  });
  test('managed services: access label on the pods plus the egress rule on the service ports', () => {
    const { chart, web } = twoNamespaces();
    web.allowTo(ManagedService.redis('cache'));
    web.allowTo(ManagedService.postgresql('postgresql1'));
    web.allowTo(ManagedService.rabbitmq('events', { management: true }));
    const objs = synth(chart);
    expect(find(objs, 'Deployment', 'web').spec.template.metadata.labels).toMatchObject({
      'elastisys.io/redis-cache-access': 'allow', 'elastisys.io/rabbitmq-events-access': 'allow',
    });
    const egress = find(objs, 'NetworkPolicy', 'web').spec.egress;
    expect(egress.slice(1)).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'redis-system' } } }], ports: [{ protocol: 'TCP', port: 26379 }, { protocol: 'TCP', port: 6379 }] },
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'postgres-system' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'rabbitmq-system' } } }], ports: [{ protocol: 'TCP', port: 5672 }, { protocol: 'TCP', port: 15672 }] },
    ]);
  });
  test('the platform ingress controller is a peer', () => {
    const { chart, web } = twoNamespaces();
    web.allowFrom(web.platform.ingressController);
    expect(find(synth(chart), 'NetworkPolicy', 'web').spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'ingress-nginx' });
  });
  test('every port carries an explicit protocol', () => {
    const { chart, web, api } = twoNamespaces();
    web.allowTo(api, Port.named('http'));
    web.allowTo(Peer.cidr('198.51.100.0/24'), Port.sctp(9999));
    web.allowTo(Peer.cidr('198.51.100.0/24'), Port.tcpRange(1000, 2000));
    for (const p of all(synth(chart), 'NetworkPolicy')) {
      for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
        for (const port of rule.ports ?? []) expect(Object.values(Protocol)).toContain(port.protocol);
      }
    }
  });
});

describe('SecureApp bad input (one test per input; nothing is emitted)', () => {
  function rejects(props: Partial<ConstructorParameters<typeof SecureApp>[2]>, message: string, id = 'demo') {
    const chart = welkinChart({ namespace: 'demo' });
    expect(() => new SecureApp(chart, id, { image: IMAGE, port: 3000, ...props })).toThrow(message);
    expect(synth(chart)).toEqual([]);
  }
  test('image without tag', () => rejects({ image: 'ghcr.io/acme/demo' }, 'test/demo: image "ghcr.io/acme/demo" has no tag; pin a version tag or a digest'));
  test('image with latest', () => rejects({ image: 'ghcr.io/acme/demo:latest' }, 'test/demo: image "ghcr.io/acme/demo:latest" uses the tag "latest"; pin a version tag or a digest'));
  test('image that is not a reference', () => rejects({ image: 'Not An Image' }, 'test/demo: image "Not An Image" is not a valid image reference'));
  test('port 0', () => rejects({ port: 0 }, 'test/demo: port 0 is outside 1-65535; use an integer port number between 1 and 65535'));
  test('port 65536', () => rejects({ port: 65536 }, 'test/demo: port 65536 is outside 1-65535'));
  test('service port out of range', () => rejects({ servicePort: 70000 }, 'test/demo: service port 70000 is outside 1-65535'));
  test('a name that is not a DNS label', () => rejects({ name: 'Demo_App' }, 'test/demo: app name "Demo_App" is not a DNS label; use 1-63 lowercase letters'));
  test('an id that is not a DNS label (default name)', () => rejects({}, 'test/Demo: app name "Demo" is not a DNS label', 'Demo'));
  test('port name longer than 15 characters', () => rejects({ portName: 'http-with-a-long-name' }, 'port name "http-with-a-long-name" is not an IANA service name'));
  test('replicas 0', () => rejects({ replicas: 0 }, 'test/demo: replicas 0 is not a positive integer'));
  test('runAsUser below 10000', () => rejects({ runAsUser: 1000 }, 'test/demo: runAsUser 1000 is below 10000'));
  test('a bad quantity', () => rejects({ memoryRequest: '128MB' }, 'test/demo: memoryRequest "128MB" is not a Kubernetes quantity'));
  test('a bad probe path', () => rejects({ probe: AppProbe.http('health') }, 'test/demo: probe path "health" does not start with \'/\''));
  test('a bad env name', () => rejects({ env: { 'BAD-NAME': 'x' } }, 'test/demo: environment variable name "BAD-NAME" is invalid'));
  test('a bad secret key', () => rejects({ secretEnv: [{ name: 'TOKEN', secretName: 'demo', key: 'a key' }] }, 'test/demo: secret key "a key" is invalid'));
  test('a bad secret name', () => rejects({ secretEnv: [{ name: 'TOKEN', secretName: 'Demo', key: 'token' }] }, 'test/demo: secret name "Demo" is not a DNS subdomain'));
  test('a bad label value', () => rejects({ component: 'front end' }, 'test/demo: component "front end" is not a valid label value'));
  test('a bad metrics port', () => rejects({ metrics: { port: 99999 } }, 'test/demo: metrics port 99999 is outside 1-65535'));
  test('two apps with one name in one namespace', () => {
    const chart = welkinChart({ namespace: 'demo' });
    new DefaultDenyNamespace(chart, 'demo');
    unreached(new SecureApp(chart, 'a', { name: 'web', image: IMAGE, port: 80 }));
    expect(() => new SecureApp(chart, 'b', { name: 'web', image: IMAGE, port: 80 }))
      .toThrow('test/b: NetworkPolicy "web" in namespace "demo" is already emitted by test/a; give one of them another name (the `name` prop)');
    expect(synth(chart).filter(o => o.kind === 'Deployment')).toHaveLength(1);
  });
  test('an app named like a namespace policy', () => {
    const chart = welkinChart();
    new DefaultDenyNamespace(chart, 'demo');
    expect(() => new SecureApp(chart, 'default-deny', { namespace: { name: 'demo' }, image: IMAGE, port: 80 }))
      .toThrow('test/default-deny: NetworkPolicy "default-deny" in namespace "demo" is already emitted by test/demo');
  });
  test('namespace default', () => {
    const chart = welkinChart();
    expect(() => new SecureApp(chart, 'demo', { namespace: { name: 'default' }, image: IMAGE, port: 80 })).toThrow('test/demo: namespace "default" is not allowed');
  });
  test('no namespace at all', () => {
    const chart = welkinChart();
    expect(() => new SecureApp(chart, 'demo', { image: IMAGE, port: 80 })).toThrow('test/demo: no namespace; pass `namespace`');
  });

  describe('connections', () => {
    function app() {
      const chart = welkinChart({ namespace: 'demo' });
      new DefaultDenyNamespace(chart, 'demo-ns', { name: 'demo' });
      return { chart, demo: unreached(new SecureApp(chart, 'demo', { image: IMAGE, port: 3000 })) };
    }
    test('a CIDR that does not parse', () => {
      const { chart, demo: a } = app();
      expect(() => a.allowFrom(Peer.cidr('10.0.0.0/33'))).toThrow('test/demo: allowFrom(10.0.0.0/33): CIDR "10.0.0.0/33" has an invalid prefix length "33"; IPv4 prefixes are 0-32');
      expect(find(synth(chart), 'NetworkPolicy', 'demo').spec.ingress).toBeUndefined();
    });
    test('a port outside 1-65535', () => {
      expect(() => app().demo.allowTo(Peer.cidr('10.0.0.0/8'), Port.tcp(70000))).toThrow('test/demo: allowTo(10.0.0.0/8): port 70000 is outside 1-65535');
    });
    test('a peer without a port of its own needs one', () => {
      expect(() => app().demo.allowTo(Peer.internet())).toThrow('test/demo: allowTo(the internet) has no port; name the destination port, e.g. allowTo(peer, Port.tcp(443))');
    });
    test('a managed service is only a destination', () => {
      expect(() => app().demo.allowFrom(ManagedService.postgresql('pg'))).toThrow('is only a destination; use allowTo(');
    });
    test('an app cannot be its own peer', () => {
      const { demo: a } = app();
      expect(() => a.allowTo(a)).toThrow('an app cannot be its own peer');
    });
  });
});
