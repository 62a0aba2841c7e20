/**
 * A three-tier application on the platform, across two namespaces:
 *
 *   internet --HTTPS--> ingress controller --> shop-web/web --> shop-api/api --> managed PostgreSQL
 *   office VPN --HTTPS--> ingress controller --> shop-web/admin --> shop-api/api
 *   Prometheus --> web (app port) and api (separate metrics port)
 *
 * Every arrow is declared once (`allowTo`) and written on both sides: egress on the client's
 * policy, ingress on the server's, each in its own namespace. Nothing else is open: web cannot
 * reach the database, admin is reachable only from private addresses, and the only way out of
 * the cluster is the database connection.
 */
import { App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, Guardrails, InternalCertificate, InternalIngress, ManagedService, Platform, SecureApp, TlsIngress } from '../../src';
import { BuiltExample, DOMAIN, Example, LINT_CONFIG, REGISTRY, welkinProfile } from '../example';

/** The managed PostgreSQL cluster the api uses (operated by the platform in `postgres-system`). */
export const POSTGRES_CLUSTER = 'postgresql1';
/** The office VPN: the only clients of the admin UI. */
export const VPN_RANGE = '10.8.0.0/16';

/** The chart of the three-tier example. */
export interface ThreeTier extends BuiltExample {
  readonly chart: Chart;
}

/** Builds the three-tier example into `app`. */
export function buildThreeTier(app: App): ThreeTier {
  const chart = new Chart(app, 'three-tier');
  // This cluster has the internal load balancer (on Welkin: on request, on some providers).
  Platform.welkin({ domain: DOMAIN, internalLoadBalancer: true }).registerOn(chart);
  // The constructs attach the rule pack to the chart (an error finding fails the synth); this also
  // turns on the platform's allowed-registry rule.
  Guardrails.apply(chart, LINT_CONFIG);

  // The public tier and the admin UI in one namespace, the api in another.
  const webNs = new DefaultDenyNamespace(chart, 'shop-web');
  const apiNs = new DefaultDenyNamespace(chart, 'shop-api');

  const web = new SecureApp(chart, 'web', {
    namespace: webNs,
    image: `${REGISTRY}shop/web:2.4.1`,
    port: 8080,
    component: 'frontend',
    partOf: 'shop',
    // Prometheus scrapes /metrics on the app's own port.
    metrics: {},
  });
  const admin = new SecureApp(chart, 'admin', {
    namespace: webNs,
    image: `${REGISTRY}shop/admin:1.3.0`,
    port: 8080,
    component: 'admin',
    partOf: 'shop',
  });
  const api = new SecureApp(chart, 'api', {
    namespace: apiNs,
    image: `${REGISTRY}shop/api:3.0.2`,
    port: 8080,
    component: 'backend',
    partOf: 'shop',
    // Metrics on their own port, which only Prometheus may reach.
    metrics: { port: 9090 },
    env: { DATABASE_HOST: `${POSTGRES_CLUSTER}.postgres-system.svc.cluster.local`, DATABASE_NAME: 'shop' },
    // The password stays in a Secret the database operator created: the output only references it.
    secretEnv: [{ name: 'DATABASE_PASSWORD', secretName: 'shop-db-credentials', key: 'password' }],
  });

  web.allowTo(api);
  admin.allowTo(api);
  api.allowTo(ManagedService.postgresql(POSTGRES_CLUSTER));

  const webIngress = new TlsIngress(chart, 'web-ingress', { app: web, host: `shop.${DOMAIN}` });
  // Internal only: served by the internal load balancer and allowlisted to the VPN.
  const adminIngress = new InternalIngress(chart, 'admin-ingress', {
    app: admin,
    host: `admin.internal.${DOMAIN}`,
    allowSourceRanges: [VPN_RANGE],
    // HTTP-01 cannot reach the private load balancer: the platform's *.internal wildcard certificate,
    // a TLS Secret the platform provides in the namespace.
    certificate: InternalCertificate.platformWildcard('internal-wildcard-tls'),
  });

  // The platform's wildcard *.internal.example.com already resolves the admin host: one record.
  return { charts: [chart], chart, dnsRecords: [webIngress.dnsRecord, ...(adminIngress.dnsRecord ? [adminIngress.dnsRecord] : [])] };
}

/** The three-tier example, as `npm run synth` and the tests see it. */
export const threeTier: Example = {
  name: 'three-tier',
  title: 'web (public HTTPS) -> api -> managed PostgreSQL, an admin UI on an internal ingress, Prometheus scraping',
  build: buildThreeTier,
  // The managed PostgreSQL is a platform workload too: its pods run in postgres-system (Zalando
  // postgres-operator labels), so the analysis shows the api's connection to a real peer.
  profile: welkinProfile([{
    namespace: 'postgres-system',
    name: POSTGRES_CLUSTER,
    kind: 'StatefulSet',
    podLabels: { 'application': 'spilo', 'cluster-name': POSTGRES_CLUSTER },
    ports: [{ name: 'postgresql', port: 5432 }],
  }]),
  lintConfig: LINT_CONFIG,
};
