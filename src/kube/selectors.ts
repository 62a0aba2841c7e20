/** Kubernetes label selectors (`matchLabels` + `matchExpressions`), as NetworkPolicies use them. */

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
  /** Written as a `matchLabels` entry (an `In` with its one value), not as a `matchExpressions` entry. */
  readonly fromMatchLabels?: boolean;
}

const OPERATORS: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A parsed selector. The empty selector (`{}`) matches everything. */
export class LabelSelector {
  static readonly EVERYTHING = new LabelSelector([], undefined);

  /** The selector of `matchLabels`: every label set that has all of `labels` (everything when there are none). */
  static matchLabels(labels: Labels): LabelSelector {
    return LabelSelector.parse({ matchLabels: labels });
  }

  /**
   * Parses a raw selector. Problems (unknown operator, missing values) make a selector that matches
   * nothing, with `problem` saying why, as the API server would have rejected the object.
   */
  static parse(raw: unknown): LabelSelector {
    if (raw === null || raw === undefined) return LabelSelector.EVERYTHING;
    if (typeof raw !== 'object' || Array.isArray(raw)) return LabelSelector.invalid('a selector must be a mapping');
    const r = raw as Record<string, unknown>;
    const reqs: Requirement[] = [];
    const ml = r.matchLabels;
    if (ml && typeof ml === 'object') {
      for (const [key, value] of Object.entries(ml as Record<string, unknown>)) {
        reqs.push({ key, operator: 'In', values: [String(value)], fromMatchLabels: true });
      }
    }
    const me = r.matchExpressions;
    if (Array.isArray(me)) {
      for (const e of me) {
        const expr = (e ?? {}) as Record<string, unknown>;
        const key = String(expr.key ?? '');
        const operator = String(expr.operator ?? '');
        const values = Array.isArray(expr.values) ? expr.values.map(v => String(v)) : [];
        if (!OPERATORS.includes(operator)) {
          return LabelSelector.invalid(`unknown operator '${operator}' (valid: ${OPERATORS.join(', ')})`);
        }
        if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
          return LabelSelector.invalid(`operator ${operator} on '${key}' needs values`);
        }
        reqs.push({ key, operator: operator as SelectorOperator, values });
      }
    }
    return LabelSelector.of(reqs);
  }

  /**
   * Parses a selector written as text, as `kubectl -l` and HNC's `propagate.hnc.x-k8s.io/select`
   * take it: requirements separated by commas, each `key`, `!key`, `key=value` (or `==`),
   * `key!=value`, `key in (a,b)` or `key notin (a,b)`. Text it cannot read makes a selector that
   * matches nothing, with `problem` saying why. Linear in the text.
   */
  static parseText(text: string): LabelSelector {
    const reqs: Requirement[] = [];
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
      if (text[i] === ',' && depth === 0) {
        parts.push(text.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(text.slice(start));
    const bad = (part: string) => LabelSelector.invalid(`cannot read ${JSON.stringify(part.trim().slice(0, 100))} as a label requirement`);
    for (const raw of parts) {
      const part = raw.trim();
      if (part === '') {
        if (parts.length === 1) break;
        return bad(raw);
      }
      const set = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s+(in|notin)\s+\(([-A-Za-z0-9_.,\s]*)\)$/.exec(part);
      if (set) {
        const values = set[3].split(',').map(v => v.trim()).filter(v => v !== '');
        if (values.length === 0) return bad(part);
        reqs.push({ key: set[1], operator: set[2] === 'in' ? 'In' : 'NotIn', values });
        continue;
      }
      const eq = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)$/.exec(part);
      if (eq) {
        reqs.push({ key: eq[1], operator: eq[2] === '!=' ? 'NotIn' : 'In', values: [eq[3]] });
        continue;
      }
      const exists = /^(!?)\s*([A-Za-z0-9][-A-Za-z0-9_./]*)$/.exec(part);
      if (exists) {
        reqs.push({ key: exists[2], operator: exists[1] ? 'DoesNotExist' : 'Exists', values: [] });
        continue;
      }
      return bad(part);
    }
    return LabelSelector.of(reqs);
  }

  /** A selector that matches nothing, because the input was invalid (`problem` says why). */
  static invalid(problem: string): LabelSelector {
    return new LabelSelector([], problem);
  }

  /** The selector of these requirements (everything when there are none). */
  static of(requirements: readonly Requirement[]): LabelSelector {
    return requirements.length === 0 ? LabelSelector.EVERYTHING : new LabelSelector([...requirements], undefined);
  }

  private constructor(readonly requirements: readonly Requirement[], readonly problem: string | undefined) {}

  /** Every label set both selectors match. */
  and(other: LabelSelector): LabelSelector {
    if (this.problem !== undefined) return this;
    if (other.problem !== undefined) return other;
    return LabelSelector.of([...this.requirements, ...other.requirements]);
  }

  /** Matches every label set (no requirements and no problem). */
  get isEmpty(): boolean {
    return this.requirements.length === 0 && this.problem === undefined;
  }

  matches(labels: Labels): boolean {
    if (this.problem !== undefined) return false;
    for (const req of this.requirements) {
      const has = Object.prototype.hasOwnProperty.call(labels, req.key);
      switch (req.operator) {
        case 'In':
          if (!has || !req.values.includes(labels[req.key])) return false;
          break;
        case 'NotIn':
          if (has && req.values.includes(labels[req.key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
      }
    }
    return true;
  }

  /**
   * A label (`key=value`) or key (`key`) every matching label set must have, to look candidates up
   * in an index; undefined when the selector has none (only NotIn/DoesNotExist requirements).
   */
  indexHint(): { key: string; values?: readonly string[] } | undefined {
    for (const req of this.requirements) {
      if (req.operator === 'In') return { key: req.key, values: req.values };
    }
    for (const req of this.requirements) {
      if (req.operator === 'Exists') return { key: req.key };
    }
    return undefined;
  }

  /** Stable text for caching and messages: `app=web,tier in (a,b),!legacy`. */
  toString(): string {
    if (this.problem !== undefined) return `<invalid: ${this.problem}>`;
    if (this.requirements.length === 0) return '<all>';
    return this.requirements.map(r => {
      switch (r.operator) {
        case 'In': return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`;
        case 'NotIn': return `${r.key} notin (${r.values.join(',')})`;
        case 'Exists': return r.key;
        default: return `!${r.key}`;
      }
    }).join(',');
  }
}
