import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkDnsLabel } from '../validation/dns';
import { fail } from '../validation/errors';

/** Anything with a namespace name: a DefaultDenyNamespace, a cdk8s-plus Namespace. */
export interface INamespaceRef {
  /** The namespace's name. */
  readonly name: string;
}

/**
 * The namespace objects of `scope` go to: the one given, else the chart's. Never `default` and
 * never unset (R4). When the namespace is a construct, `dependent` is ordered after it.
 */
export function resolveNamespace(scope: IConstruct, namespace: INamespaceRef | undefined, dependent?: IConstruct): string {
  const name = namespace?.name ?? Chart.of(scope).namespace;
  if (name === undefined) {
    fail(scope, 'no namespace; pass `namespace` (e.g. a DefaultDenyNamespace) or give the chart a `namespace`, because objects without one land in "default"');
  }
  if (name === 'default') {
    fail(scope, 'namespace "default" is not allowed; use a dedicated namespace such as a DefaultDenyNamespace, so policies and Pod Security apply');
  }
  const problem = checkDnsLabel(name, 'namespace');
  if (problem) fail(scope, problem);
  if (dependent && namespace && Construct.isConstruct(namespace)) {
    dependent.node.addDependency(namespace);
  }
  return name;
}
