// The CLI reads manifests as kubectl does (YAML 1.1 through go-yaml): what the cluster would run is
// what analyze and lint judge. Each case pairs the YAML 1.1 form with a form a YAML 1.2 reader would
// read the same way, so the test fails if either command read the file another way.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

const DIGEST = `registry.example/app@sha256:${'0'.repeat(64)}`;

function deployment(name: string, namespace: string, podSpec: string, container = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podSpec.split('\n').filter(l => l).map(l => `      ${l}`).join('\n')}
      containers:
      - name: ${name}
        image: ${DIGEST}
        ports: [{containerPort: 8080}]
${container.split('\n').filter(l => l).map(l => `        ${l}`).join('\n')}
`;
}

const WORKLOADS = `${deployment('web', 'shop', 'hostNetwork: false')}---
${deployment('client', 'other', 'hostNetwork: false')}`;

function policy(spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
${spec.split('\n').filter(l => l).map(l => `  ${l}`).join('\n')}
`;
}

describe('analyze and lint read manifests as kubectl reads them', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-kubectl-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  test('a NetworkPolicy whose spec merges `ingress: [{}]` in through `<<:` admits every source, and lint flags it', () => {
    const merged = write('merged.yaml', `${WORKLOADS}---\n${policy('<<: {ingress: [{}]}\npodSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]')}`);
    const analyzed = cli('analyze', merged);
    expect(analyzed.code).toBe(0);
    expect(analyzed.stdout).toContain('0.0.0.0-255.255.255.255 => shop/web[Deployment] : All Connections\n');
    expect(analyzed.stdout).toContain('other/client[Deployment] => shop/web[Deployment] : All Connections\n');
    const linted = JSON.parse(cli('lint', '-o', 'json', merged).stdout);
    expect(linted.findings).toContainEqual(expect.objectContaining({
      ruleId: 'no-allow-all-peers',
      message: expect.stringMatching(/NetworkPolicy shop\/web: ingress\[0\] has no `from`, so it admits every source/),
      source: merged,
      documentIndex: 2,
      line: WORKLOADS.split('\n').length + 1,
    }));

    // The same policy with a quoted "<<" key: a plain key to go-yaml, so no rule at all, and nothing admitted.
    const quoted = write('quoted.yaml', `${WORKLOADS}---\n${policy('"<<": {ingress: [{}]}\npodSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]')}`);
    expect(cli('analyze', quoted).stdout).not.toContain('=> shop/web[Deployment]');
    expect(JSON.parse(cli('lint', '-o', 'json', quoted).stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('no-allow-all-peers');
  });

  test('`port: 0443` is port 291 (a YAML 1.1 octal), as kubectl applies it', () => {
    const rule = 'podSelector: {matchLabels: {app: web}}\npolicyTypes: [Ingress]\ningress: [{from: [{namespaceSelector: {}}], ports: [{port: PORT}]}]';
    const octal = write('octal.yaml', `${WORKLOADS}---\n${policy(rule.replace('PORT', '0443'))}`);
    expect(cli('analyze', octal).stdout).toContain('other/client[Deployment] => shop/web[Deployment] : TCP 291\n');
    const quoted = write('decimal.yaml', `${WORKLOADS}---\n${policy(rule.replace('PORT', '443'))}`);
    expect(cli('analyze', quoted).stdout).toContain('other/client[Deployment] => shop/web[Deployment] : TCP 443\n');
  });

  test('`hostNetwork: yes`, merged hostPID/hostIPC, `privileged: on` and `runAsUser: 010000` (4096) are read as kubectl reads them', () => {
    const file = write('pod.yaml', deployment('web', 'shop',
      'hostNetwork: yes\n<<: {hostPID: true, hostIPC: on}\nsecurityContext: {runAsNonRoot: true, runAsUser: 010000, runAsGroup: 20000}',
      'securityContext: {privileged: on, allowPrivilegeEscalation: off}'));
    const messages = (JSON.parse(cli('lint', '-o', 'json', file).stdout).findings as Array<{ ruleId: string; message: string }>)
      .map(f => `${f.ruleId}: ${f.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'no-host-namespaces: Deployment shop/web uses hostNetwork: true, hostPID: true, hostIPC: true',
      'no-privilege-escalation: Deployment shop/web: container \'web\' is privileged',
      'run-as-non-root: Deployment shop/web: container \'web\' runAsUser is 4096 (must be >= 10000)',
    ]));
    // `allowPrivilegeEscalation: off` is false: that part of the rule is satisfied.
    expect(messages.filter(m => m.includes('allowPrivilegeEscalation'))).toEqual([]);
    const analyzed = cli('analyze', file);
    expect(analyzed.stderr).toMatch(/warning: shop\/web\[Deployment\] runs on the host network/);

    // Quoted, they are strings: kubectl would refuse such a Deployment; the rules see no `true`.
    const quoted = write('quoted.yaml', deployment('web', 'shop', 'hostNetwork: "yes"\nhostPID: "on"', 'securityContext: {privileged: "on"}'));
    const quotedMessages = (JSON.parse(cli('lint', '-o', 'json', quoted).stdout).findings as Array<{ message: string }>).map(f => f.message);
    expect(quotedMessages.filter(m => /uses host|is privileged/.test(m))).toEqual([]);
  });
});
