import { printable } from '../../kube/escape';
import { Finding, LintResult } from '../finding';

function where(f: Finding): string {
  if (f.source === undefined) {
    return '';
  }
  const doc = f.documentIndex !== undefined ? `, document ${f.documentIndex}` : '';
  const line = f.line !== undefined ? `:${f.line}` : '';
  return ` (${printable(f.source)}${line}${doc})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Human-readable report: one block per finding, then a summary line. */
export function renderText(result: LintResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(7)} ${f.ruleId}${where(f)}`);
    lines.push(`  ${printable(f.message)}`);
    lines.push(`  fix: ${f.fix}`);
  }
  for (const f of result.suppressed) {
    lines.push(`suppressed ${f.ruleId}${where(f)}: ${printable(f.message)}`);
    lines.push(`  reason: ${printable(f.suppression ?? '')}`);
  }
  if (lines.length > 0) {
    lines.push('');
  }
  lines.push(`${plural(result.errorCount, 'error')}, ${plural(result.warningCount, 'warning')}, `
    + `${result.suppressed.length} suppressed in ${plural(result.objectCount, 'object')}`);
  return lines.join('\n') + '\n';
}
