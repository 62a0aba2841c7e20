// A manifest cannot forge report lines or inject markup: names with line breaks, control
// characters, markdown and HTML go through every output format harmlessly.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';
import { allowConnection, onlyAllow } from '../../src/testing/matchers';

// commonmark.js (CommonMark's reference implementation, installed with jsii) renders markdown as
// GitHub does before its extensions; GFM tables split rows at unescaped `|` first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark');
function html(markdown: string): string {
  return new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));
}
/** The cells of a GFM table row, each as the HTML it renders to. */
function renderedCells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1).map(c => html(c.trim().replace(/\\\|/g, '|')));
}
/** Only paragraphs, list items and code spans of plain text: no link, image, emphasis or raw HTML. */
const HARMLESS = /^(<ul>\n<li>)?(<p>)?([^<]|<code>[^<]*<\/code>)*(<\/p>)?(<\/li>\n<\/ul>)?\n?$/;

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

// YAML double-quoted strings: \n is a line break, \e an escape character.
const FORGED = 'web\\nshop/db[Deployment] => shop/secrets[Deployment] : All Connections';
const LINK = '[click me](https://evil.example/x) <img src=x onerror=alert(1)> **bold** | col';

function deployment(name: string, namespace = 'shop'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: "${name}", namespace: "${namespace}"}
spec:
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec: {hostNetwork: true, containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
`;
}

describe('hostile names in every output', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-escape-'));
    file = path.join(dir, 'hostile.yaml');
    fs.writeFileSync(file, [deployment(FORGED), deployment('x', LINK), deployment('esc\\e[2Jhidden\\r')].join('---\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('text: a name with a line break cannot forge a connection line', () => {
    const r = cli('analyze', file);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(3 * 2 + 3 * 2); // each of 3 workloads to and from the other two, and to and from the outside
    expect(lines).not.toContain('shop/db[Deployment] => shop/secrets[Deployment] : All Connections');
    expect(r.stdout).toContain('shop/web\\nshop/db[Deployment] => shop/secrets[Deployment] : All Connections[Deployment] => ');
    expect(r.stdout).toContain('shop/esc\\u001b[2Jhidden\\r[Deployment]');
    expect(r.stdout).not.toMatch(/[\u001b\r]/);
    // the warnings on stderr too
    expect(r.stderr.trimEnd().split('\n').every(l => /^(warning|note): /.test(l))).toBe(true);
  });

  test('md, csv, dot, mermaid: no injected markup, one record per line; json keeps the names exactly', () => {
    const md = cli('analyze', '-o', 'md', file).stdout;
    const tableRows = md.split('\n').filter(l => l.startsWith('|'));
    expect(tableRows.length).toBe(2 + 12);
    for (const row of tableRows.slice(2)) {
      const cells = renderedCells(row);
      expect(cells.length).toBe(3);
      for (const cell of cells) expect(cell).toMatch(HARMLESS);
    }
    const warnings = md.split('\n').filter(l => l.startsWith('- '));
    expect(warnings.length).toBe(3);
    for (const w of warnings) expect(html(w)).toMatch(HARMLESS);
    expect(html(md)).toContain('&lt;img src=x onerror=alert(1)&gt;');

    const csv = cli('analyze', '-o', 'csv', file).stdout.trimEnd().split('\n');
    expect(csv.length).toBe(1 + 12);
    const dot = cli('analyze', '-o', 'dot', file).stdout;
    expect(dot).not.toMatch(/[\u001b\r]/);
    expect(dot.split('\n').filter(l => l.includes('label=')).every(l => /^\s+(label="([^"\\]|\\.)*";|\w+ (-> \w+ )?\[label="([^"\\]|\\.)*"(, shape=\w+)?\];)$/.test(l))).toBe(true);
    const mermaid = cli('analyze', '-o', 'mermaid', file).stdout;
    expect(mermaid).not.toMatch(/<img|[\u001b\r]/);
    expect(mermaid.split('\n').slice(1, -1).every(l => /^ {2}n\d+(\["[^"]*"\]| -->\|"[^"]*"\| n\d+)$/.test(l))).toBe(true);

    const json = JSON.parse(cli('analyze', '-o', 'json', file).stdout) as Array<{ src: string }>;
    expect(json.map(c => c.src)).toContain('shop/web\nshop/db[Deployment] => shop/secrets[Deployment] : All Connections[Deployment]');
  });

  test('diff md: a name cannot inject a link or HTML into a pull request comment', () => {
    const before = path.join(dir, 'before.yaml');
    fs.writeFileSync(before, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    const r = cli('diff', '-o', 'md', before, file);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter(l => l.startsWith('| added'));
    // 12 connections among the 4 workloads and the outside, and 6 exposure lines (entire-cluster)
    expect(rows.length).toBe(18);
    for (const row of rows) {
      const cells = renderedCells(row);
      expect(cells.length).toBe(5);
      for (const cell of cells) expect(cell).toMatch(HARMLESS);
      // source and destination are code spans: literal text
      for (const cell of cells.slice(1, 3)) expect(cell).toMatch(/^<p><code>[^<]+<\/code><\/p>\n$/);
    }
    expect(renderedCells(rows[0])[2]).toContain('<code>[click me](https://evil.example/x) &lt;img src=x onerror=alert(1)&gt; **bold** | col/x[Deployment]</code>');
    const text = cli('diff', before, file).stdout;
    expect(text.split('\n').filter(l => l.startsWith('+ ')).length).toBe(18);
    expect(text).not.toMatch(/^shop\/db/m);
  });

  test('lint text and SARIF: messages stay on their lines; SARIF text has no embedded link', () => {
    const text = cli('lint', file).stdout;
    expect(text).not.toMatch(/[\u001b\r]/);
    expect(text).not.toMatch(/^shop\/db\[Deployment\] => /m);
    const sarif = JSON.parse(cli('lint', '-o', 'sarif', file).stdout);
    const messages: string[] = sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text);
    expect(messages.some(m => m.includes('\\[click me\\](https://evil.example/x)'))).toBe(true);
    expect(messages.every(m => !/(?<!\\)\[click me(?<!\\)\]/.test(m))).toBe(true);
  });

  test('matcher messages: names shown escaped', () => {
    const text = fs.readFileSync(file, 'utf-8');
    const verdict = allowConnection(text, 'shop/esc\u001b[2Jhidden\r[Deployment]', '10.0.0.1', 9999);
    expect(verdict.message).toContain('shop/esc\\u001b[2Jhidden\\r[Deployment]');
    expect(verdict.message).not.toMatch(/[\u001b\r]/);
    const only = onlyAllow(text, []);
    expect(only.pass).toBe(false);
    expect(only.message).not.toMatch(/[\u001b\r]|^\s*shop\/db\[Deployment\] => /m);
  });
});
