import { Chart, Testing } from 'cdk8s';
import { CertIssuer, DefaultDenyNamespace, IngressController, Platform, TlsCertificate } from '../../../src';
import { all, find, indexOf, synth, welkinChart } from '../helpers';

describe('TlsCertificate', () => {
  test('the seed\'s "Issuing a Certificate": dnsNames, production ClusterIssuer, secret named after the certificate', () => {
    const chart = welkinChart({ namespace: 'demo' });
    new TlsCertificate(chart, 'custom-cert', { dnsNames: ['domain.example.com'] });
    const cert = find(synth(chart), 'Certificate', 'custom-cert');
    expect(cert.apiVersion).toBe('cert-manager.io/v1');
    expect(cert.metadata.namespace).toBe('demo');
    expect(cert.spec).toEqual({
      secretName: 'custom-cert',
      dnsNames: ['domain.example.com'],
      issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
  });
  test('certificate alerts as entry points have them: expiry and not-ready for this Certificate, schema-valid, after it; off by option', () => {
    const chart = welkinChart({ namespace: 'demo' });
    const cert = new TlsCertificate(chart, 'site', { dnsNames: ['example.com', 'www.example.com'] });
    const objs = synth(chart); // checks the PrometheusRule against the monitoring.coreos.com/v1 schema
    const rule = find(objs, 'PrometheusRule', 'site-certificate', 'demo');
    expect(cert.certificateAlerts).toBeDefined();
    expect(rule.spec.groups[0].rules.map((r: any) => r.expr)).toEqual([
      'certmanager_certificate_expiration_timestamp_seconds{namespace="demo", name="site"} - time() < 20 * 24 * 3600',
      'max by (namespace, name) (certmanager_certificate_ready_status{namespace="demo", name="site", condition!="True"}) == 1',
    ]);
    expect(indexOf(objs, 'Certificate', 'site')).toBeLessThan(indexOf(objs, 'PrometheusRule', 'site-certificate'));
    const off = welkinChart({ namespace: 'demo' });
    expect(new TlsCertificate(off, 'site', { dnsNames: ['example.com'], certificateAlerts: false }).certificateAlerts).toBeUndefined();
    expect(all(synth(off), 'PrometheusRule')).toEqual([]);
  });
  test('issuer choice: staging, another ClusterIssuer, a namespaced Issuer', () => {
    const chart = welkinChart({ namespace: 'demo' });
    new TlsCertificate(chart, 'a', { dnsNames: ['a.example.com'], issuer: CertIssuer.staging() });
    new TlsCertificate(chart, 'b', { dnsNames: ['b.example.com'], issuer: CertIssuer.clusterIssuer('zerossl') });
    new TlsCertificate(chart, 'c', { dnsNames: ['c.example.com'], issuer: CertIssuer.issuer('internal-ca') });
    const objs = synth(chart);
    expect(find(objs, 'Certificate', 'a').spec.issuerRef).toEqual({ name: 'letsencrypt-staging', kind: 'ClusterIssuer', group: 'cert-manager.io' });
    expect(find(objs, 'Certificate', 'b').spec.issuerRef).toEqual({ name: 'zerossl', kind: 'ClusterIssuer', group: 'cert-manager.io' });
    expect(find(objs, 'Certificate', 'c').spec.issuerRef).toEqual({ name: 'internal-ca', kind: 'Issuer', group: 'cert-manager.io' });
  });
  test('name, secret name and apex names are configurable', () => {
    const chart = welkinChart({ namespace: 'demo' });
    new TlsCertificate(chart, 'x', { name: 'site', secretName: 'site-tls', dnsNames: ['example.com', 'www.example.com'] });
    const cert = find(synth(chart), 'Certificate', 'site');
    expect(cert.spec.secretName).toBe('site-tls');
    expect(cert.spec.dnsNames).toEqual(['example.com', 'www.example.com']);
  });
  test('emits the HTTP-01 solver policy once per namespace: controller to solver pods on TCP 8089', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo');
    new TlsCertificate(chart, 'a', { namespace: ns, dnsNames: ['a.example.com'] });
    new TlsCertificate(chart, 'b', { namespace: ns, dnsNames: ['b.example.com'] });
    new TlsCertificate(chart, 'c', { namespace: { name: 'other' }, dnsNames: ['c.example.com'] });
    const objs = synth(chart);
    const solvers = all(objs, 'NetworkPolicy').filter(p => p.metadata.name === 'allow-acme-http01-solver');
    expect(solvers.map(p => p.metadata.namespace).sort()).toEqual(['demo', 'other']);
    expect(solvers.find(p => p.metadata.namespace === 'demo')!.spec).toEqual({
      podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx' } },
        }],
        ports: [{ protocol: 'TCP', port: 8089 }],
      }],
    });
    expect(indexOf(objs, 'Namespace', 'demo')).toBeLessThan(objs.findIndex(o => o.metadata.name === 'allow-acme-http01-solver'));
  });
  test('one solver policy per namespace across charts of one app', () => {
    const app = Testing.app();
    const platform = Platform.welkin({ domain: 'example.com' }).registerOn(app);
    const c1 = new Chart(app, 'one', { namespace: 'demo' });
    const c2 = new Chart(app, 'two', { namespace: 'demo' });
    new TlsCertificate(c1, 'a', { dnsNames: ['a.example.com'] });
    new TlsCertificate(c2, 'b', { dnsNames: ['b.example.com'], platform });
    const solvers = [...synth(c1), ...synth(c2)].filter(o => o.metadata.name === 'allow-acme-http01-solver');
    expect(solvers).toHaveLength(1);
  });
  test('a host-network controller is admitted to the solver by node CIDRs', () => {
    const chart = welkinChart({ namespace: 'demo', platform: Platform.welkin({ domain: 'example.com', ingressController: IngressController.hostNetwork(['10.0.1.0/24']) }) });
    new TlsCertificate(chart, 'a', { dnsNames: ['a.example.com'] });
    expect(find(synth(chart), 'NetworkPolicy', 'allow-acme-http01-solver').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.1.0/24' } }]);
  });

  describe('bad input', () => {
    function rejects(props: Partial<ConstructorParameters<typeof TlsCertificate>[2]>, message: string, chart = welkinChart({ namespace: 'demo' })) {
      const before = synth(chart).length;
      expect(() => new TlsCertificate(chart, 'cert', { dnsNames: ['a.example.com'], ...props })).toThrow(message);
      expect(synth(chart).length).toBe(before);
    }
    test('a wildcard', () => rejects({ dnsNames: ['*.example.com'] }, 'test/cert: DNS name "*.example.com" contains a wildcard'));
    test('a trailing dot', () => rejects({ dnsNames: ['a.example.com.'] }, 'test/cert: DNS name "a.example.com." ends in a dot'));
    test('uppercase', () => rejects({ dnsNames: ['A.example.com'] }, 'test/cert: DNS name "A.example.com" contains uppercase letters'));
    test('no names', () => rejects({ dnsNames: [] }, 'test/cert: dnsNames is empty'));
    test('a duplicate name', () => rejects({ dnsNames: ['a.example.com', 'a.example.com'] }, 'is listed twice'));
    test('a bad secret name', () => rejects({ secretName: 'A_Secret' }, 'test/cert: secret name "A_Secret" is not a DNS subdomain'));
    test('a secret another certificate already fills', () => {
      const chart = welkinChart({ namespace: 'demo' });
      new TlsCertificate(chart, 'first', { dnsNames: ['b.example.com'], secretName: 'shared' });
      rejects({ secretName: 'shared' }, 'test/cert: TLS Secret "shared" in namespace "demo" is already emitted by test/first', chart);
    });
    test('a platform without a production issuer', () => {
      const chart = new Chart(Testing.app(), 'test', { namespace: 'demo' });
      Platform.custom({ ingressController: IngressController.hostNetwork(['10.0.0.0/24']), ingressClassName: 'nginx', appDomain: 'lb.example.com' }).registerOn(chart);
      rejects({}, 'test/cert: the platform names no production ClusterIssuer; pass `issuer: CertIssuer.clusterIssuer(\'<name>\')` or set `productionIssuer` on the platform', chart);
    });
  });
});
