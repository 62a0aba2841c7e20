import { LintResult } from '../finding';

/** Machine-readable report: a summary and the findings, with stable key order. */
export function renderJson(result: LintResult): string {
  return JSON.stringify({
    summary: {
      errors: result.errorCount,
      warnings: result.warningCount,
      suppressed: result.suppressed.length,
      objects: result.objectCount,
    },
    findings: result.findings,
    suppressed: result.suppressed,
  }, null, 2) + '\n';
}
