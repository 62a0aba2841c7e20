/**
 * Child process of bench/analysis.ts: what `cdk8s-netsec diff` costs at one size, in a process that
 * holds nothing else. Two generated clusters of the same shape (seeds 1 and 2: nearly every
 * connection differs, the largest diff there is), each analysed, then diffed. Prints one JSON line.
 *
 * Usage: diff-memory.ts WORKLOADS NAMESPACES
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { now } from './report';
import { diffConnections } from '../../src/diff';
import { analyzeObjects } from '../../test/support/engine';
import { generateLargeCluster } from '../../test/support/generators';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const [workloads, namespaces] = process.argv.slice(2).map(Number);
const t0 = now();
const before = analyzeObjects(generateLargeCluster({ workloads, namespaces, seed: 1 }).objects).connections;
const analysisMs = now() - t0;
const after = analyzeObjects(generateLargeCluster({ workloads, namespaces, seed: 2 }).objects).connections;
gc();
const heapBefore = v8.getHeapStatistics().used_heap_size;
let diffMs = Infinity;
let diff = diffConnections(before, after); // warm-up (JIT)
const heapWithResult = v8.getHeapStatistics().used_heap_size - heapBefore;
for (let i = 0; i < 3; i++) {
  const t = now();
  diff = diffConnections(before, after);
  diffMs = Math.min(diffMs, now() - t);
}
gc();
process.stdout.write(JSON.stringify({
  connections: before.length + after.length,
  changes: diff.added.length + diff.removed.length + diff.changed.length,
  analysisMs,
  diffMs,
  // The diff's heap right after the first run (its garbage included), and the whole process's RSS
  // high-water mark: both analyses and the diff, as the CLI's `diff` holds them.
  heapWithResult,
  peakRss: process.resourceUsage().maxRSS * 1024,
}) + '\n');
