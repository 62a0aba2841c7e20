import '../../../src/testing/jest'; // toAllowConnection, toOnlyAllow
import { Testing } from 'cdk8s';
import { buildShop } from './shop';
import { expectNoFindings } from '../../../src/testing';

test('the shop opens exactly what it declares', () => {
  const chart = buildShop(Testing.app());

  // The chart registers a Platform, so its ingress controller, CoreDNS and Prometheus take part
  // as real peers: exactly these connections are open, nothing else.
  expect(chart).toOnlyAllow([
    'ingress-nginx/ingress-nginx-controller[Deployment] => shop/web[Deployment] : TCP 3000',
    'shop/web[Deployment] => shop/api[Deployment] : TCP 8080',
    'shop/web[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53',
    'shop/api[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53',
  ]);
  expect(chart).toAllowConnection('shop/api', 'kube-system/coredns', 'UDP 53');
  expect(chart).not.toAllowConnection('ingress-nginx/ingress-nginx-controller', 'shop/api');
  expect(chart).not.toAllowConnection('shop/api', 'shop/web');

  // And the guardrails rule pack has nothing to say.
  expectNoFindings(chart);
});
