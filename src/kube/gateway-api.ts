/**
 * Gateway API objects (Gateway, ListenerSet, HTTPRoute, GRPCRoute, ReferenceGrant) and which routes
 * their parents accept: an accepted route exposes its Service backends to its Gateway's data plane.
 * Pure: plain objects in, accepted backends and warnings out; nothing here decides connectivity.
 */
import { asArray, asObject, asString, DEFAULT_NAMESPACE, Json } from './objects';
import { GATEWAY_API_GROUP, hostnamesIntersect } from './platform/gateway';
import { LabelSelector } from './selectors';

/** The Gateway API kinds the engine reads. */
export const GATEWAY_API_KINDS = ['Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'];

/** Whether an object is one of the Gateway API kinds the engine reads. */
export function isGatewayApiObject(kind: string, apiVersion: string | undefined): boolean {
  return GATEWAY_API_KINDS.includes(kind) && (apiVersion ?? '').startsWith(`${GATEWAY_API_GROUP}/`);
}

interface Listener {
  readonly name: string;
  readonly hostname?: string;
  readonly protocol: string;
  readonly port: number;
  readonly tls: boolean;
  /** `Same`, `All` or `Selector` (`from` of allowedRoutes.namespaces). */
  readonly from: string;
  readonly selector?: LabelSelector;
  /** Route kinds allowed; undefined: the protocol's defaults. */
  readonly kinds?: string[];
}

export interface GatewayObject {
  readonly namespace: string;
  readonly name: string;
  readonly listeners: Listener[];
  /** allowedListeners.namespaces.from: `None` (default), `Same`, `All`, `Selector`. */
  readonly listenersFrom: string;
  readonly listenersSelector?: LabelSelector;
}

export interface ListenerSetObject {
  readonly namespace: string;
  readonly name: string;
  readonly gatewayNamespace: string;
  readonly gatewayName: string;
  readonly listeners: Listener[];
}

export interface RouteBackendRef {
  readonly namespace: string;
  readonly service: string;
  readonly port?: number;
}

export interface RouteObject {
  readonly kind: 'HTTPRoute' | 'GRPCRoute';
  readonly namespace: string;
  readonly name: string;
  readonly hostnames: string[];
  readonly parents: Array<{ kind: string; namespace: string; name: string; sectionName?: string; port?: number }>;
  readonly backends: RouteBackendRef[];
  /** The object read. */
  readonly object: unknown;
}

export interface ReferenceGrantObject {
  readonly namespace: string;
  readonly from: Array<{ group: string; kind: string; namespace: string }>;
  readonly to: Array<{ group: string; kind: string; name?: string }>;
}

export interface GatewayApiModel {
  readonly gateways: GatewayObject[];
  readonly listenerSets: ListenerSetObject[];
  readonly routes: RouteObject[];
  readonly grants: ReferenceGrantObject[];
}

export function emptyGatewayApiModel(): GatewayApiModel {
  return { gateways: [], listenerSets: [], routes: [], grants: [] };
}

/** Adds one Gateway API object to the model. */
export function readGatewayApiObject(model: GatewayApiModel, kind: string, namespace: string, name: string, spec: Json, object?: unknown): void {
  if (kind === 'Gateway') {
    const allowed = asObject(asObject(spec.allowedListeners).namespaces);
    model.gateways.push({
      namespace,
      name,
      listeners: asArray(spec.listeners).map(l => readListener(asObject(l))),
      listenersFrom: asString(allowed.from) ?? 'None',
      listenersSelector: allowed.selector ? LabelSelector.parse(allowed.selector) : undefined,
    });
  } else if (kind === 'ListenerSet') {
    const parent = asObject(spec.parentRef);
    model.listenerSets.push({
      namespace,
      name,
      gatewayNamespace: asString(parent.namespace) || namespace,
      gatewayName: asString(parent.name) ?? '',
      listeners: asArray(spec.listeners).map(l => readListener(asObject(l))),
    });
  } else if (kind === 'HTTPRoute' || kind === 'GRPCRoute') {
    model.routes.push({
      kind,
      namespace,
      name,
      hostnames: asArray(spec.hostnames).map(h => asString(h)).filter((h): h is string => !!h),
      parents: asArray(spec.parentRefs).map(asObject).map(p => ({
        kind: asString(p.kind) ?? 'Gateway',
        namespace: asString(p.namespace) || namespace,
        name: asString(p.name) ?? '',
        sectionName: asString(p.sectionName),
        port: typeof p.port === 'number' ? p.port : undefined,
      })),
      backends: asArray(spec.rules).flatMap(r => asArray(asObject(r).backendRefs)).map(asObject)
        // Only Services have pods behind them (the core group's Service is the default).
        .filter(b => (asString(b.group) ?? '') === '' && (asString(b.kind) ?? 'Service') === 'Service' && asString(b.name))
        .map(b => ({ namespace: asString(b.namespace) || namespace, service: asString(b.name)!, port: typeof b.port === 'number' ? b.port : undefined })),
      object,
    });
  } else if (kind === 'ReferenceGrant') {
    model.grants.push({
      namespace,
      from: asArray(spec.from).map(asObject).map(f => ({ group: asString(f.group) ?? '', kind: asString(f.kind) ?? '', namespace: asString(f.namespace) ?? '' })),
      to: asArray(spec.to).map(asObject).map(t => ({ group: asString(t.group) ?? '', kind: asString(t.kind) ?? '', name: asString(t.name) })),
    });
  }
}

