/** Renders a connection list in each report format. Pure string building, deterministic. */
import { nameAddressBlock } from '../../kube/address-blocks';
import { csvField, dotString, markdownCode, markdownText, mermaidText, printable } from '../../kube/escape';
import { IpRange } from '../../kube/ip';
import { AllowedConnection, IgnoredKind } from '../connection';
import { ExposureResult } from '../engine/exposure';
import { ConnectionPeer } from '../peer';
import { ReportFormat } from '../report-format';

/** A connection as a human report shows it: source, destination and ports as names. */
interface Row {
  readonly source: string;
  readonly destination: string;
  readonly description: string;
  readonly sourcePeer?: ConnectionPeer;
  readonly destinationPeer?: ConnectionPeer;
}

/**
 * The connections as the human formats (md, dot, mermaid) show them: each group of address ranges
 * that one workload reaches (or is reached from) on the same ports is one row naming the block
 * (`nameAddressBlock`: "the internet", "anywhere except 10.0.0.0/8", else its CIDRs). The text,
 * json and csv formats keep netpol-analyzer's ranges.
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
    const name = nameAddressBlock(g.ranges, Infinity).name;
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
  /** With exposure analysis: its result, reported after the connections. */
  readonly exposure?: ExposureResult;
  /** CNI-specific policies not evaluated: when there is any, every format says the result is partial. */
  readonly unevaluatedPolicies?: readonly string[];
}

/** One line of the exposure section: the workload, the peer it is exposed to, the connection. */
interface ExposureLine {
  readonly workload: string;
  readonly peer: string;
  readonly conn: string;
}

interface ExposureSections {
  readonly egress: ExposureLine[];
  readonly ingress: ExposureLine[];
  /** `W is not protected on Egress` lines. */
  readonly unprotected: string[];
}

/**
 * netpol-analyzer's exposure section as data: per listed workload its exposure connections and, as
 * that tool does, its connections with outside addresses; sorted by workload, then peer.
 */
