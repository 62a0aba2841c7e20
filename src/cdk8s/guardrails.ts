import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { objectsByChart, resolved, scopeSyntheses, Synthesis, synthesisOf } from './synthesis';
import { RulePackConfig } from '../rules/config';
import { Finding, LintResult } from '../rules/finding';
import { OutputFormat, RulePack } from '../rules/rule-pack';
import { LintInput, runRulePack, validateConfig } from '../rules/runner';
import { Severity } from '../rules/severity';
import { SUPPRESS_ANNOTATION } from '../rules/suppressions';

/** Options of the synth-time guardrails of one chart. */
export interface GuardrailsOptions extends RulePackConfig {
  /**
   * Print warnings (to stderr) when the chart is validated. Each distinct warning is printed once.
   * @default true
   */
  readonly printWarnings?: boolean;
}

// A global symbol, so that two copies of this library in one app still find each other's guardrails.
const ATTACHED = Symbol.for('cdk8s-netsec.guardrails');
function inputsOf(objects: readonly ApiObject[], synthesis: Synthesis | undefined): LintInput[] {
  return objects.map(o => ({ object: resolved(o, synthesis), source: o.node.path }));
}

/** The chart's ApiObjects (those whose closest chart it is), and those of the app's other charts as context. */
function chartInputs(chart: Chart): { reported: LintInput[]; contextOnly: LintInput[] } {
  const synthesis = synthesisOf(chart);
  const charts = objectsByChart(chart);
  const contextOnly: LintInput[] = [];
  for (const [other, objects] of charts) {
    if (other !== chart) {
      contextOnly.push(...inputsOf(objects, synthesis));
    }
  }
  return { reported: inputsOf(charts.get(chart) ?? [], synthesis), contextOnly };
}

/** The rule pack's part of the options (everything but printWarnings). */
function rulePackConfig(options: GuardrailsOptions): RulePackConfig {
  const { printWarnings: _printWarnings, ...config } = options;
  return config;
}

function describeError(f: Finding): string {
  return `[${f.ruleId}] ${f.message}. Fix: ${f.fix} (construct ${f.source ?? '?'}; if this is intended, annotate the object `
    + `${SUPPRESS_ANNOTATION}: "${f.ruleId}: <reason>")`;
}

/**
 * Synth-time enforcement of the rule pack on a cdk8s chart.
 *
 * The library's constructs call `Guardrails.ensureAttached(this)`: the first call on a chart adds a
 * validation to it that runs the rule pack over the chart's objects when the app (or
 * `Testing.synth`) synthesizes. Error findings fail the synth, naming the object, the rule and the
 * fix; warnings are printed. Apply it to any chart with `Guardrails.apply(chart, options)`.
 */
export class Guardrails {
  /**
   * Attaches the guardrails to the chart of `scope` once (later calls return the same instance).
   * Library constructs call this from their constructor, passing their platform's facts (DNS
   * selectors and CIDRs, ...) as options.
   *
   * @param scope any construct in the chart
   * @param options merged over the current options: the keys given replace the current values
   */
  public static ensureAttached(scope: IConstruct, options?: GuardrailsOptions): Guardrails {
    const chart = Chart.of(scope);
    let guardrails = Guardrails.of(chart);
    if (!guardrails) {
      guardrails = new Guardrails(chart);
      const attached = guardrails;
      Object.defineProperty(chart, ATTACHED, { value: attached, enumerable: false });
      chart.node.addValidation({ validate: () => attached.validate() });
      scopeSyntheses(chart);
    }
    if (options) {
      guardrails.addFacts(options);
    }
    return guardrails;
  }

  /**
   * Attaches the guardrails to any chart, replacing the options given by earlier `apply` or
   * `configure` calls. The platform facts library constructs passed to `ensureAttached` stay
   * (options given here override them), so applying options never loses the DNS CIDRs.
   */
  public static apply(chart: Chart, options: GuardrailsOptions = {}): Guardrails {
    const guardrails = Guardrails.ensureAttached(chart);
    guardrails.configure(options);
    return guardrails;
  }