function readListener(l: Json): Listener {
  const allowed = asObject(l.allowedRoutes);
  const namespaces = asObject(allowed.namespaces);
  const kinds = allowed.kinds === undefined ? undefined : asArray(allowed.kinds).map(k => asString(asObject(k).kind) ?? '');
  const protocol = asString(l.protocol) ?? '';
  return {
    name: asString(l.name) ?? '',
    hostname: asString(l.hostname),
    protocol,
    port: typeof l.port === 'number' ? l.port : 0,
    tls: protocol === 'HTTPS' && (asString(asObject(l.tls).mode) ?? 'Terminate') === 'Terminate',
    from: asString(namespaces.from) ?? 'Same',
    selector: namespaces.selector ? LabelSelector.parse(namespaces.selector) : undefined,
    kinds,
  };
}

/** The Gateway API objects among `objects` (for the rule pack; the engine reads them with the rest). */
export function gatewayApiModel(objects: readonly unknown[]): GatewayApiModel {
  const model = emptyGatewayApiModel();
  for (const raw of objects) {
    const o = asObject(raw);
    const kind = asString(o.kind) ?? '';
    if (!isGatewayApiObject(kind, asString(o.apiVersion))) continue;
    const meta = asObject(o.metadata);
    readGatewayApiObject(model, kind, asString(meta.namespace) || DEFAULT_NAMESPACE, asString(meta.name) ?? '', asObject(o.spec), raw);
  }
  return model;
}

/** A backend an accepted route sends to, with the Gateway whose data plane sends it. */
export interface GatewayBackend {
  readonly via: string;
  readonly gatewayNamespace: string;
  readonly gatewayName: string;
  readonly backend: RouteBackendRef;
}

/** One attachment of a route to a listener that accepted it (for the rules). */
export interface RouteAttachment {
  readonly route: RouteObject;
  readonly gatewayNamespace: string;
  readonly gatewayName: string;
  /** Whether the accepting listeners are all known and at least one terminates TLS; undefined when the parent is not in the input. */
  readonly tls?: boolean;
}

export interface RouteResolution {
  readonly backends: GatewayBackend[];
  readonly attachments: RouteAttachment[];
  readonly warnings: string[];
}

/**
 * Which routes their parents accept and which of their backends they may reach. A parent not in
 * the input is taken to accept (it cannot be checked); a refusal, a parent ListenerSet not in the
 * input, or a cross-namespace backend without a ReferenceGrant exposes nothing and is warned about.
 */
