import * as path from 'path';
import { loadManifestFiles } from '../../src/kube/manifests';
import { Obj } from '../../src/kube/objects';
import { RulePackConfig } from '../../src/rules/config';
import { LintResult } from '../../src/rules/finding';
import { runRulePack } from '../../src/rules/runner';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A fresh copy of the good fixture set (zero findings): tests mutate one thing and lint. */
export function goodObjects(): Obj[] {
  return loadManifestFiles([path.join(FIXTURES, 'good')]).map(m => structuredClone(m.object) as Obj);
}

export function lint(objects: readonly Obj[], config: RulePackConfig = {}): LintResult {
  return runRulePack(objects.map((object, i) => ({ object, source: 'test.yaml', documentIndex: i })), config);
}

/** The findings of one rule. */
export function findingsOf(objects: readonly Obj[], ruleId: string, config: RulePackConfig = {}) {
  return lint(objects, config).findings.filter(f => f.ruleId === ruleId);
}

/** The ids of the rules that fired, deduplicated and sorted. */
export function ruleIds(result: LintResult): string[] {
  return [...new Set(result.findings.map(f => f.ruleId))].sort();
}

export function find(objects: readonly Obj[], kind: string, name: string): Obj {
  const obj = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!obj) {
    throw new Error(`no ${kind} ${name} in the fixture`);
  }
  return obj;
}

/** The good fixture's web Deployment, its pod spec and its container. */
export function web(objects: readonly Obj[]) {
  const deployment = find(objects, 'Deployment', 'web');
  const pod = deployment.spec.template.spec;
  return { deployment, pod, container: pod.containers[0] };
}

/** A bare Pod with the given spec in namespace demo (selected by default-deny and its own policy). */
export function podWith(spec: Obj, name = 'web'): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'demo', labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' } }, spec };
}
