import { ConnectionChange, ConnectionDiff } from './diff';

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
  section('Added', diff.added, c => `+ ${c.source} => ${c.destination} : ${c.after}`);
  section('Removed', diff.removed, c => `- ${c.source} => ${c.destination} : ${c.before}`);
  section('Changed', diff.changed, c => `~ ${c.source} => ${c.destination} : ${c.before} -> ${c.after}${delta(c)}`);
  return lines.join('\n') + '\n';
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
    lines.push(`| ${label} | ${code(c.source)} | ${code(c.destination)} | ${before} | ${after} |`);
  diff.added.forEach(c => row('added', c, '', cell(c.after)));
  diff.removed.forEach(c => row('removed', c, cell(c.before), ''));
  diff.changed.forEach(c => row('changed', c, cell(c.before), `${cell(c.after)}${cell(delta(c))}`));
  return lines.join('\n') + '\n';
}

/** ` (opened TCP 443; closed UDP 53)`: what exactly a changed pair gained and lost. */
function delta(c: ConnectionChange): string {
  const parts: string[] = [];
  if (c.opened !== 'No Connections') {
    parts.push(`opened ${c.opened}`);
  }
  if (c.closed !== 'No Connections') {
    parts.push(`closed ${c.closed}`);
  }
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '\'')}\``;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
