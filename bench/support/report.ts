// Timing and table printing shared by the benchmarks.

/** A monotonic clock in milliseconds. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * This process's CPU time (user + system, all its threads, garbage collection included) in
 * milliseconds: unlike the clock, it does not count the time other processes of a shared machine
 * take the cores away.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A Markdown table with padded columns (the benchmarks print their figures as one). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(header), '|' + widths.map(w => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}
