/**
 * Gateway API facts: the resource kinds, the labels that name a Gateway's data-plane pods, and what
 * Envoy Gateway (v1.9) offers. Pure data, read by the constructs' `GatewayImplementation`, the
 * engine (routes expose their backends to the data plane) and the rule pack.
 */
import { APP_LABELS } from '../labels';

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
/** The Envoy Gateway policy group. */
export const ENVOY_GATEWAY_GROUP = 'gateway.envoyproxy.io';

/**
 * The label implementations that follow the in-cluster deployment convention (Istio, NGINX Gateway
 * Fabric, ...) put on the pods they run for a Gateway, in the Gateway's namespace.
 */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** Envoy Gateway v1.9 (`internal/infrastructure/kubernetes/proxy/resource.go`). */
export const ENVOY_GATEWAY = Object.freeze({
  /** The controller's namespace, where the data plane runs unless "Gateway namespace mode" is on. */
  controllerNamespace: 'envoy-gateway-system',
  /** Labels on every data-plane pod. */
  proxyLabels: Object.freeze({
    [APP_LABELS.name]: 'envoy',
    [APP_LABELS.component]: 'proxy',
    [APP_LABELS.managedBy]: 'envoy-gateway',
  }),
  /** The labels naming the Gateway a data-plane pod serves. */
  owningGatewayNameLabel: 'gateway.envoyproxy.io/owning-gateway-name',
  owningGatewayNamespaceLabel: 'gateway.envoyproxy.io/owning-gateway-namespace',
  /** The ports Envoy listens on for a listener port below 1024 (the listener port + 10000). */
  unprivilegedPortOffset: 10000,
});

/** The pod labels of Envoy Gateway's data plane for one Gateway. */
export function envoyProxyLabels(gatewayNamespace: string, gatewayName: string): { [key: string]: string } {
  return {
    ...ENVOY_GATEWAY.proxyLabels,
    [ENVOY_GATEWAY.owningGatewayNameLabel]: gatewayName,
    [ENVOY_GATEWAY.owningGatewayNamespaceLabel]: gatewayNamespace,
  };
}

/**
 * Whether a listener hostname admits a route hostname (Gateway API hostname matching: a `*.`
 * wildcard matches one or more labels in front of its suffix; no hostname on either side matches
 * everything). Both sides may be wildcards.
 */
export function hostnamesIntersect(listener: string | undefined, route: string): boolean {
  if (listener === undefined || listener === '') return true;
  const l = listener.toLowerCase();
  const r = route.toLowerCase();
  if (l === r) return true;
  if (l.startsWith('*.')) {
    const suffix = l.slice(1); // ".example.com"
    if (r.startsWith('*.')) return r.slice(1).endsWith(suffix);
    return r.endsWith(suffix) && r.length > suffix.length;
  }
  if (r.startsWith('*.')) return l.endsWith(r.slice(1)) && l.length > r.length - 1;
  return false;
}
