// Regenerates docs/images/report-user-demo.png, the README's picture of the user demo's report
// (diagram and compliance table), with Debian's chromium. Usage:
//   ts-node --transpile-only --project test/tsconfig.json tools/report-screenshot.ts
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { chromium } from 'playwright-core';
import { NetworkReport } from '../src/report';
import { userDemo } from '../examples/user-demo/user-demo';

async function main(): Promise<void> {
  const built = userDemo.build(Testing.app());
  const report = NetworkReport.fromManifests(built.charts.flatMap(c => c.toJson()),
    { profile: userDemo.profile, dnsRecords: built.dnsRecords, rulePackConfig: userDemo.lintConfig, title: 'user-demo' });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'user-demo.html');
  fs.writeFileSync(file, await report.renderHtml());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(`file://${file}`);
  const out = path.join(__dirname, '../docs/images/report-user-demo.png');
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1200, height: 900 } });
  await browser.close();
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

void main();
