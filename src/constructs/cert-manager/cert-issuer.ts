import { checkDnsLabel } from '../../kube/validation/dns';
import { Platform } from '../platform/platform';

/** A resolved issuer reference. */
export interface ResolvedIssuer {
  readonly kind: 'ClusterIssuer' | 'Issuer';
  readonly name: string;
}

/**
 * Which cert-manager issuer signs a certificate: the platform's production or staging
 * ClusterIssuer, another ClusterIssuer, or an Issuer in the certificate's own namespace.
 */
export class CertIssuer {
  /** The platform's production ClusterIssuer (Welkin: `letsencrypt-prod`). */
  public static production(): CertIssuer {
    return new CertIssuer('the platform\'s production issuer', p => p.productionIssuer, 'ClusterIssuer', 'productionIssuer');
  }
  /** The platform's staging ClusterIssuer (Welkin: `letsencrypt-staging`), for non-production: untrusted certificates, generous rate limits. */
  public static staging(): CertIssuer {
    return new CertIssuer('the platform\'s staging issuer', p => p.stagingIssuer, 'ClusterIssuer', 'stagingIssuer');
  }
  /** A ClusterIssuer by name. */
  public static clusterIssuer(name: string): CertIssuer {
    return new CertIssuer(`ClusterIssuer ${name}`, () => name, 'ClusterIssuer');
  }
  /** An Issuer in the certificate's namespace, by name. */
  public static issuer(name: string): CertIssuer {
    return new CertIssuer(`Issuer ${name}`, () => name, 'Issuer');
  }

  /** What this issuer is, for messages. */
  public readonly description: string;

  private constructor(
    description: string,
    private readonly nameOf: (platform: Platform) => string | undefined,
    private readonly kind: 'ClusterIssuer' | 'Issuer',
    private readonly platformField?: string,
  ) {
    this.description = description;
  }

  /**
   * The issuer on `platform`, or a message explaining why there is none.
   * @internal
   */
  public _resolve(platform: Platform): ResolvedIssuer | string {
    const name = this.nameOf(platform);
    if (name === undefined) {
      return `the platform names no ${this.platformField === 'stagingIssuer' ? 'staging' : 'production'} ClusterIssuer; `
        + `pass \`issuer: CertIssuer.clusterIssuer('<name>')\` or set \`${this.platformField}\` on the platform`;
    }
    const problem = checkDnsLabel(name, `${this.kind} name`);
    if (problem) return problem;
    return { kind: this.kind, name };
  }
}
