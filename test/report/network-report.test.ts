import * as path from 'path';
import { Testing } from 'cdk8s';
import { gatewayDemo } from '../../examples/gateway-demo/gateway-demo';
import { userDemo } from '../../examples/user-demo/user-demo';
import { ClusterProfile } from '../../src';
import { loadManifestFiles } from '../../src/kube/manifests';
import { NetworkReport } from '../../src/report';
import { generateLargeCluster } from '../support/generators';

const FIXTURE = path.join(__dirname, '../fixtures/non-compliant');

function nonCompliant(): NetworkReport {
  return NetworkReport._fromLoaded(loadManifestFiles([FIXTURE]), { profile: ClusterProfile.welkin() });
}

function userDemoReport(): NetworkReport {
  const app = Testing.app();
  const built = userDemo.build(app);
  const objects = built.charts.flatMap(c => c.toJson());
  return NetworkReport.fromManifests(objects, { profile: userDemo.profile, dnsRecords: built.dnsRecords, rulePackConfig: userDemo.lintConfig });
}

const check = (r: NetworkReport, id: string) => r.checks.find(c => c.id === id)!;
const control = (r: NetworkReport, id: string) => r.controls.find(c => c.control === id)!;

describe('compliance evidence', () => {
  test('the user demo evidences every control', () => {
    const r = userDemoReport();
    expect(r.checks.filter(c => !c.passed).map(c => [c.id, c.details])).toEqual([]);
    expect(r.controls.map(c => c.control)).toEqual(['A.8.20', 'A.8.22', 'SC-7', 'AC-4', '3.13.1', '3.13.6', 'APP.4.4.A7', 'APP.4.4.A18', '164.312(e)(1)']);
    expect(r.controls.every(c => c.passed)).toBe(true);
    // Welkin's DNS service IP (node-local DNS) is an address block too, so it is listed with the internet egress
    expect(check(r, 'internet-egress-declared').details).toEqual([
      'demo-protected/user-demo-oauth2-proxy[Deployment] => the internet : TCP 443',
      'demo-protected/user-demo-oauth2-proxy[Deployment] => 10.233.0.3/32 : TCP 53,UDP 53',
      'demo-protected/user-demo[Deployment] => 10.233.0.3/32 : TCP 53,UDP 53',
      'demo/user-demo[Deployment] => 10.233.0.3/32 : TCP 53,UDP 53',
    ]);
  });

  test('a namespace without default deny fails default-deny and the controls relying on it', () => {
    const r = nonCompliant();
    expect(check(r, 'default-deny')).toMatchObject({
      passed: false,
      details: ['namespace legacy: no NetworkPolicy selects every pod and isolates both ingress and egress'],
      peers: ['legacy/batch[Deployment]'],
    });
    for (const id of ['A.8.20', 'A.8.22', '3.13.6', 'APP.4.4.A7', 'APP.4.4.A18']) expect(control(r, id).passed).toBe(false);
  });

  test('an app reachable from the internet without an entry point fails entry-points-only, with the reason', () => {
    const r = nonCompliant();
    expect(check(r, 'entry-points-only').passed).toBe(false);
    expect(check(r, 'entry-points-only').details).toContain(
      'shop/api[Deployment]: reachable from anywhere (TCP 8080) directly, not through an entry point');
    expect(control(r, 'SC-7').passed).toBe(false);
    expect(control(r, '3.13.1').passed).toBe(false);
  });

  test('an Ingress without TLS fails tls-entry-points and HIPAA 164.312(e)(1)', () => {
    const r = nonCompliant();
    expect(check(r, 'tls-entry-points')).toMatchObject({ passed: false, details: ['shop.example.com (Ingress shop/web): no TLS certificate covers it'] });
    expect(control(r, '164.312(e)(1)').passed).toBe(false);
  });

  test('a workload without egress isolation reaches the metadata service and sends DNS anywhere', () => {
    const r = nonCompliant();
    expect(check(r, 'metadata-unreachable').peers).toEqual(['legacy/batch[Deployment]']);
    expect(check(r, 'internet-egress-declared').details[0]).toMatch(/^legacy\/batch\[Deployment\] => anywhere : All Connections/);
    expect(check(r, 'dns-cluster-only').passed).toBe(false);
  });

  test('the rule pack check lists error findings', () => {
    const r = nonCompliant();
    expect(check(r, 'rule-pack').passed).toBe(false);
    expect(r.findings.length).toBeGreaterThan(0);
  });

  test('without a platform profile the cluster DNS is unknown, and the DNS check says so', () => {
    const r = NetworkReport._fromLoaded(loadManifestFiles([FIXTURE]));
    expect(check(r, 'dns-cluster-only').details[0]).toBe('the cluster DNS is not known: give a platform profile (--platform or --profile)');
  });

  test('toJson carries controls and checks', () => {
    const json = JSON.parse(nonCompliant().toJson());
    expect(json.controls).toHaveLength(9);
    expect(json.checks.map((c: { id: string }) => c.id)).toEqual(['default-deny', 'entry-points-only', 'internet-egress-declared',
      'metadata-unreachable', 'dns-cluster-only', 'tls-entry-points', 'rule-pack']);
  });
});

