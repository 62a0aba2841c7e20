import '../../../src/testing/jest'; // toAllowConnection, toOnlyAllow
import { Testing } from 'cdk8s';
import { buildShop } from './shop';
import { Port } from '../../../src';
import { expectNoFindings } from '../../../src/testing';

test('the shop opens exactly what it declares', () => {
  const { chart, web, api } = buildShop(Testing.app());

  // The chart registers a Platform, so its ingress controller, CoreDNS, node-local DNS and
  // Prometheus take part as real peers: exactly these connections are open, nothing else. Apps are
  // named by the constructs themselves; other peers as the analysis prints them (`ns/name` is enough).
  const dns = ['kube-system/coredns', 'kube-system/node-local-dns', '10.233.0.3/32'];
  expect(chart).toOnlyAllow([
    'ingress-nginx/ingress-nginx-controller[Deployment] => shop/web[Deployment] : TCP 3000',
    { from: web, to: api, ports: Port.tcp(8080) },
    // DNS: CoreDNS pods, and node-local DNS on the cluster DNS service IP (host network).
    ...dns.map(to => ({ from: web, to, ports: 'TCP 53,UDP 53' })),
    ...dns.map(to => ({ from: api, to, ports: 'TCP 53,UDP 53' })),
  ]);
  expect(chart).toAllowConnection(web, api, Port.tcp(8080));
  expect(chart).toAllowConnection(api, 'kube-system/node-local-dns', 'UDP 53');
  expect(chart).not.toAllowConnection('ingress-nginx/ingress-nginx-controller', api);
  expect(chart).not.toAllowConnection(api, web);

  // And the guardrails rule pack has nothing to say.
  expectNoFindings(chart);
});
