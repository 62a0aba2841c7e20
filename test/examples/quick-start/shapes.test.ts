import '../../../src/testing/jest';
import { Testing } from 'cdk8s';
import { buildShapes } from './shapes';
import { expectNoFindings } from '../../../src/testing';

test('each workload shape opens exactly what it declares, and the rule pack has nothing to say', () => {
  const { chart, api, worker, cache, report, legacy } = buildShapes(Testing.app());
  expectNoFindings(chart);
  // Welkin's DNS: CoreDNS, node-local DNS on the host network, and the service IP it answers on
  const dns = (from: unknown) => ['kube-system/coredns', 'kube-system/node-local-dns', '10.233.0.3-10.233.0.3']
    .map(to => ({ from, to, ports: 'TCP 53,UDP 53' }));
  expect(chart).toOnlyAllow([
    { from: worker, to: api, ports: 'TCP 9000' },
    { from: api, to: cache, ports: 'TCP 6379' },
    { from: report, to: api, ports: 'TCP 8080' },
    { from: api, to: legacy, ports: 'TCP 8080' },
    ...['0.0.0.0-9.255.255.255', '11.0.0.0-100.63.255.255', '100.128.0.0-169.253.255.255', '169.255.0.0-172.15.255.255',
      '172.32.0.0-192.167.255.255', '192.169.0.0-255.255.255.255', '::-::fffe:ffff:ffff', '::1:0:0:0-fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fe00::-fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'fec0::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'].map(to => ({ from: legacy, to, ports: 'TCP 443' })),
    ...[api, worker, cache, report, legacy].flatMap(dns),
  ]);
});
