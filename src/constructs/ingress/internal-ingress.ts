import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { OAuth2Proxy } from './oauth2-proxy';
import { buildEntryPoint, TlsEntryPointProps } from './tls-entry-point';
import { Cidr, rangeContains } from '../../kube/ip';
import { readCidr } from '../../kube/validation/cidr';
import { isBelowDomain } from '../../kube/validation/dns';
import { fail } from '../core/errors';
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
}

/**
 * An HTTPS entry point for an internal-only host under the platform's internal domain
 * (`<name>.internal.<domain>`). Like TlsIngress, but the source allowlist is always present and may
 * contain only private ranges. `dnsRecord` is the host's record in zone-file form, a CNAME to the
 * internal domain's load balancer name: `admin.internal.example.com. 900 CNAME internal.example.com.`.
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
  /** The DNS record, e.g. `admin.internal.example.com. 900 CNAME internal.example.com.`. */
  public readonly dnsRecord: string;
  /** The oauth2-proxy in front of the host, if asked for. */
  public readonly oauth2Proxy?: OAuth2Proxy;

  constructor(scope: Construct, id: string, props: InternalIngressProps) {
    super(scope, id);
    const platform = props.platform ?? props.app?.platform ?? Platform.of(this);
    const internalDomain = platform.internalDomain;
    if (internalDomain === undefined) {
      fail(this, 'the platform has no internal domain; set `internalDomain` on the platform to use InternalIngress');
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
    const built = buildEntryPoint(this, { ...props, platform }, {
      component: 'internal-ingress',
      sourceRanges: ranges,
      checkHost: host => isBelowDomain(host, internalDomain) && !host.slice(0, -internalDomain.length - 1).includes('.')
        ? undefined
        : `host ${JSON.stringify(host)} is not under the internal domain; use <name>.${internalDomain} (e.g. "admin.${internalDomain}"), which the internal load balancer serves`,
      recordTarget: () => internalDomain,
    });
    this.host = props.host;
    this.secretName = built.secretName;
    this.allowSourceRanges = ranges;
    this.ingress = built.ingress;
    this.dnsRecord = built.dnsRecord;
    this.oauth2Proxy = built.oauth2Proxy;
  }
}