describe('diagram', () => {
  test('one node per workload and platform peer, "the internet" as one node, hosts as entry points', () => {
    const d = userDemoReport()._diagram;
    expect(d.nodes.map(n => [n.role, n.label.replace('\n', ' ')]).sort()).toEqual([
      ['external', '10.233.0.3/32'],
      ['external', 'the internet'],
      ['host', 'https://demo.example.com'],
      ['host', 'https://protected-demo.example.com'],
      ['platform', 'coredns Deployment'],
      ['platform', 'ingress-nginx-controller Deployment'],
      ['platform', 'node-local-dns DaemonSet'],
      ['workload', 'user-demo Deployment'],
      ['workload', 'user-demo Deployment'],
      ['workload', 'user-demo-oauth2-proxy Deployment'],
    ]);
    expect(d.nodes.filter(n => n.group === 'demo-protected').map(n => n.peers[0])).toEqual([
      'demo-protected/user-demo[Deployment]', 'demo-protected/user-demo-oauth2-proxy[Deployment]',
    ]);
    const labels = d.nodes.map(n => n.label).sort();
    expect(labels).toContain('the internet');
    expect(labels.filter(l => l === 'the internet')).toHaveLength(1);
    expect(labels).toEqual(expect.arrayContaining(['https://demo.example.com', 'https://protected-demo.example.com', 'coredns\nDeployment']));
    expect(d.edges).toContainEqual({ from: 'node-demo-protected_user-demo-oauth2-proxy_Deployment_', to: 'node-ext-the_internet', label: 'TCP 443', change: undefined });
    expect(d.edges).toContainEqual({ from: 'node-host-demo.example.com', to: 'node-ingress-nginx_ingress-nginx-controller_Deployment_', label: 'HTTPS' });
  });

  test('a base version marks added, removed and changed edges', () => {
    const objects = loadManifestFiles([FIXTURE]).map(m => m.object);
    const base = objects.filter(o => !(o.kind === 'NetworkPolicy' && (o.metadata as { name: string }).name === 'api'));
    const r = NetworkReport.fromManifests(objects, { profile: ClusterProfile.welkin(), base });
    const changed = r._diagram.edges.filter(e => e.change);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.some(e => e.change === 'added' && e.to === 'node-shop_api_Deployment_' && e.label === 'TCP 8080')).toBe(true);
    expect(r.toDot()).toContain('color="#2e7d32"');
  });

  test('above the threshold, workloads are grouped into one node per namespace', () => {
    const objects = Array.from({ length: 90 }, (_, i) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `w${i}`, namespace: `ns${i % 3}` },
      spec: { selector: { matchLabels: { app: `w${i}` } }, template: { metadata: { labels: { app: `w${i}` } }, spec: { containers: [{ name: 'c', image: 'x/y:1' }] } } },
    }));
    const d = NetworkReport.fromManifests(objects)._diagram;
    expect(d.grouped).toBe(true);
    expect(d.nodes.filter(n => n.role === 'namespace').map(n => n.label)).toEqual(['ns0\n30 workloads', 'ns1\n30 workloads', 'ns2\n30 workloads']);
  });

  test('grouped, exposure peers and blocks only CIDRs name are one node each, and edges carry their ports as tooltips', () => {
    const { objects } = generateLargeCluster({ workloads: 120, namespaces: 12, seed: 7 });
    const r = NetworkReport.fromManifests(objects, { profile: ClusterProfile.welkin() });
    const d = r._diagram;
    expect(d.grouped).toBe(true);
    expect(r.exposure.length).toBeGreaterThan(1);
    expect(d.nodes.filter(n => n.role === 'exposure').map(n => n.id)).toEqual(['node-rep-outside-input']);
    expect(d.nodes.filter(n => n.role === 'exposure')[0].peers).toEqual([...new Set(r.exposure.map(e => e.peer))].sort());
    const external = d.nodes.filter(n => n.role === 'external');
    expect(external.filter(n => /^\d/.test(n.label))).toEqual([]);
    expect(external.map(n => n.id)).toContain('node-ext-other');
    const dot = r.toDot();
    expect(dot).toContain('splines=line; mclimit=0.1;');
    expect(dot).not.toMatch(/ -> [^\n]*label=/);
  });

  test('names from the manifests cannot break out of DOT strings', () => {
    const evil = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a"];evil[label="x', namespace: 'n\nx' }, spec: { containers: [{ name: 'c', image: 'x/y:1' }] } };
    const dot = NetworkReport.fromManifests([evil]).toDot();
    expect(dot).not.toContain('evil[label="x"');
    expect(dot).toContain('\\"];evil[label=\\"x');
  });
});

