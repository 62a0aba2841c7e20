/** Renders a connection list in each report format. Pure string building, deterministic. */
import { csvField, dotString, markdownCode, markdownText, mermaidText } from '../../kube/escape';
import { AllowedConnection, IgnoredKind } from '../connection';
import { ConnectionPeer } from '../peer';
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
  return connections.map(c => `${c}\n`).join(''); // AllowedConnection.toString escapes the names
}

function renderJson({ connections }: ReportInput): string {
  return JSON.stringify(connections.map(c => ({ src: c.source.name, dst: c.destination.name, conn: c.description })), undefined, 2) + '\n';
}


function renderMarkdown({ connections, warnings, ignoredKinds }: ReportInput): string {
  const lines = ['| src | dst | conn |', '|---|---|---|'];
  for (const c of connections) lines.push(`| ${markdownCode(c.source.name)} | ${markdownCode(c.destination.name)} | ${markdownText(c.description)} |`);
  if (warnings.length > 0) {
    lines.push('', '**Warnings**', '');
    for (const w of warnings) lines.push(`- ${markdownText(w)}`);
  }
  if (ignoredKinds.length > 0) {
    lines.push('', `**Not analysed**: ${ignoredKinds.map(k => `${markdownText(k.kind)} (${k.count})`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
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


function renderMermaid({ connections }: ReportInput): string {
  const ids = nodeIds(connections);
  const lines = ['flowchart LR'];
  for (const [name, { id }] of ids) lines.push(`  ${id}[${mermaidText(name)}]`);
  for (const c of connections) lines.push(`  ${ids.get(c.source.name)!.id} -->|${mermaidText(c.description)}| ${ids.get(c.destination.name)!.id}`);
  return lines.join('\n') + '\n';
}
