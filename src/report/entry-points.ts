/**
 * Where traffic enters from outside the cluster, read from the manifests: each host of an Ingress,
 * and of an HTTPRoute or GRPCRoute its Gateway (or ListenerSet) accepts, with the workloads its
 * backends reach (Service selector -> pod template labels) and whether TLS covers it.
 */
import { gatewayApiModel, resolveRoutes } from '../kube/gateway-api';
import { NAMESPACE_NAME_LABEL } from '../kube/labels';
import { DEFAULT_NAMESPACE, Obj, asArray, asObject, asString, kindOf, nameOf, namespaceOf, stringMap } from '../kube/objects';
import { LabelSelector } from '../kube/selectors';
import { podTemplateOf } from '../kube/workloads';

/** One host of one Ingress or Gateway API route. */
export interface EntryPoint {
  /** `shop.example.com`, or `*` for a rule without a host. */
  readonly host: string;
  /** The object it is read from: `Ingress ns/name`, `HTTPRoute ns/name`, `GRPCRoute ns/name`. */
  readonly via: string;
  /** Whether TLS covers the host: a `spec.tls` entry with a Secret (Ingress); every listener that accepts the route terminates TLS (route). */
  readonly tls: boolean;
  /** The workloads the host's backends select, as the analysis names them (`ns/name[Kind]`). */
  readonly workloads: string[];
}

function hostCovered(host: string, tlsHosts: readonly string[]): boolean {
  return tlsHosts.some(t => t === host || (t.startsWith('*.') && host.endsWith(t.slice(1)) && !host.slice(0, -t.length + 1).includes('.')));
}

/** Every entry point in the objects, sorted by host then object. */
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
    const via = `Ingress ${namespace}/${nameOf(o) ?? ''}`;
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
  out.push(...routeEntryPoints(objects, backendsOf));
  return out.sort((a, b) => a.host.localeCompare(b.host) || a.via.localeCompare(b.via));
}

/**
 * The hosts of the routes a Gateway or ListenerSet accepts (`resolveRoutes`, as the engine reads
 * them), `*` for a route without hostnames; backends refused (no ReferenceGrant) reach nothing.
 */
function routeEntryPoints(objects: readonly Obj[], backendsOf: (namespace: string, names: readonly string[]) => string[]): EntryPoint[] {
  const model = gatewayApiModel(objects);
  if (model.routes.length === 0) return [];
  const labels = new Map<string, Record<string, string>>();
  for (const o of objects) {
    if (kindOf(o) === 'Namespace' && nameOf(o)) labels.set(nameOf(o)!, { ...stringMap(asObject(o.metadata).labels), [NAMESPACE_NAME_LABEL]: nameOf(o)! });
  }
  const resolution = resolveRoutes(model, ns => labels.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns });
  const out: EntryPoint[] = [];
  for (const route of model.routes) {
    const via = `${route.kind} ${route.namespace}/${route.name}`;
    const attachments = resolution.attachments.filter(a => a.route === route);
    if (attachments.length === 0) continue;
    const byNamespace = new Map<string, string[]>();
    for (const b of resolution.backends.filter(x => x.via === via)) {
      byNamespace.set(b.backend.namespace, [...(byNamespace.get(b.backend.namespace) ?? []), b.backend.service]);
    }
    const workloads = [...new Set([...byNamespace].flatMap(([ns, names]) => backendsOf(ns, names)))].sort();
    const tls = attachments.every(a => a.tls === true);
    for (const host of route.hostnames.length ? route.hostnames : ['*']) out.push({ host, via, tls: tls && host !== '*', workloads });
  }
  return out;
}
