import { ApiObject, App, Chart } from 'cdk8s';
import { ClusterProfile, Cdk8sReachability, DefaultDenyNamespace, NetworkAnalysis, PeerKind, Platform, SecureApp } from '../../src';
import { allow, allowEgress, shopChart } from '../testing/fixtures';

describe('Cdk8sReachability', () => {
  test('fromChart analyses what the chart synthesizes', () => {
    const analysis = Cdk8sReachability.fromChart(shopChart());
    expect(analysis).toBeInstanceOf(NetworkAnalysis);
    expect(analysis.connections.map(c => `${c.source} => ${c.destination} : ${c.description}`)).toEqual([
      'shop/api[Deployment] => shop/db[Deployment] : TCP 5432',
      'shop/web[Deployment] => shop/api[Deployment] : TCP 8080',
    ]);
  });

  test('fromApp analyses all charts as one cluster: a policy in one chart admits a workload of another', () => {
    const app = new App();
    const shop = shopChart(app);
    allow(shop, 'reporter', 'db', 5432, 'reports');
    const reports = new Chart(app, 'reports', { namespace: 'reports' });
    new ApiObject(reports, 'reporter', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'reporter' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { metadata: { labels: { app: 'reporter' } }, spec: { containers: [{ name: 'r', image: 'x' }] } } } } },
    });
    allowEgress(reports, 'reporter', 'db', 'shop');
    const all = Cdk8sReachability.fromApp(app);
    expect(all.isAllowed('reports/reporter[CronJob]', 'shop/db[Deployment]', 5432)).toBe(true);
    expect(all.isAllowed('reports/reporter[CronJob]', 'shop/api[Deployment]', 8080)).toBe(false);
    // Each chart alone sees only its own half.
    expect(Cdk8sReachability.fromChart(shop).workloads.map(String)).toEqual(['shop/api[Deployment]', 'shop/db[Deployment]', 'shop/web[Deployment]']);
    expect(Cdk8sReachability.fromChart(reports).workloads.map(String)).toEqual(['reports/reporter[CronJob]']);
  });

  test('options reach the engine: a platform profile makes its workloads real peers', () => {
    const analysis = Cdk8sReachability.fromChart(shopChart(), { profile: ClusterProfile.welkin() });
    expect(analysis.workloads.map(String)).toContain('kube-system/coredns[Deployment]');
    expect(analysis.isAllowed('shop/web[Deployment]', 'kube-system/coredns[Deployment]', 53)).toBe(false); // default-deny egress
  });

  test('the constructs name themselves: a SecureApp is a peer wherever the analysis asks for one', () => {
    const chart = new Chart(new App(), 'apps');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const ns = new DefaultDenyNamespace(chart, 'shop');
    const web = new SecureApp(chart, 'web', { namespace: ns, image: 'harbor.example.com/shop/web:1.0.0', port: 3000, metrics: {} });
    const api = new SecureApp(chart, 'api', { namespace: ns, image: 'harbor.example.com/shop/api:1.0.0', port: 8080 });
    web.allowTo(api);
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(web.workloadIdentity).toEqual({ namespace: 'shop', name: 'web', kind: 'Deployment' });
    expect(analysis.peer(web)).toBe(analysis.peer('shop/web[Deployment]'));
    expect(analysis.peer(web).kind).toBe(PeerKind.WORKLOAD);
    expect(analysis.isAllowed(web, api, 8080)).toBe(true);
    expect(analysis.isAllowed(api, web)).toBe(false);
    expect(analysis.connectionBetween(web, api)?.toString()).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 8080');
    const why = analysis.explain(web, api, 8080);
    expect([why.allowed, why.source.workload, why.ingress.allowingRules.map(r => r.policy)])
      .toEqual([true, { namespace: 'shop', name: 'web', kind: 'Deployment' }, ['shop/api']]);
  });
});

