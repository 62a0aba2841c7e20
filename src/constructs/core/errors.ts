import { IConstruct } from 'constructs';

/**
 * Throw `<construct path>: <problem>` (or `<construct path>: <context>: <problem>`) when a pure
 * checker found a problem.
 *
 * Value objects have one way to hold bad input: made from it, a Port, Peer, ManagedService,
 * IngressController, CertIssuer or AppProbe does not throw (it has no construct path to name); its
 * `_problem()` returns what is wrong and what would be valid, and the construct that receives the
 * value checks it here, so the message starts with that construct's path.
 * @param context where the value was given, e.g. `allowTo(the internet)`
 */
export function assertValid(scope: IConstruct, problem: string | undefined, context?: string): void {
  if (problem !== undefined) {
    throw new Error(`${scope.node.path}: ${context !== undefined ? `${context}: ` : ''}${problem}`);
  }
}

/** Throw `<construct path>: <problem>`. */
export function fail(scope: IConstruct, problem: string): never {
  throw new Error(`${scope.node.path}: ${problem}`);
}

/** Run the checks in order and return the first problem, or undefined; later checks may assume earlier ones passed. */
export function firstProblem(checks: (() => string | undefined)[]): string | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}
