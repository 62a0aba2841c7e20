/**
 * Pods and the workloads that template them: the one list of kinds that run pods, and where each
 * keeps its pod template. The rule pack and the reachability engine both read pods through this,
 * so a kind one of them knows is never missing from the other.
 */
import { asObject, isObj, kindOf, namespaceOf, Obj, objectsOf, stringMap } from './objects';

/** Controllers that create pods from `spec.template` (CronJob: `spec.jobTemplate.spec.template`). */
export const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/** Every kind that describes pods: a bare Pod and every workload kind. */
export const POD_TEMPLATE_KINDS: readonly string[] = ['Pod', ...WORKLOAD_KINDS];

/** A pod template found in a workload (or a bare Pod). */
export interface PodTemplate {
  readonly owner: Obj;
  /** The namespace as written, or '' when absent. */
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** The pod template's annotations (the Pod's own for a Pod). */
  readonly annotations: Record<string, string>;
  /** The pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment, ...); empty when absent. */
  readonly spec: Obj;
}

/** The pod template of a Pod or workload; undefined for other kinds. */
export function podTemplateOf(obj: Obj): PodTemplate | undefined {
  const kind = kindOf(obj);
  if (!POD_TEMPLATE_KINDS.includes(kind)) {
    return undefined;
  }
  let template: Obj;
  if (kind === 'Pod') {
    template = { metadata: obj.metadata, spec: obj.spec };
  } else if (kind === 'CronJob') {
    template = asObject(asObject(asObject(asObject(obj.spec).jobTemplate).spec).template);
  } else {
    template = asObject(asObject(obj.spec).template);
  }
  return {
    owner: obj,
    namespace: namespaceOf(obj),
    labels: stringMap(asObject(template.metadata).labels),
    annotations: stringMap(asObject(template.metadata).annotations),
    spec: isObj(template.spec) ? template.spec : {},
  };
}

export interface ContainerRef {
  readonly container: Obj;
  /** The container's name, or `#<index>` when it has none. */
  readonly name: string;
  readonly init: boolean;
}

/** Init containers, then containers, of a pod spec (entries that are not mappings are skipped). */
export function containersOf(spec: Obj): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
    objectsOf(spec[field]).forEach((c, i) => out.push({ container: c, name: typeof c.name === 'string' ? c.name : `#${i}`, init }));
  }
  return out;
}
