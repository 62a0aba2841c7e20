import { Chart } from 'cdk8s';
import '../../../src/testing/jest';
import { Cdk8sReachability, ClusterProfile, IngressController, Platform } from '../../../src';
import { find, synth, webDemoChart } from '../helpers';

const IMAGE = 'harbor.example.com/demo/user-demo:1.0.0';
const NODES = '10.1.0.0/24';

const demo = (platform: Platform): Chart => webDemoChart(platform, IMAGE);

describe('Platform.welkin({ ingressUsingHostNetwork, nodeCidrs })', () => {
  const hostNetwork = () => Platform.welkin({ domain: 'example.com', ingressUsingHostNetwork: true, nodeCidrs: [NODES] });

  test('one switch: the controller is recognised by the nodes\' addresses in the app policy and the solver policy', () => {
    const platform = hostNetwork();
    expect(platform.ingressController.nodeCidrs).toEqual([NODES]);
    const objects = synth(demo(platform));
    expect(find(objects, 'NetworkPolicy', 'web', 'demo').spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: NODES } }], ports: [{ port: 3000, protocol: 'TCP' }] }]);
    expect(find(objects, 'NetworkPolicy', 'allow-acme-http01-solver', 'demo').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: NODES } }]);
  });

  test('reachability: traffic from the nodes reaches the app, pods in ingress-nginx do not', () => {
    const analysis = Cdk8sReachability.fromChart(demo(hostNetwork()));
    expect(analysis).toAllowConnection('host-network/ingress-controller[DaemonSet]', 'demo/web', 3000);
    expect(analysis).toAllowConnection('10.1.0.7', 'demo/web', 3000);
    expect(analysis).not.toAllowConnection('10.2.0.7', 'demo/web', 3000);
    // Policies written for the pods miss a host-network controller: the profile shows it.
    const podPolicies = Cdk8sReachability.fromChart(demo(Platform.welkin({ domain: 'example.com' })), { profile: ClusterProfile.welkin({ ingressNodeCidrs: [NODES] }) });
    expect(podPolicies).not.toAllowConnection('host-network/ingress-controller[DaemonSet]', 'demo/web', 3000);
  });

  test('the profile and the platform agree', () => {
    expect(hostNetwork().clusterProfile().ingressController).toEqual(ClusterProfile.welkin({ ingressNodeCidrs: [NODES] }).ingressController);
  });

  test('validated: the switch needs node CIDRs, CIDRs need the switch, and a hand-built controller excludes it', () => {
    expect(() => Platform.welkin({ domain: 'example.com', ingressUsingHostNetwork: true }))
      .toThrow('Platform.welkin: ingressUsingHostNetwork needs nodeCidrs: the controller\'s traffic comes from the nodes\' addresses; list their CIDRs, e.g. ["10.0.0.0/24"]');
    expect(() => Platform.welkin({ domain: 'example.com', ingressUsingHostNetwork: true, nodeCidrs: [] })).toThrow(/needs nodeCidrs/);
    expect(() => Platform.welkin({ domain: 'example.com', nodeCidrs: [NODES] })).toThrow(/nodeCidrs are only used with ingressUsingHostNetwork: true/);
    expect(() => Platform.welkin({ domain: 'example.com', ingressUsingHostNetwork: true, nodeCidrs: [NODES], ingressController: IngressController.hostNetwork([NODES]) }))
      .toThrow(/ingressUsingHostNetwork and ingressController both describe/);
    expect(() => Platform.welkin({ domain: 'example.com', ingressUsingHostNetwork: true, nodeCidrs: ['10.1.0.1/24'] })).toThrow(/Platform.welkin: node CIDR "10.1.0.1\/24" has host bits set/);
    expect(Platform.welkin({ domain: 'example.com', ingressUsingHostNetwork: false }).ingressController.namespace).toBe('ingress-nginx');
  });
});
