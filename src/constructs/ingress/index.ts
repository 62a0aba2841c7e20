export { TlsIngress, TlsIngressProps } from './tls-ingress';
export { InternalIngress, InternalIngressProps } from './internal-ingress';
export { TlsEntryPointProps } from './tls-entry-point';
export { OAuth2Proxy, OAuth2ProxyProps, OAuth2ProxyOptions } from './oauth2-proxy';
export { HttpPathType, IngressPathProps } from './ingress-path';
export { HttpsRoute, HttpsRouteProps, GatewayRouteProps, InternalHttpsRoute, InternalHttpsRouteProps, GatewayOidcOptions } from './https-route';
