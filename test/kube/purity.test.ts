// The pure side (src/kube, src/analysis, src/diff, src/rules, src/report) runs on manifests from anywhere: no
// module it loads, directly or through any chain of imports, may be cdk8s, cdk8s-plus, constructs
// or a module of the cdk8s adapters, the constructs, the CLI, the test helpers or generated code.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', '..', 'src');
const PURE = ['kube', 'analysis', 'diff', 'rules', 'report'];
const FORBIDDEN_PACKAGES = /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/;
const FORBIDDEN_FOLDERS = ['cdk8s', 'constructs', 'cli', 'testing', 'imports'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []);
}

/** Every module specifier of a file: imports, `import type`, re-exports, `require` and `import()`. */
function specifiers(file: string): string[] {
  return ts.preProcessFile(fs.readFileSync(file, 'utf-8'), true, true).importedFiles.map(f => f.fileName);
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find(f => fs.existsSync(f) && fs.statSync(f).isFile());
}

/**
 * Walks the imports of the entry files transitively (within `root`) and returns each forbidden
 * module reached, with the chain of files that leads to it.
 */
function impurities(root: string, entries: readonly string[], forbiddenFolders: readonly string[]): string[] {
  const found: string[] = [];
  const seen = new Map<string, string[]>(entries.map(e => [e, [e]]));
  const queue = [...entries];
  const forbiddenDirs = forbiddenFolders.map(f => path.join(root, f) + path.sep);
  const show = (chain: string[]) => chain.map(f => path.relative(root, f)).join(' -> ');
  while (queue.length > 0) {
    const file = queue.shift()!;
    const chain = seen.get(file)!;
    for (const spec of specifiers(file)) {
      if (!spec.startsWith('.')) {
        if (FORBIDDEN_PACKAGES.test(spec)) found.push(`${show(chain)} -> '${spec}'`);
        continue;
      }
      const target = resolve(file, spec);
      if (!target) continue;
      if (forbiddenDirs.some(d => target.startsWith(d))) {
        found.push(`${show([...chain, target])}`);
        continue;
      }
      if (!seen.has(target)) {
        seen.set(target, [...chain, target]);
        queue.push(target);
      }
    }
  }
  return [...new Set(found)].sort();
}

test('nothing on the pure side reaches cdk8s, constructs or the cdk8s-bound layers, even transitively', () => {
  const entries = PURE.flatMap(dir => sources(path.join(SRC, dir)));
  expect(entries.length).toBeGreaterThan(80);
  expect(impurities(SRC, entries, FORBIDDEN_FOLDERS)).toEqual([]);
});

test('the check follows chains of imports, re-exports and type imports', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-purity-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('kube/a.ts', "import { b } from './b';\nexport const a = b;\n");
  write('kube/b.ts', "export * from '../common';\nexport const b = 1;\n");
  write('common/index.ts', "import type { Chart } from 'cdk8s-plus-28/lib/x';\nexport type { Platform } from '../constructs/platform';\n");
  write('constructs/platform.ts', "import { Construct } from 'constructs';\nexport type Platform = Construct;\n");
  write('kube/clean.ts', "import * as fs from 'fs';\nexport const c = fs;\n");
  expect(impurities(root, [path.join(root, 'kube', 'clean.ts')], FORBIDDEN_FOLDERS)).toEqual([]);
  expect(impurities(root, [path.join(root, 'kube', 'a.ts')], FORBIDDEN_FOLDERS)).toEqual([
    "kube/a.ts -> kube/b.ts -> common/index.ts -> 'cdk8s-plus-28/lib/x'",
    'kube/a.ts -> kube/b.ts -> common/index.ts -> constructs/platform.ts',
  ]);
  fs.rmSync(root, { recursive: true, force: true });
});
