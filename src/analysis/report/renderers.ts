/** Renders a connection list in each report format. Pure string building, deterministic. */
import { AllowedConnection, IgnoredKind } from '../connection';
import { ReportFormat } from '../report-format';

export interface ReportInput {
  readonly connections: readonly AllowedConnection[];
  readonly warnings: readonly string[];
  readonly ignoredKinds: readonly IgnoredKind[];
}

export function render(format: ReportFormat, input: ReportInput): string {
  switch (format.name) {
    case 'json': return renderJson(input);
    case 'md': return renderMarkdown(input);
    case 'csv': return renderCsv(input);
    case 'dot': return renderDot(input);
    case 'mermaid': return renderMermaid(input);
    default: return renderText(input);
  }
}

function renderText({ connections }: ReportInput): string {
  return connections.map(c => `${c.source} => ${c.destination} : ${c.description}\n`).join('');
}

function renderJson({ connections }: ReportInput): string {
  return JSON.stringify(connections.map(c => ({ src: c.source, dst: c.destination, conn: c.description })), undefined, 2) + '\n';
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderMarkdown({ connections, warnings, ignoredKinds }: ReportInput): string {
  const lines = ['| src | dst | conn |', '|---|---|---|'];
  for (const c of connections) lines.push(`| ${markdownCell(c.source)} | ${markdownCell(c.destination)} | ${markdownCell(c.description)} |`);
  if (warnings.length > 0) {
    lines.push('', '**Warnings**', '');
    for (const w of warnings) lines.push(`- ${markdownCell(w)}`);
  }
  if (ignoredKinds.length > 0) {
    lines.push('', `**Not analysed**: ${ignoredKinds.map(k => `${markdownCell(k.kind)} (${k.count})`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function renderCsv({ connections }: ReportInput): string {
  return ['src,dst,conn', ...connections.map(c => [c.source, c.destination, c.description].map(csvField).join(','))].join('\n') + '\n';
}

/** Every peer in first-seen order of the (sorted) connections, with a stable node id. */
function nodeIds(connections: readonly AllowedConnection[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const c of connections) {
    for (const name of [c.source, c.destination]) if (!ids.has(name)) ids.set(name, `n${ids.size}`);
  }
  return ids;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function namespaceOf(name: string): string | undefined {
  const slash = name.indexOf('/');
  return slash > 0 && name.endsWith(']') ? name.slice(0, slash) : undefined;
}

function renderDot({ connections }: ReportInput): string {
  const ids = nodeIds(connections);
  const lines = ['digraph {', '  rankdir=LR;', '  node [shape=box, fontsize=10];', '  edge [fontsize=9];'];
  const byNamespace = new Map<string, string[]>();
  const others: string[] = [];
  for (const name of ids.keys()) {
    const ns = namespaceOf(name);
    if (ns === undefined) others.push(name);
    else byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), name]);
  }
  [...byNamespace.keys()].sort().forEach((ns, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${dotString(ns)};`);
    for (const name of byNamespace.get(ns)!) lines.push(`    ${ids.get(name)} [label=${dotString(name.slice(ns.length + 1))}];`);
    lines.push('  }');
  });
  for (const name of others) lines.push(`  ${ids.get(name)} [label=${dotString(name)}, shape=ellipse];`);
  for (const c of connections) lines.push(`  ${ids.get(c.source)} -> ${ids.get(c.destination)} [label=${dotString(c.description)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function mermaidText(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

function renderMermaid({ connections }: ReportInput): string {
  const ids = nodeIds(connections);
  const lines = ['flowchart LR'];
  for (const [name, id] of ids) lines.push(`  ${id}[${mermaidText(name)}]`);
  for (const c of connections) lines.push(`  ${ids.get(c.source)} -->|${mermaidText(c.description)}| ${ids.get(c.destination)}`);
  return lines.join('\n') + '\n';
}
