import { IConstruct } from 'constructs';
import { assertValid } from './errors';

// Per app (the construct tree's root): which construct emits which object. Two objects with one
// kind, namespace and name would silently overwrite each other in the cluster.
const claims = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Reserve `kind/namespace/name` for `scope`; throw, naming the other construct, if it is taken.
 * Check every name of a construct before emitting any object, so nothing is emitted on conflict.
 */
export function claimNames(scope: IConstruct, names: NameClaim[]): void {
  assertValid(scope, nameConflict(scope, scope.node.path, names));
  const root = scope.node.root;
  if (!claims.has(root)) claims.set(root, new Map());
  for (const n of names) claims.get(root)!.set(key(n), scope.node.path);
}

/** An object name a construct emits, with the fix to suggest when another construct emits it too. */
export interface NameClaim {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly fix?: string;
}

/**
 * Why the construct at `ownerPath` (which may not exist yet) could not claim `names`, or undefined.
 * Lets a construct check the names of the children it will create before it claims its own.
 */
export function nameConflict(scope: IConstruct, ownerPath: string, names: NameClaim[]): string | undefined {
  const taken = claims.get(scope.node.root);
  for (const n of names) {
    const other = taken?.get(key(n));
    if (other !== undefined && other !== ownerPath) {
      const where = n.namespace ? ` in namespace "${n.namespace}"` : '';
      return `${n.kind} "${n.name}"${where} is already emitted by ${other}; ${n.fix ?? 'give one of them another name (the `name` prop)'}`;
    }
  }
  return undefined;
}

function key(n: { kind: string; namespace: string; name: string }): string {
  return `${n.kind}/${n.namespace}/${n.name}`;
}

/** The claims made in the app of `scope`, as `kind/namespace/name -> construct path` lines (for tests). */
export function claimsOf(scope: IConstruct): string[] {
  return [...(claims.get(scope.node.root) ?? new Map<string, string>()).entries()].map(([k, path]) => `${k} -> ${path}`).sort();
}
