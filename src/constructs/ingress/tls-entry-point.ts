import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { BackendPath, buildIngress, cnameRecord } from './ingress-builder';
import { HttpPathType, IngressPathProps } from './ingress-path';
import { OAuth2Proxy, OAuth2ProxyOptions, oauth2ProxyProblem } from './oauth2-proxy';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { checkDnsLabel, checkDnsSubdomain, checkHost } from '../../kube/validation/dns';
import { checkHttpPath } from '../../kube/validation/path';
import { SecureApp } from '../app/secure-app';
import { ensureAcmeSolverPolicy } from '../cert-manager/acme-solver-policy';
import { CertIssuer } from '../cert-manager/cert-issuer';
import { assertValid, fail } from '../core/errors';
import { claimNames, nameConflict } from '../core/name-registry';
import { certificateAlerts, certificateAlertsClaim } from '../monitoring/certificate-alerts';
import { namespaceDependencies } from '../namespace/namespace-ref';
import { Platform } from '../platform/platform';

/** The id of the OAuth2Proxy an entry point creates. */
const OAUTH2_PROXY_ID = 'OAuth2Proxy';

/** Props shared by TlsIngress and InternalIngress. */
export interface TlsEntryPointProps {
  /** The app behind the host (its namespace is the Ingress's). */
  readonly app: SecureApp;
  /** The host, without a trailing dot (the DNS record adds it). */
  readonly host: string;
  /**
   * The Ingress's name.
   * @default - the app's name
   */
  readonly name?: string;
  /**
   * The issuer cert-manager uses for the host's certificate.
   * @default - the platform's default issuer: CertIssuer.production(), or CertIssuer.staging() outside production
   */
  readonly issuer?: CertIssuer;
  /**
   * The TLS Secret cert-manager creates.
   * @default "<host>-tls"
   */
  readonly secretName?: string;
  /**
   * Paths besides `/` (Prefix, to the app).
   * @default - none
   */
  readonly paths?: IngressPathProps[];
  /**
   * Put oauth2-proxy in front: only users the identity provider authenticates get through.
   * @default - no authentication
   */
  readonly oauth2Proxy?: OAuth2ProxyOptions;
  /**
   * TTL of the DNS record, in seconds.
   * @default 900
   */
  readonly dnsTtl?: number;
  /**
   * The platform.
   * @default - the app's platform
   */
  readonly platform?: Platform;
  /**
   * Emit a PrometheusRule alerting when the host's certificate expires in under 20 days or is not
   * ready for 10 minutes (cert-manager's metrics), for the platform's user Prometheus. Only for
   * certificates cert-manager issues.
   * @default - the platform's `monitoring.certificateAlerts` (Welkin: on)
   */
  readonly certificateAlerts?: boolean;
}

/** What differs between the public and the internal entry point. */
export interface EntryPointKind {
  readonly component: string;
  readonly sourceRanges?: string[];
  readonly checkHost: (host: string, platform: Platform) => string | undefined;
  readonly recordTarget: (platform: Platform) => string;
  /**
   * The certificate, when it does not come from the props' ACME issuer: a Secret given by name
   * (no issuer, no solver policy), or an issuer that needs no HTTP-01 challenge (no solver policy).
   */
  readonly certificate?: { readonly secretName?: string; readonly issuer?: CertIssuer };
}

/** The result of building an entry point. */
export interface EntryPoint {
  readonly ingress: ApiObject;
  readonly dnsRecord: string;
  readonly secretName: string;
  readonly oauth2Proxy?: OAuth2Proxy;
  /** The certificate alerts, if emitted. */
  readonly certificateAlerts?: ApiObject;
}

