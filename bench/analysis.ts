/**
 * Benchmark of the reachability engine (`npm run bench`), on generated clusters shaped like the
 * issue asks: 500, 2,000 and 5,000 workloads over 50, 100 and 250 namespaces, every namespace
 * default-deny, every workload with its own policy admitting three random peers (same-namespace
 * pods, other namespaces' pods, whole namespaces, outside CIDRs), replicas 1 to 5.
 *
 * Every figure is measured in this run on this machine; the goals are ratios between figures of
 * the same run, never absolute times:
 * - analysis at least 20x faster than the naive per-pod-pair evaluator at 500 workloads;
 * - analysis no more than 3x the YAML parse time at 5,000 workloads;
 * - cost that grows with distinct label sets and policies, not with replicas.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { now, table } from './support/report';
import { AllowedConnection } from '../src/analysis';
import { parseManifestText } from '../src/kube/manifests';
import { Protocol as EngineProtocol } from '../src/kube/protocol';
import { analyzeObjects } from '../test/support/engine';
import { generateLargeCluster, LargeCluster, seededRandom } from '../test/support/generators';
import { NaiveCluster, NaiveEndpoint, podsFromWorkload, Protocol } from '../test/support/naive-evaluator';

type Obj = { [key: string]: any };

/** `rounds`: alternating (parse, analysis) runs, fewer where parsing takes seconds. */
const SIZES = [
  { workloads: 500, namespaces: 50, rounds: 7 },
  { workloads: 2000, namespaces: 100, rounds: 5 },
  { workloads: 5000, namespaces: 250, rounds: 3 },
];
const SEED = 20261121;
/** Timings are the best of several runs: the machine may be shared, and the minimum is the least disturbed. */
const ANALYSIS_RUNS = 7;
/** Pod pairs the naive evaluator is timed on; it is then extrapolated to all pairs. */
const NAIVE_SAMPLE_PAIRS = 3000;

/** Best of `runs` timings (ms), to keep one-off GC pauses and JIT warm-up out of the figures. */
function timeBest<T>(runs: number, fn: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    result = fn();
    best = Math.min(best, now() - t0);
  }
  return { ms: best, result: result as T };
}

