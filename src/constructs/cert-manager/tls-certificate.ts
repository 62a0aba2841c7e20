import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ensureAcmeSolverPolicy } from './acme-solver-policy';
import { CertIssuer } from './cert-issuer';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { Certificate } from '../../imports/cert-manager.io';
import { standardLabels } from '../../kube/labels';
import { checkDnsLabel, checkDnsSubdomain, checkHost } from '../../kube/validation/dns';
import { assertValid, fail } from '../core/errors';
import { claimNames } from '../core/name-registry';
import { certificateAlerts, certificateAlertsClaim } from '../monitoring/certificate-alerts';
import { INamespaceRef, namespaceDependencies, namespaceRefOf, resolveNamespace } from '../namespace/namespace-ref';
import { Platform } from '../platform/platform';

/** Props of TlsCertificate. */
export interface TlsCertificateProps {
  /** The names the certificate is valid for (apex domains allowed, wildcards not: HTTP-01 cannot prove them). */
  readonly dnsNames: string[];
  /**
   * The Certificate's name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The Secret cert-manager stores the key pair in.
   * @default - the certificate's name
   */
  readonly secretName?: string;
  /**
   * The issuer.
   * @default - the platform's default issuer: CertIssuer.production(), or CertIssuer.staging() outside production
   */
  readonly issuer?: CertIssuer;
  /**
   * The namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: INamespaceRef;
  /**
   * The platform.
   * @default - `Platform.of(this)`
   */
  readonly platform?: Platform;
  /**
   * Emit a PrometheusRule alerting when the certificate expires in under 20 days or is not ready for
   * 10 minutes (cert-manager's metrics), for the platform's user Prometheus, as entry points do.
   * @default - the platform's `monitoring.certificateAlerts` (Welkin: on)
   */
  readonly certificateAlerts?: boolean;
}

/**
 * A cert-manager Certificate not tied to an Ingress (dnsNames, issuer, secret), plus the
 * namespace's once-only policy admitting the ingress controller to the HTTP-01 solver pods.
 */
export class TlsCertificate extends Construct {
  /** The Certificate's name. */
  public readonly name: string;
  /** The Secret that will hold the key pair. */
  public readonly secretName: string;
  /** The namespace. */
  public readonly namespace: string;
  /** The Certificate object. */
  public readonly certificate: ApiObject;
  /**
   * The certificate alerts (a PrometheusRule), if emitted.
   * @default - none when `certificateAlerts` is off
   */
  public readonly certificateAlerts?: ApiObject;

  constructor(scope: Construct, id: string, props: TlsCertificateProps) {
    super(scope, id);
    this.name = props.name ?? id;
    this.secretName = props.secretName ?? this.name;
    assertValid(this, checkDnsLabel(this.name, 'certificate name'));
    assertValid(this, checkDnsSubdomain(this.secretName, 'secret name'));
    if (!props.dnsNames || props.dnsNames.length === 0) {
      fail(this, 'dnsNames is empty; list at least one name, e.g. ["demo.example.com"]');
    }
    if (props.dnsNames.length > 100) {
      fail(this, `dnsNames lists ${props.dnsNames.length} names; Let's Encrypt signs at most 100 names per certificate, so split them over several certificates`);
    }
    for (const dnsName of props.dnsNames) {
      assertValid(this, checkHost(dnsName, { allowApex: true, what: 'DNS name' }));
    }
    const duplicate = props.dnsNames.find((n, i) => props.dnsNames.indexOf(n) !== i);
    if (duplicate) fail(this, `DNS name ${JSON.stringify(duplicate)} is listed twice; list each name once`);
    this.namespace = resolveNamespace(this, props.namespace, this);
    const platform = props.platform ?? Platform.of(this);
    const issuer = (props.issuer ?? platform.defaultIssuer())._resolve(platform);
    assertValid(this, issuer._problem());
    const alerts = props.certificateAlerts ?? platform.certificateAlerts;
    claimNames(this, [
      { kind: 'Certificate', namespace: this.namespace, name: this.name },
      ...(alerts ? [certificateAlertsClaim(this.namespace, this.name)] : []),
      // Two requesters of one Secret (certificates or annotated Ingresses) overwrite each other.
      { kind: 'TLS Secret', namespace: this.namespace, name: this.secretName, fix: 'give one of them another `secretName`' },
    ]);
    attachGuardrails(this, platform);

    this.certificate = new Certificate(this, 'Certificate', {
      metadata: { name: this.name, namespace: this.namespace, labels: standardLabels({ name: this.name, component: 'certificate' }) },
      spec: {
        secretName: this.secretName,
        dnsNames: [...props.dnsNames],
        issuerRef: { ...issuer._ref(), group: 'cert-manager.io' },
      },
    });
    ensureAcmeSolverPolicy(this, this.namespace, platform, namespaceDependencies(namespaceRefOf(this, props.namespace)));
    if (alerts) {
      this.certificateAlerts = certificateAlerts(this, 'CertificateAlerts', {
        owner: this.name, namespace: this.namespace, host: props.dnsNames[0], certificateName: this.name, partOf: this.name, platform,
      });
      this.certificateAlerts.node.addDependency(this.certificate);
    }
  }
}
