// One rule per file under src/rules/rules, each named after its id and listed in the pack.
// (That the rule pack is pure is checked, transitively, by test/kube/purity.test.ts.)
import * as fs from 'fs';
import * as path from 'path';

const RULES_DIR = path.join(__dirname, '..', '..', 'src', 'rules');

test('one rule per file under src/rules/rules, each listed in the pack', () => {
  const pack = fs.readFileSync(path.join(RULES_DIR, 'pack.ts'), 'utf-8');
  const helpers = ['helpers.ts', 'network-policy-rules.ts'];
  const ruleFiles = fs.readdirSync(path.join(RULES_DIR, 'rules')).filter(f => !helpers.includes(f));
  expect(ruleFiles.length).toBeGreaterThan(25);
  for (const file of ruleFiles) {
    expect(pack).toContain(`from './rules/${file.replace(/\.ts$/, '')}'`);
    // the file is named after the rule id it defines
    expect(fs.readFileSync(path.join(RULES_DIR, 'rules', file), 'utf-8')).toContain(`id: '${file.replace(/\.ts$/, '')}'`);
  }
});
