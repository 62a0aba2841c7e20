import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Guardrails } from '../../src/cdk8s';
import { Severity } from '../../src/rules/severity';
import { SUPPRESS_ANNOTATION } from '../../src/rules/suppressions';
import { expectNoFindings, guardrailsMatchers, lintSubject } from '../../src/testing';
import { synth } from '../constructs/helpers';
import { goodObjects } from '../rules/helpers';

expect.extend(guardrailsMatchers);

/** A chart holding the given objects (default: the good fixture) as ApiObjects. */
function chartOf(app: App, id: string, objects = goodObjects()): Chart {
  const chart = new Chart(app, id);
  for (const obj of objects) {
    new ApiObject(chart, `${obj.kind}-${obj.metadata.name}`, obj as any);
  }
  return chart;
}

/** What a library construct does: attach the guardrails from its constructor. */
class LibraryConstruct extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    Guardrails.ensureAttached(this);
  }
}

function badObjects() {
  const objects = goodObjects();
  const deployment = objects.find(o => o.kind === 'Deployment')!;
  deployment.spec.template.spec.containers[0].image = 'nginx:latest';
  return objects;
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('synth-time enforcement', () => {
  test('a chart with library constructs and good output synthesizes', () => {
    const chart = chartOf(Testing.app(), 'good');
    new LibraryConstruct(chart, 'lib');
    expect(synth(chart)).toHaveLength(10);
    expect(warn).not.toHaveBeenCalled();
  });

  test('an error fails the synth, naming the object, the rule, the fix and the construct', () => {
    const chart = chartOf(Testing.app(), 'bad', badObjects());
    new LibraryConstruct(chart, 'lib');
    expect(() => Testing.synth(chart)).toThrow(
      "[bad] [image-tag-pinned] Deployment demo/web: container 'web' uses image 'nginx:latest' with the tag latest. "
      + 'Fix: Use an explicit version tag (e.g. `:1.16.0`) or a digest (`@sha256:...`). '
      + `(construct bad/Deployment-web; if this is intended, annotate the object ${SUPPRESS_ANNOTATION}: "image-tag-pinned: <reason>")`);
  });

  test('app.synth fails too, and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-'));
    const app = new App({ outdir });
    new LibraryConstruct(chartOf(app, 'bad', badObjects()), 'lib');
    expect(() => app.synth()).toThrow(/Validation failed with the following errors:\n {2}\[bad\] \[image-tag-pinned\]/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('warnings are printed once each and do not fail the synth', () => {
    const objects = goodObjects();
    objects.find(o => o.kind === 'Deployment')!.spec.replicas = 1;
    const chart = chartOf(Testing.app(), 'warn', objects.filter(o => o.kind !== 'PodDisruptionBudget'));
    new LibraryConstruct(chart, 'a');
    new LibraryConstruct(chart, 'b');
    Testing.synth(chart);
    Testing.synth(chart);
    expect(warn.mock.calls).toEqual([[
      'cdk8s-netsec warning [min-replicas] Deployment demo/web has replicas 1. Fix: Set `spec.replicas` to 2 or more, '
      + 'or suppress with the reason a single replica is acceptable. (construct warn/Deployment-web)',
    ]]);
  });

  test('ensureAttached attaches once per chart: one error per finding however many constructs call it', () => {
    const chart = chartOf(Testing.app(), 'bad', badObjects());
    const first = Guardrails.ensureAttached(chart);
    new LibraryConstruct(chart, 'a');
    new LibraryConstruct(chart, 'b');
    expect(Guardrails.ensureAttached(chart)).toBe(first);
    expect(Guardrails.of(chart)).toBe(first);
    expect(chart.node.validate()).toHaveLength(1);
  });

  test('ensureAttached merges the options constructs pass (platform facts) over the current ones', () => {
    const objects = goodObjects();
    // Not one of Welkin's service IPs (which the rule pack accepts by default): only the platform's facts admit it.
    objects.find(o => o.metadata.name === 'allow-dns')!.spec.egress[0].to.push({ ipBlock: { cidr: '10.96.0.10/32' } });
    const chart = chartOf(Testing.app(), 'dns', objects);
    Guardrails.apply(chart, { disabledRules: ['min-replicas'] });
    expect(Guardrails.of(chart)!.findings().findings.map(f => f.ruleId)).toEqual(['dns-egress']);
    Guardrails.ensureAttached(chart, { dnsCidrs: ['10.96.0.10/32'] });
    expect(Guardrails.of(chart)!.findings().findings).toEqual([]);
    objects.find(o => o.kind === 'Deployment')!.spec.replicas = 1;
    const single = chartOf(Testing.app(), 'single', objects.filter(o => o.kind !== 'PodDisruptionBudget'));
    Guardrails.apply(single, { disabledRules: ['min-replicas'] });
    Guardrails.ensureAttached(single, { dnsCidrs: ['10.96.0.10/32'] });
    expect(Guardrails.of(single)!.findings().findings).toEqual([]); // min-replicas stays disabled
  });

  test('charts without library constructs are not checked unless guardrails are applied', () => {
    const chart = chartOf(Testing.app(), 'plain', badObjects());
    expect(Guardrails.of(chart)).toBeUndefined();
    expect(() => synth(chart)).not.toThrow();
    Guardrails.apply(chart);
    expect(() => Testing.synth(chart)).toThrow(/image-tag-pinned/);
  });

  test('a suppression annotation on the object lets the synth pass', () => {
    const objects = badObjects();
    objects.find(o => o.kind === 'Deployment')!.metadata.annotations = { [SUPPRESS_ANNOTATION]: 'image-tag-pinned: upstream only publishes latest' };
    const chart = chartOf(Testing.app(), 'suppressed', objects);
    new LibraryConstruct(chart, 'lib');
    expect(() => synth(chart)).not.toThrow();
    expect(Guardrails.of(chart)!.findings().suppressed.map(f => f.ruleId)).toEqual(['image-tag-pinned']);
  });

  test('apply configures the pack: disabled rules and severity overrides', () => {
    const chart = chartOf(Testing.app(), 'configured', badObjects());
    new LibraryConstruct(chart, 'lib');
    Guardrails.apply(chart, { severityOverrides: { 'image-tag-pinned': Severity.WARNING }, printWarnings: false });
    expect(() => synth(chart)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
    Guardrails.apply(chart, { disabledRules: ['image-tag-pinned'] });
    expect(Guardrails.of(chart)!.findings().findings).toEqual([]);
    expect(() => Guardrails.apply(chart, { disabledRules: ['image-tag'] })).toThrow(/unknown rule id\(s\) in the rule pack configuration: image-tag;/);
  });

  test('other charts of the app are context: a namespace chart covers the app chart', () => {
    const app = Testing.app();
    const all = goodObjects();
    const isNamespaceLevel = (o: any) => o.kind === 'Namespace' || ['default-deny', 'allow-dns'].includes(o.metadata.name);
    const nsChart = chartOf(app, 'namespace', all.filter(isNamespaceLevel));
    const appChart = chartOf(app, 'app', all.filter(o => !isNamespaceLevel(o)));
    new LibraryConstruct(nsChart, 'lib');
    new LibraryConstruct(appChart, 'lib');
    expect(Guardrails.check(appChart).findings).toEqual([]);
    expect(Guardrails.check(appChart).objectCount).toBe(7);
    expect(() => synth(appChart)).not.toThrow();
    // Alone, the app chart has no default-deny.
    expect(Guardrails.check(chartOf(Testing.app(), 'alone', all.filter(o => !isNamespaceLevel(o)))).findings.map(f => f.ruleId)).toContain('default-deny');
  });
});

describe('one resolution per synthesis, shared by the guardrails and the output', () => {
  /** Counts the ApiObjects resolved (`ApiObject.toJson`) while `body` runs. */
  function resolutions(body: () => void): number {
    const spy = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      body();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }
  const deploymentOf = (chart: Chart) => chart.node.findAll().find(c => ApiObject.isApiObject(c) && c.kind === 'Deployment') as ApiObject;
  const IMAGE = '/spec/template/spec/containers/0/image';

  test('each object is resolved once per synthesis, however many times cdk8s validates', () => {
    const app = Testing.app();
    const chart = chartOf(app, 'good');
    new LibraryConstruct(chart, 'lib');
    expect(resolutions(() => Testing.synth(chart))).toBe(10);
    expect(resolutions(() => app.synthYaml())).toBe(10);
    // Without the sharing, the output alone resolves each object once, and each validation once more.
    const plain = chartOf(Testing.app(), 'plain');
    expect(resolutions(() => Testing.synth(plain))).toBe(10);
  });

  test('with several charts, each object is resolved once for all the guardrails and the output', () => {
    const app = Testing.app();
    const all = goodObjects();
    const isNamespaceLevel = (o: any) => o.kind === 'Namespace' || ['default-deny', 'allow-dns'].includes(o.metadata.name);
    new LibraryConstruct(chartOf(app, 'namespace', all.filter(isNamespaceLevel)), 'lib');
    new LibraryConstruct(chartOf(app, 'app', all.filter(o => !isNamespaceLevel(o))), 'lib');
    let yaml = '';
    expect(resolutions(() => { yaml = app.synthYaml(); })).toBe(10);
    const plain = Testing.app();
    chartOf(plain, 'namespace', all.filter(isNamespaceLevel));
    chartOf(plain, 'app', all.filter(o => !isNamespaceLevel(o)));
    expect(yaml).toEqual(plain.synthYaml());
  });

  test('the output is what the guardrails checked, and equals the same objects without guardrails', () => {
    const guarded = chartOf(Testing.app(), 'c');
    new LibraryConstruct(guarded, 'lib');
    expect(Testing.synth(guarded)).toEqual(Testing.synth(chartOf(Testing.app(), 'c')));
    // Nothing of the synthesis stays on the objects.
    expect(guarded.node.findAll().filter(c => ApiObject.isApiObject(c) && Object.prototype.hasOwnProperty.call(c, 'toJson'))).toEqual([]);
  });

  test('an object modified after construction is checked as synthesized', () => {
    const chart = chartOf(Testing.app(), 'patched');
    new LibraryConstruct(chart, 'lib');
    deploymentOf(chart).addJsonPatch(JsonPatch.replace(IMAGE, 'nginx:latest'));
    expect(() => Testing.synth(chart)).toThrow(/\[image-tag-pinned\] Deployment demo\/web: container 'web' uses image 'nginx:latest'/);
  });

  test('synthesizing twice sees the changes made in between, in the findings and in the output', () => {
    const objects = goodObjects();
    const chart = chartOf(Testing.app(), 'twice', objects);
    new LibraryConstruct(chart, 'lib');
    expect(Testing.synth(chart).find(o => o.kind === 'Deployment').spec.replicas).toBe(2);
    // The ApiObject holds the props it was given: changing them changes the next synthesis.
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    deployment.spec.template.spec.containers[0].image = 'nginx:latest';
    expect(() => Testing.synth(chart)).toThrow(/image-tag-pinned/);
    deployment.spec.template.spec.containers[0].image = 'nginx:1.27.0';
    deployment.spec.replicas = 3;
    expect(Testing.synth(chart).find(o => o.kind === 'Deployment').spec.replicas).toBe(3);
    expect(Testing.synth(chart).find(o => o.kind === 'Deployment').spec.template.spec.containers[0].image).toBe('nginx:1.27.0');
  });

  test('a chart added after a synthesis is part of the next one, as context and checked', () => {
    const app = Testing.app();
    const all = goodObjects();
    const isNamespaceLevel = (o: any) => o.kind === 'Namespace' || ['default-deny', 'allow-dns'].includes(o.metadata.name);
    new LibraryConstruct(chartOf(app, 'app', all.filter(o => !isNamespaceLevel(o))), 'lib');
    expect(() => app.synthYaml()).toThrow(/\[default-deny\]/);
    const late = chartOf(app, 'namespace', all.filter(isNamespaceLevel));
    expect(() => app.synthYaml()).not.toThrow();
    // The late chart is checked too once it has guardrails.
    new ApiObject(late, 'bad', { ...badObjects().find(o => o.kind === 'Deployment')!, metadata: { name: 'other', namespace: 'demo' } } as any);
    expect(() => app.synthYaml()).not.toThrow();
    new LibraryConstruct(late, 'lib');
    expect(() => app.synthYaml()).toThrow(/\[namespace\] \[image-tag-pinned\] Deployment demo\/other/);
  });

  test('outside a synthesis, check and findings see the objects as they are now', () => {
    const chart = chartOf(Testing.app(), 'now');
    new LibraryConstruct(chart, 'lib');
    Testing.synth(chart);
    expect(Guardrails.check(chart).findings).toEqual([]);
    deploymentOf(chart).addJsonPatch(JsonPatch.replace(IMAGE, 'nginx:latest'));
    expect(Guardrails.of(chart)!.findings().findings.map(f => f.ruleId)).toEqual(['image-tag-pinned']);
    expect(chart.node.validate()).toHaveLength(1);
    expect(() => Testing.synth(chart)).toThrow(/image-tag-pinned/);
  });
});

describe('test helpers', () => {
  test('Guardrails.assertNoFindings and expectNoFindings throw with the report', () => {
    const bad = chartOf(Testing.app(), 'bad', badObjects());
    expect(() => Guardrails.assertNoFindings(bad)).toThrow(/expected no guardrail findings in chart bad, got:\nERROR {3}image-tag-pinned \(bad\/Deployment-web\)/);
    expect(() => expectNoFindings(bad)).toThrow(/image-tag-pinned/);
    const good = chartOf(Testing.app(), 'good');
    expect(() => Guardrails.assertNoFindings(good)).not.toThrow();
    expect(() => expectNoFindings(good)).not.toThrow();
  });

  test('expectNoFindings and the matcher take a chart or plain objects', () => {
    const good = chartOf(Testing.app(), 'good');
    expect(good).toHaveNoFindings();
    expect(synth(good)).toHaveNoFindings();
    expect(badObjects()).not.toHaveNoFindings();
    expect(() => expect(badObjects()).toHaveNoFindings()).toThrow(/ERROR {3}image-tag-pinned \(<objects>, document 6\)/);
    expect(() => expectNoFindings(42 as any)).toThrow('expected a cdk8s Chart, an array of Kubernetes objects or manifest text');
  });

  test('manifest text is read as kubectl reads it: `privileged: on` is privileged', () => {
    const pod = (value: string) => 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\n'
      + `spec: {containers: [{name: c, image: "r/i@sha256:${'0'.repeat(64)}", securityContext: {privileged: ${value}}}]}\n`;
    const privileged = (text: string) => lintSubject(text).findings.some(f => f.ruleId === 'no-privilege-escalation' && /is privileged/.test(f.message));
    expect(privileged(pod('on'))).toBe(true);
    expect(privileged(pod('"on"'))).toBe(false);
    expect(() => expectNoFindings('nope')).toThrow(/<manifests> \(document 0\): line 1: expected a Kubernetes object/);
  });
});
