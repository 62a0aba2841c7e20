/**
 * Benchmark of the construct library's synthesis (`npm run bench`, first script): charts of 100,
 * 500 and 1,000 SecureApps, each with a TlsIngress and two allowTo links, against the identical
 * manifests built as plain cdk8s ApiObjects in the same run.
 *
 * - library: construct the chart with the library's constructs, then `app.synthYaml()`
 *   (dependency ordering, validations — the guardrails the constructs attach —, JSON, YAML).
 * - plain: construct a chart of one plain ApiObject per object of the library's output, then
 *   synthesize it the same way. Its YAML is checked to be identical.
 * - library without guardrails: the library chart with its guardrails' validation stubbed out (a
 *   bench-only switch; users cannot turn them off). What the library costs over it is what the
 *   guardrails cost its synthesis: their share of the library's synth time is the guardrails share.
 *
 * Times are the process's CPU time (the benchmark machines are shared: wall time counts other
 * processes' load). Each run times the three in rotating order (so none always runs on a warmer or busier machine);
 * each figure is the median over REPEATS runs after WARMUP runs of the per-run figure. Goals, as
 * ratios within this run: library/plain <= 1.5 at every size; guardrails under 10% of the library's
 * synth time at 1,000 apps; time linear in apps (per-app time at 1,000 / per-app time at 100 close
 * to 1). `--profile` prints where the library's time goes, phase by phase.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, Guardrails, Platform, SecureApp, TlsIngress } from '../src';
import { cpuNow, table } from './support/report';

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
function libraryChart(apps: number, guardrails = true): App {
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
  if (!guardrails) {
    // Bench only: replace the validation the constructs attached (a private method) by one that checks nothing.
    Object.defineProperty(Guardrails.of(chart)!, 'validate', { value: () => [] });
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

function pct(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/** One timed synthesis: construct the app, then `app.synthYaml()` (CPU time: the machine may be shared). */
function sample(construct: () => App): { ms: number; yaml: string } {
  const t0 = cpuNow();
  const yaml = construct().synthYaml();
  return { ms: cpuNow() - t0, yaml };
}

interface Row {
  readonly apps: number;
  readonly objects: number;
  /** Median synth times (ms). */
  readonly library: number;
  readonly plain: number;
  readonly unguarded: number;
  /** Median and largest of the per-run library/plain ratios. */
  readonly ratio: number;
  readonly worstRatio: number;
  /** Median of the per-run (library - library without guardrails) / library. */
  readonly guardrailsShare: number;
}

function measure(apps: number): Row {
  const objects = libraryChart(apps).charts[0].toJson();
  const variants = [() => libraryChart(apps), () => plainChart(objects), () => libraryChart(apps, false)];
  const times: number[][] = [[], [], []];
  for (let run = 0; run < WARMUP + REPEATS; run++) {
    const results: Array<{ ms: number; yaml: string }> = [];
    for (let k = 0; k < variants.length; k++) {
      const v = (run + k) % variants.length;
      results[v] = sample(variants[v]);
    }
    if (results.some(r => r.yaml !== results[0].yaml)) {
      throw new Error(`the plain chart (or the library chart without guardrails) of ${apps} apps does not synthesize the same YAML as the library chart`);
    }
    if (run >= WARMUP) results.forEach((r, v) => times[v].push(r.ms));
  }
  const [library, plain, unguarded] = times;
  const ratios = library.map((l, i) => l / plain[i]);
  return {
    apps,
    objects: objects.length,
    library: median(library),
    plain: median(plain),
    unguarded: median(unguarded),
    ratio: median(ratios),
    worstRatio: Math.max(...ratios),
    guardrailsShare: median(library.map((l, i) => (l - unguarded[i]) / l)),
  };
}

