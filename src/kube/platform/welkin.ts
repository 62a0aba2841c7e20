/**
 * Welkin (Elastisys Compliant Kubernetes), written once: the constructs' `Platform.welkin`, the
 * engine's `ClusterProfile.welkin()` and the rule pack's defaults all read these values. The
 * cluster DNS, Prometheus and private ranges are also the defaults for other platforms.
 */
import { PlatformFacts } from './facts';
import { APP_LABELS } from '../labels';
import { Protocol } from '../protocol';

/** CoreDNS's ports, which node-local DNS answers on too. */
const DNS_PORTS = [
  { name: 'dns', port: 53, protocol: Protocol.UDP },
  { name: 'dns-tcp', port: 53, protocol: Protocol.TCP },
];

export const WELKIN: PlatformFacts = deepFreeze({
  name: 'welkin',
  ingressController: {
    namespace: 'ingress-nginx',
    name: 'ingress-nginx-controller',
    kind: 'Deployment',
    podLabels: {
      [APP_LABELS.name]: 'ingress-nginx',
      [APP_LABELS.component]: 'controller',
      [APP_LABELS.instance]: 'ingress-nginx',
    },
    ports: [
      { name: 'http', port: 80, protocol: Protocol.TCP },
      { name: 'https', port: 443, protocol: Protocol.TCP },
    ],
    className: 'nginx',
  },
  dns: {
    namespace: 'kube-system',
    name: 'coredns',
    kind: 'Deployment',
    podLabels: { 'k8s-app': 'kube-dns' },
    ports: DNS_PORTS,
    // From the platform's configuration (compliantkubernetes-apps): `networkPolicies.coredns.serviceIp.ips`.
    serviceCidrs: { kubespray: '10.233.0.3/32', clusterApi: '10.233.0.10/32' },
    nodeLocal: {
      namespace: 'kube-system',
      name: 'node-local-dns',
      kind: 'DaemonSet',
      podLabels: { 'k8s-app': 'node-local-dns' },
      ports: DNS_PORTS,
      linkLocalCidr: '169.254.20.10/32',
    },
  },
  monitoring: {
    namespace: 'monitoring',
    name: 'prometheus',
    kind: 'StatefulSet',
    podLabels: { [APP_LABELS.name]: 'prometheus' },
    ports: [{ name: 'web', port: 9090, protocol: Protocol.TCP }],
  },
  certManager: {
    productionIssuer: 'letsencrypt-prod',
    stagingIssuer: 'letsencrypt-staging',
    http01SolverLabel: 'acme.cert-manager.io/http01-solver',
    http01SolverPort: 8089,
  },
  managedServices: {
    // Zalando's postgres-operator runs each cluster as a StatefulSet of spilo pods labelled with its name.
    postgresql: { namespace: 'postgres-system', ports: [5432], accessLabel: false, podLabels: { application: 'spilo' }, clusterLabel: 'cluster-name', workloadKind: 'StatefulSet' },
    // Sentinel (26379) to find the primary, then the server itself (6379).
    redis: { namespace: 'redis-system', ports: [26379, 6379], accessLabel: true },
    valkey: { namespace: 'valkey-system', ports: [26379, 6379], accessLabel: true },
    rabbitmq: { namespace: 'rabbitmq-system', ports: [5672], accessLabel: true, managementPort: 15672 },
  },
  subdomains: { app: 'app', internal: 'internal' },
  // RFC 1918.
  privateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  // Kubespray's defaults (kube_pods_subnet, kube_service_addresses), which Welkin clusters keep.
  podCidrs: ['10.233.64.0/18'],
  serviceCidrs: ['10.233.0.0/18'],
  podSecurityLevel: 'restricted',
  minimumUserId: 10000,
});

/** The label Welkin's managed-service policies admit client pods by: `elastisys.io/<service>-<cluster>-access: allow`. */
export function managedServiceAccessLabel(service: string, cluster: string): { [key: string]: string } {
  return { [`elastisys.io/${service}-${cluster}-access`]: 'allow' };
}

/** Frozen all the way down: readers copy what they hand out, and nothing can change the facts. */
function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) {
    if (typeof v === 'object' && v !== null) deepFreeze(v);
  }
  return Object.freeze(value);
}
