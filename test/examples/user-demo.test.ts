import '../../src/testing/jest';
import { build, synthValidated } from './helpers';
import { OAUTH2_PROXY_IMAGE, OFFICE_RANGE, USER_DEMO_IMAGE, buildUserDemo, userDemo } from '../../examples/user-demo/user-demo';
import { Cdk8sReachability, RulePack } from '../../src';
import { internetRanges } from '../../src/kube/address-blocks';
import { formatRange } from '../../src/kube/ip';
import { WELKIN } from '../../src/kube/platform';
import { expectNoFindings } from '../../src/testing';
import { find } from '../constructs/helpers';

function analysis() {
  const { app } = build(buildUserDemo);
  return Cdk8sReachability.fromApp(app, { profile: userDemo.profile });
}

const CONTROLLER = 'ingress-nginx/ingress-nginx-controller[Deployment]';
const DNS = 'kube-system/coredns[Deployment]';
const NODE_LOCAL_DNS = 'kube-system/node-local-dns[DaemonSet]';
/** The cluster DNS service IP, where node-local DNS answers (kubespray). */
const DNS_IP = '10.233.0.3-10.233.0.3';
const PROMETHEUS = 'monitoring/prometheus[StatefulSet]';

describe('examples/user-demo', () => {
  test('snapshot of the full YAML', () => {
    const { app } = build(buildUserDemo);
    expect(app.synthYaml()).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes schemas and lands in its own namespace', () => {
    const { built } = build(buildUserDemo);
    const objects = synthValidated(built);
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`)).toHaveLength(28);
    expect(new Set(objects.filter(o => o.kind !== 'Namespace').map(o => o.metadata.namespace))).toEqual(new Set(['demo', 'demo-protected']));
  });

  test('the rule pack finds nothing, on each chart and on the written YAML, with the registry rule on', () => {
    const { app, built } = build(buildUserDemo);
    for (const chart of built.charts) expectNoFindings(chart, userDemo.lintConfig);
    const result = new RulePack(userDemo.lintConfig).lintText(app.synthYaml(), 'user-demo.yaml');
    expect(result.findings).toEqual([]);
    expect(result.objectCount).toBe(28);
  });

  test('rebuilds the platform demo: 2 replicas, port http 3000, 100m/128Mi, pinned images from the registry', () => {
    const { built } = build(buildUserDemo);
    const objects = synthValidated(built);
    const deployment = find(objects, 'Deployment', 'user-demo', 'demo');
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(2);
    expect(container.image).toBe(USER_DEMO_IMAGE);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
    expect(find(objects, 'Deployment', 'user-demo-oauth2-proxy', 'demo-protected').spec.template.spec.containers[0].image).toBe(OAUTH2_PROXY_IMAGE);
  });

  test('the protected variant carries the oauth2-proxy annotations and the source allowlist on both Ingresses', () => {
    const { built } = build(buildUserDemo);
    const objects = synthValidated(built);
    const app = find(objects, 'Ingress', 'user-demo', 'demo-protected');
    const proxy = find(objects, 'Ingress', 'user-demo-oauth2', 'demo-protected');
    expect(app.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/auth-url': 'https://$host/oauth2/auth',
      'nginx.ingress.kubernetes.io/whitelist-source-range': OFFICE_RANGE,
    });
    expect(proxy.metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe(OFFICE_RANGE);
    expect(proxy.spec.rules[0]).toMatchObject({ host: 'protected-demo.example.com', http: { paths: [{ path: '/oauth2' }] } });
    // The open variant has neither.
    expect(Object.keys(find(objects, 'Ingress', 'user-demo', 'demo').metadata.annotations)).toEqual(['cert-manager.io/cluster-issuer']);
  });

  test('DNS records: one CNAME per host, to the app domain', () => {
    const { built } = build(buildUserDemo);
    expect(built.dnsRecords).toEqual([
      'demo.example.com. 900 CNAME app.example.com.',
      'protected-demo.example.com. 900 CNAME app.example.com.',
    ]);
  });

  test('exactly these connections are allowed', () => {
    // The internet as `Peer.internet()` defines it (its excluded blocks are checked in
    // test/constructs/network/network.test.ts), as the ranges it leaves, each listed once.
    const internet = internetRanges(WELKIN).map(formatRange);
    expect(internet).toContain('1.0.0.0-9.255.255.255');
    expect(internet).not.toContain('0.0.0.0-9.255.255.255');
    expect(analysis()).toOnlyAllow([
      // The open variant: in from the ingress controller on 3000, out to DNS only.
      `${CONTROLLER} => demo/user-demo[Deployment] : TCP 3000`,
      `demo/user-demo[Deployment] => ${DNS} : TCP 53,UDP 53`,
      `demo/user-demo[Deployment] => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      `demo/user-demo[Deployment] => ${DNS_IP} : TCP 53,UDP 53`,
      // The protected variant: the controller reaches the app and oauth2-proxy (it calls auth-url).
      `${CONTROLLER} => demo-protected/user-demo[Deployment] : TCP 3000`,
      `${CONTROLLER} => demo-protected/user-demo-oauth2-proxy[Deployment] : TCP 4180`,
      `demo-protected/user-demo[Deployment] => ${DNS} : TCP 53,UDP 53`,
      `demo-protected/user-demo[Deployment] => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      `demo-protected/user-demo[Deployment] => ${DNS_IP} : TCP 53,UDP 53`,
      `demo-protected/user-demo-oauth2-proxy[Deployment] => ${DNS} : TCP 53,UDP 53`,
      `demo-protected/user-demo-oauth2-proxy[Deployment] => ${NODE_LOCAL_DNS} : TCP 53,UDP 53`,
      `demo-protected/user-demo-oauth2-proxy[Deployment] => ${DNS_IP} : TCP 53,UDP 53`,
      // oauth2-proxy reaches the identity provider over HTTPS anywhere on the internet.
      ...internet.map(r => `demo-protected/user-demo-oauth2-proxy[Deployment] => ${r} : TCP 443`),
    ]);
  });

  test('nothing else reaches the app: not the internet, not Prometheus, not the other variant', () => {
    const a = analysis();
    expect(a).toAllowConnection(CONTROLLER, 'demo/user-demo', 3000);
    expect(a).not.toAllowConnection(CONTROLLER, 'demo/user-demo', 80);
    expect(a).not.toAllowConnection('203.0.113.7', 'demo/user-demo');
    expect(a).not.toAllowConnection(PROMETHEUS, 'demo/user-demo');
    expect(a).not.toAllowConnection('demo/user-demo', 'demo-protected/user-demo');
    expect(a).not.toAllowConnection('demo-protected/user-demo-oauth2-proxy', 'demo-protected/user-demo');
  });

  test('the constructs name themselves: the apps and the oauth2-proxy are peers of the analysis', () => {
    const { app, built } = build(buildUserDemo);
    const a = Cdk8sReachability.fromApp(app, { profile: userDemo.profile });
    expect(a.peer(built.oauth2Proxy).name).toBe('demo-protected/user-demo-oauth2-proxy[Deployment]');
    expect(a).toAllowConnection(CONTROLLER, built.protectedDemo, 3000);
    expect(a).toAllowConnection(CONTROLLER, built.oauth2Proxy, 4180);
    expect(a).toAllowConnection(built.oauth2Proxy, '8.8.8.8', 443);
    expect(a).not.toAllowConnection(built.oauth2Proxy, built.protectedDemo);
    expect(a).not.toAllowConnection(built.demo, built.protectedDemo);
    expect(a.explain(built.demo, built.protectedDemo, 3000).text).toContain('demo/user-demo[Deployment] => demo-protected/user-demo[Deployment] : TCP 3000 is DENIED');
  });

  test('the app reaches only DNS, and oauth2-proxy never the cloud metadata service or private ranges', () => {
    const a = analysis();
    expect(a).toAllowConnection('demo/user-demo', DNS, 'UDP 53');
    expect(a).toAllowConnection('demo/user-demo', DNS, 'TCP 53');
    // Node-local DNS answers on the cluster DNS service IP from the host network.
    expect(a).toAllowConnection('demo/user-demo', NODE_LOCAL_DNS, 'UDP 53');
    expect(a).toAllowConnection('demo/user-demo', '10.233.0.3', 'UDP 53');
    expect(a).not.toAllowConnection('demo/user-demo', '10.233.0.4', 'UDP 53');
    expect(a).not.toAllowConnection('demo/user-demo', '8.8.8.8');
    expect(a).toAllowConnection('demo-protected/user-demo-oauth2-proxy', '8.8.8.8', 443);
    expect(a).not.toAllowConnection('demo-protected/user-demo-oauth2-proxy', '169.254.169.254', 443);
    expect(a).not.toAllowConnection('demo-protected/user-demo-oauth2-proxy', '10.0.0.1', 443);
    expect(a).not.toAllowConnection('demo-protected/user-demo-oauth2-proxy', '8.8.8.8', 80);
  });
});
