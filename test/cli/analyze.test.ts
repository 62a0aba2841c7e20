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
  return cliWithStdin(undefined, ...args);
}

/** Runs the CLI in-process; `stdin` is what `-` reads (undefined: reading it fails the test). */
function cliWithStdin(stdin: string | undefined, ...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const readStdin = () => {
    if (stdin === undefined) throw new Error('this test gives no standard input');
    return stdin;
  };
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin });
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

  test('--exposure appends the exposure section (what the workloads may reach among pods not in the input)', () => {
    const r = cli('analyze', '--exposure', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nExposure Analysis Result:\n');
    expect(r.stdout).toMatch(/shop\/web\[Deployment\] +\t=> \tkube-system\/\[pod with \{k8s-app=kube-dns\}\] : TCP 53,UDP 53/);
    expect(cli('analyze', dir).stdout).not.toContain('Exposure');
  });

  test('--profile FILE (YAML or JSON) adds its workloads as real peers, alone or with --platform', () => {
    const profile = path.join(dir, 'profile.yml');
    fs.writeFileSync(profile, 'otherWorkloads:\n- {namespace: kube-system, name: coredns, podLabels: {k8s-app: kube-dns}, ports: [{port: 53, protocol: UDP}]}\n');
    const r = cli('analyze', '--exposure', '--profile', profile, path.join(dir, 'app.yaml'), path.join(dir, 'policies'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop/web[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53');
    expect(r.stdout).not.toContain('kube-system/[pod with'); // a known pod: no exposure
    const json = path.join(dir, 'profile.json');
    fs.writeFileSync(json, JSON.stringify({ otherWorkloads: [{ namespace: 'db', name: 'pg', kind: 'StatefulSet', podLabels: { app: 'pg' } }] }));
    const both = cli('analyze', '--platform', 'welkin', '--profile', json, path.join(dir, 'app.yaml'), path.join(dir, 'policies'));
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('kube-system/coredns[Deployment]');
  });

  test.each([
    ['not a mapping', '- a\n', /profile\.yaml: the profile: expected a mapping/],
    ['an unknown field', 'workloads: []\n', /the profile: unknown field 'workloads' \(valid: name, ingressController, dns, monitoring, otherWorkloads\)/],
    ['a workload without podLabels', 'dns: {namespace: kube-system, name: coredns}\n', /dns\.podLabels: required, a mapping of label keys to string values; got nothing/],
    ['a label value YAML 1.1 reads as a boolean', 'dns: {namespace: a, name: b, podLabels: {x: y}}\n', /dns\.podLabels\.x: a label value must be a string; got boolean 'true' \(quote it/],
    ['a bad protocol', 'dns: {namespace: a, name: b, podLabels: {x: z}, ports: [{port: 53, protocol: udp}]}\n', /dns\.ports\[0\]\.protocol: expected TCP, UDP or SCTP, got string 'udp'/],
    ['a bad namespace', 'dns: {namespace: A_B, name: b, podLabels: {x: z}}\n', /namespace 'A_B' is not a valid namespace name/],
    ['two documents', 'name: a\n---\nname: b\n', /profile\.yaml: 2 documents; a profile is one YAML or JSON document/],
    ['a YAML syntax error', 'dns: [unclosed\n', /profile\.yaml: not YAML or JSON: /],
  ])('--profile with %s exits 2 with one line naming the file and the field', (_what, text, message) => {
    const profile = path.join(dir, 'profile.yaml');
    fs.writeFileSync(profile, text);
    const r = cli('analyze', '--profile', profile, path.join(dir, 'app.yaml'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
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

  test('--explain FROM TO PORT/PROTO prints the explanation; exit 0 when allowed, 1 when denied', () => {
    const r = cli('analyze', dir, '--explain', 'shop/web[Deployment]', 'shop/api[Deployment]', '3000/TCP');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'shop/web[Deployment] => shop/api[Deployment] : TCP 3000 is ALLOWED',
      '  egress of shop/web[Deployment]: allows: allowed by shop/web (egress rule 0)',
      '  ingress of shop/api[Deployment]: allows: allowed by shop/api (ingress rule 0)',
      '',
    ].join('\n'));
    const denied = cli('analyze', dir, '--explain', 'shop/api', 'shop/web', '53/udp');
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/^shop\/api\[Deployment\] => shop\/web\[Deployment\] : UDP 53 is DENIED\n/);
    expect(cli('analyze', dir, '--explain=shop/web', 'shop/api', '3000').code).toBe(0);
  });

  test('--explain with an unknown peer or a bad port is a usage error (exit 2), not a denial', () => {
    const nope = cli('analyze', dir, '--explain', 'shop/nope', 'shop/api', '80');
    expect(nope).toMatchObject({ code: 2, stdout: '' });
    expect(nope.stderr).toMatch(/^cdk8s-netsec analyze: --explain: unknown peer 'shop\/nope'.*; see 'cdk8s-netsec analyze --help'\n$/);
    expect(cli('analyze', dir, '--explain', 'shop/web', 'shop/api', '80/ICMP')).toMatchObject({
      code: 2, stdout: '', stderr: expect.stringMatching(/^cdk8s-netsec analyze: --explain: invalid port '80\/ICMP'/),
    });
  });

  test('--help prints the help generated from the option table, with the exit statuses', () => {
    const r = cli('analyze', '--help');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: cdk8s-netsec analyze \[options\] PATH\.\.\.\n/);
    expect(r.stdout).toContain('  -o, --output FORMAT ');
    expect(r.stdout).toContain('FORMAT: text, json, md, csv, dot, mermaid (default: text)');
    expect(r.stdout).toContain('      --explain FROM TO PORT[/PROTO]\n');
    expect(r.stdout).toMatch(/Exit status:\n {2}0 +success\n {2}1 +with --explain: the connection is denied; with --strict: the result is partial \(CNI-specific\n +policies not evaluated\)\n {2}2 +bad usage, input that cannot be read/);
    expect(cli('analyze', dir, '-h', '--frobnicate')).toEqual(r);
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8'));
    expect(cli('analyze', '--version')).toEqual({ code: 0, stdout: `cdk8s-netsec ${version}\n`, stderr: '' });
  });

  test.each([
    [[], 'no PATH given'],
    [['DIR', '--output', 'svg'], "--output: invalid value 'svg' (valid: text, json, md, csv, dot, mermaid)"],
    [['DIR', '--output'], '--output needs a value (FORMAT)'],
    [['DIR', '-o', 'json', '--output=csv'], '--output given more than once'],
    [['DIR', '--platform', 'nowhere'], "--platform: invalid value 'nowhere' (valid: welkin)"],
    [['DIR', '--host-network', 'bridge'], "--host-network: invalid value 'bridge' (valid: as-pods, as-node-traffic)"],
    [['DIR', '--frobnicate'], "unknown option '--frobnicate'"],
    [['DIR', '--explain', 'a', 'b'], '--explain needs FROM TO PORT[/PROTO]'],
    [['-', '-'], '- (standard input) can be given only once'],
  ])('bad usage %j exits 2 with one line: the reason and a hint to --help', (args, reason) => {
    const r = cli('analyze', ...args.map(a => (a === 'DIR' ? dir : a)));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `cdk8s-netsec analyze: ${reason}; see 'cdk8s-netsec analyze --help'\n` });
  });

  test('- reads manifests from standard input, alone or beside files and directories', () => {
    const stdin = cliWithStdin(APP + '---\n' + POLICIES, 'analyze', '-');
    expect(stdin).toEqual({ code: 0, stderr: '', stdout: 'shop/web[Deployment] => shop/api[Deployment] : TCP 3000\n' });
    expect(cliWithStdin(POLICIES, 'analyze', path.join(dir, 'app.yaml'), '-').stdout).toBe(stdin.stdout);
    expect(cliWithStdin(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }), 'analyze', '-', '-o', 'json').stdout).toBe('[]\n');
  });

  test('standard input that cannot be read exits 2 with one line naming <stdin>', () => {
    let stderr = '';
    const io = {
      stdout: () => undefined,
      stderr: (t: string) => { stderr += t; },
      readStdin: () => { throw new Error('EAGAIN: resource temporarily unavailable, read'); },
    };
    expect(runCli(['analyze', '-'], io)).toBe(2);
    expect(stderr).toBe('cdk8s-netsec analyze: <stdin>: cannot read: EAGAIN: resource temporarily unavailable, read\n');
  });

  test('bad input on standard input exits 2 naming <stdin> and the document', () => {
    expect(cliWithStdin('kind: Pod\n---\nkind: [unclosed\n', 'analyze', '-')).toMatchObject({
      code: 2, stdout: '', stderr: expect.stringMatching(/^cdk8s-netsec analyze: <stdin> \(document 1\): line 4, column 1: did not find expected ',' or ']'/),
    });
  });

  test.each([
    ['a YAML syntax error', 'kind: Pod\n---\nkind: [unclosed\n', /bad\.yaml \(document 1\): line 4, column 1: did not find expected ',' or ']'/],
    ['an object without kind', 'kind: Pod\nmetadata: {name: a}\n---\nmetadata: {name: b}\n', /bad\.yaml \(document 1\): line 4: object has no `kind`/],
  ])('%s exits 2 with file, document index and reason, and prints no partial result', (_what, text, message) => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), text);
    const r = cli('analyze', dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  test('an unreadable path exits 2 with one line naming it', () => {
    const r = cli('analyze', path.join(dir, 'missing.yaml'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-netsec analyze: \S*missing\.yaml: cannot read: [^\n]*\n$/);
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
    expect(r.stdout).toMatch(/\*\*Warnings\*\*\n\n- shop\/agent\\\[Pod\\\] runs on the host network/);
  });

  test('runs as a program (src/cli/main.ts): exit status and streams', () => {
    const main = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const run = (...args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main, ...args], { encoding: 'utf-8' });
    const ok = run('analyze', dir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 3000\n');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"kind": ');
    const bad = run('analyze', dir);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/bad\.json \(document 0\): line 2, column 1: did not find expected node content/);
  }, 30000);
});

