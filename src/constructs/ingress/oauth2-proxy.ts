import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { buildIngress } from './ingress-builder';
import { HttpPathType } from './ingress-path';
import { IWorkloadRef, WorkloadIdentity } from '../../analysis/peer';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { Port } from '../../kube/port';
import { checkDnsLabel, checkDnsSubdomain, checkHost } from '../../kube/validation/dns';
import { checkImage } from '../../kube/validation/image';
import { checkPort } from '../../kube/validation/port';
import { checkHttpsUrl } from '../../kube/validation/url';
import { AppProbe } from '../app/app-probe';
import { SecureApp } from '../app/secure-app';
import { assertValid, firstProblem } from '../core/errors';
import { INamespaceRef } from '../namespace/namespace-ref';
import { IPeer, Peer } from '../network/peer';
import { Platform } from '../platform/platform';

/** The default oauth2-proxy image (pinned; the upstream example's `:latest` is rejected by the platform). */
export const OAUTH2_PROXY_IMAGE = 'quay.io/oauth2-proxy/oauth2-proxy:v7.8.1';
/** The port oauth2-proxy listens on. */
const OAUTH2_PROXY_PORT = 4180;

/** How oauth2-proxy authenticates users against an OpenID Connect identity provider. */
export interface OAuth2ProxyOptions {
  /** The identity provider's OIDC issuer URL (https), e.g. `https://dex.example.com`. */
  readonly issuerUrl: string;
  /** The OAuth client id registered at the identity provider. */
  readonly clientId: string;
  /**
   * An existing Secret (only referenced) in the app's namespace with the keys `client-secret`
   * (the OAuth client secret) and `cookie-secret` (16, 24 or 32 random bytes, base64).
   */
  readonly secretName: string;
  /**
   * The oauth2-proxy image.
   * @default "quay.io/oauth2-proxy/oauth2-proxy:v7.8.1"
   */
  readonly image?: string;
  /**
   * Where the identity provider is, reached over HTTPS (TCP 443).
   * @default Peer.internet()
   */
  readonly identityProvider?: IPeer;
  /**
   * The identity provider's HTTPS port.
   * @default 443
   */
  readonly identityProviderPort?: number;
  /**
   * Email domains whose users are let in. `*` (every user the identity provider authenticates)
   * needs `allowAnyEmailDomain`.
   * @default - every user the identity provider authenticates (restrict users there)
   */
  readonly emailDomains?: string[];
  /**
   * Let `*` appear in `emailDomains`: every user the identity provider authenticates, whatever their
   * email domain. Without it a `*` is an error.
   * @default false
   */
  readonly allowAnyEmailDomain?: boolean;
  /**
   * The oauth2-proxy app's name.
   * @default "<ingress name>-oauth2-proxy"
   */
  readonly name?: string;
}

/**
 * The first problem with oauth2-proxy's props, or undefined. Pure, so TlsIngress can check the
 * options it passes before it claims any name or emits anything.
 */
export function oauth2ProxyProblem(props: OAuth2ProxyProps): string | undefined {
  return firstProblem([
    () => checkHost(props.host),
    () => checkHttpsUrl(props.issuerUrl, 'issuer URL'),
    () => /^[A-Za-z0-9._~:@-]{1,200}$/.test(props.clientId ?? '') ? undefined
      : `client id ${JSON.stringify(props.clientId)} contains characters other than letters, digits and . _ ~ : @ -; use the id the identity provider issued`,
    () => checkDnsSubdomain(props.secretName, 'secret name'),
    () => (props.emailDomains ?? ['*']).length === 0 ? 'emailDomains is empty; list the domains to let in, or ["*"] with allowAnyEmailDomain: true for every authenticated user' : undefined,
    () => (props.emailDomains ?? []).includes('*') && props.allowAnyEmailDomain !== true
      ? 'emailDomains contains "*", which lets in every user the identity provider authenticates; list the domains to let in, or set allowAnyEmailDomain: true'
      : undefined,
    () => (props.emailDomains ?? []).map(d => d === '*' ? undefined : checkHost(d, { allowApex: true, what: 'email domain' })).find(p => p !== undefined),
    () => checkPort(props.identityProviderPort ?? 443, 'identity provider port'),
    () => {
      const idp = (props.identityProvider ?? Peer.internet()).toPeer();
      const problem = idp._problem();
      return problem ? `identity provider ${idp.description}: ${problem}` : undefined;
    },
    () => checkDnsLabel(props.name ?? 'oauth2-proxy', 'oauth2-proxy name'),
    () => checkDnsLabel(props.ingressName ?? props.name ?? 'oauth2-proxy', 'oauth2-proxy ingress name'),
    () => checkImage(props.image ?? OAUTH2_PROXY_IMAGE, 'oauth2-proxy image'),
  ]);
}

