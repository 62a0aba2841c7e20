// Writes API.md from the compiled .jsii: every public type, member, parameter, default and doc
// comment, in a compact form. jsii-docgen's markdown repeats each member three times (a table,
// a section and a usage block) and the construct base class's members on every construct, which
// made the reference several times the size of what it documents. Usage:
//   ts-node --transpile-only tools/api-md.ts [OUT]   (run by `npx projen docgen`)
import { writeFileSync } from 'fs';
import * as path from 'path';
import * as reflect from 'jsii-reflect';

const root = path.resolve(__dirname, '..');
const out = process.argv[2] ?? 'API.md';

const system = new reflect.TypeSystem();
let assembly: reflect.Assembly;
const own = (fqn: string | undefined): boolean => fqn !== undefined && fqn.startsWith(`${assembly.name}.`);

/** `Peer`, linked to its section when it is one of ours. */
function typeName(fqn: string): string {
  const name = fqn.split('.').slice(1).join('.') || fqn;
  return own(fqn) ? `[${name}](#${anchor(name)})` : fqn.split('.').pop()!;
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

function typeRef(ref: reflect.TypeReference): string {
  if (ref.void) return 'void';
  if (ref.isAny) return 'any';
  if (ref.primitive) return ref.primitive === 'json' ? '{[key: string]: any}' : ref.primitive;
  if (ref.fqn) return typeName(ref.fqn);
  if (ref.arrayOfType) {
    const inner = typeRef(ref.arrayOfType);
    return ref.arrayOfType.unionOfTypes ? `(${inner})[]` : `${inner}[]`;
  }
  if (ref.mapOfType) return `{[key: string]: ${typeRef(ref.mapOfType)}}`;
  if (ref.unionOfTypes) return ref.unionOfTypes.map(typeRef).join(' | ');
  if (ref.intersectionOfTypes) return ref.intersectionOfTypes.map(typeRef).join(' & ');
  return ref.toString();
}

/** Summary and remarks, indented to continue a list item. */
function prose(docs: reflect.Docs, indent = ''): string {
  const parts = [docs.summary, docs.remarks].filter((p) => p && p.trim() !== '');
  if (docs.deprecated) parts.unshift(`**Deprecated:** ${docs.deprecationReason ?? ''}`.trim());
  const text = parts.join('\n\n');
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n');
}

function example(docs: reflect.Docs): string[] {
  return docs.example ? ['', '```ts', docs.example.trim(), '```'] : [];
}

function params(callable: reflect.Callable): string {
  return callable.parameters
    .map((p) => `${p.variadic ? '...' : ''}${p.name}${p.optional ? '?' : ''}: ${typeRef(p.type)}${p.variadic ? '[]' : ''}`)
    .join(', ');
}

function paramDocs(callable: reflect.Callable): string[] {
  return callable.parameters
    .filter((p) => p.docs.summary || p.docs.remarks || p.docs.default)
    .map((p) => {
      const dflt = p.docs.default ? ` Default: ${p.docs.default}.` : '';
      return `  - \`${p.name}\`: ${prose(p.docs, '    ')}${dflt}`;
    });
}

function methodLines(m: reflect.Method): string[] {
  const prefix = m.static ? 'static ' : '';
  const returns = typeRef(m.returns.type);
  const head = `- ${prefix}**${m.name}**(${params(m)}): ${returns}`;
  const ret = m.docs.returns ? [`  Returns ${m.docs.returns}`] : [];
  return [head, ...(prose(m.docs, '  ') ? [`  ${prose(m.docs, '  ')}`] : []), ...paramDocs(m), ...ret];
}

function propertyLines(p: reflect.Property, struct: boolean): string[] {
  const mods = [p.static ? 'static' : '', p.immutable && !struct ? 'readonly' : ''].filter(Boolean).join(' ');
  const opt = p.optional ? '?' : '';
  const dflt = p.docs.default ? ` *Default:* ${p.docs.default.replace(/^-\s*/, '')}` : '';
  const doc = prose(p.docs, '  ');
  return [`- ${mods ? `${mods} ` : ''}**\`${p.name}${opt}\`**: ${typeRef(p.type)}${doc ? ` — ${doc}` : ''}${dflt}`];
}

function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

/** Members this type declares, plus those inherited from our own base types (not from Construct). */
function members<T extends reflect.Method | reflect.Property>(all: readonly T[]): T[] {
  return byName(all.filter((m) => own(m.definingType.fqn) && !m.protected));
}

function classSection(c: reflect.ClassType): string[] {
  const lines = [`### ${c.name}`, '', prose(c.docs), ...example(c.docs)];
  const rel: string[] = [];
  if (c.base) rel.push(`extends ${typeName(c.base.fqn)}`);
  if (c.interfaces.length) rel.push(`implements ${c.interfaces.map((i) => typeName(i.fqn)).join(', ')}`);
  if (c.abstract) rel.unshift('abstract');
  if (rel.length) lines.push('', `*${rel.join('; ')}*`);
  if (c.initializer && !c.initializer.protected) {
    lines.push('', `- new **${c.name}**(${params(c.initializer)})`, ...paramDocs(c.initializer));
  }
  const statics = members(c.allMethods).filter((m) => m.static);
  const methods = members(c.allMethods).filter((m) => !m.static);
  const props = members(c.allProperties);
  if (statics.length) lines.push('', '**Static methods**', '', ...statics.flatMap(methodLines));
  if (methods.length) lines.push('', '**Methods**', '', ...methods.flatMap(methodLines));
  if (props.length) lines.push('', '**Properties**', '', ...props.flatMap((p) => propertyLines(p, false)));
  return lines;
}

function interfaceSection(i: reflect.InterfaceType): string[] {
  const lines = [`### ${i.name}`, '', prose(i.docs), ...example(i.docs)];
  if (i.interfaces.length) lines.push('', `*extends ${i.interfaces.map((b) => typeName(b.fqn)).join(', ')}*`);
  const props = byName(i.allProperties.filter((p) => own(p.definingType.fqn)));
  const methods = byName(i.allMethods.filter((m) => own(m.definingType.fqn)));
  if (methods.length) lines.push('', '**Methods**', '', ...methods.flatMap(methodLines));
  if (props.length) lines.push('', '**Properties**', '', ...props.flatMap((p) => propertyLines(p, i.datatype)));
  return lines;
}

function enumSection(e: reflect.EnumType): string[] {
  return [
    `### ${e.name}`, '', prose(e.docs), '',
    ...e.members.map((m) => `- **\`${m.name}\`**${prose(m.docs) ? ` — ${prose(m.docs, '  ')}` : ''}`),
  ];
}

async function main(): Promise<void> {
assembly = await system.loadModule(root);
const isConstruct = (c: reflect.ClassType): boolean =>
  c.getAncestors().some((a) => a.fqn === 'constructs.Construct');
const classes = byName(assembly.allClasses);
const groups: Array<[string, reflect.Type[], (t: any) => string[]]> = [
  ['Constructs', classes.filter(isConstruct), classSection],
  ['Classes', classes.filter((c) => !isConstruct(c)), classSection],
  ['Structs', byName(assembly.allInterfaces.filter((i) => i.datatype)), interfaceSection],
  ['Interfaces', byName(assembly.allInterfaces.filter((i) => !i.datatype)), interfaceSection],
  ['Enums', byName(assembly.allEnums), enumSection],
];

const doc: string[] = [
  '# API Reference',
  '',
  `The public API of \`${assembly.name}\`, generated from its \`.jsii\` by \`tools/api-md.ts\` (\`npx projen docgen\`).`,
  'Members inherited from `Construct` (`node`, `toString()`, `with()`, `isConstruct()`) are not repeated.',
  '',
];
for (const [title, types] of groups) {
  if (types.length) doc.push(`**${title}:** ${types.map((t) => typeName(t.fqn)).join(', ')}`, '');
}
for (const [title, types, render] of groups) {
  if (!types.length) continue;
  doc.push(`## ${title}`, '');
  for (const t of types) doc.push(...render(t), '');
}
writeFileSync(path.resolve(root, out), doc.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n');
}

main().catch((e) => {
  console.error(`api-md: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
