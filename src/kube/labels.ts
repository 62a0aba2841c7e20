/** Well-known label keys, and the standard `app.kubernetes.io/*` labels of what the library emits. */

/** The label every Namespace carries with its own name (Kubernetes >= 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The recommended labels (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/). */
export const APP_LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

/** `app.kubernetes.io/managed-by` on everything the library emits. */
const MANAGED_BY = 'cdk8s-netsec';

/** The standard labels of one component. Undefined values are left out. */
export function standardLabels(options: { name?: string; instance?: string; component?: string; partOf?: string }): { [key: string]: string } {
  const labels: { [key: string]: string } = {};
  if (options.name) labels[APP_LABELS.name] = options.name;
  if (options.instance) labels[APP_LABELS.instance] = options.instance;
  if (options.component) labels[APP_LABELS.component] = options.component;
  if (options.partOf) labels[APP_LABELS.partOf] = options.partOf;
  labels[APP_LABELS.managedBy] = MANAGED_BY;
  return labels;
}
