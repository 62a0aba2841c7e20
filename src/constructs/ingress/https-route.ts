import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { cnameRecord } from './ingress-builder';
import { HttpPathType, IngressPathProps } from './ingress-path';
import { publicHostProblem } from './public-host';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import * as eg from '../../imports/gateway.envoyproxy.io';
import * as gw from '../../imports/gateway.networking.k8s.io';
import { Cidr, rangeContains } from '../../kube/ip';
import { standardLabels } from '../../kube/labels';
import { GATEWAY_API_GROUP, hostnamesIntersect } from '../../kube/platform/gateway';
import { checkAllowlist, readCidr } from '../../kube/validation/cidr';
import { checkDnsLabel, checkDnsSubdomain, checkHost, isBelowDomain } from '../../kube/validation/dns';
import { checkHttpPath } from '../../kube/validation/path';
import { checkHttpsUrl } from '../../kube/validation/url';
import { SecureApp } from '../app/secure-app';
import { ensureAcmeSolverPolicy } from '../cert-manager/acme-solver-policy';
import { CertIssuer } from '../cert-manager/cert-issuer';
import { assertValid, fail, firstProblem } from '../core/errors';
import { claimNames } from '../core/name-registry';
import { certificateAlerts, certificateAlertsClaim } from '../monitoring/certificate-alerts';
import { namespaceDependencies } from '../namespace/namespace-ref';
import { PlatformGateway } from '../platform/gateway';
import { Platform } from '../platform/platform';

/** Single sign-on at the Gateway (Envoy Gateway `SecurityPolicy.oidc`): no extra pods. */
export interface GatewayOidcOptions {
  /** The identity provider's OIDC issuer URL (https), e.g. `https://dex.example.com`. */
  readonly issuerUrl: string;
  /** The OAuth client id registered at the identity provider. */
  readonly clientId: string;
  /** An existing Secret (only referenced) in the app's namespace with the key `client-secret`. */
  readonly clientSecretName: string;
  /**
   * The path the identity provider redirects back to.
   * @default "/oauth2/callback"
   */
  readonly redirectPath?: string;
  /**
   * The path that logs the user out.
   * @default "/logout"
   */
  readonly logoutPath?: string;
}

/** Props shared by HttpsRoute and InternalHttpsRoute. */
export interface GatewayRouteProps {
  /** The app behind the host (the route lives in its namespace). */
  readonly app: SecureApp;
  /** The host, without a trailing dot. */
  readonly host: string;
  /**
   * The name of the route (and of the ListenerSet and SecurityPolicy).
   * @default - the app's name
   */
  readonly name?: string;
  /**
   * Emit a GRPCRoute instead of an HTTPRoute (no `paths`).
   * @default false
   */
  readonly grpc?: boolean;
  /**
   * Paths besides `/` (Prefix, to the app). An app in another namespace needs `grantCrossNamespaceBackends`.
   * @default - none
   */
  readonly paths?: IngressPathProps[];
  /**
   * Emit a ReferenceGrant in each other namespace a path's app lives in, letting the route reach it.
   * @default false
   */
  readonly grantCrossNamespaceBackends?: boolean;
  /**
   * The issuer of the host's certificate, on the team's ListenerSet (a Gateway with ListenerSets only).
   * @default CertIssuer.production()
   */
  readonly issuer?: CertIssuer;
  /**
   * The TLS Secret cert-manager fills (a Gateway with ListenerSets only).
   * @default "<host>-tls"
   */
  readonly secretName?: string;
  /**
   * Emit a PrometheusRule alerting when the host's certificate expires in under 20 days or is not
   * ready for 10 minutes (cert-manager's metrics), for the platform's user Prometheus. Only on a
   * Gateway with ListenerSets, where cert-manager issues the team's certificate.
   * @default - the platform's `monitoring.certificateAlerts` (Welkin: on)
   */
  readonly certificateAlerts?: boolean;
  /**
   * Single sign-on in front of the app (an implementation that offers OIDC).
   * @default - no authentication
   */
  readonly oidc?: GatewayOidcOptions;
  /**
   * TTL of the DNS record, in seconds.
   * @default 900
   */
  readonly dnsTtl?: number;
  /**
   * The Gateway to attach to.
   * @default - the platform's `gateway`
   */
  readonly gateway?: PlatformGateway;
  /**
   * The platform.
   * @default - the app's platform
   */
  readonly platform?: Platform;
}

/** Props of HttpsRoute. */
export interface HttpsRouteProps extends GatewayRouteProps {
  /**
   * Client CIDRs allowed to reach the host (a SecurityPolicy, default action Deny). Needs an
   * implementation that offers it and the client address preserved up to the data plane.
   * @default - every client
   */
  readonly allowSourceRanges?: string[];
}

