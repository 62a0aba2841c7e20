// NetworkPolicy rules (R1, R2, R3, R5 and isolation): failing mutations of the good fixture and
// passing variants.
import { find, findingsOf, goodObjects, lint, podWith, ruleIds, web } from './helpers';

const KUBE_DNS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const DNS_PORTS = [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }];

describe('default-deny', () => {
  test('flags a namespace without a default-deny policy, on its Namespace object', () => {
    const objects = goodObjects().filter(o => o.metadata?.name !== 'default-deny');
    expect(findingsOf(objects, 'default-deny').map(f => [f.object.kind, f.message])).toEqual([
      ['Namespace', 'Namespace demo: namespace demo has no NetworkPolicy named default-deny'],
    ]);
  });

  test('flags a namespace that only holds workloads, on the first workload', () => {
    const objects = [...goodObjects(), { ...podWith(web(goodObjects()).pod, 'elsewhere'), metadata: { name: 'elsewhere', namespace: 'other' } }];
    expect(findingsOf(objects, 'default-deny').map(f => f.message)).toEqual(['Pod other/elsewhere: namespace other has no NetworkPolicy named default-deny']);
  });

  test.each([
    ['a pod selector', (spec: any) => { spec.podSelector = { matchLabels: { a: 'b' } }; }, 'podSelector is {"matchLabels":{"a":"b"}}, not {}'],
    ['one policy type', (spec: any) => { spec.policyTypes = ['Ingress']; }, 'policyTypes is ["Ingress"], not [Ingress, Egress]'],
    ['a rule', (spec: any) => { spec.egress = [{ to: [KUBE_DNS_PEER], ports: DNS_PORTS }]; }, 'it has 1 egress rule(s); it must have none'],
  ])('flags a default-deny with %s', (_what, mutate, problem) => {
    const objects = goodObjects();
    mutate(find(objects, 'NetworkPolicy', 'default-deny').spec);
    const messages = findingsOf(objects, 'default-deny').map(f => f.message);
    expect(messages).toEqual([`NetworkPolicy demo/default-deny is not a plain default deny: ${problem}`]);
  });

  test('accepts empty rule lists', () => {
    const objects = goodObjects();
    Object.assign(find(objects, 'NetworkPolicy', 'default-deny').spec, { ingress: [], egress: [] });
    expect(findingsOf(objects, 'default-deny')).toEqual([]);
  });
});

describe('dns-egress', () => {
  test('flags DNS egress with separate namespace and pod selectors (an OR, not an AND)', () => {
    const objects = goodObjects();
    find(objects, 'NetworkPolicy', 'allow-dns').spec.egress[0].to = [
      { namespaceSelector: KUBE_DNS_PEER.namespaceSelector },
      { podSelector: KUBE_DNS_PEER.podSelector },
    ];
    const [f] = findingsOf(objects, 'dns-egress');
    expect(f.message).toMatch(/^NetworkPolicy demo\/allow-dns: DNS rule egress\[0\]: peer\(s\) .* are not the cluster DNS/);
  });

  test('flags a missing protocol and an empty `to`', () => {
    const objects = goodObjects();
    const rule = find(objects, 'NetworkPolicy', 'allow-dns').spec.egress[0];
    rule.ports = [{ port: 53, protocol: 'UDP' }];
    delete rule.to;
    expect(findingsOf(objects, 'dns-egress').map(f => f.message)).toEqual([
      'NetworkPolicy demo/allow-dns: egress[0] lets DNS (port 53) go to every destination; send DNS to the cluster DNS only',
    ]);
    rule.to = [KUBE_DNS_PEER];
    expect(findingsOf(objects, 'dns-egress').map(f => f.message)).toEqual([
      'NetworkPolicy demo/allow-dns: DNS rule egress[0]: port 53 TCP is missing',
    ]);
  });

  test('accepts configured DNS CIDRs and DNS labels', () => {
    const objects = goodObjects();
    find(objects, 'NetworkPolicy', 'allow-dns').spec.egress[0].to.push({ ipBlock: { cidr: '10.96.0.10/32' } });
    expect(findingsOf(objects, 'dns-egress')).toHaveLength(1);
    expect(findingsOf(objects, 'dns-egress', { dnsCidrs: ['10.96.0.10/32'] })).toEqual([]);
    // Welkin's cluster DNS service IPs (kubespray, Cluster API) are accepted by default.
    for (const cidr of ['10.233.0.3/32', '10.233.0.10/32']) {
      const welkin = goodObjects();
      find(welkin, 'NetworkPolicy', 'allow-dns').spec.egress[0].to.push({ ipBlock: { cidr } });
      expect(findingsOf(welkin, 'dns-egress')).toEqual([]);
      expect(findingsOf(welkin, 'dns-egress', { dnsCidrs: [] })).toHaveLength(1);
    }
    expect(findingsOf(goodObjects(), 'dns-egress', { dnsPodLabels: { 'k8s-app': 'coredns' } })).toHaveLength(2);
  });
});

describe('no-allow-all-peers', () => {
  test('flags absent and empty peer lists in both directions', () => {
    const objects = goodObjects();
    const spec = find(objects, 'NetworkPolicy', 'web').spec;
    spec.ingress[0].from = [];
    delete spec.egress[0].to;
    expect(findingsOf(objects, 'no-allow-all-peers').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: egress[0] has no `to`, so it allows every destination on UDP 53, TCP 53',
      'NetworkPolicy demo/web: ingress[0] has an empty `from`, so it admits every source on TCP 3000',
    ]);
  });

  test('accepts rules that list peers', () => {
    expect(findingsOf(goodObjects(), 'no-allow-all-peers')).toEqual([]);
  });
});