export function resolveRoutes(model: GatewayApiModel, namespaceLabels: (ns: string) => Readonly<Record<string, string>>): RouteResolution {
  const gateways = new Map(model.gateways.map(g => [`${g.namespace}/${g.name}`, g]));
  const listenerSets = new Map(model.listenerSets.map(l => [`${l.namespace}/${l.name}`, l]));
  const out: RouteResolution = { backends: [], attachments: [], warnings: [] };
  for (const route of model.routes) {
    const via = `${route.kind} ${route.namespace}/${route.name}`;
    const accepted: RouteAttachment[] = [];
    for (const parent of route.parents) {
      const ref = `${parent.kind} ${parent.namespace}/${parent.name}`;
      let gatewayNs: string;
      let gatewayName: string;
      let listeners: Listener[] | undefined;
      let ownerNs: string;
      if (parent.kind === 'Gateway') {
        gatewayNs = parent.namespace;
        gatewayName = parent.name;
        ownerNs = parent.namespace;
        listeners = gateways.get(`${parent.namespace}/${parent.name}`)?.listeners;
      } else if (parent.kind === 'ListenerSet') {
        const ls = listenerSets.get(`${parent.namespace}/${parent.name}`);
        if (!ls) {
          out.warnings.push(`${via}: its parent ${ref} is not in the input, so its Gateway is unknown; the route exposes nothing through it`);
          continue;
        }
        gatewayNs = ls.gatewayNamespace;
        gatewayName = ls.gatewayName;
        ownerNs = ls.namespace;
        listeners = ls.listeners;
        const gw = gateways.get(`${gatewayNs}/${gatewayName}`);
        const refusal = gw && listenerSetRefusal(gw, ls, namespaceLabels);
        if (refusal) {
          out.warnings.push(`${via}: refused by ${ref}, which Gateway ${gatewayNs}/${gatewayName} does not accept (${refusal}); the route exposes nothing through it`);
          continue;
        }
      } else {
        continue; // another kind of parent (e.g. a mesh Service): no Gateway data plane
      }
      if (!listeners) {
        accepted.push({ route, gatewayNamespace: gatewayNs, gatewayName });
        continue;
      }
      const candidates = listeners.filter(l => (parent.sectionName === undefined || l.name === parent.sectionName)
        && (parent.port === undefined || l.port === parent.port));
      const reasons: string[] = [];
      const accepting = candidates.filter(l => {
        const reason = listenerRefusal(l, route, ownerNs, namespaceLabels);
        if (reason) reasons.push(`listener "${l.name}": ${reason}`);
        return reason === undefined;
      });
      if (accepting.length === 0) {
        const why = candidates.length === 0
          ? `it has no listener${parent.sectionName !== undefined ? ` named "${parent.sectionName}"` : ''}${parent.port !== undefined ? ` on port ${parent.port}` : ''}`
          : reasons.join('; ');
        out.warnings.push(`${via}: refused by ${ref} (${why}); the route exposes nothing through it`);
        continue;
      }
      accepted.push({ route, gatewayNamespace: gatewayNs, gatewayName, tls: accepting.every(l => l.tls) });
    }
    out.attachments.push(...accepted);
    if (accepted.length === 0) continue;
    for (const backend of route.backends) {
      if (backend.namespace !== route.namespace && !granted(model.grants, route, backend)) {
        out.warnings.push(`${via}: refers to Service ${backend.namespace}/${backend.service} in another namespace without a ReferenceGrant there; `
          + 'the backend is refused and exposes nothing');
        continue;
      }
      const seen = new Set<string>();
      for (const a of accepted) {
        const key = `${a.gatewayNamespace}/${a.gatewayName}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.backends.push({ via, gatewayNamespace: a.gatewayNamespace, gatewayName: a.gatewayName, backend });
      }
    }
  }
  return out;
}

/** Why a listener refuses a route, or undefined. */
type NamespaceLabels = (ns: string) => Readonly<Record<string, string>>;

function listenerRefusal(l: Listener, route: RouteObject, ownerNs: string, namespaceLabels: NamespaceLabels): string | undefined {
  if (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS') return `protocol ${l.protocol || '(none)'} does not carry ${route.kind}s`;
  if (l.kinds !== undefined && !l.kinds.includes(route.kind)) return `allowedRoutes.kinds does not include ${route.kind}`;
  if (l.from === 'Same' && route.namespace !== ownerNs) return `allowedRoutes admits only routes of namespace ${ownerNs}`;
  if (l.from === 'Selector' && !(l.selector?.matches(namespaceLabels(route.namespace)) ?? false)) {
    return `allowedRoutes' namespace selector does not select namespace ${route.namespace}`;
  }
  if (l.from !== 'Same' && l.from !== 'All' && l.from !== 'Selector') return `allowedRoutes.namespaces.from ${JSON.stringify(l.from)} admits no route`;
  if (route.hostnames.length > 0 && !route.hostnames.some(h => hostnamesIntersect(l.hostname, h))) {
    return `hostname ${l.hostname} matches none of the route's hostnames (${route.hostnames.join(', ')})`;
  }
  return undefined;
}

/** Why a Gateway does not accept a ListenerSet, or undefined. */
function listenerSetRefusal(gw: GatewayObject, ls: ListenerSetObject, namespaceLabels: NamespaceLabels): string | undefined {
  switch (gw.listenersFrom) {
    case 'All': return undefined;
    case 'Same': return ls.namespace === gw.namespace ? undefined : `allowedListeners admits only ListenerSets of namespace ${gw.namespace}`;
    case 'Selector': return gw.listenersSelector?.matches(namespaceLabels(ls.namespace)) ? undefined : `allowedListeners' selector does not select namespace ${ls.namespace}`;
    default: return 'allowedListeners admits no ListenerSet';
  }
}

/** Whether a ReferenceGrant in the backend's namespace lets the route refer to the Service. */
export function granted(grants: readonly ReferenceGrantObject[], route: RouteObject, backend: RouteBackendRef): boolean {
  return grants.some(g => g.namespace === backend.namespace
    && g.from.some(f => f.group === GATEWAY_API_GROUP && f.kind === route.kind && f.namespace === route.namespace)
    && g.to.some(t => t.group === '' && t.kind === 'Service' && (t.name === undefined || t.name === backend.service)));
}