/** Where the library's time goes: construction (by construct) versus synthesis, with simple timers. */
function profile(apps: number): void {
  const phases: { [phase: string]: number } = {};
  const add = (phase: string, ms: number) => { phases[phase] = (phases[phase] ?? 0) + ms; };
  for (let run = 0; run < WARMUP + REPEATS; run++) {
    const t0 = cpuNow();
    const app = new App();
    const chart = new Chart(app, 'bench');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const namespaces: DefaultDenyNamespace[] = [];
    for (let n = 0; n < Math.ceil(apps / APPS_PER_NAMESPACE); n++) namespaces.push(new DefaultDenyNamespace(chart, `team-${n}`));
    const t1 = cpuNow();
    const secureApps: SecureApp[] = [];
    let ingressMs = 0;
    for (let i = 0; i < apps; i++) {
      secureApps.push(new SecureApp(chart, `app-${i}`, { namespace: namespaces[Math.floor(i / APPS_PER_NAMESPACE)], image: `harbor.example.com/bench/app-${i}:1.0.${i}`, port: 8080 }));
      const ti = cpuNow();
      new TlsIngress(chart, `ingress-${i}`, { app: secureApps[i], host: `app-${i}.example.com` });
      ingressMs += cpuNow() - ti;
    }
    const t2 = cpuNow();
    for (let i = 0; i < apps; i++) {
      secureApps[i].allowTo(secureApps[(i + 1) % apps]);
      secureApps[i].allowTo(secureApps[(i + 7) % apps]);
    }
    const t3 = cpuNow();
    app.synthYaml();
    const t4 = cpuNow();
    if (run >= WARMUP) {
      add('namespaces', t1 - t0);
      add('SecureApp constructors', t2 - t1 - ingressMs);
      add('TlsIngress constructors', ingressMs);
      add('allowTo links', t3 - t2);
      add('app.synthYaml() (ordering, validation, JSON, YAML)', t4 - t3);
    }
  }
  console.log(`\nWhere the library's time goes at ${apps} apps (CPU time, mean of ${REPEATS} runs):`);
  for (const [phase, ms] of Object.entries(phases)) console.log(`  ${phase.padEnd(55)} ${fmt(ms / REPEATS)} ms`);
}

function main(): void {
  const args = process.argv.slice(2);
  console.log(`bench/synth: ${SIZES.join(', ')} SecureApps, each with a TlsIngress and two allowTo links (${APPS_PER_NAMESPACE} apps per`
    + ` DefaultDenyNamespace); median of ${REPEATS} runs after ${WARMUP} warm-up runs; node ${process.version}`);
  const rows = SIZES.map(measure);
  const base = rows[0];
  const perApp = (r: Row) => r.library / r.apps;
  console.log('');
  console.log('synth = construct + app.synthYaml(); CPU times in ms; ratio = library/plain (median and worst of the runs);'
    + ' guardrails share = (library - library without guardrails) / library');
  console.log(table(
    ['apps', 'objects', 'library', 'plain', 'library without guardrails', 'ratio', 'worst ratio', 'guardrails share', 'library ms/app', 'growth vs 100'],
    rows.map(r => [
      String(r.apps), String(r.objects), fmt(r.library), fmt(r.plain), fmt(r.unguarded), r.ratio.toFixed(2), r.worstRatio.toFixed(2),
      pct(r.guardrailsShare), perApp(r).toFixed(3), `x${(perApp(r) / perApp(base)).toFixed(2)}`,
    ]),
  ));
  const last = rows[rows.length - 1];
  const growth = perApp(last) / perApp(base);
  const worst = Math.max(...rows.map(r => r.ratio));
  console.log('');
  console.log(`ratio library/plain: ${rows.map(r => `${r.ratio.toFixed(2)} at ${r.apps}`).join(', ')} (goal <= 1.5 at every size): ${worst <= 1.5 ? 'met' : 'NOT met'}`);
  console.log(`guardrails share of the library's synth time at ${last.apps} apps: ${pct(last.guardrailsShare)} (goal < 10%): ${last.guardrailsShare < 0.1 ? 'met' : 'NOT met'}`);
  console.log(`per-app synth time ${base.apps} -> ${last.apps} apps: x${growth.toFixed(2)} (linear: about 1): ${growth <= 1.5 ? 'met' : 'NOT met'}`);
  if (args.includes('--profile')) profile(last.apps);
}

main();
