import { CertIssuer, DefaultDenyNamespace, InternalCertificate, InternalIngress, Platform, SecureApp, TlsIngress } from '../../../src';
import { all, find, synth, welkinChart } from '../helpers';

const IMAGE = 'ghcr.io/acme/web:1.0.0';

function demo(platform?: Platform) {
  const chart = welkinChart({ platform });
  const ns = new DefaultDenyNamespace(chart, 'demo');
  const app = new SecureApp(ns, 'web', { image: IMAGE, port: 3000 });
  return { chart, ns, app };
}

describe('certificate monitoring: a PrometheusRule per host', () => {
  test('on Welkin (Prometheus Operator), TlsIngress emits expiry and not-ready alerts from cert-manager\'s metrics, schema-valid', () => {
    const { chart, ns, app } = demo();
    const ingress = new TlsIngress(ns, 'i', { app, host: 'demo.example.com' });
    const objects = synth(chart); // checks the PrometheusRule against the monitoring.coreos.com/v1 schema
    const rule = find(objects, 'PrometheusRule', 'web-certificate', 'demo');
    expect(ingress.certificateAlerts).toBeDefined();
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.metadata.labels).toMatchObject({ 'app.kubernetes.io/component': 'certificate-alerts', 'app.kubernetes.io/part-of': 'web' });
    const [group] = rule.spec.groups;
    expect(group.name).toBe('certificate-demo.example.com');
    expect(group.rules.map((r: any) => [r.alert, r.expr, r.for])).toEqual([
      ['CertificateExpiresSoon', 'certmanager_certificate_expiration_timestamp_seconds{namespace="demo", name="demo.example.com-tls"} - time() < 20 * 24 * 3600', '1h'],
      ['CertificateNotReady', 'max by (namespace, name) (certmanager_certificate_ready_status{namespace="demo", name="demo.example.com-tls", condition!="True"}) == 1', '10m'],
    ]);
    expect(group.rules[0].labels).toEqual({ severity: 'warning', namespace: 'demo' });
  });

  test('labelled for the platform\'s user Prometheus, when its rule selector needs labels', () => {
    const { chart, ns, app } = demo(Platform.welkin({ domain: 'example.com', monitoring: { ruleLabels: { release: 'user-prometheus' } } }));
    new TlsIngress(ns, 'i', { app, host: 'demo.example.com' });
    expect(find(synth(chart), 'PrometheusRule', 'web-certificate').metadata.labels.release).toBe('user-prometheus');
  });

  test('an option: off per host, off by platform, and never for a Secret cert-manager does not manage', () => {
    const { chart, ns, app } = demo();
    new TlsIngress(ns, 'i', { app, host: 'demo.example.com', certificateAlerts: false });
    expect(all(synth(chart), 'PrometheusRule')).toEqual([]);
    const off = demo(Platform.welkin({ domain: 'example.com', monitoring: { certificateAlerts: false } }));
    new TlsIngress(off.ns, 'i', { app: off.app, host: 'demo.example.com' });
    expect(all(synth(off.chart), 'PrometheusRule')).toEqual([]);
    const internal = demo(Platform.welkin({ domain: 'example.com', internalLoadBalancer: true }));
    new InternalIngress(internal.ns, 'i', { app: internal.app, host: 'admin.acme.org', certificate: InternalCertificate.ownSecret('admin-tls') });
    expect(all(synth(internal.chart), 'PrometheusRule')).toEqual([]);
  });

  test('an internal host with a private CA is monitored too', () => {
    const { chart, ns, app } = demo(Platform.welkin({ domain: 'example.com', internalLoadBalancer: true }));
    new InternalIngress(ns, 'i', { app, host: 'admin.acme.org', certificate: InternalCertificate.privateCa(CertIssuer.clusterIssuer('internal-ca')) });
    expect(find(synth(chart), 'PrometheusRule', 'web-certificate').spec.groups[0].name).toBe('certificate-admin.acme.org');
  });

  test('not by default on a platform without the Prometheus Operator', () => {
    const platform = Platform.custom({ ingressController: Platform.welkin({ domain: 'example.com' }).ingressController, ingressClassName: 'nginx', appDomain: 'app.example.com', productionIssuer: 'le' });
    const { chart, ns, app } = demo(platform);
    new TlsIngress(ns, 'i', { app, host: 'demo.example.com' });
    expect(all(synth(chart), 'PrometheusRule')).toEqual([]);
  });
});
