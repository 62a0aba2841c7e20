// The engine works per class of indistinguishable pods, so replicas do not multiply its work.
import { deployment, pod, policy } from './fixtures';
import { Analyzer } from '../../src/analysis/engine/analyzer';

const options = { hostNetworkAsNode: false, ipBlocksMatchPods: true };
const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-1', controller: true, uid: 'u' };
const replicas = (n: number) => Array.from({ length: n }, (_, i) => pod('shop', `api-1-${i}`, { app: 'api' }, { owner, ip: `10.244.${Math.floor(i / 256)}.${i % 256}` }));

test('replicas with the same labels share one class, whatever their addresses', () => {
  const analyzer = new Analyzer([...replicas(300), deployment('shop', 'web', { app: 'web' })], options);
  expect(analyzer.cluster.classes).toHaveLength(2);
  expect(analyzer.cluster.peers.map(p => p.name)).toEqual(['shop/api-1[ReplicaSet]', 'shop/web[Deployment]']);
});

test('an ipBlock that tells replicas apart splits them into classes at its boundaries only', () => {
  const analyzer = new Analyzer([...replicas(300),
    policy('shop', 'p', { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/25' } }] }] })], options);
  expect(analyzer.cluster.classes).toHaveLength(2);
});
