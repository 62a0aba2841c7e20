import { IConstruct } from 'constructs';
import { fail } from './errors';

// Per app (the construct tree's root): which construct emits which object. Two objects with one
// kind, namespace and name would silently overwrite each other in the cluster.
const claims = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Reserve `kind/namespace/name` for `scope`; throw, naming the other construct, if it is taken.
 * Check every name of a construct before emitting any object, so nothing is emitted on conflict.
 */
export function claimNames(scope: IConstruct, names: { kind: string; namespace: string; name: string; fix?: string }[]): void {
  const root = scope.node.root;
  if (!claims.has(root)) claims.set(root, new Map());
  const taken = claims.get(root)!;
  for (const n of names) {
    const other = taken.get(key(n));
    if (other !== undefined && other !== scope.node.path) {
      const where = n.namespace ? ` in namespace "${n.namespace}"` : '';
      fail(scope, `${n.kind} "${n.name}"${where} is already emitted by ${other}; ${n.fix ?? 'give one of them another name (the `name` prop)'}`);
    }
  }
  for (const n of names) taken.set(key(n), scope.node.path);
}

function key(n: { kind: string; namespace: string; name: string }): string {
  return `${n.kind}/${n.namespace}/${n.name}`;
}

/** The claims made in the app of `scope`, as `kind/namespace/name -> construct path` lines (for tests). */
export function claimsOf(scope: IConstruct): string[] {
  return [...(claims.get(scope.node.root) ?? new Map<string, string>()).entries()].map(([k, path]) => `${k} -> ${path}`).sort();
}
