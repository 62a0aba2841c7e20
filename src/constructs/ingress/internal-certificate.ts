import { checkDnsSubdomain } from '../../kube/validation/dns';
import { CertIssuer } from '../cert-manager/cert-issuer';

/** Where an internal host's certificate comes from. */
type Source =
  | { readonly kind: 'platform-wildcard'; readonly secretName: string }
  | { readonly kind: 'private-ca'; readonly issuer: CertIssuer }
  | { readonly kind: 'own-secret'; readonly secretName: string };

/**
 * The certificate of an InternalIngress: one that can be issued behind a private load balancer,
 * where a Let's Encrypt HTTP-01 challenge never arrives (Let's Encrypt must fetch
 * `http://<host>/.well-known/acme-challenge/...` from the internet).
 */
export class InternalCertificate {
  /**
   * The platform's wildcard certificate for `*.<internal domain>`, a TLS Secret that must exist in
   * the app's namespace. Covers hosts one label below the internal domain only.
   * @param secretName the Secret's name
   */
  public static platformWildcard(secretName: string): InternalCertificate {
    return new InternalCertificate({ kind: 'platform-wildcard', secretName }, `the platform's wildcard certificate (Secret ${secretName})`);
  }

  /**
   * A cert-manager issuer that signs without reaching the host, e.g. a private CA (`CA` or Vault
   * issuer): cert-manager fills the TLS Secret `<host>-tls`.
   * @param issuer e.g. `CertIssuer.clusterIssuer('internal-ca')`
   */
  public static privateCa(issuer: CertIssuer): InternalCertificate {
    return new InternalCertificate({ kind: 'private-ca', issuer }, `the private CA ${issuer.description}`);
  }

  /**
   * A TLS Secret the team provides in the app's namespace (created out of band).
   * @param secretName the Secret's name
   */
  public static ownSecret(secretName: string): InternalCertificate {
    return new InternalCertificate({ kind: 'own-secret', secretName }, `the team's Secret ${secretName}`);
  }

  /** What this is, for messages. */
  public readonly description: string;
  private readonly source: Source;

  private constructor(source: Source, description: string) {
    this.source = source;
    this.description = description;
  }

  /**
   * The Secret to reference, when it is given rather than made by cert-manager.
   * @internal
   */
  public get _secretName(): string | undefined {
    return this.source.kind === 'private-ca' ? undefined : this.source.secretName;
  }

  /**
   * The issuer, for a private CA.
   * @internal
   */
  public get _issuer(): CertIssuer | undefined {
    return this.source.kind === 'private-ca' ? this.source.issuer : undefined;
  }

  /**
   * Whether it is the platform's wildcard certificate.
   * @internal
   */
  public get _isPlatformWildcard(): boolean {
    return this.source.kind === 'platform-wildcard';
  }

  /**
   * What is wrong with it, or undefined.
   * @internal
   */
  public _problem(): string | undefined {
    const secret = this._secretName;
    return secret !== undefined ? checkDnsSubdomain(secret, 'certificate secret name') : undefined;
  }
}
