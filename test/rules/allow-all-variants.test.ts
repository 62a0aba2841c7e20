// The allow-all variants and the Pod Security baseline fields the pack flags, each on a mutation of
// the good fixture, and the DNS rule that judges only rules meant for DNS.
import * as fc from 'fast-check';
import { find, findingsOf, goodObjects, lint, web } from './helpers';
import { NetworkAnalysis } from '../../src/analysis';
import { coveredFamilies } from '../../src/kube/address-blocks';

const KUBE_DNS_PEER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

function webEgress(objects: any[]): any[] {
  return find(objects, 'NetworkPolicy', 'web').spec.egress;
}

describe('no-all-namespaces-peers', () => {
  test.each([
    [{ namespaceSelector: {} }],
    [{ namespaceSelector: {}, podSelector: {} }],
    [{ namespaceSelector: { matchLabels: {} }, podSelector: { matchExpressions: [] } }],
  ])('flags %j', peer => {
    const objects = goodObjects();
    find(objects, 'NetworkPolicy', 'web').spec.ingress[0].from = [peer];
    expect(findingsOf(objects, 'no-all-namespaces-peers').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: ingress[0].from[0] selects every pod of every namespace (an empty namespaceSelector without a pod selector)',
    ]);
  });
  test('a pod selector narrows it', () => {
    const objects = goodObjects();
    find(objects, 'NetworkPolicy', 'web').spec.ingress[0].from = [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } }];
    expect(findingsOf(objects, 'no-all-namespaces-peers')).toEqual([]);
  });
});

describe('no-all-addresses-peers', () => {
  test.each([
    [[{ ipBlock: { cidr: '0.0.0.0/1' } }, { ipBlock: { cidr: '128.0.0.0/1' } }], 'IPv4'],
    [[{ ipBlock: { cidr: '0.0.0.0/0' } }], 'IPv4'],
    [[{ ipBlock: { cidr: '::/1' } }, { ipBlock: { cidr: '8000::/1' } }], 'IPv6'],
    [[{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '10.0.0.0/8' } }], 'IPv4'],
  ])('flags %j', (to, family) => {
    const objects = goodObjects();
    webEgress(objects).push({ to, ports: [{ port: 443, protocol: 'TCP' }] });
    const messages = findingsOf(objects, 'no-all-addresses-peers').map(f => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`together cover every ${family} address`);
  });
  test('::/0 except ::/1 is not everything, and an internet-like block is fine here', () => {
    const objects = goodObjects();
    webEgress(objects).push({ to: [{ ipBlock: { cidr: '::/0', except: ['::/1'] } }, { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.0.0/16'] } }], ports: [{ port: 443, protocol: 'TCP' }] });
    expect(findingsOf(objects, 'no-all-addresses-peers')).toEqual([]);
  });
});

describe('dns-egress judges only rules meant for DNS', () => {
  test('a port range through 53 to anywhere is DNS anywhere (the udpRange(52, 53) loophole)', () => {
    const objects = goodObjects();
    webEgress(objects).push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 52, endPort: 53, protocol: 'UDP' }] });
    expect(findingsOf(objects, 'dns-egress').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: egress[1] lets DNS (port 53) go to every address; send DNS to the cluster DNS only',
    ]);
  });
  test('port 53 to the whole internet (as Peer.internet() writes it) is DNS anywhere', () => {
    const objects = goodObjects();
    const except = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
      '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3'];
    webEgress(objects).push({ to: [{ ipBlock: { cidr: '0.0.0.0/0', except } }], ports: [{ port: 1, endPort: 1024, protocol: 'UDP' }] });
    expect(findingsOf(objects, 'dns-egress').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: egress[1] lets DNS (port 53) go to the whole internet; send DNS to the cluster DNS only',
    ]);
  });
  test('every port to every destination is DNS anywhere too', () => {
    const objects = goodObjects();
    webEgress(objects).push({});
    expect(findingsOf(objects, 'dns-egress').map(f => f.message)).toEqual([
      'NetworkPolicy demo/web: egress[1] lets DNS (port 53) go to every destination; send DNS to the cluster DNS only',
    ]);
  });
  test('an app-to-app connection on port 53 is not a DNS rule', () => {
    const objects = goodObjects();
    webEgress(objects).push({ to: [{ podSelector: { matchLabels: { app: 'resolver' } } }], ports: [{ port: 53, protocol: 'TCP' }] });
    webEgress(objects).push({ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }], ports: [{ port: 53, protocol: 'UDP' }] });
    expect(findingsOf(objects, 'dns-egress')).toEqual([]);
  });
  test('a rule to the cluster DNS is still judged: both protocols', () => {
    const objects = goodObjects();
    webEgress(objects).push({ to: [KUBE_DNS_PEER], ports: [{ port: 50, endPort: 60, protocol: 'UDP' }] });
    expect(findingsOf(objects, 'dns-egress').map(f => f.message)).toEqual(['NetworkPolicy demo/web: DNS rule egress[1]: port 53 TCP is missing']);
  });
});

