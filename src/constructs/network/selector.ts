import { LabelSelector } from '../../kube/selectors';
import { checkLabelKey, checkLabelValue } from '../../kube/validation/labels';

interface Expression {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: string[];
}

/**
 * A label selector for `Peer.namespaces` and `Peer.podsMatching`: label equalities and set-based
 * requirements (`matchExpressions`), all of which must hold. Combine with `and`.
 *
 * ```ts
 * Selector.labels({ purpose: 'frontend' });
 * Selector.labels({ app: 'web' }).and(Selector.labelNotIn('tier', ['legacy']));
 * ```
 */
export class Selector {
  /** Objects carrying all of `labels` (at least one). */
  public static labels(labels: { [key: string]: string }): Selector {
    const entries = Object.entries(labels ?? {});
    return new Selector(entries.map(([key, value]) => ({ key, operator: 'In', values: [value] })),
      entries.length === 0 ? 'Selector.labels() has no labels; name at least one label' : undefined);
  }
  /** Objects whose label `key` has one of `values`. */
  public static labelIn(key: string, values: string[]): Selector {
    return Selector.set(key, 'In', values);
  }
  /** Objects whose label `key` is absent or has none of `values`. */
  public static labelNotIn(key: string, values: string[]): Selector {
    return Selector.set(key, 'NotIn', values);
  }
  /** Objects carrying the label `key`, whatever its value. */
  public static hasLabel(key: string): Selector {
    return new Selector([{ key, operator: 'Exists', values: [] }], undefined);
  }
  /** Objects without the label `key`. */
  public static lacksLabel(key: string): Selector {
    return new Selector([{ key, operator: 'DoesNotExist', values: [] }], undefined);
  }

  private static set(key: string, operator: 'In' | 'NotIn', values: string[]): Selector {
    const list = [...(values ?? [])];
    return new Selector([{ key, operator, values: list }],
      list.length === 0 ? `Selector.${operator === 'In' ? 'labelIn' : 'labelNotIn'}(${JSON.stringify(key)}) has no values; give at least one value` : undefined);
  }

  private constructor(private readonly expressions: Expression[], private readonly emptyProblem: string | undefined) {}

  /** A selector requiring this one and `other`. */
  public and(other: Selector): Selector {
    return new Selector([...this.expressions, ...other.expressions], this.emptyProblem ?? other.emptyProblem);
  }

  /** The selector as `kubectl get -l` writes it, e.g. `purpose=frontend,tier notin (legacy)`. */
  public toString(): string {
    return this._toCore().toString();
  }

  /** What is wrong with the input, or undefined. @internal */
  public _problem(): string | undefined {
    if (this.emptyProblem) return this.emptyProblem;
    for (const e of this.expressions) {
      const problem = checkLabelKey(e.key, 'selector key') ?? e.values.map(v => checkLabelValue(v, `selector value of ${JSON.stringify(e.key)}`)).find(p => p);
      if (problem) return problem;
    }
    return undefined;
  }

  /** The core's selector (labels as `matchLabels` entries, the rest as `matchExpressions`). @internal */
  public _toCore(): LabelSelector {
    return LabelSelector.parse({
      matchExpressions: this.expressions.map(e => ({ key: e.key, operator: e.operator, values: e.values.length ? e.values : undefined })),
    });
  }
}
