import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Example, LINT_CONFIG, welkinProfile } from '../../examples/example';
import { EXAMPLES } from '../../examples/examples';
import { synthAll } from '../../examples/synth';
import { Guardrails } from '../../src';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

/** Runs the main job into a temporary folder and returns its exit status, output and folder. */
function runSynth(examples?: Example[]): { status: number; output: string[]; dist: string } {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-synth-'));
  tempDirs.push(dist);
  const output: string[] = [];
  const status = synthAll(dist, line => output.push(line), examples);
  return { status, output, dist };
}

/** An example whose only object trips the rule pack (a `latest` image, no policy), optionally with guardrails at synth. */
const broken = (guardrailsAtSynth: boolean): Example => ({
  name: 'broken',
  title: 'a Deployment the rule pack rejects',
  build: (app: App) => {
    const chart = new Chart(app, 'broken');
    if (guardrailsAtSynth) Guardrails.apply(chart, { printWarnings: false });
    new ApiObject(chart, 'web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:latest' }] } },
      },
    });
    return { charts: [chart], dnsRecords: [] };
  },
  profile: welkinProfile(),
  lintConfig: LINT_CONFIG,
});

describe('npm run synth (examples/synth.ts)', () => {
  test('writes every example into its folder, lints it clean and exits 0', () => {
    const { status, output, dist } = runSynth();
    expect(status).toBe(0);
    expect(fs.readdirSync(dist).sort()).toEqual(EXAMPLES.map(e => e.name).sort());
    expect(fs.readdirSync(path.join(dist, 'user-demo')).sort()).toEqual(['user-demo-protected.k8s.yaml', 'user-demo.k8s.yaml']);
    expect(fs.readdirSync(path.join(dist, 'three-tier'))).toEqual(['three-tier.k8s.yaml']);
    expect(fs.readdirSync(path.join(dist, 'gateway-demo')).sort()).toEqual(['gateway-demo-protected.k8s.yaml', 'gateway-demo.k8s.yaml']);
    // Every file written is listed, and each example's lint summary shows no findings.
    for (const file of ['user-demo/user-demo.k8s.yaml', 'user-demo/user-demo-protected.k8s.yaml', 'three-tier/three-tier.k8s.yaml',
      'gateway-demo/gateway-demo.k8s.yaml', 'gateway-demo/gateway-demo-protected.k8s.yaml']) {
      expect(output.some(l => l.includes(path.join(path.basename(dist), file)))).toBe(true);
    }
    expect(output.filter(l => /0 errors, 0 warnings, 0 suppressed in \d+ objects/.test(l))).toHaveLength(3);
    expect(output[output.length - 1]).toMatch(/^3 examples synthesized into .*, no lint errors$/);
  });

  test('prints the connections with the platform as real peers, and the DNS records', () => {
    const { output } = runSynth();
    expect(output).toContain('  ingress-nginx/ingress-nginx-controller[Deployment] => demo/user-demo[Deployment] : TCP 3000');
    expect(output).toContain('  demo/user-demo[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53');
    expect(output).toContain('  shop-api/api[Deployment] => postgres-system/postgresql1[StatefulSet] : TCP 5432');
    expect(output).toContain('  demo.example.com. 900 CNAME app.example.com.');
    // The Gateway API demo: Envoy's data plane of the public Gateway is the only sender.
    expect(output).toContain('  envoy-gateway-system/envoy-gateway-system-public[Deployment] => demo/user-demo[Deployment] : TCP 3000');
    expect(output).toContain('  admin.internal.example.com. 900 CNAME internal.example.com.');
    // Platform-to-platform lines are summarised, not listed.
    expect(output.some(l => l.startsWith('  ingress-nginx/ingress-nginx-controller[Deployment] => kube-system/coredns'))).toBe(false);
  });

  test('the output is deterministic and the files are what the example synthesizes', () => {
    const first = runSynth();
    const second = runSynth();
    const normalise = (r: { output: string[]; dist: string }) => r.output.map(l => l.split(path.basename(r.dist)).join('<dist>'));
    expect(normalise(second)).toEqual(normalise(first));
    const file = fs.readFileSync(path.join(first.dist, 'three-tier', 'three-tier.k8s.yaml'), 'utf-8');
    const app = new App();
    EXAMPLES.find(e => e.name === 'three-tier')!.build(app);
    expect(file).toBe(app.synthYaml());
  });

  test('a lint error is printed and makes the exit status 1; a stale file from an earlier run is removed', () => {
    const { dist } = runSynth();
    fs.writeFileSync(path.join(dist, 'user-demo', 'stale.k8s.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: stale}\n');
    const again = synthAll(dist, () => undefined);
    expect(again).toBe(0);
    expect(fs.existsSync(path.join(dist, 'user-demo', 'stale.k8s.yaml'))).toBe(false);

    const { status, output } = runSynth([broken(false)]);
    expect(status).toBe(1);
    expect(output.some(l => /^ {2}ERROR +image-tag-pinned \(.*broken\.k8s\.yaml:1, document 0\)$/.test(l))).toBe(true);
    expect(output[output.length - 1]).toMatch(/^synth failed: [1-9]\d* lint error\(s\); see above$/);
  });

  test('an example whose guardrails fail the synth is reported and makes the exit status 1', () => {
    const { status, output } = runSynth([broken(true)]);
    expect(status).toBe(1);
    expect(output.find(l => l.startsWith('FAILED: '))).toMatch(/image-tag-pinned/);
  });
});
