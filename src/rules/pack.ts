// The rule pack, in report order: network isolation first, then exposure, then workload hardening.
import { Rule } from './rule';
import { allowedRegistries } from './rules/allowed-registries';
import { appNetworkPolicy } from './rules/app-network-policy';
import { danglingReferences } from './rules/dangling-references';
import { defaultDeny } from './rules/default-deny';
import { dnsEgress } from './rules/dns-egress';
import { dropAllCapabilities } from './rules/drop-all-capabilities';
import { emptydirSafeToEvict } from './rules/emptydir-safe-to-evict';
import { explicitNamespace } from './rules/explicit-namespace';
import { highAvailability } from './rules/high-availability';
import { imageTagPinned } from './rules/image-tag-pinned';
import { ingressTlsHosts } from './rules/ingress-tls-hosts';
import { minReplicas } from './rules/min-replicas';
import { noAllAddressesPeers } from './rules/no-all-addresses-peers';
import { noAllNamespacesPeers } from './rules/no-all-namespaces-peers';
import { noAllowAllPeers } from './rules/no-allow-all-peers';
import { noHostNamespaces } from './rules/no-host-namespaces';
import { noHostPathVolumes } from './rules/no-host-path-volumes';
import { noLiteralSecrets } from './rules/no-literal-secrets';
import { noPrivilegeEscalation } from './rules/no-privilege-escalation';
import { noPrivilegedSelinux } from './rules/no-privileged-selinux';
import { noServiceAccountToken } from './rules/no-service-account-token';
import { noSnippetAnnotations } from './rules/no-snippet-annotations';
import { noUnconfinedApparmor } from './rules/no-unconfined-apparmor';
import { noUnmaskedProcMount } from './rules/no-unmasked-proc-mount';
import { pdbAllowsDisruption } from './rules/pdb-allows-disruption';
import { podIsolatedBothDirections } from './rules/pod-isolated-both-directions';
import { podSecurityLabels } from './rules/pod-security-labels';
import { probes } from './rules/probes';
import { readOnlyRootFilesystem } from './rules/read-only-root-filesystem';
import { requireNetworkPolicy } from './rules/require-network-policy';
import { resourceLimits } from './rules/resource-limits';
import { resourceRequests } from './rules/resource-requests';
import { routeBackendsExist } from './rules/route-backends-exist';
import { routeReferenceGrants } from './rules/route-reference-grants';
import { routeTlsListener } from './rules/route-tls-listener';
import { runAsNonRoot } from './rules/run-as-non-root';
import { safeAnnotationValues } from './rules/safe-annotation-values';
import { safeSysctls } from './rules/safe-sysctls';
import { seccompRuntimeDefault } from './rules/seccomp-runtime-default';
import { securityPolicyTargets } from './rules/security-policy-targets';
import { serviceType } from './rules/service-type';
import { tlsSecretPerHostSet } from './rules/tls-secret-per-host-set';
import { uniqueIngressHostPaths } from './rules/unique-ingress-host-paths';
import { uniqueRouteHostnames } from './rules/unique-route-hostnames';
import { validSuppression } from './rules/valid-suppression';

export const RULES: readonly Rule[] = [
  // Network isolation (R1-R3, R5 and the platform's NetworkPolicy safeguard)
  defaultDeny,
  dnsEgress,
  noAllowAllPeers,
  noAllNamespacesPeers,
  noAllAddressesPeers,
  appNetworkPolicy,
  podIsolatedBothDirections,
  requireNetworkPolicy,
  danglingReferences,
  // Exposure and ingress (R4, R6, R7)
  explicitNamespace,
  serviceType,
  ingressTlsHosts,
  uniqueIngressHostPaths,
  tlsSecretPerHostSet,
  // Gateway API and Envoy Gateway
  uniqueRouteHostnames,
  routeTlsListener,
  routeBackendsExist,
  routeReferenceGrants,
  securityPolicyTargets,
  noSnippetAnnotations,
  safeAnnotationValues,
  noLiteralSecrets,
  podSecurityLabels,
  // Workload hardening (R8, R9 and the platform's workload safeguards)
  imageTagPinned,
  allowedRegistries,
  resourceRequests,
  resourceLimits,
  probes,
  runAsNonRoot,
  readOnlyRootFilesystem,
  noPrivilegeEscalation,
  dropAllCapabilities,
  seccompRuntimeDefault,
  noServiceAccountToken,
  noHostNamespaces,
  emptydirSafeToEvict,
  noHostPathVolumes,
  noUnmaskedProcMount,
  noUnconfinedApparmor,
  noPrivilegedSelinux,
  safeSysctls,
  minReplicas,
  highAvailability,
  pdbAllowsDisruption,
  // Suppressions themselves
  validSuppression,
];

export const RULE_IDS: readonly string[] = RULES.map(r => r.id);