describe('HTML', () => {
  test('self-contained: no external script, style, font or image', async () => {
    const html = await userDemoReport().renderHtml();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('demo.example.com. 900 CNAME app.example.com.');
  });

  test('the connection list names "the internet" once instead of its cut ranges', async () => {
    const html = await userDemoReport().renderHtml();
    const list = html.slice(html.indexOf('id="connections"'), html.indexOf('</table>', html.indexOf('id="connections"')));
    expect(list.match(/>the internet</g)).toHaveLength(1);
    expect(list).not.toContain('0.0.0.0-9.255.255.255');
    expect(list).toContain('title="every address except 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, ');
  });

  test('the non-compliant fixture shows the failing controls and their reasons', async () => {
    const html = await nonCompliant().renderHtml();
    expect(html).toContain('<tr class="fail" data-control="164.312(e)(1)">');
    expect(html).toContain('namespace legacy: no NetworkPolicy selects every pod and isolates both ingress and egress');
    expect(html).toContain('<a href="#node-legacy_batch_Deployment_" class="mono">legacy/batch[Deployment]</a>');
  });

  test('names with HTML and markdown are escaped', async () => {
    const evil = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x', namespace: 'ns', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x/y:1' }] },
    };
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: '<img src=x onerror=alert(1)>', namespace: 'ns' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    };
    const html = await NetworkReport.fromManifests([evil, policy], { title: '<script>alert(1)</script>[a](http://evil)' }).renderHtml();
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('exposure: pods the input does not show', () => {
  test('a workload no policy isolates is exposed to entire-cluster both ways: rows, unprotected, one dashed node', async () => {
    const r = nonCompliant();
    expect(r.exposure).toEqual([
      { workload: 'legacy/batch[Deployment]', direction: 'egress', peer: 'entire-cluster', ports: 'All Connections' },
      { workload: 'legacy/batch[Deployment]', direction: 'ingress', peer: 'entire-cluster', ports: 'All Connections' },
    ]);
    expect(r.unprotected).toEqual(['legacy/batch[Deployment] is not protected on Egress', 'legacy/batch[Deployment] is not protected on Ingress']);
    const d = r._diagram;
    expect(d.nodes.filter(n => n.role === 'exposure').map(n => [n.id, n.label])).toEqual([['node-rep-entire-cluster', 'entire-cluster']]);
    expect(d.edges.filter(e => e.exposure).map(e => [e.from, e.to])).toEqual([
      ['node-legacy_batch_Deployment_', 'node-rep-entire-cluster'], ['node-rep-entire-cluster', 'node-legacy_batch_Deployment_'],
    ]);
    expect(r.toDot()).toMatch(/"node-rep-entire-cluster" -> "node-legacy_batch_Deployment_" \[[^\]]*style=dashed/);
    const html = await r.renderHtml();
    const section = html.slice(html.indexOf('id="exposure"'), html.indexOf('id="connections-list"'));
    expect(section).toContain('<a href="#node-rep-entire-cluster" class="mono">entire-cluster</a>');
    expect(section).toContain('legacy/batch[Deployment] is not protected on Ingress');
    expect(JSON.parse(r.toJson()).exposure).toHaveLength(2);
  });

  test('a rule admitting pods by labels in other namespaces is one representative node, with its ports', () => {
    const objects = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api:1' }] } } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'probe', namespace: 'shop' },
        spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } }, podSelector: { matchLabels: { app: 'probe' } } }], ports: [{ port: 8080 }] }] },
      },
    ];
    const r = NetworkReport.fromManifests(objects);
    expect(r.exposure).toEqual([{ workload: 'shop/api[Deployment]', direction: 'ingress', peer: '[namespace with {team=ops}]/[pod with {app=probe}]', ports: 'TCP 8080' }]);
    const node = r._diagram.nodes.find(n => n.role === 'exposure')!;
    expect(node.label).toBe('[namespace with {team=ops}]/[pod with {app=probe}]');
    expect(r._diagram.edges).toContainEqual({ from: node.id, to: 'node-shop_api_Deployment_', label: 'TCP 8080', change: undefined, exposure: true });
  });
});

