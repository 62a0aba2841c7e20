// The rule pack is pure: it works on plain objects and must not depend on cdk8s or constructs
// (those belong to src/guardrails), so it can lint any manifests.
import * as fs from 'fs';
import * as path from 'path';

const RULES_DIR = path.join(__dirname, '..', '..', 'src', 'rules');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

test('no file under src/rules imports cdk8s, cdk8s-plus or constructs', () => {
  const files = sources(RULES_DIR);
  expect(files.length).toBeGreaterThan(30);
  const offenders = files.filter(f => /from '(cdk8s|cdk8s-plus-28|constructs)(\/[^']*)?'|require\('(cdk8s|constructs)/.test(fs.readFileSync(f, 'utf-8')));
  expect(offenders).toEqual([]);
});

test('the modules the rule pack borrows from outside src/rules are pure too', () => {
  const borrowed = sources(RULES_DIR).flatMap(f => [...fs.readFileSync(f, 'utf-8').matchAll(/from '(\.[^']*)'/g)]
    .map(m => path.resolve(path.dirname(f), `${m[1]}.ts`)))
    .filter(f => !f.startsWith(RULES_DIR + path.sep) && fs.existsSync(f));
  expect(borrowed.length).toBeGreaterThan(0);
  const offenders = [...new Set(borrowed)].filter(f => /from '(cdk8s|cdk8s-plus-28|constructs)(\/[^']*)?'|from '\./.test(fs.readFileSync(f, 'utf-8')));
  expect(offenders).toEqual([]);
});

test('one rule per file under src/rules/rules, each listed in the pack', () => {
  const pack = fs.readFileSync(path.join(RULES_DIR, 'pack.ts'), 'utf-8');
  const helpers = ['helpers.ts', 'network-policy-rules.ts'];
  const ruleFiles = fs.readdirSync(path.join(RULES_DIR, 'rules')).filter(f => !helpers.includes(f));
  for (const file of ruleFiles) {
    expect(pack).toContain(`from './rules/${file.replace(/\.ts$/, '')}'`);
    // the file is named after the rule id it defines
    expect(fs.readFileSync(path.join(RULES_DIR, 'rules', file), 'utf-8')).toContain(`id: '${file.replace(/\.ts$/, '')}'`);
  }
});
