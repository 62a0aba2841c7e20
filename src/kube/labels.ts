/** `app.kubernetes.io/managed-by` on everything the library emits. */
const MANAGED_BY = 'cdk8s-netsec';

/** The standard labels of one component. Undefined values are left out. */
export function standardLabels(options: { name?: string; instance?: string; component?: string; partOf?: string }): { [key: string]: string } {
  const labels: { [key: string]: string } = {};
  if (options.name) labels['app.kubernetes.io/name'] = options.name;
  if (options.instance) labels['app.kubernetes.io/instance'] = options.instance;
  if (options.component) labels['app.kubernetes.io/component'] = options.component;
  if (options.partOf) labels['app.kubernetes.io/part-of'] = options.partOf;
  labels['app.kubernetes.io/managed-by'] = MANAGED_BY;
  return labels;
}
