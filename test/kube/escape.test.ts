import * as fc from 'fast-check';
import { csvField, dotString, markdownCode, markdownText, mermaidText, printable, sarifText } from '../../src/kube/escape';

// commonmark.js (CommonMark's reference implementation, installed with jsii) renders a cell's
// inline markdown as GitHub does before its extensions; GFM tables split rows at unescaped `|` first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark');
function inlineHtml(markdown: string): string {
  return new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));
}
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1).map(c => c.trim().replace(/\\\|/g, '|'));
}
const htmlEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HOSTILE = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('\n', '\r', '\u2028', '\u202e', '\u0000', '\u001b[31m', '|', '`', '``', '\\', '[x](https://evil.example)',
    '<img src=x onerror=alert(1)>', '<a href="x">', '&lt;', '*', '_', '#', '- ', '1. ', '"', ',', '=cmd', '#quot;', ' => ', 'a', ' ')).map(p => p.join('')),
);

describe('escaping of text from manifests, per output', () => {
  test('printable: unprintable characters become escapes; the result is one line', () => {
    expect(printable('a\nb => c : All Connections')).toBe('a\\nb => c : All Connections');
    expect(printable('\u001b[31mred\r\t\u2028\u202e\u0085')).toBe('\\u001b[31mred\\r\\t\\u2028\\u202e\\u0085');
    expect(printable('shop/web[Deployment]')).toBe('shop/web[Deployment]');
    fc.assert(fc.property(HOSTILE, text => {
      // eslint-disable-next-line no-control-regex
      expect(printable(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    }));
  });

  test('markdownText renders as exactly the (printable) text: no link, image, HTML or emphasis', () => {
    expect(markdownText('[click](https://evil.example) <b>x</b>')).toBe('\\[click\\](https://evil.example) &lt;b&gt;x&lt;/b&gt;');
    expect(markdownText('shop/web[Deployment] runs on the host network')).toBe('shop/web\\[Deployment\\] runs on the host network');
    fc.assert(fc.property(HOSTILE, text => {
      const html = inlineHtml(`x ${markdownText(text)} y`);
      expect(html).toMatch(/^<p>[^<]*<\/p>\n$/); // no element but the paragraph: no a, img, em, code, HTML
      const decoded = html.slice(3, -5).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      expect(decoded.replace(/\s+/g, ' ')).toBe(`x ${printable(text)} y`.replace(/\s+/g, ' '));
    }), { numRuns: 500 });
  });

  test('markdownCode is a code span of exactly the text, and one table cell', () => {
    expect(markdownCode('shop/web[Deployment]')).toBe('`shop/web[Deployment]`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    fc.assert(fc.property(HOSTILE, text => {
      const row = `| ${markdownCode(text)} | next |`;
      const [cell, next] = cells(row);
      expect(next).toBe('next');
      const shown = printable(text);
      // A code span strips one space at each end when both are there (and the content is not all spaces).
      const inside = shown === '' ? ' ' : /^ .* $/s.test(shown) && /[^ ]/.test(shown) ? shown.slice(1, -1) : shown;
      expect(inlineHtml(cell)).toBe(`<p><code>${htmlEscaped(inside)}</code></p>\n`);
    }), { numRuns: 500 });
  });

  test('csvField: one record per line, quotes doubled, no formula', () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\\nc"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('shop/web[Deployment]')).toBe('shop/web[Deployment]');
    fc.assert(fc.property(HOSTILE, text => {
      const field = csvField(text);
      expect(field).not.toMatch(/[\r\n]/);
      expect(field).not.toMatch(/^[=+\-@]/);
      if (field.startsWith('"')) expect(field.slice(1, -1)).not.toMatch(/(?<!")"(?!")/);
      else expect(field).not.toMatch(/[",]/);
    }));
  });

  test('dotString and mermaidText: quoted labels that cannot end early or carry markup', () => {
    expect(dotString('a"b\\\n')).toBe('"a\\"b\\\\\\\\n"');
    expect(mermaidText('a"b<i>#x')).toBe('"a#quot;b#lt;i#gt;#35;x"');
    fc.assert(fc.property(HOSTILE, text => {
      const dot = dotString(text);
      expect(dot.slice(1, -1)).not.toMatch(/(?<!\\)(\\\\)*"/);
      expect(dot).not.toMatch(/[\r\n]/);
      const mermaid = mermaidText(text);
      expect(mermaid.slice(1, -1)).not.toMatch(/["<>\r\n]|#(?!35;|quot;|lt;|gt;|amp;)/);
    }));
  });

  test('sarifText: brackets escaped, so no embedded link', () => {
    expect(sarifText('see [here](https://evil.example)')).toBe('see \\[here\\](https://evil.example)');
  });
});
