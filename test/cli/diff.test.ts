import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';

function run(args: string[], stdin?: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const readStdin = () => {
    if (stdin === undefined) throw new Error('this test gives no standard input');
    return stdin;
  };
  const code = runCli(args, { stdout: t => (stdout += t), stderr: t => (stderr += t), readStdin });
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

  test('--exit-code: exit 1 when anything was added, removed or changed, 0 when nothing changed', () => {
    const changed = run(['diff', '--exit-code', oldDir, newDir]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toBe(run(['diff', oldDir, newDir]).stdout);
    expect(run(['diff', oldDir, oldDir, '--exit-code']).code).toBe(0);
    // One kind of change alone is enough.
    const onlyRemoved = path.join(dir, 'only-removed');
    fs.cpSync(oldDir, onlyRemoved, { recursive: true });
    fs.writeFileSync(path.join(onlyRemoved, 'nested', 'allow.yaml'), allow('shop', 'web', 'api', '{ port: 8081 }'));
    expect(run(['diff', oldDir, onlyRemoved]).stdout).toMatch(/^Allowed connections: 0 added, 1 removed, 0 changed/);
    expect(run(['diff', '--exit-code', oldDir, onlyRemoved]).code).toBe(1);
  });

  test('- reads one side from standard input', () => {
    const newText = ['apps.yaml', 'nested/deny.yaml', 'nested/allow.yaml'].map(f => fs.readFileSync(path.join(newDir, f), 'utf-8')).join('---\n');
    const expected = run(['diff', oldDir, newDir]).stdout;
    expect(run(['diff', oldDir, '-'], newText)).toEqual({ code: 0, stdout: expected, stderr: '' });
    const backwards = run(['diff', '-', oldDir], newText);
    expect(backwards.stdout).toMatch(/^Allowed connections: 1 added, 1 removed, 1 changed/);
    expect(backwards.stdout).toContain('+ shop/api[Deployment] => shop/db[Deployment] : TCP 8082');
  });

  test('unreadable input exits 2 with one line naming the file and document, with no partial result', () => {
    fs.writeFileSync(path.join(newDir, 'broken.yaml'), 'kind: Pod\n---\nkind: [unclosed\n');
    const r = run(['diff', oldDir, newDir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-netsec diff: \S*broken\.yaml \(document 1\): line \d+, column \d+: did not find expected[^\n]*\n$/);
    const missing = run(['diff', path.join(dir, 'nope'), newDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cdk8s-netsec diff: \S*nope: cannot read/);
    expect(run(['diff', oldDir, '-', '--exit-code'], 'kind: [')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^cdk8s-netsec diff: <stdin> \(document 0\)/) });
  });

  test.each([
    [['only-one'], 'expected OLD and NEW, got 1 path'],
    [['a', 'b', 'c'], 'expected OLD and NEW, got 3 paths'],
    [['-', '-'], '- (standard input) can be given only once'],
    [['--output', 'csv', 'a', 'b'], "--output: invalid value 'csv' (valid: text, md)"],
    [['--platform', 'openshift', 'a', 'b'], "--platform: invalid value 'openshift' (valid: welkin)"],
    [['--frobnicate', 'a', 'b'], "unknown option '--frobnicate'"],
    [['--host-network', 'bridge', 'a', 'b'], "--host-network: invalid value 'bridge' (valid: as-pods, as-node-traffic)"],
    [['a', 'b', '--output'], '--output needs a value (FORMAT)'],
    [['--exit-code=yes', 'a', 'b'], '--exit-code takes no value'],
    [['--exit-code', '--exit-code', 'a', 'b'], '--exit-code given more than once'],
  ])('bad usage %j exits 2 with one line: the reason and a hint to --help', (args, reason) => {
    expect(run(['diff', ...args])).toEqual({ code: 2, stdout: '', stderr: `cdk8s-netsec diff: ${reason}; see 'cdk8s-netsec diff --help'\n` });
  });

  test('--help prints the help generated from the option table; the dispatcher lists the command', () => {
    const help = run(['diff', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: cdk8s-netsec diff \[options\] OLD NEW\n/);
    expect(help.stdout).toContain('      --exit-code ');
    expect(help.stdout).toMatch(/Exit status:\n {2}0 +success\n {2}1 +with --exit-code: something changed\n {2}2 +bad usage/);
    expect(run(['--help']).stdout).toMatch(/^ {2}diff\s+connections added, removed and changed/m);
    expect(run(['diff', '--version']).stdout).toMatch(/^cdk8s-netsec \d+\.\d+\.\d+/);
  });
});
