/**
 * Child process of bench/reader.ts: one `cdk8s-netsec` command run end to end (reading, analysis,
 * rendering) through the CLI's own entry point, in a process that does nothing else. Output is
 * counted, not kept. Prints one JSON line: the command's time (start-up excluded), its exit status,
 * the bytes it wrote and the process's peak RSS (max RSS, everything included).
 *
 * Usage: cli-child.ts COMMAND ARGS...
 */
import { now } from './report';
import { main } from '../../src/cli/main';

const args = process.argv.slice(2);
let written = 0;
let errors = '';
const t0 = now();
const status = main(args, { stdout: text => { written += text.length; }, stderr: text => { errors += text; } });
const ms = now() - t0;
process.stdout.write(JSON.stringify({ status, ms, written, errors: errors.slice(0, 300), maxRss: process.resourceUsage().maxRSS * 1024 }) + '\n');
