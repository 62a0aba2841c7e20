// The report formats. Snapshots show whole outputs for review; targeted tests pin the conventions.
import { analyze, deployment, policy } from './fixtures';
import { NetworkAnalysis, ReportFormat } from '../../src/analysis';

function sample(): NetworkAnalysis {
  return analyze([
    deployment('shop', 'web', { app: 'web' }),
    deployment('shop', 'api', { app: 'api' }),
    policy('shop', 'api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }, { port: 8080, endPort: 8090 }, { port: 53, protocol: 'UDP' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 5432 }] }],
    }),
  ]);
}

describe('report formats', () => {
  const a = sample();

  test('text: one sorted "SRC => DST : CONN" line per pair, address ranges first', () => {
    expect(a.render(ReportFormat.TEXT)).toBe([
      '0.0.0.0-255.255.255.255 => shop/web[Deployment] : All Connections',
      'shop/api[Deployment] => 10.0.0.0-10.255.255.255 : TCP 5432',
      'shop/web[Deployment] => 0.0.0.0-255.255.255.255 : All Connections',
      'shop/web[Deployment] => shop/api[Deployment] : TCP 80,8080-8090,UDP 53',
      '',
    ].join('\n'));
  });

  test('json: netpol-analyzer\'s [{src, dst, conn}]', () => {
    const parsed = JSON.parse(a.render(ReportFormat.JSON));
    expect(parsed[3]).toEqual({ src: 'shop/web[Deployment]', dst: 'shop/api[Deployment]', conn: 'TCP 80,8080-8090,UDP 53' });
    expect(parsed).toHaveLength(a.connections.length);
  });

  test('csv: header, and connections with commas are quoted', () => {
    const rows = a.render(ReportFormat.CSV).trimEnd().split('\n');
    expect(rows[0]).toBe('src,dst,conn');
    expect(rows[4]).toBe('shop/web[Deployment],shop/api[Deployment],"TCP 80,8080-8090,UDP 53"');
  });

  test('md: a table, then the warnings and the kinds not analysed', () => {
    const withWarning = analyze([deployment('x', 'a', { app: 'a' }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      policy('x', 'p', { podSelector: { matchExpressions: [{ key: 'a', operator: 'Bad' }] } })]);
    const md = withWarning.render(ReportFormat.MARKDOWN);
    expect(md.split('\n').slice(0, 2)).toEqual(['| src | dst | conn |', '|---|---|---|']);
    expect(md).toMatch(/\*\*Warnings\*\*\n\n- NetworkPolicy x\/p: podSelector unknown operator 'Bad'/);
    expect(md).toMatch(/\n\*\*Not analysed\*\*: ConfigMap \(1\)\n$/);
  });

  test.each(ReportFormat.all().map(f => [f.name, f] as const))('%s snapshot', (_name, format) => {
    expect(a.render(format)).toMatchSnapshot();
  });

  test('formats parse from their names', () => {
    expect(ReportFormat.of('markdown')).toBe(ReportFormat.MARKDOWN);
    expect(ReportFormat.of('MERMAID')).toBe(ReportFormat.MERMAID);
    expect(() => ReportFormat.of('svg')).toThrow(/unknown report format 'svg' \(valid: text, json, md, csv, dot, mermaid\)/);
  });

  test('an empty analysis renders empty reports that stay valid', () => {
    const empty = analyze([]);
    expect(empty.render(ReportFormat.TEXT)).toBe('');
    expect(JSON.parse(empty.render(ReportFormat.JSON))).toEqual([]);
  });
});
