/**
 * Benchmark of reading manifests (issue 8), on realistic manifests for 5,000 workloads (Namespaces,
 * Deployments filled in as real ones are, Services, NetworkPolicies, Ingresses: ~15,500 objects,
 * ~20 MB of YAML). Goals, as ratios or bounds of figures measured in this run:
 * - parsing at least 5x faster than the old reader (the `yaml` package's parseAllDocuments);
 * - `cdk8s-netsec analyze` end to end on the YAML within 1.5x of the same objects given as JSON;
 * - peak memory (max RSS of the process) of `analyze` under 300 MB and of `diff` under 600 MB.
 *
 * The commands run through the CLI's own entry point, each in a child process of its own
 * (support/cli-child.ts), alternating YAML and JSON, best time of ROUNDS. They run the compiled
 * `lib/` when it is up to date (`npx projen compile`), else the sources through ts-node, whose own
 * memory (the `--version` row) then counts in every peak; the goals are judged on the compiled CLI.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { now, table } from './support/report';
import { readers } from './support/yaml-readers';
import { generateManifestStream } from '../test/support/manifest-stream';

const WORKLOADS = 5000;
const NAMESPACES = 250;
const PARSE_ROUNDS = 3;
const ROUNDS = 2;
const ROOT = path.join(__dirname, '..');
/** `--cli-only`: skip the parse comparison (the old reader takes a while). */
const CLI_ONLY = process.argv.includes('--cli-only');

interface ChildRun {
  readonly status: number;
  readonly ms: number;
  readonly written: number;
  readonly errors: string;
  readonly maxRss: number;
}

/** Whether lib/ holds the compiled sources (every lib/*.js newer than its src/*.ts). */
function compiledIsFresh(): boolean {
  const stale = (dir: string): boolean => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).some(e => {
    const src = path.join(dir, e.name);
    if (e.isDirectory()) return stale(src);
    if (!e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) return false;
    const js = path.join(ROOT, 'lib', path.relative('src', src)).replace(/\.ts$/, '.js');
    return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(path.join(ROOT, src)).mtimeMs;
  });
  return fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js')) && !stale('src');
}

function runChild(compiled: boolean, args: string[]): ChildRun {
  const child = compiled
    ? spawnSync(process.execPath, ['-e', CHILD_JS, '--', ...args], { encoding: 'utf-8', cwd: ROOT, maxBuffer: 16 * 1024 * 1024 })
    : spawnSync(process.execPath, ['-r', 'ts-node/register', path.join(__dirname, 'support', 'cli-child.ts'), ...args], {
      encoding: 'utf-8',
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    });
  if (child.status !== 0) throw new Error(`cdk8s-netsec ${args.join(' ')} failed: ${child.stderr}`);
  const run = JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildRun;
  if (run.status !== 0) throw new Error(`cdk8s-netsec ${args.join(' ')} exited ${run.status}: ${run.errors}`);
  return run;
}

/** support/cli-child.ts for the compiled CLI, without ts-node. */
const CHILD_JS = `
const { main } = require('./lib/cli/main.js');
let written = 0, errors = '';
const t0 = performance.now();
const status = main(process.argv.slice(process.argv[1] === '--' ? 2 : 1), { stdout: t => { written += t.length; }, stderr: t => { errors += t; } });
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ status, ms, written, errors: errors.slice(0, 300), maxRss: process.resourceUsage().maxRSS * 1024 }) + '\\n');
`;

