/**
 * Child process of bench/analysis.ts: measures the memory one analysis needs, in a process that
 * holds nothing else (no YAML text, no other cluster). Prints one JSON line.
 *
 * Usage: analysis-memory.ts WORKLOADS NAMESPACES SEED
 */
import * as v8 from 'v8';
import * as vm from 'vm';
import { analyzeObjects } from '../../test/support/engine';
import { generateLargeCluster } from '../../test/support/generators';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const [workloads, namespaces, seed] = process.argv.slice(2).map(Number);
// Straight from the generator: no JSON text or parse garbage whose freed pages the analysis could reuse unseen.
const objects = generateLargeCluster({ workloads, namespaces, seed }).objects;
gc();
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const heapBefore = v8.getHeapStatistics().used_heap_size;
const analysis = analyzeObjects(objects);
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
const heapWithResult = v8.getHeapStatistics().used_heap_size;
gc();
const heapRetained = v8.getHeapStatistics().used_heap_size - heapBefore;
process.stdout.write(JSON.stringify({
  connections: analysis.connections.length,
  // RSS high-water mark reached during the analysis, above the process's RSS before it.
  peakRssIncrease: maxRssAfter - rssBefore,
  // false when the high-water mark was set before the analysis (its peak was lower).
  peakMeasured: maxRssAfter > maxRssBefore,
  heapWithResult: heapWithResult - heapBefore,
  heapRetained,
}) + '\n');
