import { IConstruct } from 'constructs';

/** Throw `<construct path>: <problem>` when a pure checker found a problem. */
export function assertValid(scope: IConstruct, problem: string | undefined): void {
  if (problem !== undefined) {
    throw new Error(`${scope.node.path}: ${problem}`);
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