/** Validate everything, then emit the Ingress, the controller rules, the solver policy and oauth2-proxy. */
export function buildEntryPoint(scope: Construct, props: TlsEntryPointProps, kind: EntryPointKind): EntryPoint {
  const app = props.app;
  if (!app) fail(scope, 'no app; pass the SecureApp the host serves as `app`');
  const platform = props.platform ?? app.platform;
  const name = props.name ?? app.name;
  assertValid(scope, checkDnsLabel(name, 'ingress name'));
  assertValid(scope, checkHost(props.host));
  assertValid(scope, kind.checkHost(props.host, platform));
  const givenSecret = kind.certificate?.secretName;
  if (givenSecret !== undefined && props.secretName !== undefined && props.secretName !== givenSecret) {
    fail(scope, `secretName ${JSON.stringify(props.secretName)} differs from the certificate's Secret ${JSON.stringify(givenSecret)}; leave secretName out`);
  }
  const secretName = givenSecret ?? props.secretName ?? `${props.host}-tls`;
  assertValid(scope, checkDnsSubdomain(secretName, 'secret name'));
  if (kind.sourceRanges !== undefined) assertValid(scope, platform._sourceAllowlistProblem());
  const ttl = props.dnsTtl ?? 900;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 2147483647) fail(scope, `DNS TTL ${JSON.stringify(ttl)} is not a positive integer; use seconds, e.g. 900`);
  // A given Secret needs no issuer; otherwise the certificate's issuer or the props' (ACME HTTP-01).
  const acme = kind.certificate === undefined;
  const issuer = givenSecret !== undefined ? undefined : (kind.certificate?.issuer ?? props.issuer ?? platform.defaultIssuer())._resolve(platform);
  if (issuer) assertValid(scope, issuer._problem());
  // cert-manager's metrics exist only for Certificates it manages (ingress-shim names them after the Secret).
  const alertsWanted = issuer !== undefined && (props.certificateAlerts ?? platform.certificateAlerts);

  const paths = backendPaths(scope, props);

  const proxyName = props.oauth2Proxy ? props.oauth2Proxy.name ?? `${name}-oauth2-proxy` : undefined;
  if (props.oauth2Proxy?.name !== undefined) {
    assertValid(scope, checkDnsLabel(props.oauth2Proxy.name, 'oauth2Proxy.name'));
  } else if (proxyName !== undefined && checkDnsLabel(proxyName) !== undefined) {
    fail(scope, `oauth2-proxy app name ${JSON.stringify(proxyName)} (the ingress name plus "-oauth2-proxy") is not a DNS label; `
      + 'it needs at most 63 lowercase letters, digits or \'-\': set `oauth2Proxy.name`, or choose a shorter ingress `name`');
  }

  const proxyProps = props.oauth2Proxy && {
    ...props.oauth2Proxy,
    name: proxyName,
    ingressName: `${name}-oauth2`,
    host: props.host,
    namespace: app._namespaceRef,
    tlsSecretName: secretName,
    allowSourceRanges: kind.sourceRanges,
    platform,
  };
  // Check the proxy's options now, before any name is claimed; the message names the proxy's path.
  const proxyPath = `${scope.node.path}/${OAUTH2_PROXY_ID}`;
  const proxyProblem = proxyProps && (oauth2ProxyProblem(proxyProps)
    ?? nameConflict(scope, `${proxyPath}/App`, ['NetworkPolicy', 'ServiceAccount', 'Deployment', 'Service']
      .map(k => ({ kind: k, namespace: app.namespace, name: proxyProps.name!, fix: 'set `oauth2Proxy.name` to another name' }))));
  if (proxyProblem) throw new Error(`${proxyPath}: ${proxyProblem}`);

  claimNames(scope, [
    { kind: 'Ingress', namespace: app.namespace, name },
    // A given Secret is only read: several hosts may share it.
    ...(givenSecret === undefined ? [{ kind: 'TLS Secret', namespace: app.namespace, name: secretName, fix: 'give one of them another `secretName`' }] : []),
    ...(props.oauth2Proxy ? [{ kind: 'Ingress', namespace: app.namespace, name: `${name}-oauth2` }] : []),
    ...(alertsWanted ? [certificateAlertsClaim(app.namespace, name)] : []),
    // Hosts are cluster-wide: two entry points for one host make the served route depend on merge order.
    { kind: 'Ingress host', namespace: '', name: props.host, fix: 'serve each host from one TlsIngress or InternalIngress, adding paths with `paths`' },
  ]);
  attachGuardrails(scope, platform);

  const oauth2Proxy = proxyProps && new OAuth2Proxy(scope, OAUTH2_PROXY_ID, proxyProps);

  const ingress = buildIngress(scope, 'Ingress', {
    name,
    namespace: app.namespace,
    host: props.host,
    secretName,
    platform,
    issuer: issuer?._ref(),
    paths,
    sourceRanges: kind.sourceRanges,
    extraAnnotations: oauth2Proxy?.annotations,
    component: kind.component,
    partOf: app.name,
  });
  if (oauth2Proxy) ingress.node.addDependency(oauth2Proxy);
  // The solver policy must exist before cert-manager reacts to the Ingress with solver pods.
  if (acme) ingress.node.addDependency(ensureAcmeSolverPolicy(scope, app.namespace, platform, namespaceDependencies(app._namespaceRef)).apiObject);

  const alerts = alertsWanted
    ? certificateAlerts(scope, 'CertificateAlerts', { owner: name, namespace: app.namespace, host: props.host, certificateName: secretName, partOf: app.name, platform })
    : undefined;
  if (alerts) alerts.node.addDependency(ingress);

  return { ingress, dnsRecord: cnameRecord(props.host, ttl, kind.recordTarget(platform)), secretName, oauth2Proxy, certificateAlerts: alerts };
}

/** `/` to the app plus the extra paths, each checked: plain characters, same namespace, once, not /oauth2 under oauth2-proxy. */
function backendPaths(scope: Construct, props: TlsEntryPointProps): BackendPath[] {
  const app = props.app;
  const paths: BackendPath[] = [{ path: '/', pathType: HttpPathType.PREFIX, app }];
  const seen = new Set(['Prefix /']);
  for (const extra of props.paths ?? []) {
    const shown = JSON.stringify(extra.path);
    assertValid(scope, checkHttpPath(extra.path));
    const backend = extra.app ?? app;
    if (backend.namespace !== app.namespace) {
      fail(scope, `path ${shown} goes to app ${backend.namespace}/${backend.name} in another namespace; `
        + `an Ingress can only reach Services in its own namespace (${app.namespace})`);
    }
    const pathType = extra.pathType ?? HttpPathType.PREFIX;
    // From JavaScript any string gets here; ImplementationSpecific would let nginx read the path as a regex.
    if (!Object.values(HttpPathType).includes(pathType)) {
      fail(scope, `path type ${JSON.stringify(pathType)} of path ${shown} is not supported; use HttpPathType.PREFIX or HttpPathType.EXACT`);
    }
    if (seen.has(`${pathType} ${extra.path}`)) fail(scope, `path ${shown} is listed twice; list each path once`);
    if (props.oauth2Proxy && (extra.path === '/oauth2' || extra.path.startsWith('/oauth2/'))) {
      fail(scope, `path ${shown} is reserved for oauth2-proxy; choose another path`);
    }
    seen.add(`${pathType} ${extra.path}`);
    paths.push({ path: extra.path, pathType, app: backend });
  }
  return paths;
}
