// Issue 9's acceptance test: a chart whose api uses a managed PostgreSQL. The analysis names the
// database as a peer, the proof (toOnlyAllow) covers it and the exposure, and the diff of a second
// version that lets the admin app reach the database too reports the new connection.
import '../../src/testing/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Cdk8sReachability, DefaultDenyNamespace, ManagedService, Peer, Platform, Port, SecureApp } from '../../src';
import { runCli } from '../../src/cli/run';

const API = 'shop/api[Deployment]';
const ADMIN = 'shop/admin[Deployment]';
const DB = 'postgres-system/shop-db[StatefulSet]';
const DNS = 'kube-system/coredns[Deployment]';
/** Welkin's node-local DNS answers on the cluster DNS service IP. */
const DNS_IP = '10.233.0.3-10.233.0.3';

/** v1: api -> shop-db; v2: admin -> shop-db as well. Both admit namespaces labelled purpose: frontend on the api. */
function build(version: 1 | 2): Chart {
  const chart = new Chart(new App(), 'shop');
  Platform.welkin({ domain: 'example.com' }).registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'shop');
  const api = new SecureApp(chart, 'api', { namespace: ns, image: 'harbor.example.com/shop/api:1.0.0', port: 8080 });
  const admin = new SecureApp(chart, 'admin', { namespace: ns, image: 'harbor.example.com/shop/admin:1.0.0', port: 8080 });
  admin.allowTo(api);
  admin.allowFrom(Peer.namespace('ops'), Port.tcp(8080));
  const db = ManagedService.postgresql('shop-db');
  api.allowTo(db);
  if (version === 2) admin.allowTo(db);
  // The seed article's policy: allow from namespaces labelled purpose: frontend.
  new ApiObject(chart, 'from-frontends', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'api-from-frontends', namespace: 'shop' },
    spec: {
      podSelector: { matchLabels: api.selectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'frontend' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    },
  });
  return chart;
}

const V1_CONNECTIONS = [
  `${API} => ${DB} : TCP 5432`,
  `${ADMIN} => ${API} : TCP 8080`,
  `${API} => ${DNS} : TCP 53,UDP 53`,
  `${ADMIN} => ${DNS} : TCP 53,UDP 53`,
  `${API} => ${DNS_IP} : TCP 53,UDP 53`,
  `${ADMIN} => ${DNS_IP} : TCP 53,UDP 53`,
];
const V1 = [
  ...V1_CONNECTIONS,
  // Exposure: every pod of postgres-system (the rule names the namespace), and the frontends.
  `${API} => postgres-system/[all pods] : TCP 5432`,
  `[namespace with {purpose=frontend}]/[all pods] => ${API} : TCP 8080`,
  `ops/[all pods] => ${ADMIN} : TCP 8080`,
];

describe('a chart with a managed PostgreSQL', () => {
  test('the analysis names the database as a peer, on its port', () => {
    const a = Cdk8sReachability.fromChart(build(1));
    expect(a.connectionBetween(API, DB)?.description).toBe('TCP 5432');
    expect(a).toAllowConnection(API, DB, 5432);
    expect(a).toAllowConnection('shop/api', 'postgres-system/shop-db', 5432);
    expect(a).not.toAllowConnection(ADMIN, DB);
    expect(a).toAllowConnection(API, 'postgres-system/[all pods]', 5432);
    expect(a).not.toAllowConnection(API, 'entire-cluster', 5432);
  });

  test('toOnlyAllow covers connections and exposure; without the database it fails naming it', () => {
    const chart = build(1);
    expect(chart).toOnlyAllow(V1);
    let message = '';
    try {
      expect(chart).toOnlyAllow(V1.filter(l => !l.includes('5432')));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`+ ${API} => ${DB} : TCP 5432`);
    expect(message).toContain(`+ ${API} => postgres-system/[all pods] : TCP 5432`);
    // Exposure left out on purpose: only the connections count.
    expect(chart).toOnlyAllow(V1_CONNECTIONS, { exposure: false });
  });

  test('the seed\'s "allow from namespaces labelled purpose: frontend" is an exposure line', () => {
    const a = Cdk8sReachability.fromChart(build(1));
    expect(a.exposure.map(c => c.toString())).toContain(`[namespace with {purpose=frontend}]/[all pods] => ${API} : TCP 8080`);
  });

  test('diff --exit-code between v1 and v2 (admin.allowTo(db)) exits 1 and shows the new connection', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-managed-db-'));
    try {
      for (const v of [1, 2] as const) fs.writeFileSync(path.join(dir, `v${v}.yaml`), build(v).toJson().map(o => JSON.stringify(o)).join('\n---\n'));
      let stdout = '';
      const code = runCli(['diff', path.join(dir, 'v1.yaml'), path.join(dir, 'v2.yaml'), '--platform', 'welkin', '--exit-code'],
        { stdout: t => { stdout += t; }, stderr: () => undefined });
      expect(code).toBe(1);
      expect(stdout).toContain(`+ ${ADMIN} => postgres-system/[all pods] : TCP 5432`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
