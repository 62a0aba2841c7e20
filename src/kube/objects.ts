/**
 * Plain Kubernetes objects (JSON as read from YAML or produced by `toJson()`): defensive accessors,
 * which kinds are cluster-scoped, list expansion and object identity. Manifests read from disk may
 * have any shape, so nothing here trusts a field's type.
 */

/** A plain Kubernetes object as read from a file: no cdk8s types, just JSON. */
export interface KubeObject {
  readonly [key: string]: unknown;
}

/** A mapping with fields of unknown type, for readers that check each field. */
export type Json = Record<string, unknown>;

/** A mapping navigated freely (`obj.spec?.template?.spec`), for readers that check what they find. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;

/** Where an object lands when its manifest names no namespace (`kubectl apply` without `-n`). */
export const DEFAULT_NAMESPACE = 'default';

/** Kinds that live outside namespaces (everything else is treated as namespaced). */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'IngressClass', 'PriorityClass', 'RuntimeClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'PodSecurityPolicy', 'ClusterIssuer',
  'GatewayClass', 'ComponentStatus', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration',
  'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy',
]);

/** The API group of kinds read without apiVersion (core kinds have none). */
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

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a mapping, or an empty one. */
export function asObject(value: unknown): Json {
  return isObj(value) ? value : {};
}

/** The value as a list (every entry, whatever its type), or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mappings of a list; entries that are not mappings are skipped. */
export function objectsOf(value: unknown): Obj[] {
  return asArray(value).filter(isObj);
}

/** A string, or a number as text (YAML reads `port: 80` and `name: "80"` alike for int-or-string fields). */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A map with every value as a string; absent and null values are left out (labels, annotations, selectors). */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && v !== null) {
        out[k] = String(v);
      }
    }
  }
  return out;
}

export function kindOf(obj: Obj): string {
  return typeof obj.kind === 'string' ? obj.kind : '';
}

export function nameOf(obj: Obj): string | undefined {
  const name = obj.metadata?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The namespace as written, or '' when absent (the namespace the manifests get applied to). */
export function namespaceOf(obj: Obj): string {
  const ns = obj.metadata?.namespace;
  return typeof ns === 'string' ? ns : '';
}

export function labelsOf(obj: Obj): Record<string, string> {
  return stringMap(obj.metadata?.labels);
}

export function annotationsOf(obj: Obj): Record<string, string> {
  return stringMap(obj.metadata?.annotations);
}

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

export function isNamespaced(obj: Obj): boolean {
  return !isClusterScoped(kindOf(obj));
}

/**
 * Expands list objects (`List`, `PodList`, `NetworkPolicyList`, ... : any kind ending in `List`
 * with an `items` array) into their items, recursively. Other objects pass through unchanged.
 * Items of a typed list (`PodList`) that lack `kind` get the list's item kind (`Pod`), as
 * `kubectl get -o yaml` omits it.
 */
export function expandLists(objects: readonly KubeObject[]): KubeObject[] {
  const out: KubeObject[] = [];
  const visit = (obj: KubeObject) => {
    const kind = obj.kind;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(obj.items)) {
      const itemKind = kind.slice(0, -'List'.length);
      for (const item of obj.items as KubeObject[]) {
        if (item && typeof item === 'object') {
          visit(itemKind && (item.kind === undefined || item.kind === '') ? { ...item, kind: itemKind } : item);
        }
      }
    } else {
      out.push(obj);
    }
  };
  objects.forEach(visit);
  return out;
}

/**
 * Object identity: two documents with the same API group, kind, namespace and name are one object.
 * Undefined without a name (generateName): each such document creates a new object.
 */
function identity(o: Obj): { key: string; label: string } | undefined {
  const name = nameOf(o);
  if (!name) return undefined;
  const kind = kindOf(o);
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const group = apiVersion ? (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '') : DEFAULT_GROUPS[kind] ?? '';
  const namespace = isClusterScoped(kind) ? '' : namespaceOf(o) || DEFAULT_NAMESPACE;
  const label = `${kind} ${namespace ? `${namespace}/` : ''}${name}${group && group !== DEFAULT_GROUPS[kind] ? ` (${group})` : ''}`;
  return { key: `${group}\u0000${kind}\u0000${namespace}\u0000${name}`, label };
}

/**
 * The objects with every earlier version of a repeated object dropped (the last one keeps its place),
 * and a warning per repeated object. Applied in order (as `kubectl apply -f` does, or an update of the
 * object), the later document replaces the earlier one, so only the last one counts.
 */
export function lastVersions(objects: readonly unknown[]): { objects: unknown[]; warnings: string[] } {
  const last = new Map<string, number>();
  const count = new Map<string, { label: string; n: number }>();
  const keys = objects.map((raw, i) => {
    const id = isObj(raw) ? identity(raw) : undefined;
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
