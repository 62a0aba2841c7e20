import { Severity } from './severity';

/** Names one Kubernetes object in a finding. */
export interface ObjectRef {
  /** `metadata.name`, if any. @default - the object has no name */
  readonly name?: string;
  /** `metadata.namespace`, if any. @default - the object has no namespace */
  readonly namespace?: string;
  /** The object's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The object's apiVersion. @default - none given */
  readonly apiVersion?: string;
}

/** One rule violated by one object. */
export interface Finding {
  /** The rule's stable id, e.g. `image-tag-pinned`. */
  readonly ruleId: string;
  /** The rule's one-line title. */
  readonly title: string;
  /** The effective severity (after configured overrides). */
  readonly severity: Severity;
  /** What is wrong with this object, naming the offending value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The object the finding is about (suppress it there). */
  readonly object: ObjectRef;
  /** The file (or label such as `<chart>`) the object came from. @default - not known */
  readonly source?: string;
  /** Zero-based index of the object's document in its file. @default - not known */
  readonly documentIndex?: number;
  /** One-based line in `source` where the object's document starts. @default - not known */
  readonly line?: number;
  /**
   * The reason given in the object's `cdk8s-netsec.io/suppress` annotation, if the finding is suppressed.
   * @default - not suppressed
   */
  readonly suppression?: string;
}

/** Everything one run of the rule pack found. */
export interface LintResult {
  /** Findings that are not suppressed, sorted by source, document, rule. */
  readonly findings: Finding[];
  /** Findings silenced by a suppression annotation with a reason. */
  readonly suppressed: Finding[];
  /** Number of unsuppressed findings of severity error. */
  readonly errorCount: number;
  /** Number of unsuppressed findings of severity warning. */
  readonly warningCount: number;
  /** Number of objects checked. */
  readonly objectCount: number;
}
