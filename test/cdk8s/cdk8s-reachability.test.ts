import { ApiObject, App, Chart } from 'cdk8s';
import { ClusterProfile, Cdk8sReachability, NetworkAnalysis } from '../../src';
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
    expect(Cdk8sReachability.fromChart(shop).workloads).toEqual(['shop/api[Deployment]', 'shop/db[Deployment]', 'shop/web[Deployment]']);
    expect(Cdk8sReachability.fromChart(reports).workloads).toEqual(['reports/reporter[CronJob]']);
  });

  test('options reach the engine: a platform profile makes its workloads real peers', () => {
    const analysis = Cdk8sReachability.fromChart(shopChart(), { profile: ClusterProfile.welkin() });
    expect(analysis.workloads).toContain('kube-system/coredns[Deployment]');
    expect(analysis.isAllowed('shop/web[Deployment]', 'kube-system/coredns[Deployment]', 53)).toBe(false); // default-deny egress
  });
});
