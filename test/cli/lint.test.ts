import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A path as a regular expression that matches it literally. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function run(...args: string[]) {
  return runWithStdin(undefined, ...args);
}

function runWithStdin(stdin: string | undefined, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => { stdout += t; },
    stderr: (t: string) => { stderr += t; },
    readStdin: () => {
      if (stdin === undefined) throw new Error('this test gives no standard input');
      return stdin;
    },
  };
  const code = runCli(args, io);
  return { code, stdout, stderr };
}

describe('cdk8s-netsec lint', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-lint-'));
  });

  test('is registered in the dispatcher', () => {
    expect(run('--help').stdout).toMatch(/^ {2}lint {7}check manifests against the guardrails rule pack/m);
  });

  test('exits 0 on manifests with no findings', () => {
    const { code, stdout, stderr } = run('lint', path.join(FIXTURES, 'good'));
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '0 errors, 0 warnings, 0 suppressed in 10 objects\n', stderr: '' });
  });

  test('exits 1 on errors and prints each finding with file and document', () => {
    const file = path.join(FIXTURES, 'oauth2-proxy', 'oauth2-proxy.yaml');
    const { code, stdout } = run('lint', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`ERROR   image-tag-pinned (${file}:3, document 0)\n`);
    expect(stdout).toContain("uses image 'quay.io/oauth2-proxy/oauth2-proxy:latest' with the tag latest");
    expect(stdout).toMatch(/\n14 errors, 2 warnings, 0 suppressed in 3 objects\n$/);
  });

  test('exits 0 when there are only warnings', () => {
    const file = path.join(dir, 'warn.yaml');
    const good = fs.readFileSync(path.join(FIXTURES, 'good', '10-web.yaml'), 'utf-8');
    fs.copyFileSync(path.join(FIXTURES, 'good', '00-namespace.yaml'), path.join(dir, '00.yaml'));
    fs.writeFileSync(file, good.replace('replicas: 2', 'replicas: 1'));
    const { code, stdout } = run('lint', dir);
    expect(stdout).toContain('WARNING min-replicas');
    expect(stdout).toMatch(/0 errors, 1 warning, /);
    expect(code).toBe(0);
  });

  test('--output json', () => {
    const { code, stdout } = run('lint', '--output', 'json', path.join(FIXTURES, 'welkin-user-demo'));
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.summary).toEqual({ errors: 12, warnings: 0, suppressed: 0, objects: 4 });
    expect(json.findings.map((f: any) => f.ruleId)).toContain('no-allow-all-peers');
  });

  test('--output=sarif writes SARIF 2.1.0 with file and object locations', () => {
    const file = path.join(FIXTURES, 'oauth2-proxy', 'oauth2-proxy.yaml');
    const { code, stdout } = run('lint', '--output=sarif', file);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const latest = sarif.runs[0].results.find((r: any) => r.ruleId === 'image-tag-pinned');
    expect(latest.locations[0].physicalLocation.artifactLocation.uri).toBe(file.split(path.sep).join('/'));
    expect(latest.locations[0].physicalLocation.region).toEqual({ startLine: 3 });
    expect(latest.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Deployment/oauth2-proxy');
    const ingress = sarif.runs[0].results.find((r: any) => r.ruleId === 'explicit-namespace' && r.properties.kind === 'Ingress');
    expect(ingress.locations[0].physicalLocation.region).toEqual({ startLine: 62 });
  });

  test('--allowed-registry turns on the registry rule', () => {
    const { stdout } = run('lint', '-o', 'json', '--allowed-registry', 'harbor.example.com/', path.join(FIXTURES, 'oauth2-proxy'));
    expect(JSON.parse(stdout).findings.filter((f: any) => f.ruleId === 'allowed-registries')).toHaveLength(1);
  });

  test('--disable skips a rule', () => {
    const { stdout } = run('lint', '-o', 'json', '--disable', 'explicit-namespace', path.join(FIXTURES, 'oauth2-proxy'));
    expect(JSON.parse(stdout).findings.some((f: any) => f.ruleId === 'explicit-namespace')).toBe(false);
  });

  test('- reads manifests from standard input (e.g. helm template output)', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'welkin-user-demo', 'rendered.yaml'), 'utf-8');
    const { code, stdout } = runWithStdin(text, 'lint', '-o', 'json', '-');
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(json.summary.objects).toBe(4);
    expect(json.findings[0].source).toBe('<stdin>');
    expect(json.findings.find((f: any) => f.ruleId === 'no-allow-all-peers').line).toBe(3);
    // Beside a directory: both are read.
    const both = runWithStdin(text, 'lint', '-o', 'json', path.join(FIXTURES, 'good'), '-');
    expect(JSON.parse(both.stdout).summary.objects).toBe(14);
  });

  test('--config - reads the configuration from standard input', () => {
    const { code, stdout } = runWithStdin(JSON.stringify({ disabledRules: ['explicit-namespace'] }), 'lint', '-o', 'json', '--config', '-', path.join(FIXTURES, 'oauth2-proxy'));
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings.some((f: any) => f.ruleId === 'explicit-namespace')).toBe(false);
  });

  test('a ReplicationController running nginx:latest with no policy has findings, as analyze lists it (issue 7)', () => {
    const file = path.join(dir, 'legacy.yaml');
    fs.writeFileSync(file, [
      'apiVersion: v1',
      'kind: ReplicationController',
      'metadata: { name: web, namespace: legacy }',
      'spec:',
      '  replicas: 2',
      '  selector: { app: web }',
      '  template:',
      '    metadata: { labels: { app: web } }',
      '    spec: { containers: [{ name: web, image: "nginx:latest" }] }',
      '',
    ].join('\n'));
    const { code, stdout } = run('lint', '-o', 'json', file);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings.filter((f: any) => f.object.kind === 'ReplicationController');
    expect(findings.map((f: any) => f.ruleId)).toEqual(expect.arrayContaining(['image-tag-pinned', 'app-network-policy', 'require-network-policy']));
    expect(findings.find((f: any) => f.ruleId === 'image-tag-pinned').message).toContain("'nginx:latest' with the tag latest");
    expect(run('analyze', file).stdout).toContain('legacy/web[ReplicationController]');
  });

  test('--config reads a JSON RulePackConfig; command-line lists add to it', () => {
    const config = path.join(dir, 'netsec.json');
    fs.writeFileSync(config, JSON.stringify({ disabledRules: ['explicit-namespace'], severityOverrides: { 'min-replicas': 'error' } }));
    const { stdout } = run('lint', '-o', 'json', '--config', config, '--disable', 'probes', path.join(FIXTURES, 'oauth2-proxy'));
    const findings = JSON.parse(stdout).findings;
    expect(findings.some((f: any) => ['explicit-namespace', 'probes'].includes(f.ruleId))).toBe(false);
    expect(findings.find((f: any) => f.ruleId === 'min-replicas').severity).toBe('error');
  });

  test.each([
    ['{"disabledRule": []}', "unknown key 'disabledRule' (valid: severityOverrides, "],
    ['{"dnsCidrs": "10.0.0.0/8"}', "'dnsCidrs' must be an array of strings"],
    ['{"minimumUserId": "10000"}', "'minimumUserId' must be a number"],
    ['[1]', 'expected a JSON object'],
    ['{', 'JSON'],
    ['{"severityOverrides": {"probes": "fatal"}}', 'severity override for probes is "fatal"'],
    // platform facts are checked like user input
    ['{"dnsCidrs": ["0.0.0.0/0"]}', 'rule pack configuration: DNS CIDR "0.0.0.0/0" includes the cloud metadata service'],
    ['{"dnsCidrs": ["8.8.8.8/32"]}', 'DNS CIDR "8.8.8.8/32" is not inside the cluster\'s own ranges'],
    ['{"dnsCidrs": ["::ffff:0:0/96"]}', 'DNS CIDR "::ffff:0:0/96" is an IPv4-mapped IPv6 block'],
    ['{"dnsNamespace": "Kube System"}', 'dnsNamespace "Kube System"'],
    ['{"allowedRegistries": [""]}', 'allowedRegistries entry "" would allow every image'],
    ['{"podSecurityLevel": "none"}', 'podSecurityLevel "none" is not a Pod Security level'],
  ])('a bad --config %s exits 2 with one line', (content, reason) => {
    const config = path.join(dir, 'bad.json');
    fs.writeFileSync(config, content);
    const { code, stdout, stderr } = run('lint', '--config', config, path.join(FIXTURES, 'good'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdk8s-netsec lint: [^\n]*\n$/);
    expect(stderr).toContain(reason);
  });

  test('a --config file that cannot be read exits 2 naming it', () => {
    const missing = path.join(dir, 'missing.json');
    expect(run('lint', '--config', missing, path.join(FIXTURES, 'good'))).toEqual({
      code: 2, stdout: '', stderr: expect.stringMatching(new RegExp(`^cdk8s-netsec lint: --config ${escape(missing)}: cannot read: no such file or folder[^\n]*\n$`)),
    });
  });

  test('--list-rules prints every rule with its severity', () => {
    const { code, stdout } = run('lint', '--list-rules');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^image-tag-pinned +error +Images have a pinned tag or digest/m);
    expect(stdout).toMatch(/^min-replicas +warning /m);
  });

  test.each([
    [[], 'no PATH given'],
    [['--output', 'xml', 'x.yaml'], "--output: invalid value 'xml' (valid: text, json, sarif)"],
    [['--output'], '--output needs a value (FORMAT)'],
    [['--output=', 'x.yaml'], '--output: FORMAT is empty'],
    [['--allowed-registry', '', 'x.yaml'], '--allowed-registry: PREFIX is empty'],
    [['--config', 'a.json', '--config', 'b.json', 'x.yaml'], '--config given more than once'],
    [['--frobnicate', 'x.yaml'], "unknown option '--frobnicate'"],
    [['--disable', 'no-such-rule', 'x.yaml'], 'unknown rule id(s) in the rule pack configuration: no-such-rule'],
    [['-', '-'], '- (standard input) can be given only once'],
    [['--config', '-', '-'], '- (standard input) can be given only once: to --config or as a PATH'],
  ])('bad usage %j exits 2 with one line: the reason and a hint to --help', (args, reason) => {
    const { code, stdout, stderr } = run('lint', ...args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(new RegExp(`^cdk8s-netsec lint: ${escape(reason)}[^\n]*; see 'cdk8s-netsec lint --help'\n$`));
  });

  test('a bad document exits 2 with one line naming its file and document index', () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'kind: Service\nmetadata: {name: a}\n---\nkind: [unclosed\n');
    const { code, stdout, stderr } = run('lint', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^cdk8s-netsec lint: ${escape(file)} \\(document 1\\): line 5, column 1: did not find expected[^\n]*\n$`));
  });

  test('a document without a kind, and a missing path, exit 2', () => {
    const file = path.join(dir, 'nokind.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nmetadata: {name: a}\n');
    expect(run('lint', file)).toEqual({ code: 2, stdout: '', stderr: `cdk8s-netsec lint: ${file} (document 0): line 1: object has no \`kind\`\n` });
    const missing = path.join(dir, 'missing.yaml');
    const result = run('lint', missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^cdk8s-netsec lint: ${escape(missing)}: cannot read: no such file`));
  });

  test('--help prints the help generated from the option table; --version the version', () => {
    const { code, stdout } = run('lint', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: cdk8s-netsec lint \[options\] PATH\.\.\.\n/);
    expect(stdout).toContain('      --allowed-registry PREFIX\n');
    expect(stdout).toContain('\n  cdk8s-netsec.io/suppress: "<rule-id>: <reason>"');
    expect(stdout).toMatch(/Exit status:\n {2}0 +success\n {2}1 +error findings \(warnings alone exit 0\)\n {2}2 +bad usage/);
    expect(run('lint', '--version').stdout).toMatch(/^cdk8s-netsec \d+\.\d+\.\d+/);
  });
});
