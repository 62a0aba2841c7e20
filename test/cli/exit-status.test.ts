// The exit statuses are the same for every command (0 ok, 1 findings or denied, 2 usage or input
// error), and documented in each --help and in the README.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExitStatus } from '../../src/cli/options';
import { COMMANDS, runCliAsync } from '../../src/cli/run';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCliAsync(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: i}]}\n';

describe('exit statuses, consistent and documented', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-exit-'));
    fs.writeFileSync(path.join(dir, 'pod.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(COMMANDS.map(c => [c.name]))('%s: --help lists 0, 1 (when it has findings) and 2', async name => {
    const help = await cli(name, '--help');
    expect(help.code).toBe(ExitStatus.OK);
    expect(help.stdout).toMatch(/\nExit status:\n {2}0 +success\n( {2}1 +\S[^]*\n)? {2}2 +bad usage, input that cannot be read or is not valid manifests/);
  });

  test.each(COMMANDS.map(c => [c.name]))('%s: 0 on success, 2 on a usage error and on bad input, with nothing on stdout', async name => {
    const pod = path.join(dir, 'pod.yaml');
    const operands = name === 'diff' ? [pod, pod] : [pod];
    // a bare Pod has lint errors, and fails the report's compliance checks
    expect((await cli(name, ...operands)).code).toBe(name === 'lint' || name === 'report' ? ExitStatus.FINDINGS : ExitStatus.OK);
    for (const args of [[...operands, '--frobnicate'], [...operands.slice(1), path.join(dir, 'bad.yaml')], [...operands.slice(1), path.join(dir, 'missing')]]) {
      const r = await cli(name, ...args);
      expect({ args, code: r.code, stdout: r.stdout, lines: r.stderr.split('\n').length }).toEqual({ args, code: ExitStatus.ERROR, stdout: '', lines: 2 });
    }
  });

  test('1 means findings or denied: lint errors, analyze --explain denied, diff --exit-code changed', async () => {
    const pod = path.join(dir, 'pod.yaml');
    expect((await cli('lint', pod)).code).toBe(ExitStatus.FINDINGS);
    const policy = path.join(dir, 'deny.yaml');
    fs.writeFileSync(policy, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n');
    expect((await cli('analyze', pod, policy, '--explain', '10.0.0.1', 'a/p[Pod]', '80')).code).toBe(ExitStatus.FINDINGS);
    expect((await cli('analyze', pod, '--explain', '10.0.0.1', 'a/p[Pod]', '80')).code).toBe(ExitStatus.OK);
    expect((await cli('diff', '--exit-code', pod, policy)).code).toBe(ExitStatus.FINDINGS);
    expect((await cli('diff', '--exit-code', pod, pod)).code).toBe(ExitStatus.OK);
  });

  test('admin policies count: --explain exits 1 when an ANP denies, 0 when one allows; diff --exit-code exits 1 when only exposure changed', async () => {
    const pod = path.join(dir, 'pod.yaml');
    const write = (name: string, action: string, from: string) => {
      const file = path.join(dir, `${name}.yaml`);
      fs.writeFileSync(file, 'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\n'
        + `metadata: {name: ${name}}\nspec: {priority: 1, subject: {namespaces: {}}, ingress: [{action: ${action}, from: [${from}]}]}\n`);
      return file;
    };
    const other = path.join(dir, 'other.yaml');
    fs.writeFileSync(other, POD.replace('name: p,', 'name: q,').replace('namespace: a', 'namespace: b'));
    const deny = write('deny-all', 'Deny', '{namespaces: {}}');
    const explain = (...files: string[]) => cli('analyze', ...files, '--explain', 'b/q[Pod]', 'a/p[Pod]', '80');
    expect((await explain(pod, other)).code).toBe(ExitStatus.OK);
    const denied = await explain(pod, other, deny);
    expect(denied).toMatchObject({ code: ExitStatus.FINDINGS, stdout: expect.stringContaining('DENIED') });
    const isolated = path.join(dir, 'isolated.yaml');
    fs.writeFileSync(isolated, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n');
    expect((await explain(pod, other, isolated, write('allow-all', 'Allow', '{namespaces: {}}'))).code).toBe(ExitStatus.OK);
    // Only pods the input does not show gain access: the connection list is the same, the exposure is not.
    const frontends = write('frontends', 'Allow', '{namespaces: {matchLabels: {purpose: frontend}}}');
    const v1 = path.join(dir, 'v1');
    const v2 = path.join(dir, 'v2');
    for (const [d, files] of [[v1, [pod, isolated]], [v2, [pod, isolated, frontends]]] as const) {
      fs.mkdirSync(d);
      for (const f of files) fs.copyFileSync(f, path.join(d, path.basename(f)));
    }
    const exposure = await cli('diff', '--exit-code', v1, v2);
    expect(exposure).toMatchObject({ code: ExitStatus.FINDINGS, stdout: expect.stringContaining('+ [namespace with {purpose=frontend}]/[all pods] => a/p[Pod] : All Connections') });
    expect((await cli('diff', '--exit-code', v2, v2)).code).toBe(ExitStatus.OK);
  });

  test('the README documents the same statuses', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
    expect(readme).toMatch(/\| 0 \| success \|/);
    expect(readme).toMatch(/\| 1 \| the answer is "no": `lint` found errors[^\n]*`analyze --explain` found the connection denied[^\n]*`diff --exit-code` found a change \|/);
    expect(readme).toMatch(/\| 2 \| bad usage[^\n]*input that cannot be read[^\n]*never a stack trace/);
  });
});
