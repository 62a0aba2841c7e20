import { App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, Platform, SecureApp, TlsIngress } from '../../../src';

export function buildShop(app: App): { chart: Chart; web: SecureApp; api: SecureApp } {
  const chart = new Chart(app, 'shop');
  Platform.welkin({ domain: 'example.com' }).registerOn(chart); // the cluster's facts

  // default-deny + allow-dns policies, Pod Security "restricted"
  const ns = new DefaultDenyNamespace(chart, 'shop');
  // Deployment, ServiceAccount, Service, PodDisruptionBudget and ONE NetworkPolicy each
  const web = new SecureApp(chart, 'web', { namespace: ns, image: 'harbor.example.com/shop/web:1.4.2', port: 3000 });
  const api = new SecureApp(chart, 'api', { namespace: ns, image: 'harbor.example.com/shop/api:2.0.1', port: 8080 });
  web.allowTo(api); // egress on web's policy AND ingress on api's

  // Ingress + cert-manager + a rule admitting the ingress controller to web on 3000
  new TlsIngress(chart, 'web-ingress', { app: web, host: 'shop.example.com' });
  // (its `dnsRecord` is the CNAME to create: 'shop.example.com. 900 CNAME app.example.com.')
  return { chart, web, api };
}
