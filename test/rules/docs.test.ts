// docs/guardrails.md lists every rule; this keeps the table in step with the pack.
import * as fs from 'fs';
import * as path from 'path';
import { RulePack } from '../../src/rules/rule-pack';

const DOC = path.join(__dirname, '..', '..', 'docs', 'guardrails.md');

function ruleTable(): string {
  const rows = RulePack.allRules().map(r => `| \`${r.id}\` | ${r.severity} | ${r.title.replace(/\|/g, '\\|')} | ${r.standsFor.replace(/\|/g, '\\|')} |`);
  return ['| id | severity | rule | stands for |', '|---|---|---|---|', ...rows].join('\n');
}

test('docs/guardrails.md lists every rule with its current severity, title and checker', () => {
  const text = fs.readFileSync(DOC, 'utf-8');
  const match = /<!-- rules:begin -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(text);
  expect(match).not.toBeNull();
  expect(match![1]).toBe(ruleTable());
});
