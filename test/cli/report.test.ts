import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCliAsync } from '../../src/cli/run';

const FIXTURE = path.join(__dirname, '../fixtures/non-compliant');
const GOOD = path.join(__dirname, '../fixtures/welkin-user-demo');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCliAsync(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

describe('cdk8s-netsec report', () => {
  test('writes one HTML file with --out and says how many controls are evidenced; failed checks exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    const out = path.join(dir, 'r.html');
    const r = await cli('report', FIXTURE, '--platform', 'welkin', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote .*r\.html: 0 of 9 controls evidenced; failed checks: default-deny, entry-points-only, internet-egress-declared, metadata-unreachable, dns-cluster-only, tls-entry-points, rule-pack\n$/);
    expect(fs.readFileSync(out, 'utf-8')).toMatch(/^<!DOCTYPE html>[\s\S]*<svg/);
  });

  test('--output json prints the evidence; --output dot the diagram', async () => {
    const json = await cli('report', GOOD, '--platform', 'welkin', '--output', 'json');
    expect(JSON.parse(json.stdout).controls).toHaveLength(9);
    const dot = await cli('report', GOOD, '--output', 'dot');
    expect(dot.stdout).toMatch(/^digraph network \{/);
  });

  test('--base shows the changes', async () => {
    const r = await cli('report', FIXTURE, '--base', GOOD, '--output', 'html');
    expect(r.stdout).toContain('<h2 id="changes">Changes from the base</h2>');
  });

  test('bad input: one line and exit status 2', async () => {
    const r = await cli('report', '/nonexistent/x.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const u = await cli('report', FIXTURE, '--output', 'pdf');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/--output/);
  });

  test('an unwritable --out is one line and exit status 2', async () => {
    const r = await cli('report', GOOD, '--out', '/nonexistent/dir/r.html');
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('cdk8s-netsec report: cannot write /nonexistent/dir/r.html: ENOENT\n');
  });
});