describe('app-network-policy', () => {
  test('flags pods that only default-deny selects', () => {
    const objects = goodObjects().filter(o => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'web'));
    expect(findingsOf(objects, 'app-network-policy').map(f => f.message)).toEqual([
      'Deployment demo/web: no NetworkPolicy selects its pods (labels {"app.kubernetes.io/name":"web","app.kubernetes.io/instance":"web"})',
    ]);
  });

  test('flags an app policy without an egress rule or policy type', () => {
    const objects = goodObjects();
    const spec = find(objects, 'NetworkPolicy', 'web').spec;
    spec.policyTypes = ['Ingress'];
    delete spec.egress;
    expect(findingsOf(objects, 'app-network-policy').map(f => f.message)).toEqual([
      'Deployment demo/web: its policy NetworkPolicy demo/web is incomplete: policyTypes lacks Egress; it has no egress rule',
    ]);
  });

  test('accepts an app policy that selects the pods with matchExpressions', () => {
    const objects = goodObjects();
    find(objects, 'NetworkPolicy', 'web').spec.podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web'] }] };
    expect(findingsOf(objects, 'app-network-policy')).toEqual([]);
  });

  test('flags ports without a protocol on any policy', () => {
    const objects = goodObjects();
    delete find(objects, 'NetworkPolicy', 'web').spec.ingress[0].ports[0].protocol;
    expect(findingsOf(objects, 'app-network-policy').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: port(s) without protocol: ingress[0].ports[0] (3000)',
    ]);
  });
});

describe('pod-isolated-both-directions and require-network-policy', () => {
  test('flag pods that no policy selects', () => {
    const objects = goodObjects().filter(o => o.kind !== 'NetworkPolicy');
    const result = lint(objects);
    expect(result.findings.filter(f => f.ruleId === 'pod-isolated-both-directions').map(f => [f.severity, f.message])).toEqual([
      ['error', 'Deployment demo/web: no NetworkPolicy isolates its pods for Ingress and Egress (all such traffic is allowed)'],
    ]);
    expect(result.findings.filter(f => f.ruleId === 'require-network-policy').map(f => [f.severity, f.message])).toEqual([
      ['warning', 'Deployment demo/web: no NetworkPolicy in its namespace selects its pods'],
    ]);
  });

  test('pod-isolated-both-directions flags a pod isolated for ingress only', () => {
    const objects = goodObjects().filter(o => !(o.kind === 'NetworkPolicy' && ['default-deny', 'allow-dns'].includes(o.metadata.name)));
    find(objects, 'NetworkPolicy', 'web').spec.policyTypes = ['Ingress'];
    delete find(objects, 'NetworkPolicy', 'web').spec.egress;
    expect(findingsOf(objects, 'pod-isolated-both-directions').map(f => f.message)).toEqual([
      'Deployment demo/web: no NetworkPolicy isolates its pods for Egress (all such traffic is allowed)',
    ]);
    expect(findingsOf(objects, 'require-network-policy')).toEqual([]);
  });

  test('accept isolation split across policies (ingress from one, egress from another)', () => {
    const objects = goodObjects().filter(o => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'default-deny'));
    find(objects, 'NetworkPolicy', 'web').spec.policyTypes = ['Ingress'];
    expect(findingsOf(objects, 'pod-isolated-both-directions')).toEqual([]); // allow-dns isolates egress
    expect(findingsOf(objects, 'require-network-policy')).toEqual([]);
  });

  test('policies in another namespace do not count', () => {
    const objects = goodObjects();
    for (const o of objects.filter(x => x.kind === 'NetworkPolicy')) o.metadata.namespace = 'other';
    expect(ruleIds(lint(objects))).toEqual(expect.arrayContaining(['pod-isolated-both-directions', 'require-network-policy']));
  });
});

describe('dangling-references', () => {
  test('flags an Ingress backend that is not in the output, or a wrong port', () => {
    const objects = goodObjects();
    const backend = find(objects, 'Ingress', 'web').spec.rules[0].http.paths[0].backend;
    backend.service.port.number = 8080;
    expect(findingsOf(objects, 'dangling-references').map(f => f.message)).toEqual([
      'Ingress demo/web: backend port 8080 is not a port of Service web',
    ]);
    backend.service.name = 'api';
    expect(findingsOf(objects, 'dangling-references').map(f => f.message)).toEqual(['Ingress demo/web: backend service api is not in the output']);
  });

  test('flags Service and NetworkPolicy selectors that match no pod template', () => {
    const objects = goodObjects();
    find(objects, 'Service', 'web').spec.selector = { 'app.kubernetes.io/name': 'wbe' };
    find(objects, 'NetworkPolicy', 'web').spec.podSelector = { matchLabels: { 'app.kubernetes.io/name': 'wbe' } };
    expect(findingsOf(objects, 'dangling-references').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: podSelector {"matchLabels":{"app.kubernetes.io/name":"wbe"}} matches no pod template in the output',
      'Service demo/web: selector {"app.kubernetes.io/name":"wbe"} matches no pod template in the output',
    ]);
  });

  test('ignores operator-managed pods (the HTTP-01 solver) unless configured otherwise', () => {
    expect(findingsOf(goodObjects(), 'dangling-references')).toEqual([]);
    expect(findingsOf(goodObjects(), 'dangling-references', { externallyManagedPodLabels: [] }).map(f => f.object.name)).toEqual(['allow-acme-http01-solver']);
  });

  test('accepts Ingress backends by port name', () => {
    const objects = goodObjects();
    find(objects, 'Ingress', 'web').spec.rules[0].http.paths[0].backend.service.port = { name: 'http' };
    expect(findingsOf(objects, 'dangling-references')).toEqual([]);
  });
});