function toYaml(objects: readonly Obj[]): string {
  return objects.map(o => stringify(o)).join('---\n');
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function ms(value: number): string {
  return value >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

interface MemoryFigures {
  readonly connections: number;
  readonly peakRssIncrease: number;
  readonly peakMeasured: boolean;
  readonly heapWithResult: number;
  readonly heapRetained: number;
}

interface SizeResult {
  readonly cluster: LargeCluster;
  readonly yamlBytes: number;
  readonly parseMs: number;
  readonly analysisMs: number;
  readonly connections: number;
  readonly memory: MemoryFigures;
  readonly objects: Obj[];
}

/**
 * Memory is measured in a child process that holds only the cluster's objects, so the figures are
 * the analysis's own and not the YAML text's or earlier sizes'.
 */
function measureMemory(workloads: number, namespaces: number): MemoryFigures {
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register', path.join(__dirname, 'support', 'analysis-memory.ts'),
    String(workloads), String(namespaces), String(SEED)], {
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf-8',
  });
  if (child.status !== 0) {
    throw new Error(`memory measurement failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

interface DiffFigures {
  readonly connections: number;
  readonly changes: number;
  readonly analysisMs: number;
  readonly diffMs: number;
  readonly heapWithResult: number;
  readonly peakRss: number;
}

/** `diff` of two clusters of one size, in a child process of its own (bench/support/diff-memory.ts). */
function measureDiff(workloads: number, namespaces: number): DiffFigures {
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register', path.join(__dirname, 'support', 'diff-memory.ts'),
    String(workloads), String(namespaces)], {
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf-8',
  });
  if (child.status !== 0) {
    throw new Error(`diff measurement failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

function measureSize(workloads: number, namespaces: number, rounds: number): SizeResult {
  const cluster = generateLargeCluster({ workloads, namespaces, seed: SEED });
  const yaml = toYaml(cluster.objects);
  const parseOnce = () => parseManifestText(yaml, `bench-${workloads}.yaml`).map(m => m.object as Obj);
  const objects = parseOnce();
  const connections = analyzeObjects(objects).connections.length; // also the warm-up (JIT)
  // Parse and analysis alternate, the same number of times each, and each keeps its best run: the
  // ratio is not skewed by a change in machine load or by one side getting more tries.
  let parseMs = Infinity;
  let analysisMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    parseMs = Math.min(parseMs, timeBest(1, parseOnce).ms);
    analysisMs = Math.min(analysisMs, timeBest(1, () => analyzeObjects(objects)).ms);
  }
  const memory = measureMemory(workloads, namespaces);
  return { cluster, yamlBytes: Buffer.byteLength(yaml), parseMs, analysisMs, connections, memory, objects };
}

interface ExposureFigures {
  readonly analysisMs: number;
  readonly withExposureMs: number;
  readonly exposureLines: number;
}

/**
 * Plain analysis against analysis plus exposure (`NetworkAnalysis.exposure`), on the same objects,
 * alternating and keeping the best of each.
 */
function measureExposure(objects: readonly Obj[], rounds: number): ExposureFigures {
  const exposureLines = analyzeObjects(objects).exposure.length; // also the warm-up
  let analysisMs = Infinity;
  let withExposureMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    analysisMs = Math.min(analysisMs, timeBest(1, () => analyzeObjects(objects)).ms);
    withExposureMs = Math.min(withExposureMs, timeBest(1, () => analyzeObjects(objects).exposure).ms);
  }
  return { analysisMs, withExposureMs, exposureLines };
}

/**
 * The cluster's objects with cluster-wide admin policies, as a platform team writes them: per
 * environment, an ANP denying SSH from the other environments, passing the edge tier to the
 * namespaces' own policies, allowing metrics scrapes from a monitoring namespace the input does not
 * have and denying SMTP to the internet; a BANP denying what no policy allows from other namespaces.
 */
function withAdminPolicies(objects: readonly Obj[]): Obj[] {
  const envs = ['prod', 'staging', 'dev'];
  const anps = envs.map((env, i) => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'AdminNetworkPolicy',
    metadata: { name: `${env}-guard` },
    spec: {
      priority: 10 + i,
      subject: { namespaces: { matchLabels: { env } } },
      ingress: [
        {
          name: 'no-ssh-across',
          action: 'Deny',
          from: envs.filter(e => e !== env).map(e => ({ namespaces: { matchLabels: { env: e } } })),
          ports: [{ portNumber: { protocol: 'TCP', port: 22 } }],
        },
        {
          name: 'scrape',
          action: 'Allow',
          from: [{ pods: { namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } } }],
          ports: [{ namedPort: 'metrics' }, { portNumber: { protocol: 'TCP', port: 9090 } }],
        },
        { name: 'edge', action: 'Pass', from: [{ namespaces: { matchLabels: { 'netsec.example/tier': 'edge' } } }] },
      ],
      egress: [{ name: 'no-smtp', action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }], ports: [{ portNumber: { protocol: 'TCP', port: 25 } }] }],
    },
  }));
  const banp = {
    apiVersion: 'policy.networking.k8s.io/v1alpha1',
    kind: 'BaselineAdminNetworkPolicy',
    metadata: { name: 'default' },
    spec: { subject: { namespaces: {} }, ingress: [{ name: 'default-deny', action: 'Deny', from: [{ namespaces: {} }] }] },
  };
  return [...objects, ...anps, banp];
}

/** `--only exposure`: just the exposure figures at 5,000 workloads (a quick run while working on it). */
function mainExposureOnly(): void {
  const cluster = generateLargeCluster({ workloads: 5000, namespaces: 250, seed: SEED });
  printExposure(5000, measureExposure(cluster.objects as Obj[], 3), measureExposure(withAdminPolicies(cluster.objects as Obj[]), 3));
}

