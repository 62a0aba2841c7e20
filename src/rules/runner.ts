// Runs the pack over a set of objects: applies configuration, suppressions and ordering.
import { resolveConfig, RulePackConfig } from './config';
import { Finding, LintResult } from './finding';
import { describe, KubeIndex, refOf } from './object-index';
import { RULE_IDS, RULES } from './pack';
import { Rule } from './rule';
import { validSuppression } from './rules/valid-suppression';
import { Severity } from './severity';
import { ParsedSuppressions, parseSuppressions, SUPPRESS_ANNOTATION } from './suppressions';
import { annotationsOf, Obj } from '../kube/objects';
import { checkDnsCidrs } from '../kube/validation/cidr';
import { checkDnsLabel } from '../kube/validation/dns';
import { checkLabels } from '../kube/validation/labels';
import { quote } from '../kube/validation/quote';

/** One object to check, with where it came from (for messages and SARIF locations). */
export interface LintInput {
  readonly object: Obj;
  readonly source?: string;
  readonly documentIndex?: number;
  readonly line?: number;
}

/** Throws on configuration that names unknown rules: a typo must not silently disable nothing. */
export function validateConfig(config: RulePackConfig, ruleIds: readonly string[] = RULE_IDS): void {
  const named = [...Object.keys(config.severityOverrides ?? {}), ...(config.disabledRules ?? [])];
  const unknown = named.filter(id => !ruleIds.includes(id));
  if (unknown.length > 0) {
    throw new Error(`unknown rule id(s) in the rule pack configuration: ${unknown.join(', ')}; valid ids: ${ruleIds.join(', ')}`);
  }
  for (const [id, sev] of Object.entries(config.severityOverrides ?? {})) {
    if (!Object.values(Severity).includes(sev)) {
      throw new Error(`severity override for ${id} is ${JSON.stringify(sev)}; valid: ${Object.values(Severity).join(', ')}`);
    }
  }
  if (config.minimumUserId !== undefined && (!Number.isInteger(config.minimumUserId) || config.minimumUserId < 0)) {
    throw new Error(`minimumUserId is ${config.minimumUserId}; it must be a non-negative integer`);
  }
  // The platform facts are checked like user input: a DNS CIDR of 0.0.0.0/0 would make DNS egress
  // anywhere pass, an empty registry prefix would allow every image.
  const problem = (config.dnsNamespace !== undefined ? checkDnsLabel(config.dnsNamespace, 'dnsNamespace') : undefined)
    ?? (config.dnsPodLabels !== undefined ? checkLabels({ ...config.dnsPodLabels }, 'dnsPodLabels') : undefined)
    ?? (config.dnsCidrs !== undefined ? checkDnsCidrs(config.dnsCidrs) : undefined)
    ?? (config.allowedRegistries ?? []).map(r => (r.trim() === '' || r.includes('*') ? `allowedRegistries entry ${quote(r)} would allow every image; name a registry prefix such as "harbor.example.com/"` : undefined)).find(p => p)
    ?? (config.podSecurityLevel !== undefined && !['privileged', 'baseline', 'restricted'].includes(config.podSecurityLevel)
      ? `podSecurityLevel ${quote(config.podSecurityLevel)} is not a Pod Security level; use restricted, baseline or privileged` : undefined);
  if (problem) throw new Error(`rule pack configuration: ${problem}`);
}

export interface RunOptions {
  /**
   * Objects that are context only: rules see them (e.g. a default-deny policy in another chart)
   * but findings about them are not reported. Used to check one chart within its app.
   */
  readonly contextOnly?: readonly LintInput[];
  readonly rules?: readonly Rule[];
}

/** Checks every object against the pack. Pure: no I/O, no cdk8s. */
export function runRulePack(reported: readonly LintInput[], config: RulePackConfig = {}, options: RunOptions = {}): LintResult {
  const rules = options.rules ?? RULES;
  const inputs = [...reported, ...(options.contextOnly ?? [])];
  const reportedCount = reported.length;
  const ruleIds = rules.map(r => r.id);
  validateConfig(config, ruleIds);
  const resolved = resolveConfig(config);
  const objects = inputs.map(i => i.object);
  const position = new Map<Obj, number>(objects.map((o, i) => [o, i]));
  const index = new KubeIndex(objects);

  const suppressionsOf = new Map<Obj, ParsedSuppressions>();
  for (const obj of objects) {
    const value = annotationsOf(obj)[SUPPRESS_ANNOTATION];
    if (value !== undefined) {
      suppressionsOf.set(obj, parseSuppressions(value, ruleIds, [validSuppression.id]));
    }
  }

  const raw: Array<{ rule: Rule; object: Obj; message: string }> = [];
  for (const rule of rules) {
    if (resolved.disabledRules.includes(rule.id) || (rule.enabled && !rule.enabled(resolved))) {
      continue;
    }
    if (rule.id === validSuppression.id) {
      for (const [obj, parsed] of suppressionsOf) {
        for (const problem of parsed.problems) {
          raw.push({ rule, object: obj, message: `${describe(obj)}: suppression ${problem}` });
        }
      }
      continue;
    }
    for (const v of rule.check({ objects, index, config: resolved })) {
      raw.push({ rule, object: v.object, message: v.message });
    }
  }

  const ruleOrder = new Map(rules.map((r, i) => [r.id, i]));
  raw.sort((a, b) => (position.get(a.object) ?? 0) - (position.get(b.object) ?? 0)
    || ruleOrder.get(a.rule.id)! - ruleOrder.get(b.rule.id)!
    || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));

  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const { rule, object, message } of raw) {
    if ((position.get(object) ?? 0) >= reportedCount) {
      continue; // a context-only object
    }
    const input = inputs[position.get(object) ?? -1];
    const reason = suppressionsOf.get(object)?.reasons.get(rule.id);
    const finding: Finding = {
      ruleId: rule.id,
      title: rule.title,
      severity: resolved.severityOverrides[rule.id] ?? rule.severity,
      message,
      fix: rule.fix,
      object: refOf(object),
      ...(input?.source !== undefined ? { source: input.source } : {}),
      ...(input?.documentIndex !== undefined ? { documentIndex: input.documentIndex } : {}),
      ...(input?.line !== undefined ? { line: input.line } : {}),
      ...(reason !== undefined ? { suppression: reason } : {}),
    };
    (reason !== undefined ? suppressed : findings).push(finding);
  }
  return {
    findings,
    suppressed,
    errorCount: findings.filter(f => f.severity === Severity.ERROR).length,
    warningCount: findings.filter(f => f.severity === Severity.WARNING).length,
    objectCount: reportedCount,
  };
}
