import '../../src/testing/jest';
import { build, synthValidated } from './helpers';
import { buildGatewayDemo, gatewayDemo } from '../../examples/gateway-demo/gateway-demo';
import { OFFICE_RANGE } from '../../examples/user-demo/user-demo';
import { Cdk8sReachability, NetworkAnalysis, RulePack } from '../../src';
import { expectNoFindings } from '../../src/testing';
import { all, find } from '../constructs/helpers';
import { validateAgainstCrd } from '../support/crd-schemas';

const ENVOY = 'envoy-gateway-system/envoy-gateway-system-public[Deployment]';
const DNS = 'kube-system/coredns[Deployment]';

function analysis() {
  const { app } = build(buildGatewayDemo);
  return Cdk8sReachability.fromApp(app, { profile: gatewayDemo.profile });
}

describe('examples/gateway-demo', () => {
  test('every object is schema-valid (Kubernetes models; Gateway API and Envoy Gateway CRDs)', () => {
    const { built } = build(buildGatewayDemo);
    const objects = synthValidated(built);
    const crdObjects = objects.filter(o => o.apiVersion.startsWith('gateway.'));
    expect(crdObjects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'HTTPRoute demo-protected/user-demo', 'HTTPRoute demo/user-demo', 'ListenerSet demo-protected/user-demo', 'ListenerSet demo/user-demo',
      'SecurityPolicy demo-protected/user-demo',
    ]);
    crdObjects.forEach(o => expect(() => validateAgainstCrd(o)).not.toThrow());
  });

  test('the rule pack finds nothing, on each chart and on the written YAML', () => {
    const { app, built } = build(buildGatewayDemo);
    for (const chart of built.charts) expectNoFindings(chart, gatewayDemo.lintConfig);
    expect(new RulePack(gatewayDemo.lintConfig).lintText(app.synthYaml(), 'gateway-demo.yaml').findings).toEqual([]);
  });

  test('exactly these connections are allowed: Envoy\'s data plane in, DNS out; no ingress-nginx, no oauth2-proxy', () => {
    expect(analysis()).toOnlyAllow([
      `${ENVOY} => demo/user-demo[Deployment] : TCP 3000`,
      `demo/user-demo[Deployment] => ${DNS} : TCP 53,UDP 53`,
      `${ENVOY} => demo-protected/user-demo[Deployment] : TCP 3000`,
      `demo-protected/user-demo[Deployment] => ${DNS} : TCP 53,UDP 53`,
    ]);
  });

  test('without the profile, the routes expose the apps to {gateway gateway-system/public} only, which their policies do not admit', () => {
    const { app } = build(buildGatewayDemo);
    // The written YAML alone, with no platform profile.
    const a = NetworkAnalysis.fromYaml(app.synthYaml());
    expect(a.connections.filter(c => c.source.name.startsWith('{gateway'))).toEqual([]);
    // The policies admit Envoy's pods by namespace and labels, not an unknown pod anywhere.
    expect(a).not.toAllowConnection('{gateway gateway-system/public}', 'demo/user-demo', 3000);
    expect(a.explain('{gateway gateway-system/public}', 'demo/user-demo', 3000).ingress.reason).toContain('(traffic sent by HTTPRoute demo/user-demo)');
  });

  test('the protected variant: allowlist (default Deny) and OIDC in one SecurityPolicy, client secret by reference', () => {
    const { built } = build(buildGatewayDemo);
    const sp = find(synthValidated(built), 'SecurityPolicy', 'user-demo', 'demo-protected');
    expect(sp.spec.authorization).toEqual({ defaultAction: 'Deny', rules: [{ name: 'allow-source-ranges', action: 'Allow', principal: { clientCIDRs: [OFFICE_RANGE] } }] });
    expect(sp.spec.oidc.clientSecret).toEqual({ group: '', kind: 'Secret', name: 'user-demo-oidc' });
    expect(all(synthValidated(built), 'Secret')).toEqual([]);
  });

  test('DNS records: one CNAME per host', () => {
    expect(build(buildGatewayDemo).built.dnsRecords).toEqual([
      'demo.example.com. 900 CNAME app.example.com.',
      'protected-demo.example.com. 900 CNAME app.example.com.',
    ]);
  });
});
