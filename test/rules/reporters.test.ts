import { goodObjects, lint, web } from './helpers';
import { LintResult } from '../../src/rules/finding';
import { OutputFormat, RulePack } from '../../src/rules/rule-pack';
import { SUPPRESS_ANNOTATION } from '../../src/rules/suppressions';

function sample(): LintResult {
  const objects = goodObjects();
  const { deployment, container } = web(objects);
  container.image = 'nginx:latest';
  deployment.spec.replicas = 1;
  objects.find(o => o.kind === 'Service')!.metadata.annotations = { [SUPPRESS_ANNOTATION]: 'service-type: debugging only' };
  objects.find(o => o.kind === 'Service')!.spec.type = 'NodePort';
  return lint(objects);
}

describe('text reporter', () => {
  test('prints severity, rule, location, message and fix per finding, then a summary', () => {
    const text = RulePack.render(sample(), OutputFormat.TEXT);
    expect(text).toBe([
      'ERROR   image-tag-pinned (test.yaml, document 6)',
      "  Deployment demo/web: container 'web' uses image 'nginx:latest' with the tag latest",
      '  fix: Use an explicit version tag (e.g. `:1.16.0`) or a digest (`@sha256:...`).',
      'WARNING min-replicas (test.yaml, document 6)',
      '  Deployment demo/web has replicas 1',
      '  fix: Set `spec.replicas` to 2 or more, or suppress with the reason a single replica is acceptable.',
      'suppressed service-type (test.yaml, document 8): Service demo/web has type "NodePort"',
      '  reason: debugging only',
      '',
      '1 error, 1 warning, 1 suppressed in 10 objects',
      '',
    ].join('\n'));
  });

  test('says so when there is nothing to report', () => {
    expect(RulePack.render(lint(goodObjects()), OutputFormat.TEXT)).toBe('0 errors, 0 warnings, 0 suppressed in 10 objects\n');
  });
});

describe('json reporter', () => {
  test('has a summary and the findings as structured data', () => {
    const json = JSON.parse(RulePack.render(sample(), OutputFormat.JSON));
    expect(json.summary).toEqual({ errors: 1, warnings: 1, suppressed: 1, objects: 10 });
    expect(json.findings[0]).toEqual({
      ruleId: 'image-tag-pinned',
      title: 'Images have a pinned tag or digest, never `latest`',
      severity: 'error',
      message: "Deployment demo/web: container 'web' uses image 'nginx:latest' with the tag latest",
      fix: 'Use an explicit version tag (e.g. `:1.16.0`) or a digest (`@sha256:...`).',
      object: { kind: 'Deployment', name: 'web', namespace: 'demo', apiVersion: 'apps/v1' },
      source: 'test.yaml',
      documentIndex: 6,
    });
    expect(json.suppressed.map((f: any) => [f.ruleId, f.suppression])).toEqual([['service-type', 'debugging only']]);
  });
});

describe('SARIF reporter', () => {
  const sarif = JSON.parse(RulePack.render(sample(), OutputFormat.SARIF));
  const run = sarif.runs[0];

  test('is SARIF 2.1.0 with the whole pack as rules metadata', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(run.tool.driver.name).toBe('cdk8s-netsec');
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(RulePack.allRules().map(r => r.id));
    expect(run.tool.driver.rules.find((r: any) => r.id === 'min-replicas')).toEqual({
      id: 'min-replicas',
      name: 'MinReplicas',
      shortDescription: { text: 'Deployments and StatefulSets run at least 2 replicas' },
      fullDescription: { text: expect.stringContaining('Stands for: Gatekeeper minimum replicas (warn)') },
      help: { text: expect.stringContaining('spec.replicas') },
      defaultConfiguration: { level: 'warning' },
      properties: expect.objectContaining({ standsFor: expect.any(String) }),
    });
  });

  test('results point at the rule, the file and the object (kind/namespace/name)', () => {
    const result = run.results[0];
    expect(result.ruleId).toBe('image-tag-pinned');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('image-tag-pinned');
    expect(result.level).toBe('error');
    expect(result.message.text).toContain("uses image 'nginx:latest'");
    expect(result.locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'test.yaml' }, region: { startLine: 1 } },
      logicalLocations: [{ name: 'web', fullyQualifiedName: 'demo/Deployment/web', kind: 'resource' }],
    }]);
    expect(result.properties).toEqual({ kind: 'Deployment', namespace: 'demo', name: 'web', documentIndex: 6 });
  });

  test('results carry a line-independent fingerprint, distinct per finding', () => {
    const prints = run.results.map((r: any) => r.partialFingerprints['cdk8s-netsec/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    const moved = sample();
    const shifted = { ...moved, findings: moved.findings.map(f => ({ ...f, line: 40 })) };
    const again = JSON.parse(RulePack.render(shifted, OutputFormat.SARIF)).runs[0].results[0];
    expect(again.partialFingerprints).toEqual(run.results[0].partialFingerprints);
  });

  test('suppressed findings are reported with an in-source suppression and its justification', () => {
    expect(run.results.map((r: any) => [r.ruleId, r.level, r.suppressions])).toEqual([
      ['image-tag-pinned', 'error', undefined],
      ['min-replicas', 'warning', undefined],
      ['service-type', 'error', [{ kind: 'inSource', justification: 'debugging only' }]],
    ]);
  });

  test('findings without a file have logical locations only', () => {
    const { findings, ...rest } = sample();
    const noFile = { ...rest, findings: findings.map(({ source: _s, ...f }) => f), suppressed: [] };
    const location = JSON.parse(RulePack.render(noFile, OutputFormat.SARIF)).runs[0].results[0].locations[0];
    expect(Object.keys(location)).toEqual(['logicalLocations']);
  });
});
