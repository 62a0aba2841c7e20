import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

const APP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: api:1, ports: [{name: http, containerPort: 3000}]}]}
`;

const POLICIES = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: http}]
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: http}]
`;

describe('cdk8s-netsec analyze', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-analyze-'));
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'app.yaml'), APP);
    fs.writeFileSync(path.join(dir, 'policies', 'netpol.yml'), POLICIES);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a manifest');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('prints the connection list of a directory, recursively, in text by default', () => {
    const r = cli('analyze', dir);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'shop/web[Deployment] => shop/api[Deployment] : TCP 3000\n' });
  });

  test('takes several paths, files and directories', () => {
    const r = cli('analyze', path.join(dir, 'app.yaml'), path.join(dir, 'policies'));
    expect(r.stdout).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 3000\n');
  });

  test('--output json / md / csv / dot / mermaid', () => {
    expect(JSON.parse(cli('analyze', dir, '--output', 'json').stdout))
      .toEqual([{ src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'TCP 3000' }]);
    expect(cli('analyze', dir, '-o', 'md').stdout).toMatch(/^\| src \| dst \| conn \|/);
    expect(cli('analyze', dir, '--output=csv').stdout).toBe('src,dst,conn\nshop/web[Deployment],shop/api[Deployment],TCP 3000\n');
    expect(cli('analyze', dir, '-o', 'dot').stdout).toMatch(/^digraph \{/);
    expect(cli('analyze', dir, '-o', 'mermaid').stdout).toMatch(/^flowchart LR/);
  });

  test('--platform welkin adds the platform workloads as peers', () => {
    const r = cli('analyze', dir, '--platform', 'welkin');
    expect(r.code).toBe(0);
    // DNS is now a real peer; the controller is not admitted by shop/api; connections among platform
    // workloads, or between them and addresses, are not the input's to tell.
    expect(r.stdout).toBe([
      'shop/web[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53',
      'shop/web[Deployment] => shop/api[Deployment] : TCP 3000',
      '',
    ].join('\n'));
  });

  test('--explain FROM TO PORT/PROTO prints the explanation', () => {
    const r = cli('analyze', dir, '--explain', 'shop/web[Deployment]', 'shop/api[Deployment]', '3000/TCP');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'shop/web[Deployment] => shop/api[Deployment] : TCP 3000 is ALLOWED',
      '  egress of shop/web[Deployment]: allows: allowed by shop/web (egress rule 0)',
      '  ingress of shop/api[Deployment]: allows: allowed by shop/api (ingress rule 0)',
      '',
    ].join('\n'));
    expect(cli('analyze', dir, '--explain', 'shop/api', 'shop/web', '53/udp').stdout).toMatch(/^shop\/api\[Deployment\] => shop\/web\[Deployment\] : UDP 53 is DENIED\n/);
  });

  test('--explain with an unknown peer or a bad port is a usage error', () => {
    expect(cli('analyze', dir, '--explain', 'shop/nope', 'shop/api', '80')).toMatchObject({ code: 2, stdout: '' });
    const bad = cli('analyze', dir, '--explain', 'shop/web', 'shop/api', '80/ICMP');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid port '80\/ICMP'/);
  });

  test('--help prints the usage', () => {
    const r = cli('analyze', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: cdk8s-netsec analyze PATH\.\.\./);
  });

  test('bad usage exits 2 with the reason', () => {
    expect(cli('analyze')).toMatchObject({ code: 2, stdout: '' });
    expect(cli('analyze', dir, '--output', 'svg').stderr).toMatch(/unknown report format 'svg'/);
    expect(cli('analyze', dir, '--platform', 'nowhere').stderr).toMatch(/unknown platform 'nowhere' \(valid: welkin\)/);
    expect(cli('analyze', dir, '--frobnicate').stderr).toMatch(/unknown option '--frobnicate'/);
  });

  test.each([
    ['a YAML syntax error', 'kind: Pod\n---\nkind: [unclosed\n', /bad\.yaml \(document 1\): YAML syntax error/],
    ['an object without kind', 'kind: Pod\nmetadata: {name: a}\n---\nmetadata: {name: b}\n', /bad\.yaml \(document 1\): object has no `kind`/],
  ])('%s exits 1 with file, document index and reason, and prints no partial result', (_what, text, message) => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), text);
    const r = cli('analyze', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('an unreadable path exits 1 naming it', () => {
    const r = cli('analyze', path.join(dir, 'missing.yaml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/missing\.yaml: cannot read/);
  });

  test('warnings go to stderr, the report to stdout', () => {
    fs.writeFileSync(path.join(dir, 'host.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: shop}\nspec: {hostNetwork: true}\n');
    const r = cli('analyze', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: shop\/agent\[Pod\] runs on the host network/);
    expect(r.stdout).not.toMatch(/warning/);
  });

  test('kinds that play no part are counted on stderr, never mixed into the report', () => {
    fs.writeFileSync(path.join(dir, 'other.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n---\n'
      + 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: shop}\n---\n'
      + 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: shop}\n');
    const r = cli('analyze', dir, '-o', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: not analysed (kinds that play no part): ConfigMap (2), Role (1)');
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  test('with --output md the warnings are part of the report instead', () => {
    fs.writeFileSync(path.join(dir, 'host.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: agent, namespace: shop}\nspec: {hostNetwork: true}\n');
    const r = cli('analyze', dir, '-o', 'md');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\*\*Warnings\*\*\n\n- shop\/agent\[Pod\] runs on the host network/);
  });

  test('runs as a program (src/cli/main.ts): exit status and streams', () => {
    const main = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const run = (...args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main, ...args], { encoding: 'utf-8' });
    const ok = run('analyze', dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 3000\n');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"kind": ');
    const bad = run('analyze', dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/bad\.json \(document 0\): JSON syntax error/);
  }, 30000);
});
