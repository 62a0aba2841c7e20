import { ResolvedConfig } from './config';
import { KubeIndex } from './object-index';
import { Severity } from './severity';
import { Obj } from '../kube/objects';

/** A rule's description, as listed by the pack and in SARIF `rules` metadata. */
export interface RuleInfo {
  /** Stable kebab-case id, used in suppressions and severity overrides. */
  readonly id: string;
  /** One-line title. */
  readonly title: string;
  /** Default severity. */
  readonly severity: Severity;
  /** The checker rule(s) or platform safeguard this rule stands for. */
  readonly standsFor: string;
  /** How to fix a violation. */
  readonly fix: string;
}

/** What a rule's check gets: every object of the output (rules may look across objects). */
export interface RuleContext {
  readonly objects: readonly Obj[];
  readonly index: KubeIndex;
  readonly config: ResolvedConfig;
}

/** One violation: the object it belongs to (where it can be suppressed) and what is wrong. */
export interface Violation {
  readonly object: Obj;
  readonly message: string;
}

/**
 * The rule contract (internal: pure TypeScript over plain objects, no cdk8s). One rule per file
 * under `rules/`, listed in `pack.ts`.
 */
export interface Rule extends RuleInfo {
  /** Only runs when this returns true (e.g. a rule that needs configuration). Default: always. */
  readonly enabled?: (config: ResolvedConfig) => boolean;
  check(context: RuleContext): Violation[];
}
