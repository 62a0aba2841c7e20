/**
 * The report as one self-contained HTML file: inline CSS, the diagram as inline SVG, a few lines of
 * inline script for the connection filter; no network access, no external script, style or font.
 * Every text from the manifests goes through `esc`.
 */
import { ComplianceCheck, ComplianceControl } from './compliance';
import { Diagram } from './diagram';
import { EntryPoint } from './entry-points';
import type { ExposureRow } from './network-report';
import { Finding } from '../rules/finding';

export interface HtmlInput {
  readonly title: string;
  readonly svg: string;
  readonly diagram: Diagram;
  readonly connections: readonly { source: string; destination: string; ports: string; title?: string }[];
  readonly peers: readonly string[];
  readonly checks: readonly ComplianceCheck[];
  readonly controls: readonly ComplianceControl[];
  readonly entryPoints: readonly EntryPoint[];
  readonly exposure: readonly ExposureRow[];
  readonly unprotected: readonly string[];
  readonly warnings: readonly string[];
  readonly findings: readonly Finding[];
  readonly dnsRecords: readonly string[];
  readonly changes?: string;
  readonly profile?: string;
}

/** HTML text: `&`, `<`, `>`, quotes escaped; control characters other than tab and newline shown as `\uXXXX`. */
export function esc(text: string): string {
  return text
    .replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }[c]!))
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const MATRIX_MAX_PEERS = 40;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:16px 24px;background:#0d2a4a;color:#fff}header h1{margin:0 0 4px;font-size:20px}
main{padding:8px 24px 40px;max-width:1400px}h2{margin-top:32px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}tr.fail td{background:#ffebe9}tr.pass td.result{background:#dafbe1}
.diagram{overflow:auto;border:1px solid #d0d7de;border-radius:6px;padding:8px;max-height:80vh}
.summary span{display:inline-block;margin-right:18px}.legend span{margin-right:14px}
.sw{display:inline-block;width:12px;height:12px;border:1px solid #888;vertical-align:middle;margin-right:4px}
.matrix td{font-size:11px;white-space:nowrap}.matrix th{font-size:11px}
input[type=search]{padding:4px 8px;width:320px}
`;

const SCRIPT = `
document.getElementById('filter').addEventListener('input',function(e){var q=e.target.value.toLowerCase();
document.querySelectorAll('#connections tbody tr').forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''})});
`;

function table(head: readonly string[], rows: readonly string[][], attrs = ''): string {
  return `<table${attrs}><thead><tr>${head.map(h => `<th>${h}</th>`).join('')}</tr></thead><tbody>`
    + rows.map(r => `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`).join('') + '</tbody></table>';
}

function peerLink(name: string, diagram: Diagram, title?: string): string {
  const node = diagram.nodes.find(n => n.peers.includes(name) || (n.role === 'external' && n.label === name));
  const t = title ? ` title="${esc(title)}"` : '';
  return node ? `<a href="#${esc(node.id)}" class="mono"${t}>${esc(name)}</a>` : `<span class="mono"${t}>${esc(name)}</span>`;
}

export function renderHtml(r: HtmlInput): string {
  const failed = r.controls.filter(c => !c.passed).length;
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">',
    `<title>${esc(r.title)}</title><style>${CSS}</style></head><body>`);
  out.push(`<header><h1>${esc(r.title)}</h1><div class="summary">`
    + `<span>${r.peers.length} workloads and peers</span><span>${r.connections.length} connections</span>`
    + `<span>${r.entryPoints.length} entry points</span><span>${r.warnings.length} warnings</span>`
    + `<span>${r.findings.length} findings</span>`
    + `<span id="compliance-summary">${failed === 0 ? 'all controls evidenced' : `${failed} of ${r.controls.length} controls not evidenced`}</span>`
    + (r.profile ? `<span>profile: ${esc(r.profile)}</span>` : '') + '</div></header><main>');

  out.push('<h2 id="diagram">Network diagram</h2>',
    '<p class="legend"><span><i class="sw" style="background:#e8f0fe"></i>workload</span><span><i class="sw" style="background:#fff4e0"></i>platform</span>'
    + '<span><i class="sw" style="background:#fde8e8"></i>outside the cluster</span><span><i class="sw" style="background:#e6f4ea"></i>entry point (host)</span>'
    + '<span><i class="sw" style="background:#f3e5f5"></i>exposure (pods not in the input)</span>'
    + (r.changes !== undefined ? '<span style="color:#2e7d32">added</span><span style="color:#c62828">removed</span><span style="color:#c77700">changed</span>' : '')
    + (r.diagram.grouped ? '<span>(large input: one node per namespace; the lists below have every workload)</span>' : '') + '</p>',
    `<div class="diagram">${r.svg}</div>`);

  out.push('<h2 id="compliance">Compliance</h2>',
    '<p>Controls cited by identifier only. A control is evidenced when every check it relies on passes on these manifests.</p>',
    `<table id="controls"><thead><tr><th>Framework</th><th>Control</th><th>Result</th><th>Checks</th></tr></thead><tbody>${r.controls.map(c =>
      `<tr class="${c.passed ? 'pass' : 'fail'}" data-control="${esc(c.control)}"><td>${esc(c.framework)}</td><td class="mono">${esc(c.control)}</td>`
      + `<td class="result ${c.passed ? 'pass' : 'fail'}">${c.passed ? 'evidenced' : 'not evidenced'}</td>`
      + `<td>${c.checks.map(id => { const ch = r.checks.find(x => x.id === id); return `<a href="#check-${esc(id)}" class="${ch?.passed ? 'pass' : 'fail'}">${esc(id)}</a>`; }).join(', ')}</td></tr>`).join('')}</tbody></table>`);
  out.push('<h3>Checks</h3>', `<table id="checks"><thead><tr><th>Check</th><th>Result</th><th>Details</th></tr></thead><tbody>${r.checks.map(c =>
    `<tr id="check-${esc(c.id)}" class="${c.passed ? 'pass' : 'fail'}" data-check="${esc(c.id)}"><td><span class="mono">${esc(c.id)}</span><br>${esc(c.title)}</td>`
    + `<td class="result ${c.passed ? 'pass' : 'fail'}">${c.passed ? 'pass' : 'fail'}</td>`
    + `<td><ul>${c.details.map(d => `<li>${esc(d)}</li>`).join('')}</ul>${c.peers.length ? `In the diagram: ${c.peers.map(p => peerLink(p, r.diagram)).join(', ')}` : ''}`
    + `${c.id === 'rule-pack' && r.findings.length ? ' <a href="#findings">findings</a>' : ''}</td></tr>`).join('')}</tbody></table>`);

  out.push('<h2 id="entry-points">Entry points</h2>', r.entryPoints.length
    ? table(['Host', 'Via', 'TLS', 'Workloads'], r.entryPoints.map(e => [
      `<span class="mono">${esc(e.host)}</span>`, esc(e.via), e.tls ? '<span class="pass">yes</span>' : '<span class="fail">no</span>',
      e.workloads.map(w => peerLink(w, r.diagram)).join(', '),
    ]))
    : '<p>No Ingress or Gateway API route in the input.</p>');

  out.push('<h2 id="exposure">Exposure</h2>',
    '<p>Pods the input does not show (other namespaces, later deployments) that the policies admit, as representative peers '
    + '(<span class="mono">entire-cluster</span>: any pod of any namespace); dashed in the diagram.</p>',
    r.exposure.length
      ? table(['Workload', 'Direction', 'Exposed to', 'Ports'], r.exposure.map(e => [peerLink(e.workload, r.diagram), esc(e.direction),
        peerLink(e.peer, r.diagram), `<span class="mono">${esc(e.ports)}</span>`]), ' id="exposure-list"')
      : '<p>No workload is exposed to pods outside the input.</p>',
    r.unprotected.length ? `<p>Not isolated by any policy:</p><ul>${r.unprotected.map(u => `<li class="fail">${esc(u)}</li>`).join('')}</ul>` : '');

  if (r.changes !== undefined) out.push('<h2 id="changes">Changes from the base</h2>', `<pre class="mono">${esc(r.changes)}</pre>`);

  out.push('<h2 id="connections-list">Connections</h2>', '<p><input type="search" id="filter" placeholder="filter (namespace, workload, port)"></p>',
    table(['Source', 'Destination', 'Ports'], r.connections.map(c => [peerLink(c.source, r.diagram, c.title), peerLink(c.destination, r.diagram, c.title), `<span class="mono">${esc(c.ports)}</span>`]), ' id="connections"'));

  if (r.peers.length <= MATRIX_MAX_PEERS) {
    const cell = new Map(r.connections.map(c => [`${c.source}\u0000${c.destination}`, c.ports]));
    const ends = [...new Set([...r.peers, ...r.connections.map(c => c.destination)])];
    out.push('<h3>Matrix (rows: source, columns: destination)</h3>',
      table(['', ...ends.map(e => `<span class="mono">${esc(e)}</span>`)], r.peers.map(s => [`<span class="mono">${esc(s)}</span>`,
        ...ends.map(d => esc(cell.get(`${s}\u0000${d}`) ?? ''))]), ' class="matrix"'));
  } else {
    out.push(`<p>The matrix is shown up to ${MATRIX_MAX_PEERS} workloads; use the filter above.</p>`);
  }

  out.push('<h2 id="warnings">Warnings</h2>', r.warnings.length ? `<ul>${r.warnings.map(w => `<li>${esc(w)}</li>`).join('')}</ul>` : '<p>None.</p>');
  out.push('<h2 id="findings">Rule pack findings</h2>', r.findings.length
    ? table(['Severity', 'Rule', 'Object', 'Message', 'Fix'], r.findings.map(f => [
      `<span class="${f.severity === 'error' ? 'fail' : ''}">${esc(f.severity)}</span>`, `<span class="mono">${esc(f.ruleId)}</span>`,
      esc(`${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name ?? ''}`), esc(f.message), esc(f.fix),
    ]))
    : '<p>No findings.</p>');
  out.push('<h2 id="dns-records">DNS records to create</h2>', r.dnsRecords.length
    ? `<pre class="mono">${r.dnsRecords.map(esc).join('\n')}</pre>` : '<p>None given.</p>');
  out.push(`</main><script>${SCRIPT}</script></body></html>`);
  return out.join('\n') + '\n';
}

