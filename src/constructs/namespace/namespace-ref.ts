import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkDnsLabel } from '../../kube/validation/dns';
import { assertValid, fail } from '../core/errors';

/** Anything with a namespace name: a DefaultDenyNamespace, a cdk8s-plus Namespace. */
export interface INamespaceRef {
  /** The namespace's name. */
  readonly name: string;
}

/** Marks a construct that emits a namespace; the value lists the objects to order after. */
export const NAMESPACE_OBJECTS = Symbol.for('cdk8s-netsec.NamespaceObjects');

/** The objects a namespace construct emits, when `x` is one. */
function namespaceObjects(x: unknown): IConstruct[] | undefined {
  return (x as { [NAMESPACE_OBJECTS]?: () => IConstruct[] })?.[NAMESPACE_OBJECTS]?.();
}

/** The namespace given, else the nearest ancestor of `scope` that is a namespace construct. */
export function namespaceRefOf(scope: IConstruct, given: INamespaceRef | undefined): INamespaceRef | undefined {
  return given ?? [...scope.node.scopes].reverse().find(s => namespaceObjects(s) !== undefined) as INamespaceRef | undefined;
}

/** What to order after for a namespace: its objects if it is a namespace construct, the construct if it is another one. */
export function namespaceDependencies(namespace: INamespaceRef | undefined): IConstruct[] {
  if (!namespace || !Construct.isConstruct(namespace)) return [];
  return namespaceObjects(namespace) ?? [namespace];
}

/**
 * The namespace of the objects of `scope`: the one given, else the DefaultDenyNamespace the
 * construct was created in, else the chart's. Never `default` and never unset (R4). When the
 * namespace is a construct, `dependent` is ordered after it.
 */
export function resolveNamespace(scope: IConstruct, given: INamespaceRef | undefined, dependent?: IConstruct): string {
  const namespace = namespaceRefOf(scope, given);
  const name = namespace?.name ?? Chart.of(scope).namespace;
  if (name === undefined) {
    fail(scope, 'no namespace; pass `namespace` (e.g. a DefaultDenyNamespace), create the construct inside a DefaultDenyNamespace, '
      + 'or give the chart a `namespace`, because objects without one land in "default"');
  }
  if (name === 'default') {
    fail(scope, 'namespace "default" is not allowed; use a dedicated namespace such as a DefaultDenyNamespace, so policies and Pod Security apply');
  }
  assertValid(scope, checkDnsLabel(name, 'namespace'));
  if (dependent) orderAfter(dependent, namespaceDependencies(namespace));
  return name;
}

/**
 * Orders `dependent` after `targets` (the namespace's own objects, not the construct: the dependent
 * may be inside it) through a child with no objects. cdk8s orders a construct's dependencies the
 * same way, but expands a dependency of a construct into one between each of its objects and each
 * object of the target (an app's objects times the namespace's): through the empty child it expands
 * into none, and the app's objects still come after the namespace's (the graph visits the app's
 * construct, and so the child and the namespace's objects, before them).
 */
function orderAfter(dependent: IConstruct, targets: IConstruct[]): void {
  if (targets.length === 0) return;
  const anchor = new Construct(dependent, 'NamespaceOrder');
  anchor.node.addDependency(...targets);
  dependent.node.addDependency(anchor);
}
