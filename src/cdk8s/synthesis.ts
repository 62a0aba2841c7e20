// One synthesis of a cdk8s app: each object resolved once, shared by the guardrails and the output.
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Obj } from '../kube/objects';

// Global symbols, so that two copies of this library in one app share one synthesis.
const SYNTHESIS = Symbol.for('cdk8s-netsec.synthesis');
const SCOPED = Symbol.for('cdk8s-netsec.synthesis-scoped');

/**
 * One synthesis of an app in progress (`app.synth()`, `app.synthYaml()`, `chart.toJson()`, which
 * validate the whole app, once per chart besides): what it already resolved, so that the
 * guardrails of every chart and the output share it instead of redoing it.
 *
 * - `json`: each ApiObject resolved once (`toJson()`); until the synthesis ends, the object's
 *   `toJson()` returns that same JSON, so the output is exactly what the guardrails checked.
 * - `charts`: the ApiObjects of each chart, from one walk of the construct tree.
 * - `errors`: each guardrails' validation result (cdk8s validates the app again for every chart).
 *
 * Nothing outlives the synthesis: an object modified between two synths is resolved again. Outside
 * a synthesis (`Guardrails.check`, `findings()`, `node.validate()`) everything is computed afresh.
 * Within one, objects are taken to stay as they are once validation started (validations check,
 * they do not modify: none of this library's, cdk8s's or cdk8s-plus's do).
 */
export interface Synthesis {
  readonly json: Map<ApiObject, Obj>;
  charts?: Map<Chart, ApiObject[]>;
  /** Each guardrails' validation result (keyed by the guardrails). */
  readonly errors: Map<object, string[]>;
}

export function synthesisOf(scope: IConstruct): Synthesis | undefined {
  return (scope.node.root as unknown as Record<symbol, Synthesis | undefined>)[SYNTHESIS];
}

/** Runs `body` as one synthesis of the app of `root` (nested calls join the synthesis in progress). */
function withinSynthesis<T>(root: IConstruct, body: () => T): T {
  const holder = root as unknown as Record<symbol, Synthesis | undefined>;
  if (holder[SYNTHESIS]) {
    return body();
  }
  const synthesis: Synthesis = { json: new Map(), errors: new Map() };
  Object.defineProperty(root, SYNTHESIS, { value: synthesis, configurable: true, enumerable: false });
  try {
    return body();
  } finally {
    delete holder[SYNTHESIS];
    for (const o of synthesis.json.keys()) {
      delete (o as unknown as Record<string, unknown>).toJson;
    }
  }
}

/** Makes `method` of `target` (the app's synth entry points, a chart's toJson) one synthesis. */
function scopeMethod(target: object, method: 'synth' | 'synthYaml' | 'toJson', root: IConstruct): void {
  const original = (target as Record<string, unknown>)[method];
  if (typeof original !== 'function') {
    return;
  }
  Object.defineProperty(target, method, {
    value: function scoped(this: unknown, ...args: unknown[]) {
      return withinSynthesis(root, () => original.apply(this, args));
    },
    configurable: true,
    writable: true,
    enumerable: false,
  });
}

/** Makes every synthesis of the chart, and of its app, share resolved objects (once per construct). */
export function scopeSyntheses(chart: Chart): void {
  const root = chart.node.root;
  for (const [target, methods] of [[root, ['synth', 'synthYaml']], [chart, ['toJson']]] as const) {
    const flags = target as unknown as Record<symbol, boolean | undefined>;
    if (!flags[SCOPED]) {
      Object.defineProperty(target, SCOPED, { value: true, enumerable: false });
      methods.forEach(m => scopeMethod(target, m, root));
    }
  }
}

/** The ApiObjects of every chart of the app of `scope`, each under its closest chart, in construct-tree order. */
export function objectsByChart(scope: IConstruct): Map<Chart, ApiObject[]> {
  const synthesis = synthesisOf(scope);
  if (synthesis?.charts) {
    return synthesis.charts;
  }
  const charts = new Map<Chart, ApiObject[]>();
  const visit = (c: IConstruct, closest: ApiObject[] | undefined): void => {
    let objects = closest;
    if (Chart.isChart(c)) {
      objects = [];
      charts.set(c, objects);
    } else if (objects && ApiObject.isApiObject(c)) {
      objects.push(c);
    }
    for (const child of c.node.children) {
      visit(child, objects);
    }
  };
  visit(scope.node.root, undefined);
  if (synthesis) {
    synthesis.charts = charts;
  }
  return charts;
}

/** The object's JSON: resolved once per synthesis (and then what the synthesis outputs), afresh outside one. */
export function resolved(o: ApiObject, synthesis: Synthesis | undefined): Obj {
  if (!synthesis) {
    return o.toJson() as Obj;
  }
  let json = synthesis.json.get(o);
  if (json === undefined) {
    const own = Object.prototype.hasOwnProperty.call(o, 'toJson');
    json = o.toJson() as Obj;
    synthesis.json.set(o, json);
    if (!own) {
      const shared = json;
      Object.defineProperty(o, 'toJson', { value: () => shared, configurable: true, writable: true, enumerable: false });
    }
  }
  return json;
}
