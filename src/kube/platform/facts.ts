/**
 * The shape of a platform's facts: what constructs, the reachability engine and the rule pack need
 * to know about the cluster apps land on. Pure data; `welkin.ts` holds the one set of values.
 */
import { Protocol } from '../protocol';

/** A port a platform workload's containers listen on. */
export interface PortFact {
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** A workload the platform runs, as the engine names it and as policies select it. */
export interface WorkloadFact {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly ports: readonly PortFact[];
}

/** A service the platform operates for apps (Welkin "additional services"). */
export interface ManagedServiceFact {
  readonly namespace: string;
  /** TCP ports clients connect to. */
  readonly ports: readonly number[];
  /** Client pods carry `managedServiceAccessLabel(service, cluster)` to be admitted. */
  readonly accessLabel: boolean;
  /** Labels the service's pods carry (with `clusterLabel` set to the cluster's name); absent when not documented. */
  readonly podLabels?: { readonly [key: string]: string };
  /** The pod label whose value is the service cluster's name. */
  readonly clusterLabel?: string;
  /** The kind of the workload that runs the service's pods. */
  readonly workloadKind?: string;
}

export interface PlatformFacts {
  readonly name: string;
  /** The ingress controller and the IngressClass its Ingresses use. */
  readonly ingressController: WorkloadFact & { readonly className: string };
  /** The cluster DNS (CoreDNS pods) and node-local DNS, which answers on the DNS service IP. */
  readonly dns: WorkloadFact & {
    /** The cluster DNS service IP as a /32, per installer: node-local DNS answers on it. */
    readonly serviceCidrs: { readonly kubespray: string; readonly clusterApi: string };
    /** Node-local DNS: a host-network DaemonSet bound to the service IP and a link-local address. */
    readonly nodeLocal: WorkloadFact & { readonly linkLocalCidr: string };
  };
  /** The Prometheus that scrapes apps. */
  readonly monitoring: WorkloadFact;
  readonly certManager: {
    readonly productionIssuer: string;
    readonly stagingIssuer: string;
    /** The label cert-manager puts on its HTTP-01 solver pods. */
    readonly http01SolverLabel: string;
    /** The port the solver pods listen on (TCP). */
    readonly http01SolverPort: number;
  };
  readonly managedServices: {
    readonly postgresql: ManagedServiceFact;
    readonly redis: ManagedServiceFact;
    readonly valkey: ManagedServiceFact;
    readonly rabbitmq: ManagedServiceFact & { readonly managementPort: number };
  };
  /** The subdomains of the cluster's domain public and internal hosts CNAME to (`app.<domain>`). */
  readonly subdomains: { readonly app: string; readonly internal: string };
  /** The private ranges of the cluster's network. */
  readonly privateRanges: readonly string[];
  /** The ranges pods get their addresses from. */
  readonly podCidrs: readonly string[];
  /** The ranges Services get their cluster IPs from. */
  readonly serviceCidrs: readonly string[];
  /** The Pod Security level user namespaces enforce, audit and warn on. */
  readonly podSecurityLevel: string;
  /** The lowest UID and GID a container may run as. */
  readonly minimumUserId: number;
}

/** A mutable copy of a workload fact (the facts stay untouched whatever the copy's user does). */
export function workloadCopy(fact: WorkloadFact): MutableWorkload {
  return { namespace: fact.namespace, name: fact.name, kind: fact.kind, podLabels: { ...fact.podLabels }, ports: fact.ports.map(p => ({ ...p })) };
}

type MutableWorkload = { namespace: string; name: string; kind: string; podLabels: Record<string, string>; ports: PortFact[] };
