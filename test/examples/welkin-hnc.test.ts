import '../../src/testing/jest';
import { build, synthValidated } from './helpers';
import { dnsCheckCommand } from '../../examples/synth';
import { ADMIN_HOST, buildWelkinHnc, PRIVATE_CA, welkinHnc } from '../../examples/welkin-hnc/welkin-hnc';
import { Cdk8sReachability, NetworkAnalysis, RulePack } from '../../src';
import { expectNoFindings } from '../../src/testing';
import { find } from '../constructs/helpers';

const CONTROLLER = 'ingress-nginx/ingress-nginx-controller[Deployment]';
const COREDNS = 'kube-system/coredns[Deployment]';
const NODE_LOCAL_DNS = 'kube-system/node-local-dns[DaemonSet]';
const DNS_IP = '10.233.0.3-10.233.0.3';

function analysis() {
  const { app } = build(buildWelkinHnc);
  return Cdk8sReachability.fromApp(app, { profile: welkinHnc.profile });
}

describe('examples/welkin-hnc', () => {
  test('schema-valid output: HNC anchors in the team namespace, no Namespace, a PrometheusRule per cert-manager certificate', () => {
    const { built } = build(buildWelkinHnc);
    const objects = synthValidated(built); // anchors against HNC's CRD, rules against monitoring.coreos.com/v1
    expect(objects.filter(o => o.kind === 'Namespace')).toEqual([]);
    expect(objects.filter(o => o.kind === 'SubnamespaceAnchor').map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['team/demo', 'team/admin']);
    expect(objects.filter(o => o.kind === 'PrometheusRule').map(o => `${o.metadata.namespace}/${o.metadata.name}`))
      .toEqual(['demo/user-demo-certificate', 'admin/admin-ui-certificate']);
    expect(objects).toHaveLength(21);
  });

  test('the rule pack finds nothing', () => {
    const { app, built } = build(buildWelkinHnc);
    for (const chart of built.charts) expectNoFindings(chart, welkinHnc.lintConfig);
    expect(new RulePack(welkinHnc.lintConfig).lintText(app.synthYaml(), 'welkin-hnc.yaml').findings).toEqual([]);
  });

  test('DNS goes to node-local DNS on the service IP: exactly these connections are allowed', () => {
    const dns = (w: string) => [COREDNS, NODE_LOCAL_DNS, DNS_IP].map(d => `${w} => ${d} : TCP 53,UDP 53`);
    expect(analysis()).toOnlyAllow([
      `${CONTROLLER} => demo/user-demo[Deployment] : TCP 3000`,
      `${CONTROLLER} => admin/admin-ui[Deployment] : TCP 8080`,
      ...dns('demo/user-demo[Deployment]'),
      ...dns('admin/admin-ui[Deployment]'),
    ]);
    expect(analysis()).toAllowConnection('admin/admin-ui', '10.233.0.3', 'UDP 53');
    expect(analysis()).not.toAllowConnection('demo/user-demo', 'admin/admin-ui');
  });

  test('a policy the team puts in its namespace reaches both subnamespaces through HNC', () => {
    const { app } = build(buildWelkinHnc);
    const objects = app.charts.flatMap(c => c.toJson());
    const openAdmin = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'demo-to-admin', namespace: 'team' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'admin-ui' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'demo' } } }] }],
      },
    };
    const egress = { ...openAdmin, metadata: { name: 'demo-out', namespace: 'team' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'team.tree.hnc.x-k8s.io/depth': '1' } } }] }] } };
    const a = NetworkAnalysis.fromManifests([...objects, openAdmin, egress], { profile: welkinHnc.profile });
    expect(a).toAllowConnection('demo/user-demo', 'admin/admin-ui', 8080);
    expect(a.explain('demo/user-demo', 'admin/admin-ui', 8080).text).toContain('admin/demo-to-admin');
  });

  test('the admin UI: the team\'s hostname, private clients only, its private CA, a CNAME into *.internal, and the records come with their check', () => {
    const { built } = build(buildWelkinHnc);
    const ingress = find(synthValidated(built), 'Ingress', 'admin-ui', 'admin');
    expect(ingress.spec.rules[0].host).toBe(ADMIN_HOST);
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': PRIVATE_CA,
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16',
    });
    expect(built.dnsRecords).toEqual([
      'demo.example.com. 900 CNAME app.example.com.',
      'admin.acme.example. 900 CNAME admin.internal.example.com.',
    ]);
    expect(built.dnsRecords.map(dnsCheckCommand)).toEqual(['host -a demo.example.com.', 'host -a admin.acme.example.']);
  });
});
