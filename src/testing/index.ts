// Test helpers for users of cdk8s-netsec (and for this library's own tests).
//
// Not part of the jsii API (import from 'cdk8s-netsec/testing'): jest users get a plain
// function and a matcher; other languages use `Guardrails.assertNoFindings(chart)`.
//
//   import { expectNoFindings, guardrailsMatchers } from 'cdk8s-netsec/testing';
//   expectNoFindings(chart);                      // throws, listing every finding
//   expect.extend(guardrailsMatchers);
//   expect(chart).toHaveNoFindings();             // or expect(Testing.synth(chart)).toHaveNoFindings()
import { Chart } from 'cdk8s';
import { Guardrails } from '../cdk8s/guardrails';
import { Obj } from '../kube/objects';
import { RulePackConfig } from '../rules/config';
import { LintResult } from '../rules/finding';
import { OutputFormat, RulePack } from '../rules/rule-pack';
import { runRulePack } from '../rules/runner';

/** A chart, plain manifests such as the output of `Testing.synth(chart)`, or manifest text (YAML or JSON, read as kubectl reads it). */
export type LintSubject = Chart | readonly object[] | string;

/** Runs the rule pack over a chart or plain objects (warnings included). */
export function lintSubject(subject: LintSubject, config: RulePackConfig = {}): LintResult {
  if (Chart.isChart(subject)) {
    return Guardrails.check(subject, config);
  }
  if (typeof subject === 'string') {
    return new RulePack(config).lintText(subject, '<manifests>');
  }
  if (!Array.isArray(subject)) {
    throw new TypeError('expected a cdk8s Chart, an array of Kubernetes objects or manifest text');
  }
  return runRulePack(subject.map((object, i) => ({ object: object as Obj, source: '<objects>', documentIndex: i })), config);
}

/** Throws an Error that lists every finding (errors and warnings) unless there are none. */
export function expectNoFindings(subject: LintSubject, config: RulePackConfig = {}): void {
  const result = lintSubject(subject, config);
  if (result.findings.length > 0) {
    throw new Error(`expected no guardrail findings, got:\n${RulePack.render(result, OutputFormat.TEXT)}`);
  }
}

/** jest matchers: `expect.extend(guardrailsMatchers)`, then `expect(chart).toHaveNoFindings(config?)`. */
export const guardrailsMatchers = {
  toHaveNoFindings(received: unknown, config: RulePackConfig = {}) {
    const result = lintSubject(received as LintSubject, config);
    const pass = result.findings.length === 0;
    return {
      pass,
      message: () => (pass
        ? `expected guardrail findings, got none in ${result.objectCount} objects`
        : `expected no guardrail findings, got:\n${RulePack.render(result, OutputFormat.TEXT)}`),
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Passes when the chart or objects trip no guardrail rule (warnings count). */
      toHaveNoFindings(config?: RulePackConfig): R;
    }
  }
}
