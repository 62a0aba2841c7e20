import { Severity } from './severity';
import { WELKIN } from '../kube/platform';

/** Configures the rule pack: platform facts, severity overrides, rules turned off. */
export interface RulePackConfig {
  /**
   * Rule ids whose severity changes, e.g. `{ 'min-replicas': Severity.ERROR }`.
   * @default - every rule keeps its own severity
   */
  readonly severityOverrides?: { [ruleId: string]: Severity };
  /**
   * Rule ids that do not run at all (prefer per-object suppressions, which carry a reason).
   * @default - all rules run
   */
  readonly disabledRules?: string[];
  /**
   * Image prefixes of the platform's registry (e.g. `harbor.example.com/`). The
   * `allowed-registries` rule runs only when this is set.
   * @default - the allowed-registries rule is off
   */
  readonly allowedRegistries?: string[];
  /** Namespace of the cluster DNS pods. @default 'kube-system' */
  readonly dnsNamespace?: string;
  /** Labels of the cluster DNS pods. @default { 'k8s-app': 'kube-dns' } */
  readonly dnsPodLabels?: { [key: string]: string };
  /**
   * Extra CIDRs a DNS egress rule may target (node-local DNS on the cluster DNS service IP).
   * @default - Welkin's cluster DNS service IPs: 10.233.0.3/32 (kubespray) and 10.233.0.10/32 (Cluster API)
   */
  readonly dnsCidrs?: string[];
  /** Lowest UID and GID a container may run as. @default 10000 */
  readonly minimumUserId?: number;
  /** Pod Security level user namespaces must enforce, audit and warn on. @default 'restricted' */
  readonly podSecurityLevel?: string;
  /**
   * Pod label keys of pods created by operators outside the manifests (e.g. cert-manager's HTTP-01
   * solver); a NetworkPolicy selecting them is not reported as dangling.
   * @default ['acme.cert-manager.io/http01-solver']
   */
  readonly externallyManagedPodLabels?: string[];
}

/** The config with every default filled in (internal): each field of `RulePackConfig`, present. */
export type ResolvedConfig = Readonly<Required<RulePackConfig>>;

export function resolveConfig(config: RulePackConfig = {}): ResolvedConfig {
  return {
    severityOverrides: { ...(config.severityOverrides ?? {}) },
    disabledRules: [...(config.disabledRules ?? [])],
    allowedRegistries: [...(config.allowedRegistries ?? [])],
    dnsNamespace: config.dnsNamespace ?? WELKIN.dns.namespace,
    dnsPodLabels: { ...(config.dnsPodLabels ?? WELKIN.dns.podLabels) },
    dnsCidrs: [...(config.dnsCidrs ?? [WELKIN.dns.serviceCidrs.kubespray, WELKIN.dns.serviceCidrs.clusterApi])],
    minimumUserId: config.minimumUserId ?? WELKIN.minimumUserId,
    podSecurityLevel: config.podSecurityLevel ?? WELKIN.podSecurityLevel,
    externallyManagedPodLabels: [...(config.externallyManagedPodLabels ?? [WELKIN.certManager.http01SolverLabel])],
  };
}
