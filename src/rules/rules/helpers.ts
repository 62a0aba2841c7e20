// Shared shapes for container-level rules.
import { isObj, Obj } from '../../kube/objects';
import { ContainerRef, containersOf, PodTemplate } from '../../kube/workloads';
import { describe } from '../object-index';
import { RuleContext, Violation } from '../rule';

/** Runs `check` on every container of every pod template; `check` returns a problem or undefined. */
export function checkContainers(
  context: RuleContext,
  check: (container: ContainerRef, template: PodTemplate) => string | undefined,
  options: { includeInit?: boolean } = {},
): Violation[] {
  const out: Violation[] = [];
  for (const template of context.index.podTemplates) {
    for (const c of containersOf(template.spec)) {
      if (c.init && options.includeInit === false) {
        continue;
      }
      const problem = check(c, template);
      if (problem) {
        out.push({ object: template.owner, message: `${describe(template.owner)}: ${c.init ? 'init container' : 'container'} '${c.name}' ${problem}` });
      }
    }
  }
  return out;
}

/** A securityContext field as it takes effect: the container's value, else the pod's. */
export function effectiveSecurity(container: Obj, podSpec: Obj, field: string): unknown {
  const own = isObj(container.securityContext) ? container.securityContext[field] : undefined;
  if (own !== undefined && own !== null) {
    return own;
  }
  return isObj(podSpec.securityContext) ? podSpec.securityContext[field] : undefined;
}

/** `has no resources.<section>.cpu and ...` for the cpu/memory amounts a container does not set, else undefined. */
export function missingResources(container: Obj, section: 'limits' | 'requests'): string | undefined {
  const amounts = isObj(container.resources) && isObj(container.resources[section]) ? container.resources[section] : {};
  const missing = ['cpu', 'memory'].filter(r => amounts[r] === undefined || amounts[r] === null || amounts[r] === '');
  return missing.length > 0 ? `has no ${missing.map(m => `resources.${section}.${m}`).join(' and ')}` : undefined;
}