describe('entry points: Ingress hosts and Gateway API routes', () => {
  test('the Gateway demo\'s HTTPRoutes on the shared Gateway\'s ListenerSets are HTTPS entry points into Envoy\'s data plane', () => {
    const built = gatewayDemo.build(Testing.app());
    const objects = built.charts.flatMap(c => c.toJson());
    const r = NetworkReport.fromManifests(objects, { profile: gatewayDemo.profile, rulePackConfig: gatewayDemo.lintConfig });
    expect(r.entryPoints).toEqual([
      { host: 'demo.example.com', via: 'HTTPRoute demo/user-demo', tls: true, workloads: ['demo/user-demo[Deployment]'] },
      { host: 'protected-demo.example.com', via: 'HTTPRoute demo-protected/user-demo', tls: true, workloads: ['demo-protected/user-demo[Deployment]'] },
    ]);
    expect(r._diagram.edges.filter(e => e.from.startsWith('node-host-'))).toEqual(['demo.example.com', 'protected-demo.example.com'].map(h =>
      ({ from: `node-host-${h}`, to: 'node-envoy-gateway-system_envoy-gateway-system-public_Deployment_', label: 'HTTPS' })));
    expect(r.checks.find(c => c.id === 'tls-entry-points')!.details).toEqual([
      'demo.example.com (HTTPRoute demo/user-demo): TLS', 'protected-demo.example.com (HTTPRoute demo-protected/user-demo): TLS',
    ]);
    // the DNS evidence names the node-local DNS address by its CIDR, not netpol-analyzer's range
    expect(r.checks.find(c => c.id === 'dns-cluster-only')!.details).toContain('demo/user-demo[Deployment] => 10.233.0.3/32');
  });

  test('a route its Gateway accepts is an entry point (no TLS on an HTTP listener); a refused route is none', () => {
    const web = (ns: string) => [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
    ];
    const route = (ns: string, host: string) => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: ns },
      spec: { parentRefs: [{ name: 'gw', namespace: 'shop' }], hostnames: [host], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
    });
    const objects = [
      ...web('shop'), ...web('other'),
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'shop' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] } },
      route('shop', 'shop.example.com'),
      route('other', 'other.example.com'), // the listener admits routes of its own namespace only
    ];
    const r = NetworkReport.fromManifests(objects);
    expect(r.entryPoints).toEqual([{ host: 'shop.example.com', via: 'HTTPRoute shop/web', tls: false, workloads: ['shop/web[Deployment]'] }]);
    expect(r.checks.find(c => c.id === 'tls-entry-points')!.details).toEqual(['shop.example.com (HTTPRoute shop/web): no TLS certificate covers it']);
    expect(r._diagram.nodes.find(n => n.id === 'node-host-shop.example.com')).toMatchObject({ label: 'http://shop.example.com', title: 'HTTPRoute shop/web' });
    // no profile describes the Gateway's data plane: it is one node, where the host enters
    const gateway = r._diagram.nodes.find(n => n.label === '{gateway shop/gw}')!;
    expect(gateway.role).toBe('ingress');
    expect(r._diagram.edges).toContainEqual({ from: 'node-host-shop.example.com', to: gateway.id, label: 'HTTP' });
  });
});
