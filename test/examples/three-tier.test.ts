import '../../src/testing/jest';
import { build, synthValidated } from './helpers';
import { buildThreeTier, threeTier, VPN_RANGE } from '../../examples/three-tier/three-tier';
import { Cdk8sReachability, RulePack } from '../../src';
import { expectNoFindings } from '../../src/testing';
import { find } from '../constructs/helpers';

function analysis() {
  const { app } = build(buildThreeTier);
  return Cdk8sReachability.fromApp(app, { profile: threeTier.profile });
}

const CONTROLLER = 'ingress-nginx/ingress-nginx-controller[Deployment]';
const DNS = 'kube-system/coredns[Deployment]';
const NODE_LOCAL_DNS = 'kube-system/node-local-dns[DaemonSet]';
const DNS_IP = '10.233.0.3-10.233.0.3';
const PROMETHEUS = 'monitoring/prometheus[StatefulSet]';
const POSTGRES = 'postgres-system/postgresql1[StatefulSet]';
const WEB = 'shop-web/web[Deployment]';
const ADMIN = 'shop-web/admin[Deployment]';
const API = 'shop-api/api[Deployment]';

describe('examples/three-tier', () => {
  test('snapshot of the full YAML', () => {
    const { app } = build(buildThreeTier);
    expect(app.synthYaml()).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes schemas', () => {
    const { built } = build(buildThreeTier);
    expect(synthValidated(built)).toHaveLength(27);
  });

  test('the rule pack finds nothing, on the chart and on the written YAML, with the registry rule on', () => {
    const { app, built } = build(buildThreeTier);
    expectNoFindings(built.chart, threeTier.lintConfig);
    expect(new RulePack(threeTier.lintConfig).lintText(app.synthYaml(), 'three-tier.yaml').findings).toEqual([]);
  });

  test('the admin UI is internal: its Ingress admits only the VPN and the platform\'s wildcard name and certificate cover it', () => {
    const { built } = build(buildThreeTier);
    const admin = find(synthValidated(built), 'Ingress', 'admin', 'shop-web');
    expect(admin.metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe(VPN_RANGE);
    expect(admin.spec.rules[0].host).toBe('admin.internal.example.com');
    expect(admin.spec.tls).toEqual([{ hosts: ['admin.internal.example.com'], secretName: 'internal-wildcard-tls' }]);
    // The platform's wildcard *.internal.example.com resolves the admin host: only the public record.
    expect(built.dnsRecords).toEqual(['shop.example.com. 900 CNAME app.example.com.']);
  });

  test('the api reads the database password from a Secret it only references, and is annotated for scraping', () => {
    const { built } = build(buildThreeTier);
    const objects = synthValidated(built);
    expect(objects.filter(o => o.kind === 'Secret')).toEqual([]);
    const pod = find(objects, 'Deployment', 'api', 'shop-api').spec.template;
    expect(pod.spec.containers[0].env).toContainEqual({ name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db-credentials', key: 'password' } } });
    expect(pod.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes': 'tmp', 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/metrics' });
  });

  test('exactly these connections are allowed', () => {
    expect(analysis()).toOnlyAllow([
      // Public and internal entry points: the ingress controller reaches web and admin.
      `${CONTROLLER} => ${WEB} : TCP 8080`,
      `${CONTROLLER} => ${ADMIN} : TCP 8080`,
      // The tiers, across namespaces.
      `${WEB} => ${API} : TCP 8080`,
      `${ADMIN} => ${API} : TCP 8080`,
      `${API} => ${POSTGRES} : TCP 5432`,
      // Exposure: the managed-service rule admits every pod of postgres-system, known or not.
      `${API} => postgres-system/[all pods] : TCP 5432`,
      // Scraping: web on its app port, api on its separate metrics port only.
      `${PROMETHEUS} => ${WEB} : TCP 8080`,
      `${PROMETHEUS} => ${API} : TCP 9090`,
      // DNS for everyone.
      `${WEB} => ${DNS} : TCP 53,UDP 53`,
      `${WEB} => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      `${WEB} => ${DNS_IP} : TCP 53,UDP 53`,
      `${ADMIN} => ${DNS} : TCP 53,UDP 53`,
      `${ADMIN} => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      `${ADMIN} => ${DNS_IP} : TCP 53,UDP 53`,
      `${API} => ${DNS} : TCP 53,UDP 53`,
      `${API} => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      `${API} => ${DNS_IP} : TCP 53,UDP 53`,
    ]);
  });

  test('no shortcut: web and admin never reach the database, nothing reaches the api from outside', () => {
    const a = analysis();
    expect(a).not.toAllowConnection(WEB, POSTGRES);
    expect(a).not.toAllowConnection(ADMIN, POSTGRES);
    expect(a).not.toAllowConnection(CONTROLLER, API);
    expect(a).not.toAllowConnection('203.0.113.7', API);
    expect(a).not.toAllowConnection(API, WEB);
    expect(a).not.toAllowConnection(WEB, ADMIN);
    expect(a).not.toAllowConnection(PROMETHEUS, API, 8080);
    expect(a).not.toAllowConnection(API, '8.8.8.8');
    expect(a).not.toAllowConnection(WEB, 'entire-cluster');
    expect(a).toAllowConnection(API, 'postgres-system/[all pods]', 5432);
    expect(a).not.toAllowConnection(API, 'postgres-system/[all pods]', 5433);
  });
});
