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

// API.md is written by tools/api-md.ts in a compact form: it must still name every public type and
// every member each type declares (members inherited from Construct are stated once at the top).
test('API.md documents every type of the assembly and every member it declares', () => {
  interface Member { readonly name: string; readonly protected?: boolean }
  interface TypeSpec {
    readonly fqn: string;
    readonly name: string;
    readonly properties?: Member[];
    readonly methods?: Member[];
    readonly members?: Member[];
  }
  const apiMd = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf-8');
  const sections = new Map<string, string>();
  for (const part of apiMd.split(/^### /m).slice(1)) {
    sections.set(part.slice(0, part.indexOf('\n')).trim(), part);
  }
  const types = Object.values(assembly().types as unknown as Record<string, TypeSpec>);
  const missing: string[] = [];
  for (const t of types) {
    const section = sections.get(t.name);
    if (!section) {
      missing.push(t.fqn);
      continue;
    }
    const declared = [...(t.properties ?? []), ...(t.methods ?? []), ...(t.members ?? [])].filter(m => !m.protected);
    for (const m of declared) {
      if (!section.includes(`**${m.name}**`) && !section.includes(`**\`${m.name}`)) missing.push(`${t.fqn}.${m.name}`);
    }
  }
  expect(types.length).toBeGreaterThan(20);
  expect(missing).toEqual([]);
});
