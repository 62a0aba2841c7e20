// The objects of one lint run indexed for rules that look across objects, and the rule pack's
// ways of naming an object. The accessors themselves are the core's (src/kube/objects, workloads).
import { ObjectRef } from './finding';
import { isObj, kindOf, nameOf, namespaceOf, Obj, objectsOf, stringMap } from '../kube/objects';
import { LabelSelector } from '../kube/selectors';
import { PodTemplate, podTemplateOf } from '../kube/workloads';

export function refOf(obj: Obj): ObjectRef {
  const name = nameOf(obj);
  const ns = namespaceOf(obj);
  return {
    kind: kindOf(obj) || '<no kind>',
    ...(name !== undefined ? { name } : {}),
    ...(ns ? { namespace: ns } : {}),
    ...(typeof obj.apiVersion === 'string' ? { apiVersion: obj.apiVersion } : {}),
  };
}

/** `Deployment demo/web`, `Namespace demo`, `Service web` (no namespace). */
export function describe(obj: Obj): string {
  const ns = namespaceOf(obj);
  const name = nameOf(obj) ?? '<unnamed>';
  return `${kindOf(obj) || '<no kind>'} ${ns ? `${ns}/` : ''}${name}`;
}

/**
 * `matchLabels` + `matchExpressions` against a label set; an empty selector matches everything, an
 * absent one nothing. The matching is the engine's (`LabelSelector`): a selector the API server
 * would reject (unknown operator, In/NotIn without values) matches nothing. Entries that are not
 * mappings and labels without a value are skipped, as everywhere in this defensive reader.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) {
    return false;
  }
  return LabelSelector.parse({
    matchLabels: stringMap(selector.matchLabels),
    matchExpressions: objectsOf(selector.matchExpressions).map(expr => ({
      key: String(expr.key),
      operator: typeof expr.operator === 'string' ? expr.operator : '',
      values: expr.values,
    })),
  }).matches(labels);
}

/** A selector with no labels and no expressions (selects everything). */
export function isEmptySelector(selector: unknown): boolean {
  return isObj(selector)
    && Object.keys(stringMap(selector.matchLabels)).length === 0
    && objectsOf(selector.matchExpressions).length === 0;
}

/** The `matchLabels` pairs of a selector (empty for an absent or expression-only selector). */
function requiredPairs(selector: unknown): Array<[string, string]> {
  return isObj(selector) ? Object.entries(stringMap(selector.matchLabels)) : [];
}

const key = (...parts: string[]) => parts.join('\u0000');

/**
 * Selector-holding objects (NetworkPolicies, PDBs) of one kind, indexed by namespace and by one
 * required label pair each, so that finding those selecting a pod does not scan them all.
 */
class SelectorIndex {
  private readonly byPair = new Map<string, Obj[]>();
  private readonly unindexed = new Map<string, Obj[]>();

  constructor(objects: readonly Obj[], private readonly selectorOf: (obj: Obj) => unknown, private readonly position: Map<Obj, number>) {
    for (const obj of objects) {
      const pairs = requiredPairs(selectorOf(obj));
      const bucket = pairs.length > 0 ? key(namespaceOf(obj), ...pairs[0]) : namespaceOf(obj);
      const map = pairs.length > 0 ? this.byPair : this.unindexed;
      map.set(bucket, [...(map.get(bucket) ?? []), obj]);
    }
  }

  /** Objects of the namespace whose selector matches the labels, in output order. */
  public selecting(namespace: string, labels: Record<string, string>): Obj[] {
    const candidates = [...(this.unindexed.get(namespace) ?? [])];
    for (const pair of Object.entries(labels)) {
      candidates.push(...(this.byPair.get(key(namespace, ...pair)) ?? []));
    }
    return candidates
      .filter(o => selectorMatches(this.selectorOf(o), labels))
      .sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

/** The objects of one output, indexed for rules that look across objects. */
export class KubeIndex {
  public readonly podTemplates: PodTemplate[] = [];
  private readonly byKind = new Map<string, Obj[]>();
  private readonly byKindNamespace = new Map<string, Obj[]>();
  private readonly byName = new Map<string, Obj>();
  private readonly templatesByNamespace = new Map<string, PodTemplate[]>();
  private readonly templatesByPair = new Map<string, PodTemplate[]>();
  private readonly policies: SelectorIndex;
  private readonly budgets: SelectorIndex;
  private readonly policyCache = new Map<PodTemplate, Obj[]>();

  constructor(public readonly objects: readonly Obj[]) {
    const position = new Map<Obj, number>();
    objects.forEach((obj, i) => {
      position.set(obj, i);
      const kind = kindOf(obj);
      const ns = namespaceOf(obj);
      push(this.byKind, kind, obj);
      push(this.byKindNamespace, key(kind, ns), obj);
      const name = nameOf(obj);
      if (name !== undefined && !this.byName.has(key(kind, ns, name))) {
        this.byName.set(key(kind, ns, name), obj);
      }
      const template = podTemplateOf(obj);
      if (template) {
        this.podTemplates.push(template);
        push(this.templatesByNamespace, ns, template);
        for (const pair of Object.entries(template.labels)) {
          push(this.templatesByPair, key(ns, ...pair), template);
        }
      }
    });
    this.policies = new SelectorIndex(this.ofKind('NetworkPolicy'), p => p.spec?.podSelector, position);
    this.budgets = new SelectorIndex(this.ofKind('PodDisruptionBudget'), p => p.spec?.selector, position);
  }

  /** Objects of a kind (in one namespace if given), in output order. */
  public ofKind(kind: string, namespace?: string): Obj[] {
    return (namespace === undefined ? this.byKind.get(kind) : this.byKindNamespace.get(key(kind, namespace))) ?? [];
  }

  /** The first object of the kind with that name in the namespace. */
  public named(kind: string, namespace: string, name: string): Obj | undefined {
    return this.byName.get(key(kind, namespace, name));
  }

  public podTemplatesIn(namespace: string): PodTemplate[] {
    return this.templatesByNamespace.get(namespace) ?? [];
  }

  /** Pod templates of the namespace that a label selector (`matchLabels`/`matchExpressions`) selects. */
  public templatesSelectedBy(namespace: string, selector: unknown): PodTemplate[] {
    const pairs = requiredPairs(selector);
    const candidates = pairs.length > 0 ? (this.templatesByPair.get(key(namespace, ...pairs[0])) ?? []) : this.podTemplatesIn(namespace);
    return candidates.filter(t => selectorMatches(selector, t.labels));
  }

  /** NetworkPolicies of the template's namespace whose podSelector selects its pods. */
  public policiesSelecting(template: PodTemplate): Obj[] {
    let found = this.policyCache.get(template);
    if (!found) {
      found = this.policies.selecting(template.namespace, template.labels);
      this.policyCache.set(template, found);
    }
    return found;
  }

  /** PodDisruptionBudgets of the template's namespace that select its pods. */
  public budgetsSelecting(template: PodTemplate): Obj[] {
    return this.budgets.selecting(template.namespace, template.labels);
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) {
    list.push(v);
  } else {
    map.set(k, [v]);
  }
}

/** The policyTypes of a NetworkPolicy, with the API server's defaulting when absent. */
export function policyTypesOf(policy: Obj): string[] {
  const types = policy.spec?.policyTypes;
  if (Array.isArray(types)) {
    return types.map(String);
  }
  return Array.isArray(policy.spec?.egress) && policy.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function quote(value: unknown): string {
  return JSON.stringify(value);
}
