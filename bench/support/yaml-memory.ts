/**
 * Child process of bench/yaml.ts: the memory one reader needs to parse a manifest file, in a
 * process that holds nothing else. Prints one JSON line.
 *
 * Usage: yaml-memory.ts READER FILE   (READER: current | kubectl)
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import { readers } from './yaml-readers';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const [name, file] = process.argv.slice(2);
const read = readers[name as keyof typeof readers];
let text: string | undefined = fs.readFileSync(file, 'utf-8');
gc();
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const heapBefore = v8.getHeapStatistics().used_heap_size;
const documents = read(text);
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
text = undefined; // what the result keeps of the text is the reader's, not the caller's
gc();
const heapRetained = v8.getHeapStatistics().used_heap_size - heapBefore;
process.stdout.write(JSON.stringify({
  documents: documents.length,
  // RSS high-water mark reached while parsing, above the process's RSS before it.
  peakRssIncrease: maxRssAfter - rssBefore,
  peakMeasured: maxRssAfter > maxRssBefore,
  // Heap the parsed objects keep alive once the text itself is dropped (negative: less than the text).
  heapRetained,
}) + '\n');
