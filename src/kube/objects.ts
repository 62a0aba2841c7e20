/**
 * Object identity: two documents with the same API group, kind, namespace and name are one object.
 * Applied in order (as `kubectl apply -f` does, or an update of the object), the later document
 * replaces the earlier one, so only the last is analysed, and a warning says so.
 */

type Json = Record<string, unknown>;

/** The API group of kinds the engine reads, for documents without apiVersion. */
const DEFAULT_GROUPS: Readonly<Record<string, string>> = {
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
  NetworkPolicy: 'networking.k8s.io',
  Ingress: 'networking.k8s.io',
  Route: 'route.openshift.io',
};

/** Kinds without a namespace; for others an absent namespace is `default`. */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume',
  'StorageClass', 'PriorityClass', 'IngressClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

function text(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

function identity(o: Json): { key: string; label: string } | undefined {
  const meta = (o.metadata && typeof o.metadata === 'object' ? o.metadata : {}) as Json;
  const name = text(meta.name);
  // Without a name (generateName) each document creates a new object.
  if (!name) return undefined;
  const kind = text(o.kind);
  const apiVersion = text(o.apiVersion);
  const group = apiVersion ? (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '') : DEFAULT_GROUPS[kind] ?? '';
  const namespace = CLUSTER_SCOPED.has(kind) ? '' : text(meta.namespace) || 'default';
  const label = `${kind} ${namespace ? `${namespace}/` : ''}${name}${group && group !== DEFAULT_GROUPS[kind] ? ` (${group})` : ''}`;
  return { key: `${group}\u0000${kind}\u0000${namespace}\u0000${name}`, label };
}

/**
 * The objects with every earlier version of a repeated object dropped (the last one keeps its place),
 * and a warning per repeated object.
 */
export function lastVersions(objects: readonly unknown[]): { objects: unknown[]; warnings: string[] } {
  const last = new Map<string, number>();
  const count = new Map<string, { label: string; n: number }>();
  const keys = objects.map((raw, i) => {
    const id = raw && typeof raw === 'object' && !Array.isArray(raw) ? identity(raw as Json) : undefined;
    if (!id) return undefined;
    last.set(id.key, i);
    const seen = count.get(id.key);
    if (seen) seen.n++;
    else count.set(id.key, { label: id.label, n: 1 });
    return id.key;
  });
  const warnings = [...count.values()].filter(c => c.n > 1)
    .map(c => `${c.label} appears ${c.n} times in the input; the last one is analysed, as applying the documents in order would leave it`);
  if (warnings.length === 0) return { objects: objects.slice(), warnings };
  return { objects: objects.filter((_, i) => keys[i] === undefined || last.get(keys[i]!) === i), warnings };
}
