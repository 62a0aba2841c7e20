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

test('rules matching many classes (kept as whole sets, not expanded) give the same connections', () => {
  const many = Array.from({ length: 40 }, (_, i) => deployment('many', `w${i}`, { app: `w${i}`, half: i % 2 === 0 ? 'yes' : 'no' }));
  const a = new Analyzer([
    ...many,
    deployment('shop', 'server', { app: 'server' }),
    deployment('shop', 'client', { app: 'client' }),
    // Ingress from all 40 classes of `many`; egress to all of them; half of them isolated.
    policy('shop', 'server', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'many' } } }], ports: [{ port: 80 }] }] }),
    policy('shop', 'client', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'many' } } }], ports: [{ port: 81 }] }] }),
    policy('many', 'half', { podSelector: { matchLabels: { half: 'yes' } }, ingress: [] }),
  ], options);
  const into = analyzerLines(a).filter(l => l.endsWith('=> shop/server[Deployment] : TCP 80'));
  expect(into).toHaveLength(40);
  const out = analyzerLines(a).filter(l => l.startsWith('shop/client[Deployment] =>'));
  expect(out).toHaveLength(20);
  expect(out.every(l => l.endsWith(' : TCP 81'))).toBe(true);
  expect(out).toContain('shop/client[Deployment] => many/w1[Deployment] : TCP 81');
});

function analyzerLines(a: Analyzer): string[] {
  return a.connections.map(String);
}
