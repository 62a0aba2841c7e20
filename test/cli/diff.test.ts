import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: t => (stdout += t), stderr: t => (stderr += t) });
  return { code, stdout, stderr };
}

const deployment = (ns: string, name: string, port: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: main, image: x, ports: [{ name: http, containerPort: ${port} }] }] }
`;
const defaultDeny = (ns: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${ns} }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`;
const allow = (ns: string, from: string, to: string, ports: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${from}-to-${to}, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: ${to} } }
  policyTypes: [Ingress]
  ingress: [{ from: [{ podSelector: { matchLabels: { app: ${from} } } }], ports: [${ports}] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${from}-egress-${to}, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: ${from} } }
  policyTypes: [Egress]
  egress: [{ to: [{ podSelector: { matchLabels: { app: ${to} } } }] }]
`;

describe('cdk8s-netsec diff', () => {
  let dir: string;
  let oldDir: string;
  let newDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-diff-'));
    oldDir = path.join(dir, 'old');
    newDir = path.join(dir, 'new');
    for (const d of [oldDir, newDir]) {
      fs.mkdirSync(path.join(d, 'nested'), { recursive: true });
      fs.writeFileSync(path.join(d, 'apps.yaml'), ['web', 'api', 'db', 'worker'].map((n, i) => deployment('shop', n, 8080 + i)).join('---\n'));
      fs.writeFileSync(path.join(d, 'nested', 'deny.yaml'), defaultDeny('shop'));
    }
    // Before: web -> api on 8081, api -> db on 8082. After: web -> api on 8081 and 9000, worker -> db, api -/-> db.
    fs.writeFileSync(path.join(oldDir, 'nested', 'allow.yaml'), [allow('shop', 'web', 'api', '{ port: 8081 }'), allow('shop', 'api', 'db', '{ port: http }')].join('---\n'));
    fs.writeFileSync(path.join(newDir, 'nested', 'allow.yaml'),
      [allow('shop', 'web', 'api', '{ port: 8081 }, { port: 9000 }'), allow('shop', 'worker', 'db', '{ port: 8082 }')].join('---\n'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('text: added, removed and changed connections, directories read recursively, exit 0', () => {
    const r = run(['diff', oldDir, newDir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'Allowed connections: 1 added, 1 removed, 1 changed, 0 unchanged',
      '',
      'Added (1):',
      '+ shop/worker[Deployment] => shop/db[Deployment] : TCP 8082',
      '',
      'Removed (1):',
      '- shop/api[Deployment] => shop/db[Deployment] : TCP 8082',
      '',
      'Changed (1):',
      '~ shop/web[Deployment] => shop/api[Deployment] : TCP 8081 -> TCP 8081,9000 (opened TCP 9000)',
      '',
    ].join('\n'));
  });

  test('markdown for a pull request comment', () => {
    const r = run(['diff', '--output', 'md', oldDir, newDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### Network reachability changes');
    expect(r.stdout).toContain('| added | `shop/worker[Deployment]` | `shop/db[Deployment]` |  | TCP 8082 |');
    expect(r.stdout).toContain('| removed | `shop/api[Deployment]` | `shop/db[Deployment]` | TCP 8082 |  |');
    expect(r.stdout).toContain('| changed | `shop/web[Deployment]` | `shop/api[Deployment]` | TCP 8081 | TCP 8081,9000 (opened TCP 9000) |');
    expect(run(['diff', '-o', 'md', oldDir, newDir]).stdout).toBe(r.stdout);
    expect(run(['diff', '--output=md', oldDir, newDir]).stdout).toBe(r.stdout);
  });

  test('the same manifests: no change, still exit 0; files work as well as directories', () => {
    const file = path.join(oldDir, 'apps.yaml');
    const r = run(['diff', file, file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^No change in allowed connections \(\d+ unchanged\)\.\n$/);
    expect(run(['diff', oldDir, oldDir]).stdout).toMatch(/^No change in allowed connections/);
  });

  test('--platform welkin makes the platform DNS a real peer on both sides', () => {
    const dns = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dns, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{ to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }],
             ports: [{ port: 53, protocol: UDP }] }]
`;
    fs.writeFileSync(path.join(newDir, 'dns.yaml'), dns);
    const r = run(['diff', '--platform', 'welkin', oldDir, newDir]);
    expect(r.stdout).toContain('+ shop/web[Deployment] => kube-system/coredns[Deployment] : UDP 53');
  });

  test('outside addresses: a new CIDR that cuts the address space differently changes only what it changes', () => {
    // Before: web accepts TCP 80 from anywhere. After: the same, except 10.0.0.0/8, which gets 443 too.
    const ingress = (rules: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-ingress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress: ${rules}
`;
    fs.writeFileSync(path.join(oldDir, 'web-ingress.yaml'), ingress('[{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }], ports: [{ port: 80 }] }]'));
    fs.writeFileSync(path.join(newDir, 'web-ingress.yaml'),
      ingress('[{ from: [{ ipBlock: { cidr: 0.0.0.0/0 } }], ports: [{ port: 80 }] }, { from: [{ ipBlock: { cidr: 10.0.0.0/8 } }], ports: [{ port: 443 }] }]'));
    fs.writeFileSync(path.join(newDir, 'nested', 'allow.yaml'), fs.readFileSync(path.join(oldDir, 'nested', 'allow.yaml')));
    const r = run(['diff', oldDir, newDir]);
    expect(r.stdout).toBe([
      'Allowed connections: 0 added, 0 removed, 1 changed, 4 unchanged', // web->api, api->db and the two other ranges
      '',
      'Changed (1):',
      '~ 10.0.0.0-10.255.255.255 => shop/web[Deployment] : TCP 80 -> TCP 80,443 (opened TCP 443)',
      '',
    ].join('\n'));
  });

  test('--host-network as-node-traffic: a host-network pod\'s own policies no longer restrict it', () => {
    const agent = `apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: shop, labels: { app: agent } }
spec: { hostNetwork: true, containers: [{ name: main, image: x }] }
`;
    fs.writeFileSync(path.join(newDir, 'agent.yaml'), agent);
    fs.writeFileSync(path.join(newDir, 'nested', 'allow.yaml'), fs.readFileSync(path.join(oldDir, 'nested', 'allow.yaml')));
    // As a pod, the namespace's default-deny isolates it: nothing changes. As node traffic, it may reach everything open.
    expect(run(['diff', oldDir, newDir]).stdout).toMatch(/^No change in allowed connections/);
    const asNode = run(['diff', '--host-network', 'as-node-traffic', oldDir, newDir]);
    expect(asNode.stdout).toContain('+ shop/agent[Pod] => 0.0.0.0-255.255.255.255 : All Connections');
  });

  test('unreadable input exits 1 naming the file and document, with no partial result', () => {
    fs.writeFileSync(path.join(newDir, 'broken.yaml'), 'kind: Pod\n---\nkind: [unclosed\n');
    const r = run(['diff', oldDir, newDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/broken\.yaml \(document 1\): YAML syntax error/);
    const missing = run(['diff', path.join(dir, 'nope'), newDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope: cannot read/);
  });

  test.each([
    [['diff', 'only-one'], /expected OLD and NEW, got 1 path/],
    [['diff', 'a', 'b', 'c'], /expected OLD and NEW, got 3 paths/],
    [['diff', '--output', 'csv', 'a', 'b'], /unknown --output 'csv' \(valid: text, md\)/],
    [['diff', '--platform', 'openshift', 'a', 'b'], /unknown --platform 'openshift' \(valid: welkin\)/],
    [['diff', '--frobnicate', 'a', 'b'], /unknown option '--frobnicate'/],
    [['diff', '--host-network', 'bridge', 'a', 'b'], /unknown --host-network 'bridge' \(valid: as-pods, as-node-traffic\)/],
    [['diff', 'a', 'b', '--output'], /--output needs a value/],
  ])('bad usage %j exits 2 with the reason and the usage', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('Usage: cdk8s-netsec diff OLD NEW');
  });

  test('--help prints the usage and is listed by the dispatcher', () => {
    expect(run(['diff', '--help'])).toEqual({ code: 0, stdout: expect.stringContaining('Usage: cdk8s-netsec diff OLD NEW'), stderr: '' });
    expect(run(['--help']).stdout).toMatch(/diff\s+Connections added, removed and changed/);
  });
});