function printExposure(workloads: number, e: ExposureFigures, admin: ExposureFigures): void {
  console.log(`\n## Exposure analysis at ${workloads.toLocaleString('en')} workloads\n`);
  console.log('Analysis alone, and analysis followed by exposure analysis (representative peers for pods the input does not show), best of 3 each;\n'
    + 'then the same cluster with three AdminNetworkPolicies and a BaselineAdminNetworkPolicy (`withAdminPolicies`).\n');
  const row = (label: string, f: ExposureFigures) => [label, ms(f.analysisMs), ms(f.withExposureMs), String(f.exposureLines), `${(f.withExposureMs / f.analysisMs).toFixed(2)}x`];
  console.log(table(['policies', 'analysis', 'analysis + exposure', 'exposure lines', 'ratio'], [
    row('NetworkPolicies', e), row('with admin policies', admin),
  ]));
}

/** The probes the naive evaluator answers per pod pair: every port the cluster's policies use. */
function naiveProbes(objects: readonly Obj[]): Array<{ protocol: Protocol; port: number }> {
  const seen = new Set<string>();
  const out: Array<{ protocol: Protocol; port: number }> = [];
  for (const o of objects) {
    if (o.kind !== 'Deployment') {
      continue;
    }
    for (const c of o.spec.template.spec.containers) {
      for (const p of c.ports ?? []) {
        const key = `${p.protocol ?? 'TCP'}/${p.containerPort}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ protocol: p.protocol ?? 'TCP', port: p.containerPort });
        }
      }
    }
  }
  return out;
}

interface NaiveResult {
  readonly pods: number;
  readonly probes: number;
  readonly sampledPairs: number;
  readonly sampleMs: number;
  readonly allPairs: number;
  readonly extrapolatedMs: number;
  readonly agree: number;
  readonly checked: number;
}

/**
 * Times the naive evaluator on a random sample of ordered pod pairs (every probe per pair) and
 * extrapolates linearly to all pairs: its cost per pair is constant (it walks every policy for
 * every question). Also checks that the engine's answer agrees on the sampled pairs.
 */
function measureNaive(objects: readonly Obj[], engineConnections: readonly AllowedConnection[], onePodPerWorkload: boolean): NaiveResult {
  const podObjects: Obj[] = [];
  for (const o of objects) {
    if (o.kind === 'Deployment') {
      const pods = podsFromWorkload(o);
      podObjects.push(...(onePodPerWorkload ? pods.slice(0, 1) : pods));
    }
  }
  const naive = new NaiveCluster([...objects.filter(o => o.kind === 'Namespace' || o.kind === 'NetworkPolicy'), ...podObjects]);
  const probes = naiveProbes(objects);
  const rnd = seededRandom(7);
  const pairs: Array<[NaiveEndpoint, NaiveEndpoint]> = [];
  while (pairs.length < NAIVE_SAMPLE_PAIRS) {
    const a = naive.pods[Math.floor(rnd() * naive.pods.length)];
    const b = naive.pods[Math.floor(rnd() * naive.pods.length)];
    if (a !== b) {
      pairs.push([{ pod: a }, { pod: b }]);
    }
  }
  // Best of 3, like the engine's best of several: both get the least disturbed run.
  const { ms: sampleMs, result: answers } = timeBest(3, () => pairs.map(([a, b]) => probes.map(p => naive.isAllowed(a, b, p.protocol, p.port))));
  // Agreement on the sample: the engine's connection for the owners of the two pods.
  const byPair = new Map(engineConnections.map(c => [`${c.source.name}|${c.destination.name}`, c]));
  let agree = 0;
  let checked = 0;
  pairs.forEach(([a, b], i) => {
    if (!('pod' in a) || !('pod' in b)) {
      return;
    }
    const owner = (p: typeof a.pod) => `${p.namespace}/${p.name.replace(/-\d+$/, '')}[Deployment]`;
    if (owner(a.pod) === owner(b.pod)) {
      return; // replicas of one workload: a self-connection, which the list leaves out
    }
    const connection = byPair.get(`${owner(a.pod)}|${owner(b.pod)}`);
    probes.forEach((p, j) => {
      checked++;
      if ((connection?.allows(p.port, p.protocol as EngineProtocol) ?? false) === answers[i][j]) {
        agree++;
      }
    });
  });
  const n = naive.pods.length;
  const allPairs = n * (n - 1);
  const extrapolatedMs = sampleMs * allPairs / pairs.length;
  return { pods: n, probes: probes.length, sampledPairs: pairs.length, sampleMs, allPairs, extrapolatedMs, agree, checked };
}

/**
 * The same cluster at 1 and at 5 replicas per workload. Runs of the two alternate and each keeps its
 * best, so a change in machine load during the measurement does not favour either.
 */
function measureReplicas(workloads: number, namespaces: number): string[][] {
  const rows: string[][] = [];
  for (const [materialise, uniquePodLabels] of [['deployments', false], ['pods', false], ['pods', true]] as const) {
    const variants = [1, 5].map(replicas => {
      const cluster = generateLargeCluster({ workloads, namespaces, seed: SEED, replicas, materialise, uniquePodLabels });
      const objects = parseManifestText(toYaml(cluster.objects), 'replicas.yaml').map(m => m.object as Obj);
      return { replicas, cluster, objects, best: Infinity, connections: analyzeObjects(objects).connections.length };
    });
    for (let i = 0; i < ANALYSIS_RUNS; i++) {
      for (const v of variants) {
        v.best = Math.min(v.best, timeBest(1, () => analyzeObjects(v.objects)).ms);
      }
    }
    const [one, five] = variants;
    for (const v of variants) {
      const label = materialise === 'deployments' ? 'Deployments' : uniquePodLabels ? 'Pods, each its own label' : 'Pods with ownerReferences';
      rows.push([label, String(v.replicas), String(v.cluster.pods),
        String(v.objects.length), ms(v.best), String(v.connections), v === five ? `${(five.best / one.best).toFixed(2)}x` : '']);
    }
    if (one.connections !== five.connections) {
      rows[rows.length - 1][6] += ' (connection counts differ!)';
    }
  }
  return rows;
}

function main(): void {
  const started = now();
  console.log('# bench/analysis: reachability engine on generated clusters\n');
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} at start, seed ${SEED}.`);
  console.log('Parse: the project\'s YAML loader (src/kube/manifests.ts) on the serialized cluster. Analysis: NetworkAnalysis.fromManifests');
  console.log('on the parsed objects, after a warm-up run. Each is the best of several alternating runs (`runs`). Ratios compare figures of this run.');
  console.log('Memory, measured in a child process holding only the objects: heap = JS heap the analysis added, in use right after it');
  console.log('(result and uncollected garbage included: a lower bound of its peak) / still retained after a full GC; peak RSS = the process\'s');
  console.log('RSS high-water mark after the analysis minus its RSS before (\'-\' when the analysis stayed below the start-up high-water mark).\n');
  console.log('Every cluster also runs kube-system/coredns (2 replicas, no policy), which every workload\'s egress admits on UDP/TCP 53.\n');
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    results.push(measureSize(size.workloads, size.namespaces, size.rounds));
  }
  console.log(table(
    ['workloads', 'namespaces', 'pods', 'policies', 'YAML', 'connections', 'runs', 'parse', 'analysis', 'analysis/parse', 'heap in use / retained', 'peak RSS'],
    results.map((r, i) => [
      String(r.cluster.workloads), String(SIZES[i].namespaces), String(r.cluster.pods), String(r.cluster.policies), mb(r.yamlBytes),
      String(r.connections), String(SIZES[i].rounds), ms(r.parseMs), ms(r.analysisMs), `${(r.analysisMs / r.parseMs).toFixed(2)}x`,
      `${mb(r.memory.heapWithResult)} / ${mb(r.memory.heapRetained)}`, r.memory.peakMeasured ? `+${mb(r.memory.peakRssIncrease)}` : '-',
    ]),
  ));

  const small = results[0];
  const engineConnections = analyzeObjects(small.objects).connections;
  console.log(`\n## Naive evaluator at ${small.cluster.workloads} workloads\n`);
  console.log(`The naive evaluator (test/support/naive-evaluator.ts) answers one (source pod, destination pod, protocol, port) question at a time by walking every policy.
Answering all pod pairs would take too long, so it is timed on ${NAIVE_SAMPLE_PAIRS} random ordered pod pairs (every probe port for each) and
extrapolated linearly to all pairs (its cost per pair does not depend on the pair). Probes: every container port of the cluster; outside
addresses are not probed, so the naive figure is a lower bound of what the full answer would cost it.\n`);
  const naiveRows: string[][] = [];
  let worstRatio = Infinity;
  for (const onePodPerWorkload of [false, true]) {
    const n = measureNaive(small.objects, engineConnections, onePodPerWorkload);
    const ratio = n.extrapolatedMs / small.analysisMs;
    worstRatio = Math.min(worstRatio, ratio);
    naiveRows.push([
      onePodPerWorkload ? 'one pod per workload' : 'every pod (replicas)', String(n.pods), String(n.probes),
      `${n.sampledPairs} in ${ms(n.sampleMs)}`, String(n.allPairs), ms(n.extrapolatedMs), ms(small.analysisMs), `${ratio.toFixed(0)}x`,
      `${n.agree}/${n.checked}`,
    ]);
  }
  console.log(table(['naive over', 'pods', 'probes', 'sampled pairs', 'all pairs', 'naive (extrapolated)', 'engine', 'naive/engine', 'engine agrees'], naiveRows));

  console.log('\n## Replicas: the same 2,000-workload cluster with every workload at 1 and at 5 replicas\n');
  console.log(table(['materialised as', 'replicas', 'pods', 'objects', 'analysis', 'connections', 'x5 / x1'], measureReplicas(2000, 100)));
  console.log('\nAs Deployments, x5 replicas is the same objects with another number. As Pods, x5 is 3x the objects to read (one pass each);');
  console.log('past reading them, the analysis works on equivalence classes of pods (same namespace, labels, ports), which replicas do not add.');
  console.log('The last two rows are the contrast: a label of its own on every pod (like StatefulSet pods\' pod-name) makes x5 replicas');
  console.log('x5 distinct label sets, and the cost follows them.');

  const biggest = SIZES[SIZES.length - 1];
  const d = measureDiff(biggest.workloads, biggest.namespaces);
  console.log(`\n## diff of two analyses at ${biggest.workloads} workloads\n`);
  console.log('Two clusters of this shape with different seeds (nearly every connection differs), each analysed, then compared by');
  console.log('diffConnections on the connections\' values, in a child process of its own. Peak RSS: the whole process (both analyses and the');
  console.log('diff, as `cdk8s-netsec diff` holds them). Heap: what the diff added, garbage included.\n');
  console.log(table(['connections (both)', 'changes', 'analysis (one side)', 'diff', 'diff/analysis', 'diff heap', 'peak RSS'], [[
    String(d.connections), String(d.changes), ms(d.analysisMs), ms(d.diffMs), `${(d.diffMs / d.analysisMs).toFixed(2)}x`, mb(d.heapWithResult), mb(d.peakRss),
  ]]));

  const big = results[results.length - 1];
  const exposure = measureExposure(big.objects, 3);
  printExposure(big.cluster.workloads, exposure, measureExposure(withAdminPolicies(big.objects), 3));
  const exposureRatio = exposure.withExposureMs / exposure.analysisMs;

  const bigRatio = big.analysisMs / big.parseMs;
  console.log('\n## Goals\n');
  console.log(`- at least 20x faster than naive at 500 workloads: ${worstRatio.toFixed(0)}x (the lower of the two naive figures) -> ${worstRatio >= 20 ? 'MET' : 'NOT MET'}`);
  console.log(`- analysis no more than 3x parse at 5,000 workloads: ${bigRatio.toFixed(2)}x -> ${bigRatio <= 3 ? 'MET' : 'NOT MET'}`);
  console.log(`- exposure analysis no more than 2x plain analysis at 5,000 workloads: ${exposureRatio.toFixed(2)}x -> ${exposureRatio <= 2 ? 'MET' : 'NOT MET'}`);
  console.log('- cost grows with label sets and policies, not replicas: see the x5 / x1 column above (near 1x means replicas do not matter)');
  console.log(`\nTotal benchmark time: ${ms(now() - started)}`);
}

if (process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'exposure') mainExposureOnly();
else main();
