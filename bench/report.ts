/**
 * Benchmark of the network report (`npm run bench`): at 500 workloads (50 namespaces, generated as
 * in bench/analysis.ts), the HTML report (analysis, rule pack, compliance checks, diagram layout
 * with Graphviz in WebAssembly, HTML) against `analyze` on the same objects, both in this run.
 * Goal: the report within 10x of the analysis. Timings are the best of several runs.
 */
import { ClusterProfile, NetworkAnalysis, ReportFormat } from '../src';
import { now, table } from './support/report';
import { NetworkReport } from '../src/report';
import { generateLargeCluster } from '../test/support/generators';

const RUNS = 5;
const GOAL = 10;

async function best(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = now();
    await fn();
    min = Math.min(min, now() - start);
  }
  return min;
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  let worst = 0;
  for (const size of [{ workloads: 100, namespaces: 10 }, { workloads: 500, namespaces: 50 }]) {
    const { objects } = generateLargeCluster({ ...size, seed: 20261202 });
    const profile = ClusterProfile.welkin();
    // The first layout instantiates the WebAssembly module: once per process, outside the timings.
    await NetworkReport.fromManifests(objects.slice(0, 10)).renderHtml();
    const analysis = await best(RUNS, () => NetworkAnalysis.fromManifests(objects, { profile }).render(ReportFormat.TEXT));
    let html = '';
    const report = await best(RUNS, async () => { html = await NetworkReport.fromManifests(objects, { profile }).renderHtml(); });
    const ratio = report / analysis;
    if (size.workloads === 500) worst = ratio;
    rows.push([String(size.workloads), String(objects.length), `${analysis.toFixed(0)} ms`, `${report.toFixed(0)} ms`,
      `${ratio.toFixed(1)}x`, `${(html.length / 1024).toFixed(0)} KB`]);
  }
  console.log(table(['workloads', 'objects', 'analyze', 'report (HTML)', 'report / analyze', 'HTML size'], rows));
  console.log(`report at 500 workloads: ${worst.toFixed(1)}x analyze (goal <= ${GOAL}x): ${worst <= GOAL ? 'met' : 'NOT MET'}`);
}

void main();
