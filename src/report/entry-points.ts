/**
 * Where traffic enters from outside the cluster, read from the manifests: each Ingress host with the
 * workloads its backends reach (Service selector -> pod template labels) and whether TLS covers it.
 */
import { DEFAULT_NAMESPACE, Obj, asArray, asObject, asString, kindOf, nameOf, namespaceOf, stringMap } from '../kube/objects';
import { LabelSelector } from '../kube/selectors';
import { podTemplateOf } from '../kube/workloads';

/** One host of one Ingress. */
export interface EntryPoint {
  /** `shop.example.com`, or `*` for a rule without a host. */
  readonly host: string;
  /** The Ingress, as `ns/name`. */
  readonly via: string;
  /** Whether a `spec.tls` entry with a Secret covers the host. */
  readonly tls: boolean;
  /** The workloads the host's backends select, as the analysis names them (`ns/name[Kind]`). */
  readonly workloads: string[];
}

function hostCovered(host: string, tlsHosts: readonly string[]): boolean {
  return tlsHosts.some(t => t === host || (t.startsWith('*.') && host.endsWith(t.slice(1)) && !host.slice(0, -t.length + 1).includes('.')));
}

/** Every Ingress host in the objects, sorted by host then Ingress. */
export function entryPointsOf(objects: readonly Obj[]): EntryPoint[] {
  const ns = (o: Obj) => namespaceOf(o) || DEFAULT_NAMESPACE;
  const services = new Map<string, LabelSelector | undefined>();
  const workloads: { ns: string; id: string; labels: Record<string, string> }[] = [];
  for (const o of objects) {
    if (kindOf(o) === 'Service') {
      const selector = stringMap(asObject(o.spec).selector);
      services.set(`${ns(o)}/${nameOf(o)}`, Object.keys(selector).length ? LabelSelector.matchLabels(selector) : undefined);
    }
    const template = podTemplateOf(o);
    // Pods a workload owns are analysed as the workload; a bare Pod is its own workload.
    if (template && !(kindOf(o) === 'Pod' && asArray(asObject(o.metadata).ownerReferences).length > 0)) {
      workloads.push({ ns: ns(o), id: `${ns(o)}/${nameOf(o)}[${kindOf(o)}]`, labels: template.labels });
    }
  }
  const backendsOf = (namespace: string, names: readonly string[]): string[] => {
    const ids = new Set<string>();
    for (const name of names) {
      const selector = services.get(`${namespace}/${name}`);
      if (!selector) continue;
      for (const w of workloads) if (w.ns === namespace && selector.matches(w.labels)) ids.add(w.id);
    }
    return [...ids].sort();
  };
  const out: EntryPoint[] = [];
  for (const o of objects) {
    if (kindOf(o) !== 'Ingress') continue;
    const spec = asObject(o.spec);
    const namespace = ns(o);
    const via = `${namespace}/${nameOf(o) ?? ''}`;
    const tlsHosts = asArray(spec.tls).map(asObject)
      .filter(t => asString(t.secretName))
      .flatMap(t => asArray(t.hosts).map(asString).filter((h): h is string => h !== undefined));
    const serviceOf = (backend: unknown) => asString(asObject(asObject(backend).service).name);
    const defaultBackend = serviceOf(spec.defaultBackend);
    const rules = asArray(spec.rules).map(asObject);
    const byHost = new Map<string, string[]>();
    for (const rule of rules) {
      const host = asString(rule.host) ?? '*';
      const names = asArray(asObject(rule.http).paths).map(p => serviceOf(asObject(p).backend)).filter((n): n is string => !!n);
      byHost.set(host, [...(byHost.get(host) ?? []), ...names]);
    }
    if (defaultBackend && byHost.size === 0) byHost.set('*', [defaultBackend]);
    for (const [host, names] of byHost) {
      out.push({ host, via, tls: host !== '*' && hostCovered(host, tlsHosts), workloads: backendsOf(namespace, names) });
    }
  }
  return out.sort((a, b) => a.host.localeCompare(b.host) || a.via.localeCompare(b.via));
}