function best(runs: ChildRun[]): ChildRun {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function ms(value: number): string {
  return value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

function main(): void {
  const started = now();
  console.log('# bench/reader: reading manifests as kubectl does, at 5,000 workloads\n');
  const stream = generateManifestStream(WORKLOADS, NAMESPACES);
  const other = generateManifestStream(WORKLOADS, NAMESPACES, 7);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-reader-bench-'));
  const yamlFile = path.join(dir, 'cluster.yaml');
  const jsonFile = path.join(dir, 'cluster.json');
  const otherFile = path.join(dir, 'other.yaml');
  fs.writeFileSync(yamlFile, stream.yaml);
  fs.writeFileSync(jsonFile, stream.objects.map(o => JSON.stringify(o)).join('\n') + '\n'); // a JSON stream, as kubectl reads one
  fs.writeFileSync(otherFile, other.yaml);
  const bytes = Buffer.byteLength(stream.yaml);
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at start.`);
  console.log(`Input: ${WORKLOADS} workloads in ${NAMESPACES} namespaces, ${stream.objects.length} objects, ${(bytes / 1e6).toFixed(1)} MB of YAML `
    + `(${(fs.statSync(jsonFile).size / 1e6).toFixed(1)} MB as JSON).\n`);

  // Parsing, in this process, alternating; same values from both readers or the comparison means nothing.
  const parseRatio = CLI_ONLY ? NaN : measureParse(stream.yaml, bytes);
  runCommands(yamlFile, jsonFile, otherFile, parseRatio, started);
  fs.rmSync(dir, { recursive: true, force: true });
}

function measureParse(yaml: string, bytes: number): number {
  const stream = { yaml };
  const ours = readers.kubectl(stream.yaml) as Array<{ value: unknown }>;
  const theirs = readers.current(stream.yaml) as Array<{ value: unknown }>;
  if (JSON.stringify(ours.map(d => d.value)) !== JSON.stringify(theirs.map(d => d.value))) {
    throw new Error('the two readers disagree on the benchmark input');
  }
  let oldMs = Infinity;
  let newMs = Infinity;
  for (let round = 0; round < PARSE_ROUNDS; round++) {
    let t0 = now();
    readers.current(stream.yaml);
    oldMs = Math.min(oldMs, now() - t0);
    t0 = now();
    readers.kubectl(stream.yaml);
    newMs = Math.min(newMs, now() - t0);
  }
  const parseRatio = oldMs / newMs;
  console.log('## Parsing\n');
  console.log(table(['reader', `parse (best of ${PARSE_ROUNDS})`, 'MB/s', 'speed-up'], [
    ['old: yaml parseAllDocuments + LineCounter', ms(oldMs), (bytes / 1e6 / (oldMs / 1000)).toFixed(1), '1.0x'],
    ['new: src/kube/yaml readYamlStream', ms(newMs), (bytes / 1e6 / (newMs / 1000)).toFixed(1), `${parseRatio.toFixed(1)}x`],
  ]));

  return parseRatio;
}

function runCommands(yamlFile: string, jsonFile: string, otherFile: string, parseRatio: number, started: number): void {
  // End to end, through the CLI, each run in a child process of its own.
  const compiled = compiledIsFresh();
  const startup = runChild(compiled, ['--version']);
  const yamlRuns: ChildRun[] = [];
  const jsonRuns: ChildRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    yamlRuns.push(runChild(compiled, ['analyze', yamlFile, '-o', 'json']));
    jsonRuns.push(runChild(compiled, ['analyze', jsonFile, '-o', 'json']));
  }
  const diffRun = runChild(compiled, ['diff', yamlFile, otherFile]);
  const [yamlRun, jsonRun] = [best(yamlRuns), best(jsonRuns)];
  if (yamlRun.written !== jsonRun.written) throw new Error('analyze printed different reports for the YAML and the JSON input');
  const e2eRatio = yamlRun.ms / jsonRun.ms;
  const peakAnalyze = Math.max(...yamlRuns.map(r => r.maxRss), ...jsonRuns.map(r => r.maxRss));
  console.log(`\n## The CLI end to end (${compiled ? 'compiled lib/' : 'sources through ts-node: run `npx projen compile` first for the compiled figures'})\n`);
  console.log(table(['command', `time (best of ${ROUNDS})`, 'vs JSON', 'peak RSS (max RSS of the process)'], [
    ['cdk8s-netsec --version (start-up, for reference)', ms(startup.ms), '', mb(startup.maxRss)],
    ['cdk8s-netsec analyze cluster.json -o json', ms(jsonRun.ms), '1.00x', mb(Math.max(...jsonRuns.map(r => r.maxRss)))],
    ['cdk8s-netsec analyze cluster.yaml -o json', ms(yamlRun.ms), `${e2eRatio.toFixed(2)}x`, mb(Math.max(...yamlRuns.map(r => r.maxRss)))],
    ['cdk8s-netsec diff cluster.yaml other.yaml', ms(diffRun.ms), '', mb(diffRun.maxRss)],
  ]));

  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  console.log('\n## Goals\n');
  if (!CLI_ONLY) console.log(`- parsing at least 5x faster than the old reader: ${parseRatio.toFixed(1)}x -> ${met(parseRatio >= 5)}`);
  console.log(`- analyze on YAML within 1.5x of the same data as JSON: ${e2eRatio.toFixed(2)}x -> ${met(e2eRatio <= 1.5)}`);
  const judged = compiled ? '' : ' (through ts-node; judge with the compiled CLI)';
  console.log(`- analyze peak memory under 300 MB: ${mb(peakAnalyze)}${judged} -> ${met(peakAnalyze < 300 * 1024 * 1024)}`);
  console.log(`- diff peak memory under 600 MB: ${mb(diffRun.maxRss)}${judged} -> ${met(diffRun.maxRss < 600 * 1024 * 1024)}`);
  console.log(`\nTotal benchmark time: ${ms(now() - started)}`);
}

main();
