/** Renders a connection list in each report format. Pure string building, deterministic. */
import { AllowedConnection, IgnoredKind } from '../connection';
import { ConnectionPeer } from '../peer';
import { ReportFormat } from '../report-format';

export interface ReportInput {
  readonly connections: readonly AllowedConnection[];
  readonly warnings: readonly string[];
  readonly ignoredKinds: readonly IgnoredKind[];
  /** CNI-specific policies not evaluated: when there is any, every format says the result is partial. */
  readonly unevaluatedPolicies?: readonly string[];
}

export function render(format: ReportFormat, input: ReportInput): string {
  const body = renderBody(format, input);
  const partial = input.unevaluatedPolicies ?? [];
  return partial.length === 0 ? body : withPartialNotice(format.name, body, partial);
}

/** The sentence every format carries when CNI-specific policies were not evaluated. */
export function partialNotice(unevaluated: readonly string[]): string {
  return `Partial result: ${unevaluated.length === 1 ? 'this CNI-specific policy is' : `these ${unevaluated.length} CNI-specific policies are`} `
    + `not evaluated, and may allow or deny traffic differently: ${unevaluated.join(', ')}`;
}

/**
 * The report with the partial-result notice, in each format's own way: a closing line of text, an
 * object with `connlist_results` and `not_evaluated` in JSON, a section in markdown, `#` lines after the
 * CSV table, a graph label in dot, a note node in mermaid.
 */
function withPartialNotice(format: string, body: string, unevaluated: readonly string[]): string {
  const notice = partialNotice(unevaluated);
  switch (format) {
    case 'json': {
      const parsed = JSON.parse(body) as unknown;
      const result = Array.isArray(parsed) ? { connlist_results: parsed } : parsed as Record<string, unknown>;
      return JSON.stringify({ ...result, partial: true, not_evaluated: unevaluated }, undefined, 2) + '\n';
    }
    case 'md': return `${body}\n**Partial result**: not evaluated (CNI-specific policies): ${unevaluated.map(markdownCell).join(', ')}\n`;
    case 'csv': return body + unevaluated.map(u => `# partial result, not evaluated: ${u}\n`).join('');
    case 'dot': return body.replace(/\}\n$/, `  label=${dotString(notice)};\n  labelloc=t;\n}\n`);
    case 'mermaid': return `${body}  partial_result>${mermaidText(notice)}]\n`;
    default: return `${body}${body === '' ? '' : '\n'}${notice}\n`;
  }
}

function renderBody(format: ReportFormat, input: ReportInput): string {
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
  return connections.map(c => `${c.source.name} => ${c.destination.name} : ${c.description}\n`).join('');
}

function renderJson({ connections }: ReportInput): string {
  return JSON.stringify(connections.map(c => ({ src: c.source.name, dst: c.destination.name, conn: c.description })), undefined, 2) + '\n';
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function renderMarkdown({ connections, warnings, ignoredKinds }: ReportInput): string {
  const lines = ['| src | dst | conn |', '|---|---|---|'];
  for (const c of connections) lines.push(`| ${markdownCell(c.source.name)} | ${markdownCell(c.destination.name)} | ${markdownCell(c.description)} |`);
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
  return ['src,dst,conn', ...connections.map(c => [c.source.name, c.destination.name, c.description].map(csvField).join(','))].join('\n') + '\n';
}

/** Every peer in first-seen order of the (sorted) connections, with a stable node id. */
function nodeIds(connections: readonly AllowedConnection[]): Map<string, { id: string; peer: ConnectionPeer }> {
  const ids = new Map<string, { id: string; peer: ConnectionPeer }>();
  for (const c of connections) {
    for (const peer of [c.source, c.destination]) if (!ids.has(peer.name)) ids.set(peer.name, { id: `n${ids.size}`, peer });
  }
  return ids;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function renderDot({ connections }: ReportInput): string {
  const ids = nodeIds(connections);
  const lines = ['digraph {', '  rankdir=LR;', '  node [shape=box, fontsize=10];', '  edge [fontsize=9];'];
  const byNamespace = new Map<string, Array<{ id: string; label: string }>>();
  const others: Array<{ id: string; label: string }> = [];
  for (const [name, { id, peer }] of ids) {
    const w = peer.workload;
    if (w === undefined) {
      others.push({ id, label: name });
      continue;
    }
    let group = byNamespace.get(w.namespace);
    if (!group) byNamespace.set(w.namespace, group = []);
    group.push({ id, label: `${w.name}[${w.kind}]` });
  }
  [...byNamespace.keys()].sort().forEach((ns, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${dotString(ns)};`);
    for (const node of byNamespace.get(ns)!) lines.push(`    ${node.id} [label=${dotString(node.label)}];`);
    lines.push('  }');
  });
  for (const node of others) lines.push(`  ${node.id} [label=${dotString(node.label)}, shape=ellipse];`);
  for (const c of connections) lines.push(`  ${ids.get(c.source.name)!.id} -> ${ids.get(c.destination.name)!.id} [label=${dotString(c.description)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function mermaidText(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

function renderMermaid({ connections }: ReportInput): string {
  const ids = nodeIds(connections);
  const lines = ['flowchart LR'];
  for (const [name, { id }] of ids) lines.push(`  ${id}[${mermaidText(name)}]`);
  for (const c of connections) lines.push(`  ${ids.get(c.source.name)!.id} -->|${mermaidText(c.description)}| ${ids.get(c.destination.name)!.id}`);
  return lines.join('\n') + '\n';
}