/**
 * An HTTPS entry point on the Gateway API for a SecureApp on one host, the successor of TlsIngress:
 * an HTTPRoute (or GRPCRoute) attached to the platform's Gateway, with the host's listener either
 * the platform's shared one or the team's own `ListenerSet` (certificate by cert-manager); the rule
 * admitting the Gateway's data plane to the app's port; once per namespace, the policy admitting
 * it to cert-manager's HTTP-01 solver pods; a ReferenceGrant only for cross-namespace backends; a
 * SecurityPolicy for a source allowlist or OIDC. `dnsRecord` is the CNAME to create.
 *
 * ```ts
 * new HttpsRoute(chart, 'route', { app: demo, host: 'demo.example.com' }).dnsRecord;
 * // 'demo.example.com. 900 CNAME app.example.com.'
 * ```
 */
export class HttpsRoute extends Construct {
  /** The host. */
  public readonly host: string;
  /** The HTTPRoute or GRPCRoute. */
  public readonly route: ApiObject;
  /**
   * The team's ListenerSet.
   * @default - none on a shared listener
   */
  public readonly listenerSet?: ApiObject;
  /**
   * The SecurityPolicy (allowlist, OIDC).
   * @default - none
   */
  public readonly securityPolicy?: ApiObject;
  /**
   * The certificate alerts (a PrometheusRule), if emitted.
   * @default - none (a shared listener, or `certificateAlerts: false`)
   */
  public readonly certificateAlerts?: ApiObject;
  /** The DNS record, e.g. `demo.example.com. 900 CNAME app.example.com.`. */
  public readonly dnsRecord: string;

  constructor(scope: Construct, id: string, props: HttpsRouteProps) {
    super(scope, id);
    const built = buildRoute(this, props, {
      component: 'gateway-route',
      sourceRanges: props.allowSourceRanges,
      checkHost: (host, platform) => publicHostProblem(host, platform),
      recordTarget: p => p.appDomain,
      gateway: p => p.gateway,
    });
    this.host = props.host;
    this.route = built.route;
    this.listenerSet = built.listenerSet;
    this.securityPolicy = built.securityPolicy;
    this.certificateAlerts = built.certificateAlerts;
    this.dnsRecord = built.dnsRecord!;
  }
}

/** Props of InternalHttpsRoute. */
export interface InternalHttpsRouteProps extends GatewayRouteProps {
  /**
   * Client CIDRs allowed; private only (inside the platform's private ranges).
   * @default - the platform's private ranges
   */
  readonly allowSourceRanges?: string[];
}

/**
 * An internal-only HTTPS entry point on the Gateway API (`<name>.internal.<domain>`), like
 * InternalIngress: the source allowlist is always present and holds only private ranges; it
 * attaches to the platform's `internalGateway`.
 */
export class InternalHttpsRoute extends Construct {
  /** The host. */
  public readonly host: string;
  /** The HTTPRoute or GRPCRoute. */
  public readonly route: ApiObject;
  /** The SecurityPolicy holding the allowlist. */
  public readonly securityPolicy: ApiObject;
  /** The allowlist. */
  public readonly allowSourceRanges: string[];
  /**
   * The DNS record to create: none, since the host is directly under the internal domain, which the
   * platform's wildcard `*.<internal domain>` already resolves (a CNAME there would sit in a zone the
   * team does not own).
   * @default - none
   */
  public readonly dnsRecord?: string;

  constructor(scope: Construct, id: string, props: InternalHttpsRouteProps) {
    super(scope, id);
    const platform = props.platform ?? props.app?.platform ?? Platform.of(this);
    const internalDomain = platform.internalDomain;
    if (internalDomain === undefined) fail(this, 'the platform has no internal domain; set `internalDomain` on the platform to use InternalHttpsRoute');
    const ranges = [...(props.allowSourceRanges ?? platform.privateRanges)];
    if (ranges.length === 0) fail(this, `allowSourceRanges is empty; an internal route needs private ranges (default: ${platform.privateRanges.join(', ')})`);
    const privateBlocks = platform.privateRanges.map(r => readCidr(r) as Cidr);
    for (const range of ranges) {
      const parsed = readCidr(range, 'source range');
      if (typeof parsed === 'string') fail(this, parsed);
      if (!privateBlocks.some(p => rangeContains(p, parsed))) {
        fail(this, `source range ${JSON.stringify(range)} is not private; an internal route admits only ranges inside the platform's private ranges (${platform.privateRanges.join(', ')})`);
      }
    }
    const built = buildRoute(this, { ...props, platform }, {
      component: 'internal-gateway-route',
      sourceRanges: ranges,
      checkHost: host => isBelowDomain(host, internalDomain) && !host.slice(0, -internalDomain.length - 1).includes('.')
        ? undefined
        : `host ${JSON.stringify(host)} is not under the internal domain; use <name>.${internalDomain} (e.g. "admin.${internalDomain}")`,
      gateway: p => p.internalGateway,
    });
    this.host = props.host;
    this.route = built.route;
    this.securityPolicy = built.securityPolicy!;
    this.allowSourceRanges = ranges;
  }
}

