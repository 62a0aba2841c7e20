/** Renders a connection list in each report format. Pure string building, deterministic. */
import { NamedAddressBlocks } from '../../kube/address-blocks';
import { IpRange } from '../../kube/ip';
import { AllowedConnection, IgnoredKind } from '../connection';
import { ConnectionPeer } from '../peer';
import { ReportFormat } from '../report-format';

/**
 * Address blocks the human formats (md, dot, mermaid) print by name: "the internet" as
 * `Peer.internet()` writes it (every address but the IANA special-purpose ranges that are not
 * globally reachable). The text, json and csv formats keep netpol-analyzer's ranges.
 */
const NAMED_BLOCKS = NamedAddressBlocks.internet({ privateRanges: [], podCidrs: [], serviceCidrs: [] });

/** A connection as a human report shows it: source, destination and ports as names. */
interface Row {
  readonly source: string;
  readonly destination: string;
  readonly description: string;
  readonly sourcePeer?: ConnectionPeer;
  readonly destinationPeer?: ConnectionPeer;
}

/**
 * The connections, with each group of address ranges that one workload reaches (or is reached from)
 * on the same ports and that together are a named block replaced by one row naming it.
 */
export function namedRows(connections: readonly AllowedConnection[]): Row[] {
  const groups = new Map<string, { ranges: IpRange[]; members: AllowedConnection[] }>();
  for (const c of connections) {
    const outside = c.destination._range ?? c.source._range;
    if (!outside || (c.destination._range && c.source._range)) continue;
    const key = `${c.destination._range ? 'to' : 'from'}\0${c.destination._range ? c.source.name : c.destination.name}\0${c.description}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { ranges: [], members: [] });
    g.ranges.push(outside);
    g.members.push(c);
  }
  const replaced = new Map<AllowedConnection, Row | null>();
  for (const g of groups.values()) {
    const name = NAMED_BLOCKS.nameOf(g.ranges);
    if (name === undefined) continue;
    const first = g.members[0];
    const row = first.destination._range
      ? { source: first.source.name, destination: name, description: first.description, sourcePeer: first.source }
      : { source: name, destination: first.destination.name, description: first.description, destinationPeer: first.destination };
    g.members.forEach((m, i) => replaced.set(m, i === 0 ? row : null));
  }
  const rows: Row[] = [];
  for (const c of connections) {
    const r = replaced.get(c);
    if (r === null) continue;
    rows.push(r ?? {
      source: c.source.name, destination: c.destination.name, description: c.description, sourcePeer: c.source, destinationPeer: c.destination,
    });
  }
  return rows;
}

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
  for (const c of namedRows(connections)) lines.push(`| ${markdownCell(c.source)} | ${markdownCell(c.destination)} | ${markdownCell(c.description)} |`);
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
function nodeIds(rows: readonly Row[]): Map<string, { id: string; peer?: ConnectionPeer }> {
  const ids = new Map<string, { id: string; peer?: ConnectionPeer }>();
  for (const r of rows) {
    for (const [name, peer] of [[r.source, r.sourcePeer], [r.destination, r.destinationPeer]] as const) {
      if (!ids.has(name)) ids.set(name, { id: `n${ids.size}`, peer });
    }
  }
  return ids;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function renderDot({ connections }: ReportInput): string {
  const rows = namedRows(connections);
  const ids = nodeIds(rows);
  const lines = ['digraph {', '  rankdir=LR;', '  node [shape=box, fontsize=10];', '  edge [fontsize=9];'];
  const byNamespace = new Map<string, Array<{ id: string; label: string }>>();
  const others: Array<{ id: string; label: string }> = [];
  for (const [name, { id, peer }] of ids) {
    const w = peer?.workload;
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
  for (const r of rows) lines.push(`  ${ids.get(r.source)!.id} -> ${ids.get(r.destination)!.id} [label=${dotString(r.description)}];`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function mermaidText(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

function renderMermaid({ connections }: ReportInput): string {
  const rows = namedRows(connections);
  const ids = nodeIds(rows);
  const lines = ['flowchart LR'];
  for (const [name, { id }] of ids) lines.push(`  ${id}[${mermaidText(name)}]`);
  for (const r of rows) lines.push(`  ${ids.get(r.source)!.id} -->|${mermaidText(r.description)}| ${ids.get(r.destination)!.id}`);
  return lines.join('\n') + '\n';
}
