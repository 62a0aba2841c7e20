/**
 * The user demo as a team really deploys it on a Welkin cluster, from the platform's own
 * configuration rather than its user documentation:
 *
 * - The team owns the namespace `team` and cannot create Namespaces: its apps live in HNC
 *   subnamespaces, `demo` and `admin`, each a SubnamespaceAnchor in `team` plus default-deny and
 *   allow-dns in the child. HNC copies every policy of `team` into both.
 * - DNS goes to node-local DNS, a host-network DaemonSet answering on the cluster DNS service IP
 *   (kubespray: 10.233.0.3), which every policy allows as an ipBlock.
 * - The user demo is public on `demo.example.com` (Let's Encrypt, HTTP-01).
 * - An admin UI is internal on the team's own hostname `admin.acme.example`: a CNAME into the
 *   platform's wildcard `*.internal.example.com`, only private clients, and a certificate from the
 *   team's private CA issuer (HTTP-01 cannot reach the private load balancer).
 * - Each certificate-manager certificate has its PrometheusRule (expiry, not ready).
 */
import { App, Chart } from 'cdk8s';
import { CertIssuer, DefaultDenyNamespace, Guardrails, InternalCertificate, InternalIngress, Platform, SecureApp, TlsIngress } from '../../src';
import { BuiltExample, DOMAIN, Example, LINT_CONFIG, REGISTRY, welkinProfile } from '../example';
import { USER_DEMO_IMAGE } from '../user-demo/user-demo';

/** The namespace the team owns (created by the platform administrators). */
export const TEAM_NAMESPACE = 'team';
/** The admin UI's image, pinned, from the platform registry. */
export const ADMIN_IMAGE = `${REGISTRY}team/admin-ui:2.1.0`;
/** The team's own hostname for the admin UI. */
export const ADMIN_HOST = 'admin.acme.example';
/** The team's private CA (a cert-manager ClusterIssuer of type CA, set up with the administrators). */
export const PRIVATE_CA = 'acme-internal-ca';

/** What the example builds. */
export interface WelkinHnc extends BuiltExample {
  readonly chart: Chart;
  readonly demo: SecureApp;
  readonly admin: SecureApp;
  readonly demoNamespace: DefaultDenyNamespace;
  readonly adminNamespace: DefaultDenyNamespace;
}

/** Builds the example into `app`. */
export function buildWelkinHnc(app: App): WelkinHnc {
  const chart = new Chart(app, 'welkin-hnc');
  // Kubespray's cluster DNS service IP is the default (ClusterDnsIp.clusterApi() on Cluster API
  // clusters); this cluster has the internal load balancer (offered on request).
  Platform.welkin({ domain: DOMAIN, internalLoadBalancer: true }).registerOn(chart);
  Guardrails.apply(chart, LINT_CONFIG);

  // Subnamespaces of the team's namespace: anchors in `team`, policies in the children.
  const demoNamespace = new DefaultDenyNamespace(chart, 'demo', { parent: TEAM_NAMESPACE });
  const adminNamespace = new DefaultDenyNamespace(chart, 'admin', { parent: TEAM_NAMESPACE });

  const demo = new SecureApp(demoNamespace, 'user-demo', { image: USER_DEMO_IMAGE, port: 3000 });
  const demoIngress = new TlsIngress(demoNamespace, 'ingress', { app: demo, host: `demo.${DOMAIN}` });

  const admin = new SecureApp(adminNamespace, 'admin-ui', { image: ADMIN_IMAGE, port: 8080, component: 'admin' });
  const adminIngress = new InternalIngress(adminNamespace, 'ingress', {
    app: admin,
    host: ADMIN_HOST,
    certificate: InternalCertificate.privateCa(CertIssuer.clusterIssuer(PRIVATE_CA)),
  });

  return {
    charts: [chart],
    chart,
    demo,
    admin,
    demoNamespace,
    adminNamespace,
    dnsRecords: [demoIngress.dnsRecord, adminIngress.dnsRecord!],
  };
}

/** The example, as `npm run synth` and the tests see it. */
export const welkinHnc: Example = {
  name: 'welkin-hnc',
  title: 'the user demo on HNC subnamespaces with node-local DNS, and an internal admin UI on the team\'s own hostname',
  build: buildWelkinHnc,
  profile: welkinProfile(),
  lintConfig: LINT_CONFIG,
};
