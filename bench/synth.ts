/**
 * Benchmark of the construct library's synthesis (`npm run bench`, first script): charts of 100,
 * 500 and 1,000 SecureApps, each with a TlsIngress and two allowTo links, against the identical
 * manifests built as plain cdk8s ApiObjects in the same run.
 *
 * - library: construct the chart with the library's constructs, then synthesize it to YAML
 *   (`App.synthYaml()`: dependency ordering, validations, JSON resolution, YAML).
 * - plain: take that chart's JSON, then time constructing a fresh chart of one ApiObject per
 *   object from it and synthesizing it the same way. The outputs are checked to be identical.
 *
 * Each figure is the median of REPEATS runs after WARMUP runs. Goals, as ratios within this run:
 * library/plain <= 2 at 1,000 apps; time linear in apps (per-app time roughly constant, growth
 * factor = per-app time at 1,000 / per-app time at 100 close to 1).
 *
 * The library's synth includes the guardrails rule pack, which the constructs attach to their chart
 * automatically (a chart validation): that is what users pay. Also printed: the same without YAML
 * serialization (construct + `chart.toJson()`, no validations), where the constructs' own overhead
 * shows more. `--profile` prints where the library's time goes, phase by phase.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, Platform, SecureApp, TlsIngress } from '../src';
import { now, table } from './support/report';

const SIZES = [100, 500, 1000];
const APPS_PER_NAMESPACE = 20;
const WARMUP = 1;
const REPEATS = 5;

type Json = { [key: string]: any };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * `apps` SecureApps in namespaces of APPS_PER_NAMESPACE, each with a TlsIngress on its own host and
 * two allowTo links: to the next app and to the app seven further on (often in another namespace).
 */
function libraryChart(apps: number): App {
  const app = new App();
  const chart = new Chart(app, 'bench');
  Platform.welkin({ domain: 'example.com' }).registerOn(chart);
  const namespaces: DefaultDenyNamespace[] = [];
  for (let n = 0; n < Math.ceil(apps / APPS_PER_NAMESPACE); n++) {
    namespaces.push(new DefaultDenyNamespace(chart, `team-${n}`));
  }
  const secureApps: SecureApp[] = [];
  for (let i = 0; i < apps; i++) {
    const secureApp = new SecureApp(chart, `app-${i}`, {
      namespace: namespaces[Math.floor(i / APPS_PER_NAMESPACE)],
      image: `harbor.example.com/bench/app-${i}:1.0.${i}`,
      port: 8080,
    });
    new TlsIngress(chart, `ingress-${i}`, { app: secureApp, host: `app-${i}.example.com` });
    secureApps.push(secureApp);
  }
  for (let i = 0; i < apps; i++) {
    secureApps[i].allowTo(secureApps[(i + 1) % apps]);
    secureApps[i].allowTo(secureApps[(i + 7) % apps]);
  }
  return app;
}

