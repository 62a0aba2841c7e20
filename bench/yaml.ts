/**
 * Benchmark of the YAML reader (src/kube/yaml) against today's reader (the `yaml` package's
 * parseAllDocuments with a LineCounter, as the manifest loader runs it), on realistic manifests
 * for 5,000 workloads: Namespaces, Deployments, Services, NetworkPolicies and Ingresses.
 *
 * Goal (issue 8): parsing at least 5x faster than today's reader. Both readers run in the same
 * process, alternating, each keeping its best round; memory is measured in a fresh child process
 * per reader, so neither sees the other's garbage.
 *
 * Run: npx ts-node --transpile-only --project test/tsconfig.json bench/yaml.ts
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
const ROUNDS = 3;
const GOAL = 5;

interface MemoryFigures {
  readonly documents: number;
  readonly peakRssIncrease: number;
  readonly peakMeasured: boolean;
  readonly heapRetained: number;
}

function measureMemory(reader: string, file: string): MemoryFigures {
  const child = spawnSync(process.execPath, ['--max-old-space-size=8192', '-r', 'ts-node/register', path.join(__dirname, 'support', 'yaml-memory.ts'), reader, file], {
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf-8',
  });
  if (child.status !== 0) {
    throw new Error(`memory measurement of ${reader} failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function ms(value: number): string {
  return value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

function main(): void {
  const stream = generateManifestStream(WORKLOADS, NAMESPACES);
  const text = stream.yaml;
  const bytes = Buffer.byteLength(text);
  console.log(`Input: ${WORKLOADS} workloads in ${NAMESPACES} namespaces, ${stream.objects.length} objects, ${(bytes / 1e6).toFixed(1)} MB of YAML.`);

  // Same objects from both readers, or the comparison means nothing.
  const ours = readers.kubectl(text) as Array<{ value: unknown }>;
  const theirs = readers.current(text) as Array<{ value: unknown }>;
  if (JSON.stringify(ours.map(d => d.value)) !== JSON.stringify(theirs.map(d => d.value))) {
    throw new Error('the two readers disagree on the benchmark input');
  }

  let currentMs = Infinity;
  let kubectlMs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = now();
    readers.current(text);
    currentMs = Math.min(currentMs, now() - t0);
    t0 = now();
    readers.kubectl(text);
    kubectlMs = Math.min(kubectlMs, now() - t0);
  }
  const json = JSON.stringify(stream.objects);
  let jsonMs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = now();
    JSON.parse(json);
    jsonMs = Math.min(jsonMs, now() - t0);
  }

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-yaml-bench-')), 'manifests.yaml');
  fs.writeFileSync(file, text);
  const memory = { current: measureMemory('current', file), kubectl: measureMemory('kubectl', file) };
  fs.rmSync(path.dirname(file), { recursive: true, force: true });

  const ratio = currentMs / kubectlMs;
  const peak = (m: MemoryFigures) => `${mb(m.peakRssIncrease)}${m.peakMeasured ? '' : ' (not above the start)'}`;
  console.log(table(['reader', `parse (best of ${ROUNDS})`, 'MB/s', 'vs current', 'peak RSS while parsing', 'heap kept by the result'], [
    ['current: yaml parseAllDocuments + LineCounter', ms(currentMs), (bytes / 1e6 / (currentMs / 1000)).toFixed(1), '1.0x', peak(memory.current), mb(memory.current.heapRetained)],
    ['kubectl: src/kube/yaml readYamlStream', ms(kubectlMs), (bytes / 1e6 / (kubectlMs / 1000)).toFixed(1), `${ratio.toFixed(1)}x`, peak(memory.kubectl), mb(memory.kubectl.heapRetained)],
    ['(reference) JSON.parse of the same objects', ms(jsonMs), (Buffer.byteLength(json) / 1e6 / (jsonMs / 1000)).toFixed(1), `${(currentMs / jsonMs).toFixed(1)}x`, '', ''],
  ]));
  console.log(`Parsing is ${ratio.toFixed(1)}x faster than today's reader (goal: at least ${GOAL}x): ${ratio >= GOAL ? 'met' : 'NOT MET'}.`);
}

main();
