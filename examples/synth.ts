/**
 * `npm run synth`: the project's main job. For each example it
 *   1. synthesizes its charts into examples/dist/<example>/ and lists every file and object written,
 *   2. lints the written files with the guardrails rule pack (exit status 1 on any error),
 *   3. prints the connections the files allow, computed by the reachability engine against the
 *      platform's profile (ingress controller, CoreDNS, Prometheus as real peers), in
 *      netpol-analyzer's text form, and
 *   4. prints the DNS records the user must create, each with the command that checks it.
 * The output is deterministic: no timings, paths relative to the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Example } from './example';
import { EXAMPLES } from './examples';
import { AllowedConnection, ConnectionPeer, NetworkAnalysis, OutputFormat, PeerKind, RulePack } from '../src';
import { LoadedManifest, loadManifestFiles } from '../src/kube/manifests';
import { NetworkReport } from '../src/report';
import { toLintInputs } from '../src/rules/rule-pack';
import { runRulePack } from '../src/rules/runner';

/** The repository root: printed paths are relative to it. */
const ROOT = path.resolve(__dirname, '..');

/** What synthesizing one example produced. */
export interface ExampleOutput {
  /** Files written, relative to the repository root, sorted. */
  readonly files: string[];
  /** Error findings of the rule pack. */
  readonly lintErrors: number;
  /** Warning findings of the rule pack. */
  readonly lintWarnings: number;
  /** The connections with at least one end among the example's workloads. */
  readonly connections: AllowedConnection[];
  /** The objects written, with their files. */
  readonly manifests: LoadedManifest[];
  /** The DNS records the example's users must create. */
  readonly dnsRecords: string[];
}

/** A connection line in netpol-analyzer's text form. */
export function connectionLine(c: AllowedConnection): string {
  return c.toString();
}

/**
 * The connections that involve the example: at least one end is a workload of its manifests.
 * The platform's own workloads reach each other and the outside freely (nothing in the example
 * isolates them); those lines say nothing about the example and are left out.
 */
export function exampleConnections(analysis: NetworkAnalysis): AllowedConnection[] {
  const own = (p: ConnectionPeer) => p.kind === PeerKind.WORKLOAD; // the profile's are PLATFORM_WORKLOADs
  return analysis.connections.filter(c => own(c.source) || own(c.destination));
}

/** The command that checks a zone-file record has propagated: `host -a demo.example.com.` (the seed's advice). */
export function dnsCheckCommand(record: string): string {
  return `host -a ${record.split(' ')[0]}`;
}

