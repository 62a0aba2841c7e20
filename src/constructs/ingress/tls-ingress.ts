import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { OAuth2Proxy } from './oauth2-proxy';
import { buildEntryPoint, TlsEntryPointProps } from './tls-entry-point';
import { checkAllowlist } from '../../kube/validation/cidr';
import { isBelowDomain } from '../../kube/validation/dns';
import { quote } from '../../kube/validation/quote';
import { assertValid, fail } from '../core/errors';
import { Platform } from '../platform/platform';

/** Props of TlsIngress. */
export interface TlsIngressProps extends TlsEntryPointProps {
  /**
   * Client CIDRs allowed to reach the host (`nginx.ingress.kubernetes.io/whitelist-source-range`).
   * Needs the client IP preserved by the load balancer.
   * @default - every client
   */
  readonly allowSourceRanges?: string[];
}

/**
 * An HTTPS entry point for a SecureApp on one host: an Ingress of the platform's class whose rule
 * host and `tls.hosts` are the same value, secret `<host>-tls`, path `/` (Prefix) plus optional
 * extra paths, annotated for cert-manager (`letsencrypt-prod` on Welkin). It admits the ingress
 * controller on the app's port in the app's own policy, emits once per namespace the policy that
 * lets the controller reach cert-manager's HTTP-01 solver pods, and can add a source allowlist and
 * oauth2-proxy authentication. `dnsRecord` is the CNAME to create, in zone-file form.
 *
 * ```ts
 * const ingress = new TlsIngress(chart, 'demo-ingress', { app: demo, host: 'demo.example.com' });
 * ingress.dnsRecord; // 'demo.example.com. 900 CNAME app.example.com.'
 * ```
 */
export class TlsIngress extends Construct {
  /** The host. */
  public readonly host: string;
  /** The TLS Secret cert-manager fills. */
  public readonly secretName: string;
  /** The Ingress. */
  public readonly ingress: ApiObject;
  /** The DNS record to create, e.g. `demo.example.com. 900 CNAME app.example.com.`. */
  public readonly dnsRecord: string;
  /** The oauth2-proxy in front of the host, if asked for. */
  public readonly oauth2Proxy?: OAuth2Proxy;
  /** The PrometheusRule alerting on the host's certificate, if emitted. */
  public readonly certificateAlerts?: ApiObject;

  constructor(scope: Construct, id: string, props: TlsIngressProps) {
    super(scope, id);
    const ranges = props.allowSourceRanges;
    if (ranges !== undefined) {
      if (ranges.length === 0) fail(this, 'allowSourceRanges is empty, which would block every client; list client CIDRs, or leave it out to admit everyone');
      assertValid(this, checkAllowlist(ranges, 'source range'));
    }
    const built = buildEntryPoint(this, props, {
      component: 'ingress',
      sourceRanges: ranges ? [...ranges] : undefined,
      checkHost: (host, platform) => publicHostProblem(host, platform),
      recordTarget: platform => platform.appDomain,
    });
    this.host = props.host;
    this.secretName = built.secretName;
    this.ingress = built.ingress;
    this.dnsRecord = built.dnsRecord;
    this.oauth2Proxy = built.oauth2Proxy;
    this.certificateAlerts = built.certificateAlerts;
  }
}

/**
 * A public host may not be the platform's own names: the app domain (its record would be a CNAME to
 * itself), the internal domain (it would take over the internal load balancer's name) or a host under
 * the internal domain (served publicly without the internal allowlist).
 */
function publicHostProblem(host: string, platform: Platform): string | undefined {
  if (host === platform.appDomain) {
    return `host ${quote(host)} is the platform's app domain, which public hosts CNAME to (the record would point at itself); `
      + `use a name of its own, e.g. "demo.${platform.appDomain.split('.').slice(1).join('.') || platform.appDomain}"`;
  }
  const internal = platform.internalDomain;
  if (internal !== undefined && host === internal) {
    return `host ${quote(host)} is the platform's internal domain, the internal load balancer's name; use a public name of its own`;
  }
  if (internal !== undefined && isBelowDomain(host, internal)) {
    return `host ${quote(host)} is under the internal domain ${internal}, which is internal-only; use InternalIngress for it, or a public name outside ${internal}`;
  }
  return undefined;
}
