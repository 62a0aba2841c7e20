// How text from manifests (names, namespaces, kinds, messages that quote them) is written into each
// output format, so that a manifest can neither forge lines of a report nor inject markup into it.
// Every renderer (analyze, diff, lint, the matchers, the CLI's messages) writes such text through
// one of these functions.

/**
 * Control characters, line and paragraph separators, and the invisible bidirectional and
 * zero-width format characters (which can make text read differently from what it is).
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapeCharacter(c: string): string {
  switch (c) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/**
 * Text for a line-oriented output (text reports, messages): unprintable characters are shown as
 * escapes (`\n`, `\u001b`), so the text stays on its line and shows what it is.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeCharacter);
}

/**
 * Text for markdown (GitHub-flavoured), inline or in a table cell: printable, HTML special
 * characters as entities, and markdown punctuation backslash-escaped, so it renders as the
 * literal text: no link, image, emphasis, code, HTML, heading, list or table column. (`(` and `!`
 * need no escape once `[` and `]` have one.)
 */
export function markdownText(text: string): string {
  return printable(text)
    .replace(/[\\`*_[\]|~<>&]/g, c => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/^(\d{0,9})([-+=#.)])(?=\s|$)/, (_m, digits: string, mark: string) => // a list item, heading or underline at the start
      (digits === '' ? (/[-+=#]/.test(mark) ? `\\${mark}` : mark) : /[.)]/.test(mark) ? `${digits}\\${mark}` : `${digits}${mark}`));
}

/**
 * Text as a markdown code span (literal, no markup or autolinks), fit for a table cell: the fence
 * is longer than any run of backticks inside, and `|` is escaped as GitHub tables require.
 */
export function markdownCode(text: string): string {
  const shown = printable(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(longest + 1);
  if (shown === '') return '` `'; // an empty code span cannot be written
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/**
 * One CSV field (RFC 4180): printable (one record per line), quoted when it holds a quote, comma or
 * space at an end, and a leading `=`, `+`, `-` or `@` prefixed with `'` so that a spreadsheet does
 * not run it as a formula.
 */
export function csvField(text: string): string {
  let shown = printable(text);
  if (/^[=+\-@]/.test(shown)) shown = `'${shown}`;
  return /[",]|^\s|\s$/.test(shown) ? `"${shown.replace(/"/g, '""')}"` : shown;
}

/**
 * SARIF message text: `[` and `]` backslash-escaped (SARIF reads `[text](target)` as an embedded
 * link), and backslashes before them doubled.
 */
export function sarifText(text: string): string {
  return text.replace(/[\\[\]]/g, c => `\\${c}`);
}

/** A quoted Graphviz DOT string: printable, backslashes and quotes escaped. */
export function dotString(text: string): string {
  return `"${printable(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * A quoted Mermaid label: printable, and `#`, `"`, `<`, `>`, `&` as Mermaid entity codes, so the
 * label can neither end early nor carry HTML.
 */
export function mermaidText(text: string): string {
  const codes: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };
  return `"${printable(text).replace(/[#"<>&]/g, c => codes[c])}"`;
}