describe('analyze: admin and CNI-specific policies', () => {
  const CILIUM = `---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: lock-down, namespace: shop}
spec: {endpointSelector: {}}
`;
  const ANP = `---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: no-web-to-api}
spec:
  priority: 10
  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}
  ingress:
  - {name: deny-web, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}]}
`;

  test('--strict exits 1 when a CNI-specific policy is not evaluated; every format says the result is partial', () => {
    const run = cliWithStdin(APP + CILIUM, 'analyze', '--strict', '-');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('warning: CiliumNetworkPolicy shop/lock-down (cilium.io/v2): a Cilium-specific policy');
    expect(run.stderr).toContain('error: --strict: the result is partial: 1 CNI-specific policy is not evaluated');
    expect(run.stdout).toMatch(/\nPartial result: this CNI-specific policy is not evaluated, .*: CiliumNetworkPolicy shop\/lock-down \(cilium\.io\/v2\)\n$/);
    expect(cliWithStdin(APP + CILIUM, 'analyze', '-').code).toBe(0);
    expect(cliWithStdin(APP, 'analyze', '--strict', '-').code).toBe(0);
    for (const format of ['json', 'md', 'csv', 'dot', 'mermaid']) {
      const out = cliWithStdin(APP + CILIUM, 'analyze', '-o', format, '-').stdout;
      expect([format, out.includes('CiliumNetworkPolicy shop/lock-down (cilium.io/v2)')]).toEqual([format, true]);
    }
    const json = JSON.parse(cliWithStdin(APP + CILIUM, 'analyze', '-o', 'json', '-').stdout);
    expect(json.partial).toBe(true);
    expect(json.not_evaluated).toEqual(['CiliumNetworkPolicy shop/lock-down (cilium.io/v2)']);
    expect(json.connlist_results).toContainEqual({ src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'All Connections' });
  });

  test('an AdminNetworkPolicy is evaluated, and --explain names the deciding rule', () => {
    const run = cliWithStdin(APP + ANP, 'analyze', '-');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('shop/web[Deployment] => shop/api[Deployment]');
    expect(run.stdout).toContain('shop/api[Deployment] => shop/web[Deployment] : All Connections');
    const explained = cliWithStdin(APP + ANP, 'analyze', '--explain', 'shop/web', 'shop/api', '3000', '-');
    expect(explained.code).toBe(1);
    expect(explained.stdout).toContain("ingress of shop/api[Deployment]: denies: denied by AdminNetworkPolicy no-web-to-api (priority 10) ingress rule 0 'deny-web' (Deny)");
  });
});
