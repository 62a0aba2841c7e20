import { ConnectionChange, ConnectionDiff } from './diff';
import { markdownCode, markdownText, printable } from '../kube/escape';

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
  return lines.join('\n') + '\n';
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
