import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { InternalCertificate } from './internal-certificate';
import { OAuth2Proxy } from './oauth2-proxy';
import { buildEntryPoint, TlsEntryPointProps } from './tls-entry-point';
import { Cidr, rangeContains } from '../../kube/ip';
import { readCidr } from '../../kube/validation/cidr';
import { isBelowDomain } from '../../kube/validation/dns';
import { assertValid, fail } from '../core/errors';
import { Platform } from '../platform/platform';

/** Props of InternalIngress. */
export interface InternalIngressProps extends TlsEntryPointProps {
  /**
   * Client CIDRs allowed to reach the host; mandatory and private only (each inside one of the
   * platform's private ranges), because the internal and public load balancers share one
   * controller and this allowlist is all that keeps the host internal.
   * @default - the platform's private ranges
   */
  readonly allowSourceRanges?: string[];
  /**
   * Where the certificate comes from. Required: Let's Encrypt's HTTP-01 challenge cannot reach a
   * host behind the private load balancer, so the platform's ACME issuers never issue it.
   */
  readonly certificate?: InternalCertificate;
}

/**
 * An HTTPS entry point for an internal-only host: any hostname the team owns, served by the
 * platform's internal load balancer. Like TlsIngress, but the source allowlist is always present
 * and may contain only private ranges, and the certificate comes from a source that can issue
 * behind a private load balancer (`certificate`). `dnsRecord` is the team's CNAME into the
 * platform's wildcard `*.internal.<domain>`, e.g. `admin.example.org. 900 CNAME admin.internal.example.com.`
 * (none for a host the wildcard already covers).
 */
export class InternalIngress extends Construct {
  /** The host. */
  public readonly host: string;
  /** The TLS Secret cert-manager fills. */
  public readonly secretName: string;
  /** The allowlist on the Ingress. */
  public readonly allowSourceRanges: string[];
  /** The Ingress. */
  public readonly ingress: ApiObject;
  /**
   * The DNS record to create, e.g. `admin.example.org. 900 CNAME admin.internal.example.com.`.
   * @default - none: the platform's wildcard already covers a host `<name>.internal.<domain>`
   */
  public readonly dnsRecord?: string;
  /** The oauth2-proxy in front of the host, if asked for. */
  public readonly oauth2Proxy?: OAuth2Proxy;
  /** The PrometheusRule alerting on the host's certificate, if emitted. */
  public readonly certificateAlerts?: ApiObject;

  constructor(scope: Construct, id: string, props: InternalIngressProps) {
    super(scope, id);
    const platform = props.platform ?? props.app?.platform ?? Platform.of(this);
    const internalDomain = platform.internalDomain;
    if (internalDomain === undefined) {
      fail(this, 'the platform has no internal domain; set `internalDomain` on the platform to use InternalIngress');
    }
    if (!platform.internalLoadBalancer) {
      fail(this, `the platform has no internal load balancer for ${internalDomain} (on Welkin it exists only on some infrastructure providers, `
        + 'and on request); ask the platform administrators for one and set `internalLoadBalancer: true` on the platform, or use TlsIngress with an allowlist');
    }
    const certificate = props.certificate;
    if (certificate === undefined) {
      fail(this, 'no certificate source; an internal host cannot get a Let\'s Encrypt certificate through HTTP-01, because Let\'s Encrypt must fetch '
        + `http://${String(props.host).slice(0, 100)}/.well-known/acme-challenge/... from the internet and the private load balancer never answers it. `
        + 'Choose one: `certificate: InternalCertificate.platformWildcard(\'<secret>\')` (the platform\'s *.' + internalDomain + ' certificate), '
        + '`InternalCertificate.privateCa(CertIssuer.clusterIssuer(\'<ca issuer>\'))`, or `InternalCertificate.ownSecret(\'<secret>\')`');
    }
    if (props.issuer !== undefined) {
      fail(this, '`issuer` does not apply to an internal host; a private CA goes in `certificate: InternalCertificate.privateCa(issuer)`');
    }
    assertValid(this, certificate._problem());
    const caIssuer = certificate._issuer?._resolve(platform);
    const caName = caIssuer && caIssuer._problem() === undefined ? caIssuer._ref().name : undefined;
    if (caName !== undefined && (caName === platform.productionIssuer || caName === platform.stagingIssuer)) {
      fail(this, `issuer ${JSON.stringify(caName)} is the platform's Let's Encrypt issuer, whose HTTP-01 challenge cannot reach an internal host; `
        + 'use a private CA issuer, the platform\'s wildcard certificate or your own Secret');
    }
    const ranges = [...(props.allowSourceRanges ?? platform.privateRanges)];
    if (ranges.length === 0) {
      fail(this, `allowSourceRanges is empty; an internal ingress needs an allowlist of private ranges (default: ${platform.privateRanges.join(', ')})`);
    }
    const privateBlocks = platform.privateRanges.map(r => readCidr(r) as Cidr);
    const seen = new Set<string>();
    for (const range of ranges) {
      const parsed = readCidr(range, 'source range');
      if (typeof parsed === 'string') fail(this, parsed);
      if (!privateBlocks.some(p => rangeContains(p, parsed))) {
        fail(this, `source range ${JSON.stringify(range)} is not private; an internal ingress admits only ranges inside the platform's private ranges (${platform.privateRanges.join(', ')})`);
      }
      if (seen.has(parsed.text)) fail(this, `source range ${JSON.stringify(range)} is listed twice; list each range once`);
      seen.add(parsed.text);
    }
    const underWildcard = (host: string) => isBelowDomain(host, internalDomain) && !host.slice(0, -internalDomain.length - 1).includes('.');
    const built = buildEntryPoint(this, { ...props, platform }, {
      component: 'internal-ingress',
      sourceRanges: ranges,
      checkHost: host => {
        if (host === internalDomain || (isBelowDomain(host, internalDomain) && host.slice(0, -internalDomain.length - 1).includes('.'))) {
          return `host ${JSON.stringify(host)} is not covered by the platform's wildcard *.${internalDomain}; use a host of your own (e.g. "admin.example.org") or <name>.${internalDomain}`;
        }
        if (certificate._isPlatformWildcard && !underWildcard(host)) {
          return `host ${JSON.stringify(host)} is not covered by the platform's wildcard certificate *.${internalDomain}; `
            + 'use InternalCertificate.privateCa(...) or ownSecret(...) for a host of your own';
        }
        return undefined;
      },
      recordTarget: () => `${String(props.host).split('.')[0]}.${internalDomain}`,
      certificate: { secretName: certificate._secretName, issuer: certificate._issuer },
    });
    this.host = props.host;
    this.secretName = built.secretName;
    this.allowSourceRanges = ranges;
    this.ingress = built.ingress;
    // The wildcard *.<internal domain> already resolves a host directly under it.
    this.dnsRecord = underWildcard(props.host) ? undefined : built.dnsRecord;
    this.oauth2Proxy = built.oauth2Proxy;
    this.certificateAlerts = built.certificateAlerts;
  }
}
