import { RulePackConfig } from './config';
import { LintResult } from './finding';
import { OutputFormat } from './output-format';
import { RULES } from './pack';
import { renderJson } from './reporters/json';
import { renderSarif } from './reporters/sarif';
import { renderText } from './reporters/text';
import { RuleInfo } from './rule';
import { LintInput, runRulePack, validateConfig } from './runner';
import { LoadedManifest, loadManifestFiles, parseManifestText } from '../kube/manifests';
import { Obj, expandLists } from '../kube/objects';

export { OutputFormat };

/** Manifests as read from files, with List objects expanded (each item keeps its file and document). */
export function toLintInputs(manifests: readonly LoadedManifest[]): LintInput[] {
  return manifests.flatMap(m => expandLists([m.object]).map(object => ({
    object: object as Obj,
    source: m.source,
    documentIndex: m.documentIndex,
    ...(m.line !== undefined ? { line: m.line } : {}),
  })));
}

/**
 * The guardrails rule pack: the checkers' rules (R1-R10, docs/checker-rules.md), the platform's
 * Gatekeeper safeguards (docs/platform-facts.md) and the library's own rules, over plain
 * Kubernetes manifests.
 *
 * For cdk8s charts use `Guardrails`; for files use `cdk8s-netsec lint`.
 */
export class RulePack {
  /** Every rule of the pack, in report order. */
  public static allRules(): RuleInfo[] {
    return RULES.map(r => ({ id: r.id, title: r.title, severity: r.severity, standsFor: r.standsFor, fix: r.fix }));
  }

  /** Renders a result as text, JSON or SARIF 2.1.0. */
  public static render(result: LintResult, format: OutputFormat): string {
    switch (format) {
      case OutputFormat.JSON: return renderJson(result);
      case OutputFormat.SARIF: return renderSarif(result, RulePack.allRules());
      default: return renderText(result);
    }
  }

  private readonly config: RulePackConfig;

  /** @throws if the configuration names unknown rules or invalid values */
  constructor(config: RulePackConfig = {}) {
    validateConfig(config);
    this.config = config;
  }

  /**
   * Lints the manifests in a YAML (multi-document) or JSON text.
   * @param text the manifests
   * @param source a label for messages, e.g. the file name
   */
  public lintText(text: string, source: string = '<input>'): LintResult {
    return runRulePack(toLintInputs(parseManifestText(text, source)), this.config);
  }

  /**
   * Lints the manifest files under the given paths (directories are walked recursively).
   * @throws an error naming the file, the document index and the reason if a file cannot be read
   */
  public lintFiles(paths: string[]): LintResult {
    return runRulePack(toLintInputs(loadManifestFiles(paths)), this.config);
  }
}