  /** The guardrails attached to the chart of `scope`, if any. */
  public static of(scope: IConstruct): Guardrails | undefined {
    const chart = Chart.of(scope) as unknown as Record<symbol, Guardrails | undefined>;
    return chart[ATTACHED];
  }

  /**
   * Runs the rule pack over a chart's objects now (without synthesizing, without throwing) and
   * returns what it found. Objects of the app's other charts are context only.
   */
  public static check(chart: Chart, config: RulePackConfig = {}): LintResult {
    const { reported, contextOnly } = chartInputs(chart);
    return runRulePack(reported, config, { contextOnly });
  }

  /** Throws an error listing every finding (warnings too) of the chart; for tests. */
  public static assertNoFindings(chart: Chart, config: RulePackConfig = {}): void {
    const result = Guardrails.check(chart, config);
    if (result.findings.length > 0) {
      throw new Error(`expected no guardrail findings in chart ${chart.node.path || '<root>'}, got:\n${RulePack.render(result, OutputFormat.TEXT)}`);
    }
  }

  /** The chart these guardrails check. */
  public readonly chart: Chart;
  // What constructs passed to ensureAttached (platform facts), and what apply/configure set; the
  // latter wins key by key, and replacing it never drops the former.
  private facts: GuardrailsOptions = {};
  private userOptions: GuardrailsOptions = {};
  private readonly printed = new Set<string>();
  /** The options object `addFacts` merged last: merging it again changes nothing (constructs pass one frozen object per platform). */
  private lastFacts?: GuardrailsOptions;

  private constructor(chart: Chart) {
    this.chart = chart;
  }

  /**
   * Replaces the options set by earlier `configure` or `apply` calls (rule pack configuration,
   * warning printing); the facts passed to `ensureAttached` stay, overridden key by key.
   */
  public configure(options: GuardrailsOptions): void {
    validateConfig(rulePackConfig(options));
    this.userOptions = options;
  }

  /** Runs the rule pack over the chart's objects now, with this chart's options. */
  public findings(): LintResult {
    return Guardrails.check(this.chart, rulePackConfig(this.options));
  }

  /** The options in force: the facts constructs passed, overridden by those given to apply/configure. */
  private get options(): GuardrailsOptions {
    return { ...this.facts, ...this.userOptions };
  }

  /**
   * Merges facts from a construct: keys given replace earlier values, except `dnsCidrs`, which
   * accumulate (constructs on two platforms in one chart each bring their DNS CIDRs).
   */
  private addFacts(options: GuardrailsOptions): void {
    if (options === this.lastFacts && Object.isFrozen(options)) {
      return;
    }
    validateConfig(rulePackConfig(options));
    const dnsCidrs = options.dnsCidrs === undefined ? this.facts.dnsCidrs
      : [...new Set([...(this.facts.dnsCidrs ?? []), ...options.dnsCidrs])];
    this.facts = { ...this.facts, ...options, ...(dnsCidrs !== undefined ? { dnsCidrs } : {}) };
    this.lastFacts = options;
  }

  private validate(): string[] {
    const synthesis = synthesisOf(this.chart);
    const known = synthesis?.errors.get(this);
    if (known) {
      return [...known];
    }
    const errors = this.runChecks();
    synthesis?.errors.set(this, errors);
    return [...errors];
  }

  /** Runs the pack, prints the warnings not printed yet and returns the errors, described. */
  private runChecks(): string[] {
    const result = this.findings();
    if (this.options.printWarnings ?? true) {
      for (const f of result.findings.filter(x => x.severity !== Severity.ERROR)) {
        const line = `cdk8s-netsec ${f.severity} [${f.ruleId}] ${f.message}. Fix: ${f.fix} (construct ${f.source ?? '?'})`;
        if (!this.printed.has(line)) {
          this.printed.add(line);
          console.warn(line);
        }
      }
    }
    return result.findings.filter(f => f.severity === Severity.ERROR).map(describeError);
  }
}