interface RouteKind {
  readonly component: string;
  readonly sourceRanges?: string[];
  readonly checkHost: (host: string, platform: Platform) => string | undefined;
  /** Where the host's CNAME points; absent when no record is needed (a host the platform's wildcard resolves). */
  readonly recordTarget?: (platform: Platform) => string;
  readonly gateway: (platform: Platform) => PlatformGateway | undefined;
}

interface BuiltRoute {
  readonly route: ApiObject;
  readonly listenerSet?: ApiObject;
  readonly securityPolicy?: ApiObject;
  readonly certificateAlerts?: ApiObject;
  readonly dnsRecord?: string;
}

/** The listener name in a team's ListenerSet. */
const LISTENER_NAME = 'https';

/** Validate everything, then emit the route, its listener, the policies and grants. */
function buildRoute(scope: Construct, props: GatewayRouteProps, kind: RouteKind): BuiltRoute {
  const app = props.app;
  if (!app) fail(scope, 'no app; pass the SecureApp the host serves as `app`');
  const platform = props.platform ?? app.platform;
  const gateway = props.gateway ?? kind.gateway(platform);
  if (!gateway) {
    fail(scope, 'the platform has no Gateway; describe it with `gateway: PlatformGateway.listenerSets({...})` (or `sharedListener`) in the platform props, or pass `gateway`');
  }
  assertValid(scope, gateway._problem(), `gateway ${gateway.namespace}/${gateway.name}`);
  const impl = gateway.implementation;
  const name = props.name ?? app.name;
  const ns = app.namespace;
  const host = props.host;
  const ttl = props.dnsTtl ?? 900;
  assertValid(scope, firstProblem([
    () => checkDnsLabel(name, 'route name'),
    () => checkHost(host),
    () => kind.checkHost(host, platform),
    () => !gateway.usesListenerSets && !hostnamesIntersect(gateway.listenerHostname, host)
      ? `host ${JSON.stringify(host)} is not allowed by listener "${gateway.listenerName}" of Gateway ${gateway.namespace}/${gateway.name}, `
        + `which serves ${JSON.stringify(gateway.listenerHostname)}; use a host under it`
      : undefined,
    () => !gateway.usesListenerSets && (props.issuer !== undefined || props.secretName !== undefined)
      ? `the Gateway ${gateway.namespace}/${gateway.name} terminates TLS on its shared listener with the platform's certificate; `
        + '`issuer` and `secretName` apply only to a Gateway with ListenerSets: leave them out'
      : undefined,
    () => !Number.isInteger(ttl) || ttl < 1 || ttl > 2147483647 ? `DNS TTL ${JSON.stringify(ttl)} is not a positive integer; use seconds, e.g. 900` : undefined,
    () => kind.sourceRanges !== undefined && !impl.sourceAllowlist
      ? `a source allowlist needs an implementation that offers one (Envoy Gateway); ${impl.description} does not, and an allowlist is never dropped silently`
      : undefined,
    () => kind.sourceRanges !== undefined && kind.sourceRanges.length === 0
      ? 'allowSourceRanges is empty, which would block every client; list client CIDRs, or leave it out to admit everyone' : undefined,
    () => kind.sourceRanges !== undefined ? checkAllowlist(kind.sourceRanges, 'source range') : undefined,
    () => props.oidc !== undefined && !impl.oidc
      ? `OIDC single sign-on needs an implementation that offers it (Envoy Gateway); ${impl.description} does not` : undefined,
    () => props.oidc !== undefined ? oidcProblem(props.oidc) : undefined,
    () => props.grpc && props.paths?.length ? 'a GRPCRoute has no paths; leave out `paths` or `grpc`' : undefined,
  ]));
  const secretName = props.secretName ?? `${host}-tls`;
  assertValid(scope, checkDnsSubdomain(secretName, 'secret name'));
  const issuer = gateway.usesListenerSets ? (props.issuer ?? CertIssuer.production())._resolve(platform) : undefined;
  if (issuer) assertValid(scope, issuer._problem());
  if (props.certificateAlerts === true && !gateway.usesListenerSets) {
    fail(scope, `certificateAlerts: the Gateway ${gateway.namespace}/${gateway.name} serves the platform's certificate on its shared listener, which the team `
      + 'does not manage; certificate alerts apply to a Gateway with ListenerSets, where cert-manager issues the host\'s certificate');
  }
  const alertsWanted = issuer !== undefined && (props.certificateAlerts ?? platform.certificateAlerts);

  const backends = backendPaths(scope, props);
  const foreign = [...new Set(backends.filter(b => b.app.namespace !== ns).map(b => b.app.namespace))].sort();
  if (foreign.length > 0 && !props.grantCrossNamespaceBackends) {
    const other = backends.find(b => b.app.namespace !== ns)!;
    fail(scope, `path ${JSON.stringify(other.path)} goes to app ${other.app.namespace}/${other.app.name} in another namespace, which the route `
      + `may reach only with a ReferenceGrant in ${other.app.namespace}; set \`grantCrossNamespaceBackends: true\` to emit it, or serve an app of ${ns}`);
  }

  const routeKind = props.grpc ? 'GRPCRoute' : 'HTTPRoute';
  const secured = kind.sourceRanges !== undefined || props.oidc !== undefined;
  claimNames(scope, [
    { kind: routeKind, namespace: ns, name },
    ...(gateway.usesListenerSets ? [
      { kind: 'ListenerSet', namespace: ns, name },
      { kind: 'TLS Secret', namespace: ns, name: secretName, fix: 'give one of them another `secretName`' },
    ] : []),
    ...(secured ? [{ kind: 'SecurityPolicy', namespace: ns, name }] : []),
    ...(alertsWanted ? [certificateAlertsClaim(ns, name)] : []),
    ...foreign.map(f => ({ kind: 'ReferenceGrant', namespace: f, name: `${ns}-${name}` })),
    { kind: 'Ingress host', namespace: '', name: host, fix: 'serve each host from one entry point, adding paths with `paths`' },
  ]);
  attachGuardrails(scope, platform);
  const labels = standardLabels({ name, component: kind.component, partOf: app.name });

  let listenerSet: ApiObject | undefined;
  if (gateway.usesListenerSets) {
    const ref = issuer!._ref();
    listenerSet = new gw.ListenerSet(scope, 'ListenerSet', {
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: { [ref.kind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer']: ref.name },
      },
      spec: {
        parentRef: { group: GATEWAY_API_GROUP, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace },
        listeners: [{
          name: LISTENER_NAME,
          hostname: host,
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: gw.ListenerSetSpecListenersTlsMode.TERMINATE, certificateRefs: [{ group: '', kind: 'Secret', name: secretName }] },
          allowedRoutes: { namespaces: { from: gw.ListenerSetSpecListenersAllowedRoutesNamespacesFrom.SAME } },
        }],
      },
    });
  }
  const parentRef = gateway.usesListenerSets
    ? { group: GATEWAY_API_GROUP, kind: 'ListenerSet', name, sectionName: LISTENER_NAME }
    : { group: GATEWAY_API_GROUP, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace, sectionName: gateway.listenerName };
  const backendRef = (b: RouteBackend) => ({
    name: b.app.name,
    ...(b.app.namespace !== ns ? { namespace: b.app.namespace } : {}),
    port: b.app._httpBackend(scope).servicePort,
  });
  const metadata = { name, namespace: ns, labels };
  const route: ApiObject = props.grpc
    ? new gw.GrpcRoute(scope, 'Route', {
      metadata,
      spec: { parentRefs: [parentRef], hostnames: [host], rules: [{ backendRefs: [backendRef(backends[0])] }] },
    })
    : new gw.HttpRoute(scope, 'Route', {
      metadata,
      spec: {
        parentRefs: [parentRef],
        hostnames: [host],
        rules: backends.map(b => ({
          matches: [{
            path: {
              type: b.pathType === HttpPathType.EXACT ? gw.HttpRouteSpecRulesMatchesPathType.EXACT : gw.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX,
              value: b.path,
            },
          }],
          backendRefs: [backendRef(b)],
        })),
      },
    });
  if (listenerSet) route.node.addDependency(listenerSet);

  for (const f of foreign) {
    const grant = new gw.ReferenceGrant(scope, `ReferenceGrant-${f}`, {
      metadata: { name: `${ns}-${name}`, namespace: f, labels },
      spec: {
        from: [{ group: GATEWAY_API_GROUP, kind: routeKind, namespace: ns }],
        to: [...new Set(backends.filter(b => b.app.namespace === f).map(b => b.app.name))].sort().map(n => ({ group: '', kind: 'Service', name: n })),
      },
    });
    route.node.addDependency(grant);
  }

  let securityPolicy: ApiObject | undefined;
  if (secured) {
    const oidc = props.oidc;
    securityPolicy = new eg.SecurityPolicy(scope, 'SecurityPolicy', {
      metadata,
      spec: {
        targetRefs: [{ group: GATEWAY_API_GROUP, kind: routeKind, name }],
        ...(kind.sourceRanges ? {
          authorization: {
            defaultAction: eg.SecurityPolicySpecAuthorizationDefaultAction.DENY,
            rules: [{ name: 'allow-source-ranges', action: eg.SecurityPolicySpecAuthorizationRulesAction.ALLOW, principal: { clientCidRs: [...kind.sourceRanges] } }],
          },
        } : {}),
        ...(oidc ? {
          oidc: {
            provider: { issuer: oidc.issuerUrl },
            clientId: oidc.clientId,
            clientSecret: { group: '', kind: 'Secret', name: oidc.clientSecretName },
            redirectUrl: `https://${host}${oidc.redirectPath ?? '/oauth2/callback'}`,
            logoutPath: oidc.logoutPath ?? '/logout',
          },
        } : {}),
      },
    });
    // The route must not be served, even briefly, without its protection.
    route.node.addDependency(securityPolicy);
  }

  const dataPlane = gateway.toPeer();
  for (const a of new Set(backends.map(b => b.app))) {
    a._addIngressRule(dataPlane, [a._httpBackend(scope).port]);
    route.node.addDependency(a);
  }
  if (listenerSet) {
    // cert-manager's HTTP-01 solver pods in the team's namespace are reached by the data plane.
    listenerSet.node.addDependency(ensureAcmeSolverPolicy(scope, ns, platform, namespaceDependencies(app._namespaceRef),
      { peer: dataPlane, suffix: 'gateway' }).apiObject);
  }
  // cert-manager's gateway-shim names the Certificate after the listener's Secret.
  const alerts = alertsWanted
    ? certificateAlerts(scope, 'CertificateAlerts',
      { owner: name, namespace: ns, host, certificateName: secretName, partOf: app.name, platform })
    : undefined;
  if (alerts) alerts.node.addDependency(listenerSet!);
  const dnsRecord = kind.recordTarget ? cnameRecord(host, ttl, kind.recordTarget(platform)) : undefined;
  return { route, listenerSet, securityPolicy, certificateAlerts: alerts, dnsRecord };
}

