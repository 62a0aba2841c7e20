// The public API is the library's own: generated classes (src/imports/) stay out of the jsii
// assembly and of API.md, and API.md stays small enough to read.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
/** The budget from the issue that took the generated cert-manager classes out (API.md was 1.52 MB). */
const API_MD_BUDGET_BYTES = 300_000;

interface Assembly {
  readonly types: Record<string, { readonly fqn: string; readonly locationInModule?: { readonly filename: string } }>;
}

function assembly(): Assembly {
  const file = path.join(ROOT, '.jsii');
  if (!fs.existsSync(file)) {
    throw new Error('.jsii is missing: run `npx projen compile` (npm test does) before this test');
  }
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

test(`API.md stays under ${API_MD_BUDGET_BYTES} bytes`, () => {
  const size = fs.statSync(path.join(ROOT, 'API.md')).size;
  expect(size).toBeGreaterThan(10_000);
  expect(size).toBeLessThan(API_MD_BUDGET_BYTES);
});

test('no type of the jsii assembly comes from the generated imports', () => {
  const types = Object.values(assembly().types);
  expect(types.length).toBeGreaterThan(0);
  const generated = types.filter(t => t.locationInModule?.filename.startsWith('src/imports/')).map(t => t.fqn);
  expect(generated).toEqual([]);
});
