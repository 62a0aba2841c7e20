import { Testing } from 'cdk8s';
import '../../../src/testing/jest';
import { Cdk8sReachability, DefaultDenyNamespace, IngressController, Platform, PodSecurityLevel, SecureApp, TlsIngress } from '../../../src';
import { find, indexOf, synth, validateManifest, welkinChart } from '../helpers';

const IMAGE = 'harbor.example.com/demo/user-demo:1.0.0';

describe('DefaultDenyNamespace as an HNC subnamespace (Welkin, `parent`)', () => {
  test('emits a typed SubnamespaceAnchor in the parent and the policies in the child, and no Namespace', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo', { parent: 'team' });
    const objects = synth(chart); // schema-checked: the anchor against HNC's CRD
    expect(objects.filter(o => o.kind === 'Namespace')).toEqual([]);
    const anchor = find(objects, 'SubnamespaceAnchor', 'demo', 'team');
    expect(anchor.apiVersion).toBe('hnc.x-k8s.io/v1alpha2');
    expect(anchor.spec).toBeUndefined();
    expect(find(objects, 'NetworkPolicy', 'default-deny', 'demo').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(find(objects, 'NetworkPolicy', 'allow-dns', 'demo')).toBeDefined();
    // The anchor comes first: HNC creates the namespace the policies go in.
    expect(indexOf(objects, 'SubnamespaceAnchor', 'demo')).toBeLessThan(indexOf(objects, 'NetworkPolicy', 'default-deny'));
    expect(ns.anchor).toBeDefined();
    expect(ns.namespaceObject).toBeUndefined();
    expect(ns.parent).toBe('team');
  });

  test('the Pod Security labels: a synth warning by default; through HNC managed labels when told', () => {
    const chart = welkinChart();
    const ns = new DefaultDenyNamespace(chart, 'demo', { parent: 'team' });
    expect(ns.node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
      expect.stringMatching(/^subnamespace demo \(HNC, parent team\): its Pod Security labels are not set by this chart; .*hncManagedLabels: true/),
    ]);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      Testing.synth(chart);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('cdk8s-netsec warning: subnamespace demo (HNC, parent team)'));
    } finally {
      warn.mockRestore();
    }

    const managed = welkinChart();
    const m = new DefaultDenyNamespace(managed, 'demo', { parent: 'team', hncManagedLabels: true, podSecurityWarn: PodSecurityLevel.BASELINE, labels: { team: 'a' } });
    expect(m.node.metadata.filter(x => x.type === 'warning')).toEqual([]);
    expect(find(synth(managed), 'SubnamespaceAnchor', 'demo', 'team').spec).toEqual({
      labels: [
        { key: 'team', value: 'a' },
        { key: 'pod-security.kubernetes.io/enforce', value: 'restricted' },
        { key: 'pod-security.kubernetes.io/audit', value: 'restricted' },
        { key: 'pod-security.kubernetes.io/warn', value: 'baseline' },
      ],
    });
  });

  test('bad input: clear errors', () => {
    expect(() => new DefaultDenyNamespace(welkinChart(), 'demo', { parent: 'Team' })).toThrow(/test\/demo: parent namespace "Team"/);
    expect(() => new DefaultDenyNamespace(welkinChart(), 'demo', { parent: 'demo' })).toThrow(/is the namespace itself/);
    expect(() => new DefaultDenyNamespace(welkinChart(), 'demo', { parent: 'team', podSecurity: PodSecurityLevel.BASELINE }))
      .toThrow(/a subnamespace cannot set its own namespace labels \(Pod Security levels below restricted\) unless HNC manages them; set `hncManagedLabels: true`/);
    expect(() => new DefaultDenyNamespace(welkinChart(), 'demo', { hncManagedLabels: true })).toThrow(/applies to a subnamespace only/);
    const custom = Platform.custom({ ingressController: IngressController.pods('ingress', { app: 'x' }), ingressClassName: 'nginx', appDomain: 'app.example.com' });
    expect(() => new DefaultDenyNamespace(welkinChart({ platform: custom }), 'demo', { parent: 'team' }))
      .toThrow(/the platform has no hierarchical namespaces \(HNC\).*hierarchicalNamespaces: true/);
    const withHnc = Platform.custom({ ingressController: IngressController.pods('ingress', { app: 'x' }), ingressClassName: 'nginx', appDomain: 'app.example.com', hierarchicalNamespaces: true });
    expect(new DefaultDenyNamespace(welkinChart({ platform: withHnc }), 'demo', { parent: 'team' }).anchor).toBeDefined();
  });

  test('apps land in the child; the analysis reads the anchor and applies the parent\'s policies to the child', () => {
    const chart = welkinChart();
    const parent = new DefaultDenyNamespace(chart, 'team', { parent: 'org' });
    const child = new DefaultDenyNamespace(chart, 'demo', { parent: 'team' });
    const web = new SecureApp(child, 'web', { image: IMAGE, port: 3000 });
    new TlsIngress(child, 'ingress', { app: web, host: 'demo.example.com' });
    const objects = synth(chart);
    expect(find(objects, 'Deployment', 'web').metadata.namespace).toBe('demo');
    expect(parent.anchor).toBeDefined();
    const analysis = Cdk8sReachability.fromChart(chart);
    // The parent's allow-dns, copied by HNC, is one of the child's policies.
    expect(analysis.explain(web, 'kube-system/node-local-dns', 53).text).toMatch(/allowed by demo\/allow-dns/);
    expect(analysis).toAllowConnection('ingress-nginx/ingress-nginx-controller', web, 3000);
    expect(analysis).not.toAllowConnection('8.8.8.8', web);
    expect(analysis).toAllowConnection(web, 'kube-system/node-local-dns', 'UDP 53');
  });

  test('a parent policy admitting more is copied into the child: the analysis shows it', () => {
    const chart = welkinChart();
    const team = new DefaultDenyNamespace(chart, 'team', { allowWithinNamespace: true, parent: 'org' });
    const child = new DefaultDenyNamespace(chart, 'demo', { parent: 'team' });
    const web = new SecureApp(child, 'web', { image: IMAGE, port: 3000 });
    const api = new SecureApp(child, 'api', { image: IMAGE, port: 8080 });
    web.allowTo(api);
    new TlsIngress(child, 'ingress', { app: web, host: 'demo.example.com' });
    expect(team.allowWithinNamespacePolicy).toBeDefined();
    const objects = synth(chart);
    objects.forEach(validateManifest);
    // team's allow-same-namespace propagates into demo: api may now reach web, although demo never said so.
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(analysis).toAllowConnection(api, web, 3000);
    expect(analysis.explain(api, web, 3000).text).toContain('demo/allow-same-namespace');
  });
});
