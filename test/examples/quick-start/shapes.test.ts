import '../../../src/testing/jest';
import { Testing } from 'cdk8s';
import { buildShapes } from './shapes';
import { internetRanges } from '../../../src/kube/address-blocks';
import { formatRange } from '../../../src/kube/ip';
import { WELKIN } from '../../../src/kube/platform';
import { expectNoFindings } from '../../../src/testing';
import type { PeerSpec } from '../../../src/testing/matchers';

test('each workload shape opens exactly what it declares, and the rule pack has nothing to say', () => {
  const { chart, api, worker, cache, report, legacy } = buildShapes(Testing.app());
  expectNoFindings(chart);
  // Welkin's DNS: CoreDNS, node-local DNS on the host network, and the service IP it answers on
  const dns = (from: PeerSpec) => ['kube-system/coredns', 'kube-system/node-local-dns', '10.233.0.3-10.233.0.3']
    .map(to => ({ from, to, ports: 'TCP 53,UDP 53' }));
  expect(chart).toOnlyAllow([
    { from: worker, to: api, ports: 'TCP 9000' },
    { from: api, to: cache, ports: 'TCP 6379' },
    { from: report, to: api, ports: 'TCP 8080' },
    { from: api, to: legacy, ports: 'TCP 8080' },
    // Peer.internet(): the globally routable addresses, one line per range.
    ...internetRanges(WELKIN).map(r => ({ from: legacy, to: formatRange(r), ports: 'TCP 443' })),
    // The api admits web and mobile pods of namespaces labelled purpose=frontend, shown or not.
    { from: '[namespace with {purpose=frontend}]/[pod with {{Key:tier,Operator:In,Values:[web mobile],}}]', to: api, ports: 'TCP 8080' },
    ...[api, worker, cache, report, legacy].flatMap(dns),
  ]);
});