/** Synthesizes, lints and analyses one example into `outdir`, printing what it did. */
export function synthExample(example: Example, outdir: string, print: (line: string) => void): ExampleOutput {
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  const built = example.build(app);
  // Synth runs the guardrails attached to each chart: an error finding throws here.
  app.synth();

  // In the order the example built its charts (cdk8s writes one `<chart id>.k8s.yaml` per chart).
  const order = (file: string) => {
    const i = built.charts.findIndex(c => file === `${c.node.id}.k8s.yaml`);
    return i < 0 ? built.charts.length : i;
  };
  const files = fs.readdirSync(outdir).filter(f => /\.(ya?ml|json)$/.test(f))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map(f => path.join(outdir, f));
  const manifests = loadManifestFiles(files).map(m => ({ ...m, source: path.relative(ROOT, m.source) }));
  print(`Wrote ${files.length} file(s), ${manifests.length} objects:`);
  for (const file of files.map(f => path.relative(ROOT, f))) {
    const objects = manifests.filter(m => m.source === file);
    print(`  ${file} (${objects.length} objects)`);
    for (const { object } of objects) {
      const meta = (object.metadata ?? {}) as { name?: string; namespace?: string };
      print(`    ${object.kind} ${meta.namespace ? `${meta.namespace}/` : ''}${meta.name}`);
    }
  }

  // The same rule pack as `cdk8s-netsec lint`, over the files as written.
  const lint = runRulePack(toLintInputs(manifests), example.lintConfig);
  const registries = example.lintConfig.allowedRegistries ?? [];
  print('');
  print(`Lint (guardrails rule pack${registries.length ? `, allowed registries: ${registries.join(', ')}` : ''}):`);
  RulePack.render(lint, OutputFormat.TEXT).trimEnd().split('\n').forEach(l => print(`  ${l}`));

  const analysis = NetworkAnalysis.fromManifests(manifests.map(m => m.object), { profile: example.profile });
  const connections = exampleConnections(analysis);
  const others = example.profile.workloads.map(w => `${w.namespace}/${w.name}`).join(', ');
  print('');
  print(`Allowed connections (netpol-analyzer text form; platform peers: ${others}):`);
  connections.forEach(c => print(`  ${connectionLine(c)}`));
  const hidden = analysis.connections.length - connections.length;
  if (hidden > 0) {
    print(`  (${hidden} more among the platform's own workloads and outside addresses, which the example does not restrict)`);
  }
  analysis.warnings.forEach(w => print(`  warning: ${w}`));

  print('');
  print('DNS records to create (check each once created: the answer must show the CNAME):');
  built.dnsRecords.forEach(r => {
    print(`  ${r}`);
    print(`    ${dnsCheckCommand(r)}`);
  });

  return {
    files: files.map(f => path.relative(ROOT, f)),
    lintErrors: lint.errorCount,
    lintWarnings: lint.warningCount,
    connections,
    manifests,
    dnsRecords: built.dnsRecords,
  };
}

/** Synthesizes every example under `distRoot`; returns the exit status (1 when any example fails or has lint errors). */
export function synthAll(distRoot: string, print: (line: string) => void, examples: readonly Example[] = EXAMPLES,
  synthesized?: (example: Example, output: ExampleOutput) => void): number {
  let status = 0;
  let errors = 0;
  for (const example of examples) {
    print(`=== ${example.name}: ${example.title}`);
    print('');
    try {
      const out = synthExample(example, path.join(distRoot, example.name), print);
      synthesized?.(example, out);
      errors += out.lintErrors;
      if (out.lintErrors > 0) status = 1;
    } catch (e) {
      print(`FAILED: ${(e as Error).message}`);
      status = 1;
    }
    print('');
  }
  print(status === 0
    ? `${examples.length} examples synthesized into ${path.relative(ROOT, distRoot)}/, no lint errors`
    : `synth failed: ${errors} lint error(s); see above`);
  return status;
}

/**
 * Writes `report.html` beside each example's manifests (HTML only: a JSON file there would be read
 * as a manifest by `analyze examples/dist/...`); returns the files written, relative to the root.
 */
export async function writeReports(distRoot: string, outputs: readonly [Example, ExampleOutput][], print: (line: string) => void): Promise<string[]> {
  const written: string[] = [];
  for (const [example, out] of outputs) {
    const report = NetworkReport._fromLoaded(out.manifests, {
      title: `${example.name}: ${example.title}`, profile: example.profile, dnsRecords: out.dnsRecords, rulePackConfig: example.lintConfig,
    });
    const html = path.join(distRoot, example.name, 'report.html');
    fs.writeFileSync(html, await report.renderHtml());
    const failed = report.checks.filter(c => !c.passed).map(c => c.id);
    print(`Report: ${path.relative(ROOT, html)} (${report.controls.filter(c => c.passed).length} of ${report.controls.length} controls evidenced`
      + `${failed.length ? `; failed checks: ${failed.join(', ')}` : ''})`);
    written.push(path.relative(ROOT, html));
  }
  return written;
}

if (require.main === module) {
  const dist = path.join(__dirname, 'dist');
  const outputs: [Example, ExampleOutput][] = [];
  const status = synthAll(dist, line => console.log(line), EXAMPLES, (example, out) => outputs.push([example, out]));
  writeReports(dist, outputs, line => console.log(line)).then(
    () => { process.exitCode = status; },
    e => { console.error(`report failed: ${(e as Error).message}`); process.exitCode = 1; });
}
