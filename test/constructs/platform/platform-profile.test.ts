import { Chart, Testing } from 'cdk8s';
import {
  ClusterProfile, Cdk8sReachability, DefaultDenyNamespace, IngressController, Platform, Protocol, ReportFormat, SecureApp, TlsIngress,
} from '../../../src';

describe('Platform.clusterProfile', () => {
  test('Welkin facts give the same workloads as ClusterProfile.welkin()', () => {
    const profile = Platform.welkin({ domain: 'example.com' }).clusterProfile();
    const reference = ClusterProfile.welkin();
    expect(profile.name).toBe('welkin');
    expect(profile.ingressController).toEqual(reference.ingressController);
    expect(profile.dns).toEqual(reference.dns);
    expect(profile.monitoring).toEqual(reference.monitoring);
  });

  test('overridden facts flow into the profile', () => {
    const profile = Platform.welkin({
      domain: 'example.com',
      ingressController: IngressController.pods('edge', { app: 'router' }),
      dns: { namespace: 'dns', podLabels: { app: 'unbound' } },
    }).clusterProfile();
    expect(profile.ingressController).toMatchObject({ namespace: 'edge', name: 'edge-controller', podLabels: { app: 'router' } });
    expect(profile.dns).toMatchObject({ namespace: 'dns', podLabels: { app: 'unbound' } });
  });

  test('a host-network controller is described by the node CIDRs', () => {
    const profile = Platform.welkin({
      domain: 'example.com',
      ingressController: IngressController.hostNetwork(['10.1.0.0/24']),
    }).clusterProfile();
    expect(profile.ingressController).toMatchObject({ hostNetwork: true, hostCidrs: ['10.1.0.0/24'] });
  });
});

describe('analysis of a chart with a registered platform', () => {
  function demoChart(): Chart {
    const chart = new Chart(Testing.app(), 'demo');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const ns = new DefaultDenyNamespace(chart, 'demo');
    const app = new SecureApp(ns, 'demo', { image: 'harbor.example.com/demo/user-demo:1.0.0', port: 3000 });
    new TlsIngress(ns, 'ingress', { app, host: 'demo.example.com' });
    return chart;
  }

  test('the platform workloads take part as real peers', () => {
    const analysis = Cdk8sReachability.fromChart(demoChart());
    expect(analysis.isAllowed('ingress-nginx/ingress-nginx-controller[Deployment]', 'demo/demo[Deployment]', 3000, Protocol.TCP)).toBe(true);
    expect(analysis.isAllowed('demo/demo[Deployment]', 'kube-system/coredns[Deployment]', 53, Protocol.UDP)).toBe(true);
    expect(analysis.isAllowed('demo/demo[Deployment]', 'kube-system/coredns[Deployment]', 53, Protocol.TCP)).toBe(true);
    expect(analysis.render(ReportFormat.TEXT)).not.toContain('{ingress-controller}');
  });

  test('an explicit profile wins over the registered platform', () => {
    const analysis = Cdk8sReachability.fromChart(demoChart(), { profile: new ClusterProfile() });
    expect(analysis.workloads).not.toContain('ingress-nginx/ingress-nginx-controller[Deployment]');
    // The placeholder stands for an unknown pod in an unknown namespace, which the app's policy
    // (admitting only the controller's namespace and labels) does not let in.
    expect(analysis.isAllowed('{ingress-controller}', 'demo/demo[Deployment]', 3000, Protocol.TCP)).toBe(false);
  });
});
