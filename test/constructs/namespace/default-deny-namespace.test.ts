import { ApiObject, Chart, Testing } from 'cdk8s';
import { DefaultDenyNamespace, Platform, PodSecurityLevel, SecureApp, TlsCertificate, TlsIngress } from '../../../src';
import { find, indexOf, kubePeers, synth, welkinChart } from '../helpers';

describe('DefaultDenyNamespace', () => {
  test('a Namespace with restricted Pod Security labels and standard labels', () => {
    const chart = welkinChart();
    new DefaultDenyNamespace(chart, 'demo');
    const ns = find(synth(chart), 'Namespace', 'demo');
    expect(ns.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'demo',
      'app.kubernetes.io/component': 'namespace',
      'app.kubernetes.io/managed-by': 'cdk8s-netsec',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(ns.metadata.namespace).toBeUndefined();
  });

  test('default-deny: every pod, both directions, no rules (R1)', () => {
    const chart = welkinChart();
    new DefaultDenyNamespace(chart, 'demo');
    const deny = find(synth(chart), 'NetworkPolicy', 'default-deny');
    expect(deny.metadata.namespace).toBe('demo');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test('allow-dns: egress only, to ONE kube-system AND kube-dns element plus DNS CIDRs, UDP and TCP 53 (R2)', () => {
    const chart = welkinChart({ platform: Platform.welkin({ domain: 'example.com', dns: { cidrs: ['10.233.0.3/32'] } }) });
    new DefaultDenyNamespace(chart, 'demo');
    const dns = find(synth(chart), 'NetworkPolicy', 'allow-dns');
    expect(dns.metadata.namespace).toBe('demo');
    expect(dns.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
          { ipBlock: { cidr: '10.233.0.3/32' } },
        ],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    });
  });

  test('traffic within the namespace is closed unless asked for', () => {
    const chart = welkinChart();
    new DefaultDenyNamespace(chart, 'closed');
    const open = new DefaultDenyNamespace(chart, 'open', { allowWithinNamespace: true });
    const objs = synth(chart);
    expect(objs.filter(o => o.metadata.name === 'allow-same-namespace')).toHaveLength(1);
    expect(open.allowWithinNamespacePolicy).toBeDefined();
    expect(find(objs, 'NetworkPolicy', 'allow-same-namespace', 'open').spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    });
  });

  test('Pod Security levels, name and labels are configurable', () => {
    const chart = welkinChart();
    new DefaultDenyNamespace(chart, 'ns', {
      name: 'legacy',
      podSecurity: PodSecurityLevel.BASELINE,
      podSecurityWarn: PodSecurityLevel.RESTRICTED,
      podSecurityAudit: PodSecurityLevel.PRIVILEGED,
      labels: { team: 'a' },
    });
    const ns = find(synth(chart), 'Namespace', 'legacy');
    expect(ns.metadata.labels).toMatchObject({
      'team': 'a',
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
    // The explicit choice is the reason the guardrails accept it.
    expect(ns.metadata.annotations).toEqual({
      'cdk8s-netsec.io/suppress': 'pod-security-labels: chosen explicitly in DefaultDenyNamespace props (enforce baseline and audit privileged)',
    });
  });

  test('the Namespace comes first, then its policies', () => {
    const chart = welkinChart();
    new DefaultDenyNamespace(chart, 'demo');
    const objs = synth(chart);
    expect(indexOf(objs, 'Namespace', 'demo')).toBe(0);
    expect(indexOf(objs, 'NetworkPolicy', 'default-deny')).toBeGreaterThan(0);
  });

  test('an app comes after its namespace\'s objects, without an edge from each of its objects to each of them', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo');
    const app = new SecureApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 3000, namespace: ns });
    new TlsIngress(chart, 'ingress', { app, host: 'web.example.com' });
    const objs = synth(chart);
    const last = indexOf(objs, 'NetworkPolicy', 'allow-dns');
    for (const kind of ['NetworkPolicy', 'ServiceAccount', 'Deployment', 'Service', 'PodDisruptionBudget']) {
      expect(indexOf(objs, kind, 'web')).toBeGreaterThan(last);
    }
    // The namespace's objects are reached through one object-less child of the app (cdk8s expands a
    // dependency of a construct into one per pair of their objects).
    const nsObjects = new Set<unknown>(ns.node.findAll().filter(c => ApiObject.isApiObject(c)));
    const appObjects = app.node.findAll().filter(c => ApiObject.isApiObject(c));
    expect(appObjects.flatMap(o => o.node.dependencies).filter(d => nsObjects.has(d)).map(d => d.node.path)).toEqual([]);
  });

  test('in a chart with a namespace, the Namespace object itself carries none (cdk8s-plus gap 9)', () => {
    const chart = welkinChart({ namespace: 'demo' });
    new DefaultDenyNamespace(chart, 'demo');
    const objs = synth(chart);
    expect(find(objs, 'Namespace', 'demo').metadata.namespace).toBeUndefined();
    expect(find(objs, 'NetworkPolicy', 'default-deny').metadata.namespace).toBe('demo');
  });

  test('constructs created inside it land in it, after its objects, with ids free of clashes', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo');
    const app = new SecureApp(ns, 'demo', { image: 'ghcr.io/acme/demo:1.0.0', port: 3000 });
    new TlsIngress(ns, 'ingress', { app, host: 'demo.example.com' });
    new TlsCertificate(ns, 'extra', { dnsNames: ['extra.example.com'] });
    const objs = synth(chart);
    expect(objs.filter(o => o.kind !== 'Namespace').every(o => o.metadata.namespace === 'demo')).toBe(true);
    expect(objs.map(o => `${o.kind}/${o.metadata.name}`).slice(0, 3)).toEqual(['Namespace/demo', 'NetworkPolicy/default-deny', 'NetworkPolicy/allow-dns']);
    expect(indexOf(objs, 'NetworkPolicy', 'allow-acme-http01-solver')).toBeGreaterThan(indexOf(objs, 'NetworkPolicy', 'allow-dns'));
    expect(app.namespace).toBe('demo');
  });

  test('an explicit namespace prop wins over the enclosing namespace', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo');
    const other = new DefaultDenyNamespace(chart, 'other');
    expect(new SecureApp(ns, 'web', { namespace: other, image: 'ghcr.io/acme/demo:1.0.0', port: 3000 }).namespace).toBe('other');
  });

  test('is a peer: every pod of the namespace', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo');
    expect(kubePeers(ns.toPeer(), 'other')).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'demo' } } }]);
  });

  test('takes the platform from props instead of the chart', () => {
    const chart = new Chart(Testing.app(), 'bare');
    new DefaultDenyNamespace(chart, 'demo', { platform: Platform.welkin({ domain: 'example.com', dns: { namespace: 'dns-system' } }) });
    const dns = find(synth(chart), 'NetworkPolicy', 'allow-dns');
    expect(dns.spec.egress[0].to[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('dns-system');
  });

  describe('bad input', () => {
    test('a name that is not a DNS label', () => {
      const chart = welkinChart();
      expect(() => new DefaultDenyNamespace(chart, 'My_Namespace')).toThrow(
        'test/My_Namespace: namespace name "My_Namespace" is not a DNS label; use 1-63 lowercase letters, digits or \'-\', starting and ending with a letter or digit (e.g. "my-namespace")');
      expect(synth(chart)).toEqual([]);
    });
    test('reserved names', () => {
      expect(() => new DefaultDenyNamespace(welkinChart(), 'default')).toThrow('test/default: namespace name "default" is reserved by Kubernetes');
      expect(() => new DefaultDenyNamespace(welkinChart(), 'kube-public')).toThrow('is reserved by Kubernetes');
    });
    test('two namespaces with one name', () => {
      const chart = welkinChart();
      new DefaultDenyNamespace(chart, 'a', { name: 'demo' });
      expect(() => new DefaultDenyNamespace(chart, 'b', { name: 'demo' })).toThrow('test/b: Namespace "demo" is already emitted by test/a');
    });
    test('no platform', () => {
      expect(() => new DefaultDenyNamespace(new Chart(Testing.app(), 'bare'), 'demo')).toThrow('bare/demo: no Platform found');
    });
  });
});