/** The same manifests as plain ApiObjects, one per object, in the same order. */
function plainChart(objects: readonly Json[]): App {
  const app = new App();
  const chart = new Chart(app, 'bench');
  objects.forEach((obj, i) => new ApiObject(chart, `o${i}`, obj as any));
  return app;
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

interface Sample {
  /** Construct the chart and `chart.toJson()` (in memory). */
  readonly jsonMs: number;
  /** Construct the chart and `app.synthYaml()` (the whole synthesis, YAML included). */
  readonly synthMs: number;
}

interface Row {
  readonly apps: number;
  readonly objects: number;
  readonly library: Sample;
  readonly plain: Sample;
  /** Median of the per-run library/plain synth ratios (runs alternate, so both see the same machine load). */
  readonly ratio: number;
}

/** One timed run: construct, then `chart.toJson()`, then `app.synthYaml()` (which repeats toJson). */
function sample(construct: () => App): { sample: Sample; yaml: string; app: App } {
  const t0 = now();
  const app = construct();
  const t1 = now();
  app.charts[0].toJson();
  const t2 = now();
  const yaml = app.synthYaml();
  const t3 = now();
  return { sample: { jsonMs: t2 - t0, synthMs: (t1 - t0) + (t3 - t2) }, yaml, app };
}

function medianSample(samples: Sample[]): Sample {
  return { jsonMs: median(samples.map(s => s.jsonMs)), synthMs: median(samples.map(s => s.synthMs)) };
}

function measure(apps: number): Row {
  const first = sample(() => libraryChart(apps));
  const objects = first.app.charts[0].toJson();
  const library: Sample[] = [];
  const plain: Sample[] = [];
  for (let run = 0; run < WARMUP + REPEATS; run++) {
    // Alternate the order so that neither side always runs on a warmer (or busier) machine.
    const pair = run % 2 === 0
      ? [sample(() => libraryChart(apps)), sample(() => plainChart(objects))]
      : [sample(() => plainChart(objects)), sample(() => libraryChart(apps))].reverse();
    if (pair[1].yaml !== pair[0].yaml) {
      throw new Error(`the plain chart of ${apps} apps does not synthesize the same YAML as the library chart`);
    }
    if (run >= WARMUP) {
      library.push(pair[0].sample);
      plain.push(pair[1].sample);
    }
  }
  return {
    apps,
    objects: objects.length,
    library: medianSample(library),
    plain: medianSample(plain),
    ratio: median(library.map((l, i) => l.synthMs / plain[i].synthMs)),
  };
}

/** Where the library's time goes: construction (by construct) versus synthesis, with simple timers. */
function profile(apps: number): void {
  const phases: { [phase: string]: number } = {};
  const add = (phase: string, ms: number) => { phases[phase] = (phases[phase] ?? 0) + ms; };
  for (let run = 0; run < WARMUP + REPEATS; run++) {
    const t0 = now();
    const app = new App();
    const chart = new Chart(app, 'bench');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const namespaces: DefaultDenyNamespace[] = [];
    for (let n = 0; n < Math.ceil(apps / APPS_PER_NAMESPACE); n++) namespaces.push(new DefaultDenyNamespace(chart, `team-${n}`));
    const t1 = now();
    const secureApps: SecureApp[] = [];
    let ingressMs = 0;
    for (let i = 0; i < apps; i++) {
      secureApps.push(new SecureApp(chart, `app-${i}`, { namespace: namespaces[Math.floor(i / APPS_PER_NAMESPACE)], image: `harbor.example.com/bench/app-${i}:1.0.${i}`, port: 8080 }));
      const ti = now();
      new TlsIngress(chart, `ingress-${i}`, { app: secureApps[i], host: `app-${i}.example.com` });
      ingressMs += now() - ti;
    }
    const t2 = now();
    for (let i = 0; i < apps; i++) {
      secureApps[i].allowTo(secureApps[(i + 1) % apps]);
      secureApps[i].allowTo(secureApps[(i + 7) % apps]);
    }
    const t3 = now();
    const json = chart.toJson();
    const t4 = now();
    app.synthYaml();
    const t5 = now();
    if (run >= WARMUP && json.length > 0) {
      add('namespaces', t1 - t0);
      add('SecureApp constructors', t2 - t1 - ingressMs);
      add('TlsIngress constructors', ingressMs);
      add('allowTo links', t3 - t2);
      add('chart.toJson()', t4 - t3);
      add('app.synthYaml() (ordering, validation, toJson, YAML)', t5 - t4);
    }
  }
  console.log(`\nWhere the library's time goes at ${apps} apps (mean of ${REPEATS} runs; synthYaml repeats toJson):`);
  for (const [phase, ms] of Object.entries(phases)) console.log(`  ${phase.padEnd(55)} ${fmt(ms / REPEATS)} ms`);
}

function main(): void {
  const args = process.argv.slice(2);
  console.log(`bench/synth: ${SIZES.join(', ')} SecureApps, each with a TlsIngress and two allowTo links (${APPS_PER_NAMESPACE} apps per`
    + ` DefaultDenyNamespace); median of ${REPEATS} runs after ${WARMUP} warm-up runs; node ${process.version}`);
  const rows = SIZES.map(measure);
  const base = rows[0];
  const perApp = (r: Row) => r.library.synthMs / r.apps;
  console.log('');
  console.log('synth = construct + app.synthYaml() (library: guardrails included); in memory = construct + chart.toJson(); times in ms');
  console.log(table(
    ['apps', 'objects', 'library synth', 'plain synth', 'ratio', 'library ms/app', 'growth vs 100', 'library in memory', 'plain in memory',
      'ratio in memory'],
    rows.map(r => [
      String(r.apps), String(r.objects), fmt(r.library.synthMs), fmt(r.plain.synthMs), r.ratio.toFixed(2),
      perApp(r).toFixed(3), `x${(perApp(r) / perApp(base)).toFixed(2)}`,
      fmt(r.library.jsonMs), fmt(r.plain.jsonMs), (r.library.jsonMs / r.plain.jsonMs).toFixed(2),
    ]),
  ));
  const last = rows[rows.length - 1];
  const growth = perApp(last) / perApp(base);
  console.log('');
  console.log(`ratio library/plain at ${last.apps} apps: ${last.ratio.toFixed(2)} (goal <= 2): ${last.ratio <= 2 ? 'met' : 'NOT met'}`);
  console.log(`per-app synth time ${base.apps} -> ${last.apps} apps: x${growth.toFixed(2)} (linear: about 1): ${growth <= 1.5 ? 'met' : 'NOT met'}`);
  if (args.includes('--profile')) profile(last.apps);
}

main();