function oidcProblem(oidc: GatewayOidcOptions): string | undefined {
  return firstProblem([
    () => checkHttpsUrl(oidc.issuerUrl, 'issuer URL'),
    () => /^[A-Za-z0-9._~:@-]{1,200}$/.test(oidc.clientId ?? '') ? undefined
      : `client id ${JSON.stringify(oidc.clientId)} contains characters other than letters, digits and . _ ~ : @ -; use the id the identity provider issued`,
    () => checkDnsSubdomain(oidc.clientSecretName, 'client secret name'),
    () => checkHttpPath(oidc.redirectPath ?? '/oauth2/callback'),
    () => checkHttpPath(oidc.logoutPath ?? '/logout'),
  ]);
}

interface RouteBackend {
  readonly path: string;
  readonly pathType: HttpPathType;
  readonly app: SecureApp;
}

/** `/` to the app plus the extra paths, each checked once. */
function backendPaths(scope: Construct, props: GatewayRouteProps): RouteBackend[] {
  const out: RouteBackend[] = [{ path: '/', pathType: HttpPathType.PREFIX, app: props.app }];
  const seen = new Set(['Prefix /']);
  for (const extra of props.paths ?? []) {
    assertValid(scope, checkHttpPath(extra.path));
    const pathType = extra.pathType ?? HttpPathType.PREFIX;
    if (!Object.values(HttpPathType).includes(pathType)) {
      fail(scope, `path type ${JSON.stringify(pathType)} of path ${JSON.stringify(extra.path)} is not supported; use HttpPathType.PREFIX or HttpPathType.EXACT`);
    }
    if (seen.has(`${pathType} ${extra.path}`)) fail(scope, `path ${JSON.stringify(extra.path)} is listed twice; list each path once`);
    seen.add(`${pathType} ${extra.path}`);
    out.push({ path: extra.path, pathType, app: extra.app ?? props.app });
  }
  return out;
}
