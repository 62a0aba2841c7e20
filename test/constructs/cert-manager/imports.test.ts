import { Chart, Testing } from 'cdk8s';
import { certmanager } from '../../../src';

test('generated cert-manager Certificate synthesizes with its API group', () => {
  const chart = new Chart(Testing.app(), 'c');
  new certmanager.Certificate(chart, 'cert', {
    metadata: { name: 'demo', namespace: 'demo' },
    spec: { secretName: 'demo-tls', dnsNames: ['demo.example.com'], issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } },
  });
  const [obj] = Testing.synth(chart);
  expect(obj.apiVersion).toBe('cert-manager.io/v1');
  expect(obj.kind).toBe('Certificate');
  expect(obj.spec.issuerRef).toEqual({ name: 'letsencrypt-prod', kind: 'ClusterIssuer' });
});
