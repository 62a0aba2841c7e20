/// <reference lib="dom" />
/**
 * The reports in a real browser: Debian's chromium driven by playwright-core. Each example's report
 * is opened from disk; the SVG must hold one node per diagram node and one edge per connection
 * group, the compliance table the expected results, and a screenshot is saved under
 * test-reports/browser/. Without chromium the tests are skipped, except in CI, which installs it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import type { Browser, Page } from 'playwright-core';
import { EXAMPLES } from '../../examples/examples';
import { ClusterProfile } from '../../src';
import { loadManifestFiles } from '../../src/kube/manifests';
import { NetworkReport } from '../../src/report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.join(__dirname, '../../test-reports/browser');
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
}
const describeInBrowser = available ? describe : describe.skip;

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  if (!available) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(async () => browser?.close());

async function open(name: string, report: NetworkReport): Promise<Page> {
  const file = path.join(OUT, `${name}.html`);
  fs.writeFileSync(file, await report.renderHtml());
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests: string[] = [];
  page.on('request', r => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
  await page.goto(`file://${file}`);
  expect(requests).toEqual([]); // self-contained: nothing fetched from anywhere
  return page;
}

async function counts(page: Page): Promise<{ nodes: number; edges: number; clusters: number }> {
  return page.evaluate(() => ({
    nodes: document.querySelectorAll('.diagram svg g.node').length,
    edges: document.querySelectorAll('.diagram svg g.edge').length,
    clusters: document.querySelectorAll('.diagram svg g.cluster').length,
  }));
}

async function controlResults(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#controls tbody tr')]
    .map(tr => [tr.getAttribute('data-control')!, tr.querySelector('.result')!.textContent!])));
}

describeInBrowser('reports in chromium', () => {
  test.each(EXAMPLES.map(e => [e.name, e]))('example %s: one SVG node per peer, one edge per connection group, every control evidenced', async (name, example) => {
    const app = Testing.app();
    const built = example.build(app);
    const report = NetworkReport.fromManifests(built.charts.flatMap(c => c.toJson()),
      { profile: example.profile, dnsRecords: built.dnsRecords, rulePackConfig: example.lintConfig, title: name });
    const page = await open(name, report);
    const diagram = report._diagram;
    expect(await counts(page)).toEqual({
      nodes: diagram.nodes.length,
      edges: diagram.edges.length,
      clusters: new Set(diagram.nodes.map(n => n.group).filter(g => g !== undefined)).size,
    });
    const ids = await page.evaluate(() => [...document.querySelectorAll('.diagram svg g.node')].map(g => g.id).sort());
    expect(ids).toEqual(diagram.nodes.map(n => n.id).sort());
    expect(Object.values(await controlResults(page))).toEqual(Array(9).fill('evidenced'));
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    await page.close();
  });

  test('the non-compliant fixture turns the matching controls red, with the reason', async () => {
    const report = NetworkReport._fromLoaded(loadManifestFiles([path.join(__dirname, '../fixtures/non-compliant')]), { profile: ClusterProfile.welkin() });
    const page = await open('non-compliant', report);
    const results = await controlResults(page);
    expect(results['3.13.6']).toBe('not evidenced');
    expect(results['164.312(e)(1)']).toBe('not evidenced');
    const red = await page.evaluate(() => getComputedStyle(document.querySelector('#controls tr.fail td.result')!).color);
    expect(red).toBe('rgb(207, 34, 46)');
    const reason = await page.textContent('#check-default-deny');
    expect(reason).toContain('namespace legacy: no NetworkPolicy selects every pod and isolates both ingress and egress');
    await page.click('#check-default-deny a[href^="#node-"]'); // the link into the diagram resolves
    expect(await page.evaluate(() => document.querySelector(location.hash) !== null)).toBe(true);
    await page.screenshot({ path: path.join(OUT, 'non-compliant.png'), fullPage: true });
    await page.close();
  });

  test('50 workloads: no two node labels overlap, and no edge label covers a node label', async () => {
    const objects: object[] = [];
    for (let i = 0; i < 50; i++) {
      const ns = `team-${i % 5}`;
      const labels = { app: `svc-${i}` };
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `svc-${i}`, namespace: ns },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'r/x:1' }] } } },
      });
      objects.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: `svc-${i}`, namespace: ns },
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ podSelector: { matchLabels: { app: `svc-${(i + 49) % 50}` } }, namespaceSelector: {} }], ports: [{ port: 8000 + i }] }],
          egress: [{ to: [{ podSelector: { matchLabels: { app: `svc-${(i + 1) % 50}` } }, namespaceSelector: {} }] }],
        },
      });
    }
    const report = NetworkReport.fromManifests(objects as { [key: string]: any }[]);
    expect(report._diagram.grouped).toBe(false);
    const page = await open('fifty-workloads', report);
    const boxes = await page.evaluate(() => {
      const rect = (e: Element) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; };
      return {
        nodes: [...document.querySelectorAll('.diagram svg g.node text')].map(rect),
        edges: [...document.querySelectorAll('.diagram svg g.edge text')].map(rect),
      };
    });
    expect(boxes.nodes.length).toBeGreaterThanOrEqual(100); // name and kind per workload
    const overlap = (a: typeof boxes.nodes[0], b: typeof boxes.nodes[0]) =>
      a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
    const clashes: string[] = [];
    boxes.nodes.forEach((a, i) => boxes.nodes.slice(i + 1).forEach((b, j) => { if (overlap(a, b)) clashes.push(`node ${i} / node ${i + 1 + j}`); }));
    boxes.edges.forEach((e, i) => boxes.nodes.forEach((n, j) => { if (overlap(e, n)) clashes.push(`edge label ${i} / node ${j}`); }));
    expect(clashes).toEqual([]);
    await page.screenshot({ path: path.join(OUT, 'fifty-workloads.png'), timeout: 90_000 }); // the viewport: a full page of this size is slow to capture
    await page.close();
  });
});