function exposureSections(connections: readonly AllowedConnection[], exposure: ExposureResult): ExposureSections {
  const egress: ExposureLine[] = [];
  const ingress: ExposureLine[] = [];
  for (const c of [...exposure.connections, ...connections]) {
    if (c.destination.isRepresentative || (c.destination.isExternal && exposure.listed.has(c.source))) {
      egress.push({ workload: c.source.name, peer: c.destination.name, conn: c.description });
    } else if (c.source.isRepresentative || (c.source.isExternal && exposure.listed.has(c.destination))) {
      ingress.push({ workload: c.destination.name, peer: c.source.name, conn: c.description });
    }
  }
  const order = (a: ExposureLine, b: ExposureLine) => compareText(a.workload, b.workload) || compareText(a.peer, b.peer);
  return {
    egress: egress.sort(order),
    ingress: ingress.sort(order),
    unprotected: exposure.unprotected.map(u => `${u.peer.name} is not protected on ${u.direction === 'egress' ? 'Egress' : 'Ingress'}`).sort(),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
    case 'md': return `${body}\n**Partial result**: not evaluated (CNI-specific policies): ${unevaluated.map(u => markdownText(u)).join(', ')}\n`;
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

function renderText({ connections, exposure }: ReportInput): string {
  let out = connections.map(c => `${c}\n`).join(''); // AllowedConnection.toString escapes the names
  if (!exposure) return out;
  const { egress, ingress, unprotected } = exposureSections(connections, exposure);
  const width = Math.max(0, ...[...egress, ...ingress].map(l => printable(l.workload).length));
  const line = (l: ExposureLine, arrow: string) => `${printable(l.workload).padEnd(width)} \t${arrow} \t${printable(l.peer)} : ${l.conn}\n`;
  if (out !== '') out += '\n';
  out += 'Exposure Analysis Result:\n';
  if (egress.length > 0) out += 'Egress Exposure:\n' + egress.map(l => line(l, '=>')).join('');
  if (ingress.length > 0) out += (egress.length > 0 ? '\n' : '') + 'Ingress Exposure:\n' + ingress.map(l => line(l, '<=')).join('');
  if (unprotected.length > 0) out += '\nWorkloads not protected by network policies:\n' + unprotected.map(u => `${printable(u)}\n`).join('');
  return out;
}

function renderJson({ connections, exposure }: ReportInput): string {
  const list = connections.map(c => ({ src: c.source.name, dst: c.destination.name, conn: c.description }));
  if (!exposure) return JSON.stringify(list, undefined, 2) + '\n';
  // netpol-analyzer's json with exposure analysis: the connection list and the exposure results.
  const { egress, ingress, unprotected } = exposureSections(connections, exposure);
  return JSON.stringify({
    connlist_results: list,
    exposure_results: {
      egress_exposure: egress.map(l => ({ src: l.workload, dst: l.peer, conn: l.conn })),
      ingress_exposure: ingress.map(l => ({ src: l.peer, dst: l.workload, conn: l.conn })),
      not_protected: unprotected,
    },
  }, undefined, 2) + '\n';
}


function renderMarkdown({ connections, warnings, ignoredKinds, exposure }: ReportInput): string {
  const lines = ['| src | dst | conn |', '|---|---|---|'];
  for (const c of namedRows(connections)) lines.push(`| ${markdownCode(c.source)} | ${markdownCode(c.destination)} | ${markdownText(c.description)} |`);
  if (exposure) {
    const { egress, ingress, unprotected } = exposureSections(connections, exposure);
    lines.push('', '**Exposure Analysis Result**');
    for (const [title, rows] of [['Egress Exposure', egress], ['Ingress Exposure', ingress]] as const) {
      if (rows.length === 0) continue;
      lines.push('', `*${title}*`, '', '| workload | exposed to | conn |', '|---|---|---|');
      for (const l of rows) lines.push(`| ${markdownCode(l.workload)} | ${markdownCode(l.peer)} | ${markdownText(l.conn)} |`);
    }
    if (unprotected.length > 0) {
      lines.push('', '*Workloads not protected by network policies*', '');
      for (const u of unprotected) lines.push(`- ${markdownCode(u)}`);
    }
  }
  if (warnings.length > 0) {
    lines.push('', '**Warnings**', '');
    for (const w of warnings) lines.push(`- ${markdownText(w)}`);
  }
  if (ignoredKinds.length > 0) {
    lines.push('', `**Not analysed**: ${ignoredKinds.map(k => `${markdownText(k.kind)} (${k.count})`).join(', ')}`);
  }
  return lines.join('\n') + '\n';
}


function renderCsv({ connections, exposure }: ReportInput): string {
  const rows = connections.map(c => [c.source.name, c.destination.name, c.description].map(csvField).join(','));
  if (!exposure) return ['src,dst,conn', ...rows].join('\n') + '\n';
  // One table: the connections, then the exposure lines, told apart by the `section` column.
  const { egress, ingress } = exposureSections(connections, exposure);
  return ['section,src,dst,conn',
    ...connections.map(c => ['connection', c.source.name, c.destination.name, c.description].map(csvField).join(',')),
    ...egress.map(l => ['egress exposure', l.workload, l.peer, l.conn].map(csvField).join(',')),
    ...ingress.map(l => ['ingress exposure', l.peer, l.workload, l.conn].map(csvField).join(','))].join('\n') + '\n';
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


function renderDot({ connections: listed, exposure }: ReportInput): string {
  // Exposure edges (to and from representative peers) are dashed.
  const rows = namedRows([...listed, ...exposure?.connections ?? []]);
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
  for (const r of rows) {
    const style = r.sourcePeer?.isRepresentative || r.destinationPeer?.isRepresentative ? ', style=dashed' : '';
    lines.push(`  ${ids.get(r.source)!.id} -> ${ids.get(r.destination)!.id} [label=${dotString(r.description)}${style}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}


function renderMermaid({ connections: listed, exposure }: ReportInput): string {
  const rows = namedRows([...listed, ...exposure?.connections ?? []]);
  const ids = nodeIds(rows);
  const lines = ['flowchart LR'];
  for (const [name, { id }] of ids) lines.push(`  ${id}[${mermaidText(name)}]`);
  for (const r of rows) {
    const arrow = r.sourcePeer?.isRepresentative || r.destinationPeer?.isRepresentative ? '-.->' : '-->'; // exposure: dotted
    lines.push(`  ${ids.get(r.source)!.id} ${arrow}|${mermaidText(r.description)}| ${ids.get(r.destination)!.id}`);
  }
  return lines.join('\n') + '\n';
}
