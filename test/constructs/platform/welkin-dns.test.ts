import { Chart } from 'cdk8s';
import '../../../src/testing/jest';
import { Cdk8sReachability, ClusterDnsIp, ClusterProfile, Platform } from '../../../src';
import { find, synth, webDemoChart } from '../helpers';

const NODE_LOCAL_DNS = 'kube-system/node-local-dns[DaemonSet]';
const COREDNS = 'kube-system/coredns[Deployment]';
const IMAGE = 'harbor.example.com/demo/user-demo:1.0.0';

const demo = (platform: Platform): Chart => webDemoChart(platform, IMAGE);

describe('Platform.welkin: DNS through node-local DNS on the cluster DNS service IP', () => {
  test('by default allow-dns and the app policy allow the kubespray service IP as an ipBlock, UDP and TCP 53', () => {
    const objects = synth(demo(Platform.welkin({ domain: 'example.com' })));
    const dnsRule = {
      to: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
        { ipBlock: { cidr: '10.233.0.3/32' } },
      ],
    };
    expect(find(objects, 'NetworkPolicy', 'allow-dns', 'demo').spec.egress).toEqual([expect.objectContaining(dnsRule)]);
    expect(find(objects, 'NetworkPolicy', 'web', 'demo').spec.egress).toContainEqual(expect.objectContaining(dnsRule));
    for (const rule of [find(objects, 'NetworkPolicy', 'allow-dns', 'demo').spec.egress[0]]) {
      expect(rule.ports).toEqual(expect.arrayContaining([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]));
    }
  });

  test('Cluster API clusters and any other address are one option away', () => {
    expect(Platform.welkin({ domain: 'example.com', clusterDns: ClusterDnsIp.clusterApi() }).dnsCidrs).toEqual(['10.233.0.10/32']);
    expect(Platform.welkin({ domain: 'example.com', clusterDns: ClusterDnsIp.of('10.96.0.10') }).dnsCidrs).toEqual(['10.96.0.10/32']);
    expect(Platform.welkin({ domain: 'example.com', clusterDns: ClusterDnsIp.of('fd00::a') }).dnsCidrs).toEqual(['fd00::a/128']);
    expect(Platform.welkin({ domain: 'example.com', dns: { cidrs: [] } }).dnsCidrs).toEqual([]);
    // Other platforms keep no DNS CIDR unless told.
    expect(Platform.custom({ ingressController: Platform.welkin({ domain: 'example.com' }).ingressController, ingressClassName: 'nginx', appDomain: 'app.example.com' }).dnsCidrs).toEqual([]);
  });

  test('a bad cluster DNS address is a clear error', () => {
    expect(() => Platform.welkin({ domain: 'example.com', clusterDns: ClusterDnsIp.of('10.233.0.300') }))
      .toThrow(/Platform.welkin: cluster DNS IP "10.233.0.300\/32" does not parse.*given "10.233.0.300"/);
    expect(() => Platform.welkin({ domain: 'example.com', clusterDns: ClusterDnsIp.of('10.233.0.3/24') })).toThrow(/host bits set/);
  });

  test('the Welkin profile models node-local DNS as a host-network DaemonSet on the service IP', () => {
    const profile = ClusterProfile.welkin();
    expect(profile.nodeLocalDns).toMatchObject({
      namespace: 'kube-system', name: 'node-local-dns', kind: 'DaemonSet', hostNetwork: true, hostCidrs: ['10.233.0.3/32', '169.254.20.10/32'],
    });
    expect(ClusterProfile.welkin({ dnsServiceCidrs: ['10.233.0.10/32'] }).nodeLocalDns?.hostCidrs).toEqual(['10.233.0.10/32', '169.254.20.10/32']);
    expect(ClusterProfile.welkin({ dnsServiceCidrs: [] }).nodeLocalDns).toBeUndefined();
    expect(Platform.welkin({ domain: 'example.com' }).clusterProfile().nodeLocalDns).toEqual(profile.nodeLocalDns);
  });

  test('reachability: the app resolves names through node-local DNS on the service IP, and nothing else', () => {
    const analysis = Cdk8sReachability.fromChart(demo(Platform.welkin({ domain: 'example.com' })), { profile: ClusterProfile.welkin() });
    expect(analysis).toAllowConnection('demo/web', NODE_LOCAL_DNS, 'UDP 53');
    expect(analysis).toAllowConnection('demo/web', NODE_LOCAL_DNS, 'TCP 53');
    expect(analysis).toAllowConnection('demo/web', '10.233.0.3', 'UDP 53');
    expect(analysis).not.toAllowConnection('demo/web', '10.233.0.4', 'UDP 53');
    expect(analysis).not.toAllowConnection('demo/web', NODE_LOCAL_DNS, 'TCP 80');
    expect(analysis).toOnlyAllow([
      'ingress-nginx/ingress-nginx-controller[Deployment] => demo/web[Deployment] : TCP 3000',
      `demo/web[Deployment] => ${COREDNS} : TCP 53,UDP 53`,
      `demo/web[Deployment] => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      // The profile's host addresses stay addresses too: the engine lists the service IP as well.
      'demo/web[Deployment] => 10.233.0.3-10.233.0.3 : TCP 53,UDP 53',
    ]);
  });

  test('without the service IP, a pod selector alone never reaches node-local DNS (the bug this fixes)', () => {
    const analysis = Cdk8sReachability.fromChart(demo(Platform.welkin({ domain: 'example.com', dns: { cidrs: [] } })), { profile: ClusterProfile.welkin() });
    expect(analysis).toAllowConnection('demo/web', COREDNS, 'UDP 53');
    expect(analysis).not.toAllowConnection('demo/web', NODE_LOCAL_DNS, 'UDP 53');
  });

  test('Cluster API: the policies and the profile agree on 10.233.0.10', () => {
    const platform = Platform.welkin({ domain: 'example.com', clusterDns: ClusterDnsIp.clusterApi() });
    const analysis = Cdk8sReachability.fromChart(demo(platform));
    expect(analysis).toAllowConnection('demo/web', NODE_LOCAL_DNS, 'UDP 53');
    expect(analysis).toAllowConnection('demo/web', '10.233.0.10', 'UDP 53');
    // Policies written for kubespray miss a Cluster API cluster's node-local DNS.
    const kubespray = Cdk8sReachability.fromChart(demo(Platform.welkin({ domain: 'example.com' })), { profile: platform.clusterProfile() });
    expect(kubespray).not.toAllowConnection('demo/web', NODE_LOCAL_DNS, 'UDP 53');
  });
});
