import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { OAuth2Proxy } from './oauth2-proxy';
import { publicHostProblem } from './public-host';
import { buildEntryPoint, TlsEntryPointProps } from './tls-entry-point';
import { checkAllowlist } from '../../kube/validation/cidr';
import { assertValid, fail } from '../core/errors';

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