/** Props of OAuth2Proxy. */
export interface OAuth2ProxyProps extends OAuth2ProxyOptions {
  /** The host it protects (its `/oauth2` path is served on it). */
  readonly host: string;
  /** The namespace (the protected app's). */
  readonly namespace: INamespaceRef;
  /** The TLS secret of the host (the protected Ingress requests the certificate). */
  readonly tlsSecretName: string;
  /**
   * The source allowlist of the protected Ingress, repeated on the `/oauth2` Ingress.
   * @default - no allowlist
   */
  readonly allowSourceRanges?: string[];
  /**
   * The name of the `/oauth2` Ingress.
   * @default "<name>"
   */
  readonly ingressName?: string;
  /**
   * The platform.
   * @default - `Platform.of(this)`
   */
  readonly platform?: Platform;
}

/**
 * oauth2-proxy in front of an Ingress, done the platform's way: a SecureApp on port 4180 (pinned
 * image, hardened, probes on `/ping`), an Ingress for `/oauth2` on the protected host, a policy
 * admitting the ingress controller (which calls auth-url, not the browser) and egress to the
 * identity provider over HTTPS only. `annotations` are the three ingress-nginx auth annotations
 * the protected Ingress carries. TlsIngress creates one for you with its `oauth2Proxy` option.
 */
export class OAuth2Proxy extends Construct implements IWorkloadRef {
  /** The oauth2-proxy app. */
  public readonly app: SecureApp;
  /** The Ingress for `/oauth2`. */
  public readonly ingress: ApiObject;
  /** The auth annotations for the protected Ingress. */
  public readonly annotations: { [key: string]: string };

  constructor(scope: Construct, id: string, props: OAuth2ProxyProps) {
    super(scope, id);
    assertValid(this, oauth2ProxyProblem(props));
    const emailDomains = props.emailDomains ?? ['*'];
    const idpPort = props.identityProviderPort ?? 443;
    const identityProvider = (props.identityProvider ?? Peer.internet()).toPeer();
    const platform = props.platform ?? Platform.of(this);
    if (props.allowSourceRanges !== undefined) assertValid(this, platform._sourceAllowlistProblem());
    const name = props.name ?? 'oauth2-proxy';
    attachGuardrails(this, platform);

    this.app = new SecureApp(this, 'App', {
      name,
      namespace: props.namespace,
      platform,
      image: props.image ?? OAUTH2_PROXY_IMAGE,
      port: OAUTH2_PROXY_PORT,
      probe: AppProbe.http('/ping'),
      component: 'authentication',
      args: [
        `--http-address=0.0.0.0:${OAUTH2_PROXY_PORT}`,
        '--provider=oidc',
        `--oidc-issuer-url=${props.issuerUrl}`,
        `--client-id=${props.clientId}`,
        `--redirect-url=https://${props.host}/oauth2/callback`,
        ...emailDomains.map(d => `--email-domain=${d}`),
        '--reverse-proxy=true',
        '--set-authorization-header=true',
        '--cookie-secure=true',
        '--upstream=static://202',
        '--skip-provider-button=true',
      ],
      secretEnv: [
        { name: 'OAUTH2_PROXY_CLIENT_SECRET', secretName: props.secretName, key: 'client-secret' },
        { name: 'OAUTH2_PROXY_COOKIE_SECRET', secretName: props.secretName, key: 'cookie-secret' },
      ],
    });
    this.app.allowTo(identityProvider, Port.tcp(idpPort));

    this.ingress = buildIngress(this, 'Ingress', {
      name: props.ingressName ?? name,
      namespace: this.app.namespace,
      host: props.host,
      secretName: props.tlsSecretName,
      platform,
      // The protected Ingress requests the certificate; two requesters of one secret would fight.
      issuer: undefined,
      paths: [{ path: '/oauth2', pathType: HttpPathType.PREFIX, app: this.app }],
      sourceRanges: props.allowSourceRanges,
      component: 'authentication',
      partOf: name,
    });

    this.annotations = {
      'nginx.ingress.kubernetes.io/auth-url': 'https://$host/oauth2/auth',
      'nginx.ingress.kubernetes.io/auth-signin': 'https://$host/oauth2/start?rd=$escaped_request_uri',
      'nginx.ingress.kubernetes.io/auth-response-headers': 'authorization',
    };
  }

  /** The oauth2-proxy workload as a reachability analysis names it (its app's). */
  public get workloadIdentity(): WorkloadIdentity {
    return this.app.workloadIdentity;
  }
}
