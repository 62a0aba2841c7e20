import { checkDnsLabel } from '../../kube/validation/dns';
import { Platform } from '../platform/platform';

/** A resolved issuer reference. */
export interface ResolvedIssuer {
  readonly kind: 'ClusterIssuer' | 'Issuer';
  readonly name: string;
}

/** Where an issuer's name comes from: given, one of the platform's, or nowhere (with the reason). */
type IssuerSource =
  | { readonly ref: ResolvedIssuer }
  | { readonly platformIssuer: 'production' | 'staging' }
  | { readonly problem: string };

/**
 * Which cert-manager issuer signs a certificate: the platform's production or staging
 * ClusterIssuer, another ClusterIssuer, or an Issuer in the certificate's own namespace.
 */
export class CertIssuer {
  /** The platform's production ClusterIssuer (Welkin: `letsencrypt-prod`). */
  public static production(): CertIssuer {
    return new CertIssuer('the platform\'s production issuer', { platformIssuer: 'production' });
  }
  /** The platform's staging ClusterIssuer (Welkin: `letsencrypt-staging`), for non-production: untrusted certificates, generous rate limits. */
  public static staging(): CertIssuer {
    return new CertIssuer('the platform\'s staging issuer', { platformIssuer: 'staging' });
  }
  /** A ClusterIssuer by name. */
  public static clusterIssuer(name: string): CertIssuer {
    return new CertIssuer(`ClusterIssuer ${name}`, { ref: { kind: 'ClusterIssuer', name } });
  }
  /** An Issuer in the certificate's namespace, by name. */
  public static issuer(name: string): CertIssuer {
    return new CertIssuer(`Issuer ${name}`, { ref: { kind: 'Issuer', name } });
  }

  /** What this issuer is, for messages. */
  public readonly description: string;
  private readonly source: IssuerSource;

  private constructor(description: string, source: IssuerSource) {
    this.description = description;
    this.source = source;
  }

  /**
   * This issuer on `platform`: itself when it names its issuer, else the platform's ClusterIssuer, or
   * an issuer holding the problem when the platform names none.
   * @internal
   */
  public _resolve(platform: Platform): CertIssuer {
    if (!('platformIssuer' in this.source)) return this;
    const which = this.source.platformIssuer;
    const name = which === 'production' ? platform.productionIssuer : platform.stagingIssuer;
    if (name === undefined) {
      return new CertIssuer(this.description, {
        problem: `the platform names no ${which} ClusterIssuer; pass \`issuer: CertIssuer.clusterIssuer('<name>')\` or set \`${which}Issuer\` on the platform`,
      });
    }
    return new CertIssuer(this.description, { ref: { kind: 'ClusterIssuer', name } });
  }

  /**
   * What is wrong with this issuer, or undefined (a platform's issuer is checked once resolved).
   * @internal
   */
  public _problem(): string | undefined {
    if ('problem' in this.source) return this.source.problem;
    if ('ref' in this.source) return checkDnsLabel(this.source.ref.name, `${this.source.ref.kind} name`);
    return undefined;
  }

  /**
   * The issuer reference, once resolved on a platform and found valid.
   * @internal
   */
  public _ref(): ResolvedIssuer {
    if (!('ref' in this.source) || this._problem() !== undefined) {
      throw new Error(`internal error: ${this.description} has no valid reference; resolve it on the platform and check _problem() first`);
    }
    return this.source.ref;
  }
}