describe('Pod Security baseline fields', () => {
  test.each([
    ['no-host-path-volumes', (o: any[]) => { web(o).pod.volumes = [{ name: 'root', hostPath: { path: '/' } }]; }, 'Deployment demo/web mounts hostPath volume(s) \'root\' (/)'],
    ['no-unmasked-proc-mount', (o: any[]) => { web(o).container.securityContext.procMount = 'Unmasked'; }, 'sets securityContext.procMount: "Unmasked"'],
    ['no-unconfined-apparmor', (o: any[]) => { web(o).container.securityContext.appArmorProfile = { type: 'Unconfined' }; }, 'sets securityContext.appArmorProfile.type: Unconfined'],
    ['no-unconfined-apparmor', (o: any[]) => { web(o).pod.securityContext = { ...web(o).pod.securityContext, appArmorProfile: { type: 'Unconfined' } }; }, 'appArmorProfile.type: Unconfined'],
    ['no-unconfined-apparmor', (o: any[]) => {
      const d = find(o, 'Deployment', 'web');
      d.spec.template.metadata.annotations = { [`container.apparmor.security.beta.kubernetes.io/${web(o).container.name}`]: 'unconfined' };
    }, 'is unconfined by the annotation container.apparmor.security.beta.kubernetes.io/'],
    ['no-privileged-selinux', (o: any[]) => { web(o).container.securityContext.seLinuxOptions = { type: 'spc_t' }; }, 'sets seLinuxOptions.type: "spc_t"'],
    ['no-privileged-selinux', (o: any[]) => { web(o).container.securityContext.seLinuxOptions = { user: 'system_u' }; }, 'sets seLinuxOptions.user'],
    ['safe-sysctls', (o: any[]) => { web(o).pod.securityContext = { ...web(o).pod.securityContext, sysctls: [{ name: 'kernel.msgmax', value: '1' }] }; }, 'sets unsafe sysctl(s) kernel.msgmax'],
    ['no-host-namespaces', (o: any[]) => { web(o).container.ports = [{ containerPort: 3000, hostPort: 3000 }]; }, 'hostPort 3000'],
  ])('%s flags %#', (rule, mutate, message) => {
    const objects = goodObjects();
    mutate(objects);
    const messages = findingsOf(objects, rule).map(f => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });
  test.each([
    ['no-privileged-selinux', (o: any[]) => { web(o).container.securityContext.seLinuxOptions = { type: 'container_t', level: 's0:c123,c456' }; }],
    ['safe-sysctls', (o: any[]) => { web(o).pod.securityContext = { ...web(o).pod.securityContext, sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] }; }],
    ['no-unconfined-apparmor', (o: any[]) => { web(o).container.securityContext.appArmorProfile = { type: 'RuntimeDefault' }; }],
    ['no-unmasked-proc-mount', (o: any[]) => { web(o).container.securityContext.procMount = 'Default'; }],
  ])('%s accepts the allowed values %#', (rule, mutate) => {
    const objects = goodObjects();
    mutate(objects);
    expect(findingsOf(objects, rule)).toEqual([]);
  });
});

describe('property: lint never passes a policy the engine finds allowing every address', () => {
  const cidr = fc.constantFrom('0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8', '169.254.0.0/16', '203.0.113.0/24', '::/0', '::/1', '8000::/1', '2001:db8::/32', '64.0.0.0/2', '192.0.0.0/2');
  const peer = fc.oneof(
    fc.record({ ipBlock: fc.record({ cidr, except: fc.constantFrom(undefined, ['10.0.0.0/8'], ['0.0.0.0/1'], ['::/1']) }, { requiredKeys: ['cidr'] }) }),
    fc.constant({ namespaceSelector: {} }),
    fc.constant({ namespaceSelector: {}, podSelector: {} }),
    fc.constant({ podSelector: { matchLabels: { app: 'other' } } }),
    fc.constant(KUBE_DNS_PEER),
  );
  const peers = fc.oneof(fc.constant(undefined), fc.array(peer, { maxLength: 4 }));
  const ports = fc.oneof(fc.constant(undefined), fc.constant([{ port: 443, protocol: 'TCP' }]), fc.constant([{ port: 52, endPort: 53, protocol: 'UDP' }]));

  test('ingress or egress peers covering a family always give an error', () => {
    let hits = 0;
    fc.assert(fc.property(peers, ports, fc.boolean(), (list, portList, ingress) => {
      const objects = goodObjects();
      const spec = find(objects, 'NetworkPolicy', 'web').spec;
      const rule: any = {};
      if (list !== undefined) rule[ingress ? 'from' : 'to'] = JSON.parse(JSON.stringify(list, (_k, v) => v === undefined ? undefined : v));
      if (portList !== undefined) rule.ports = portList;
      (ingress ? spec.ingress : spec.egress).push(rule);
      const analysis = NetworkAnalysis.fromManifests(objects);
      const outside = analysis.connections
        .filter(c => (ingress ? c.destination : c.source).name === 'demo/web[Deployment]')
        .map(c => (ingress ? c.source : c.destination)._range)
        .filter((r): r is NonNullable<typeof r> => r !== undefined);
      if (coveredFamilies(outside).length > 0) {
        hits++;
        expect(lint(objects).errorCount).toBeGreaterThan(0);
      }
    }), { numRuns: 150 });
    expect(hits).toBeGreaterThan(10); // the generator does reach allow-all policies
  });
});
