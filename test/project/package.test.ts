// What package.json promises users: the Node versions, the import paths (each backed by a source
// file, so moving one fails here rather than in a user's project) and what the tarball leaves out.
// .ci/package-check.sh installs a real tarball and uses every path.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));

/** `./lib/testing/jest.js` or `.d.ts` -> `src/testing/jest.ts`. */
const sourceOf = (target: string) => target.replace(/^\.\/lib\//, 'src/').replace(/\.(d\.ts|js)$/, '.ts');

test('Node 22 or later', () => {
  expect(pkg.engines).toEqual({ node: '>= 22' });
});

test('the entry points are the library, its test helpers and the jest matchers', () => {
  expect(pkg.exports['.']).toEqual({ types: './lib/index.d.ts', default: './lib/index.js' });
  expect(pkg.exports['./testing']).toEqual({ types: './lib/testing/index.d.ts', default: './lib/testing/index.js' });
  expect(pkg.exports['./testing/jest']).toEqual({ types: './lib/testing/jest.d.ts', default: './lib/testing/jest.js' });
  expect(pkg.exports['./.jsii']).toBe('./.jsii');
  expect(pkg.exports['./package.json']).toBe('./package.json');
  expect(pkg.main).toBe('lib/index.js');
  expect(pkg.types).toBe('lib/index.d.ts');
});

test('every exported file is compiled from a source file', () => {
  const targets = Object.values(pkg.exports as Record<string, string | Record<string, string>>)
    .flatMap(target => (typeof target === 'string' ? [target] : Object.values(target)))
    .filter(target => target.startsWith('./lib/') && !target.includes('*'));
  expect(targets.length).toBeGreaterThanOrEqual(8);
  for (const target of targets) {
    expect({ target, source: fs.existsSync(path.join(ROOT, sourceOf(target))) }).toEqual({ target, source: true });
  }
  expect(fs.existsSync(path.join(ROOT, sourceOf(`./${pkg.bin['cdk8s-netsec']}`)))).toBe(true);
});

test('typesVersions gives the older TypeScript resolution the same subpaths as exports', () => {
  const mapped = pkg.typesVersions['*'] as Record<string, string[]>;
  for (const [subpath, [file]] of Object.entries(mapped)) {
    expect(`./${file}`).toBe(pkg.exports[`./${subpath}`].types);
  }
  const typedSubpaths = Object.keys(pkg.exports).filter(k => k !== '.' && !k.startsWith('./lib/') && typeof pkg.exports[k] === 'object');
  expect(typedSubpaths.map(k => k.slice(2)).sort()).toEqual(Object.keys(mapped).sort());
});

test('the npm package leaves out CI, benchmarks, examples, tests, sources and tools', () => {
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf-8' }));
  const files: string[] = report.files.map((f: { path: string }) => f.path);
  expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'API.md', 'LICENSE', 'docs/guardrails.md']));
  const unwanted = /^(\.ci|bench|examples|test|src|tools|projenrc|test-reports|coverage)\/|^\.projenrc\.ts$|^tsconfig|^\.eslintrc|^lib\/imports\/.*\.d\.ts$/;
  expect(files.filter(file => unwanted.test(file))).toEqual([]);
});
