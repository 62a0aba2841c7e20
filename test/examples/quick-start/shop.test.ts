import '../../../src/testing/jest'; // toAllowConnection, toOnlyAllow
import { Testing } from 'cdk8s';
import { buildShop } from './shop';
import { Cdk8sReachability, ClusterProfile } from '../../../src';
import { expectNoFindings } from '../../../src/testing';

test('the shop opens exactly what it declares', () => {
  const chart = buildShop(Testing.app());

  // Between the chart's own workloads: exactly this, nothing else.
  expect(chart).toOnlyAllow(['shop/web[Deployment] => shop/api[Deployment] : TCP 8080']);

  // With the platform's ingress controller, CoreDNS and Prometheus as real peers:
  const cluster = Cdk8sReachability.fromChart(chart, { profile: ClusterProfile.welkin() });
  expect(cluster).toAllowConnection('ingress-nginx/ingress-nginx-controller', 'shop/web', 3000);
  expect(cluster).toAllowConnection('shop/api', 'kube-system/coredns', 'UDP 53');
  expect(cluster).not.toAllowConnection('ingress-nginx/ingress-nginx-controller', 'shop/api');
  expect(cluster).not.toAllowConnection('shop/api', 'shop/web');

  // And the guardrails rule pack has nothing to say.
  expectNoFindings(chart);
});
