import { ConnectionChange, ConnectionDiff } from './diff';
import { nameAddressBlock } from '../kube/address-blocks';
import { markdownCode, markdownText, mermaidText, printable } from '../kube/escape';
import { IpRange } from '../kube/ip';

function summary(diff: ConnectionDiff): string {
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`;
}

/** Plain text, one line per changed peer pair: `+` added, `-` removed, `~` changed. */
export function renderDiffText(diff: ConnectionDiff): string {
  const lines: string[] = [];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    lines.push(`No change in allowed connections (${diff.unchanged} unchanged).`);
    return lines.join('\n') + '\n';
  }
  lines.push(`Allowed connections: ${summary(diff)}`);
  const section = (title: string, changes: readonly ConnectionChange[], line: (c: ConnectionChange) => string) => {
    if (changes.length > 0) {
      lines.push('', `${title} (${changes.length}):`);
      changes.forEach(c => lines.push(line(c)));
    }
  };
  section('Added', diff.added, c => `+ ${pair(c)} : ${c.after.describe()}`);
  section('Removed', diff.removed, c => `- ${pair(c)} : ${c.before.describe()}`);
  section('Changed', diff.changed, c => `~ ${pair(c)} : ${c.before.describe()} -> ${c.after.describe()}${delta(c)}`);
  return lines.join('\n') + '\n';
}

/** `SRC => DST` of a change, its names printable (a name cannot break the line). */
function pair(c: ConnectionChange): string {
  return `${printable(c.source.name)} => ${printable(c.destination.name)}`;
}

/** GitHub-flavoured markdown for a pull request comment: a summary and one table row per change. */
export function renderDiffMarkdown(diff: ConnectionDiff): string {
  const lines: string[] = ['### Network reachability changes', ''];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    lines.push(`No change in allowed connections (${diff.unchanged} unchanged).`);
    return lines.join('\n') + '\n';
  }
  lines.push(`**${summary(diff)}**`, '');
  lines.push('| Change | Source | Destination | Before | After |', '| --- | --- | --- | --- | --- |');
  const row = (label: string, c: ConnectionChange, before: string, after: string) =>
    lines.push(`| ${label} | ${markdownCode(c.source.name)} | ${markdownCode(c.destination.name)} | ${before} | ${after} |`);
  diff.added.forEach(c => row('added', c, '', cell(c.after.describe())));
  diff.removed.forEach(c => row('removed', c, cell(c.before.describe()), ''));
  diff.changed.forEach(c => row('changed', c, cell(c.before.describe()), `${cell(c.after.describe())}${cell(delta(c))}`));
  lines.push('', ...mermaidOfChanges(diff));
  return lines.join('\n') + '\n';
}

/**
 * A small diagram of the changed edges (GitHub renders Mermaid in comments): added in green,
 * removed dashed red, changed orange. Outside addresses are joined into named blocks ("the internet").
 */
function mermaidOfChanges(diff: ConnectionDiff): string[] {
  const edges = new Map<string, { from: string; to: string; kind: string; label: string; ranges: IpRange[]; outward: boolean }>();
  for (const c of [...diff.added, ...diff.removed, ...diff.changed]) {
    const label = c.kind === 'added' ? c.after.describe() : c.kind === 'removed' ? c.before.describe() : `${c.before.describe()} → ${c.after.describe()}`;
    const range = c.destination._range ?? c.source._range;
    const outward = c.destination._range !== undefined;
    const key = range ? `${outward ? c.source.name : c.destination.name}\u0000${outward}\u0000${c.kind}\u0000${label}` : `${c.source.name}\u0000${c.destination.name}\u0000${c.kind}`;
    const edge = edges.get(key) ?? { from: c.source.name, to: c.destination.name, kind: c.kind, label, ranges: [], outward };
    if (range) edge.ranges.push(range);
    edges.set(key, edge);
  }
  const ids = new Map<string, string>();
  const id = (name: string) => ids.get(name) ?? (ids.set(name, `n${ids.size}`), ids.get(name)!);
  const lines = ['```mermaid', 'flowchart LR'];
  const links: string[] = [];
  const styles: string[] = [];
  const colour: Record<string, string> = { added: 'stroke:#2e7d32,stroke-width:2px', removed: 'stroke:#c62828,stroke-width:2px,stroke-dasharray:5 5', changed: 'stroke:#c77700,stroke-width:2px' };
  for (const e of edges.values()) {
    let { from, to } = e;
    if (e.ranges.length) {
      const block = nameAddressBlock(e.ranges).name;
      if (e.outward) to = block; else from = block;
    }
    links.push(`  ${id(from)} -->|${mermaidText(`${e.kind === 'added' ? '+ ' : e.kind === 'removed' ? '- ' : ''}${e.label}`)}| ${id(to)}`);
    styles.push(`  linkStyle ${links.length - 1} ${colour[e.kind]}`);
  }
  for (const [name, nodeId] of ids) lines.push(`  ${nodeId}[${mermaidText(name)}]`);
  lines.push(...links, ...styles, '```');
  return lines;
}

/** ` (opened TCP 443; closed UDP 53)`: what exactly a changed pair gained and lost. */
function delta(c: ConnectionChange): string {
  const parts: string[] = [];
  if (!c.opened.isEmpty) {
    parts.push(`opened ${c.opened.describe()}`);
  }
  if (!c.closed.isEmpty) {
    parts.push(`closed ${c.closed.describe()}`);
  }
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function cell(text: string): string {
  return markdownText(text);
}
