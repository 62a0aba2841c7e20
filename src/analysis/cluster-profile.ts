import { parseCidr } from '../kube/ip';
import { WELKIN, workloadCopy } from '../kube/platform';
import { Protocol } from '../kube/protocol';
import { isDnsLabel } from '../kube/validation/dns';

/** A port a platform workload's containers listen on (named ports resolve against these). */
export interface PlatformWorkloadPort {
  /** The container port number (1-65535). */
  readonly port: number;
  /** @default Protocol.TCP */
  readonly protocol?: Protocol;
  /**
   * The port's name, which named ports in policies resolve against.
   * @default - unnamed
   */
  readonly name?: string;
}

/**
 * A workload the platform runs (ingress controller, DNS, monitoring) that app manifests do not
 * contain but whose traffic their policies must allow. It takes part in the analysis as a real peer.
 */
export interface PlatformWorkload {
  /** The workload's namespace. */
  readonly namespace: string;
  /** The workload's name, as peers are named (`namespace/name[Kind]`). */
  readonly name: string;
  /**
   * The workload's kind, as peers are named.
   * @default 'Deployment'
   */
  readonly kind?: string;
  /** Labels of the workload's pods, which policies select. */
  readonly podLabels: { [key: string]: string };
  /**
   * Labels of the workload's namespace.
   * @default - only `kubernetes.io/metadata.name` (unless the manifests contain the Namespace)
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * The ports the workload's containers listen on (named ports in policies resolve against them).
   * @default - none
   */
  readonly ports?: PlatformWorkloadPort[];
  /**
   * The pods run on the host network: policies do not apply to them, pod and namespace selectors
   * do not match them, and their traffic comes from the nodes' addresses (`hostCidrs`).
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * The addresses the pods use on the host network (the nodes' CIDRs), which ipBlocks match.
   * @default - none
   */
  readonly hostCidrs?: string[];
}

/** The data plane of one Gateway: the workload that sends what the Gateway's routes let in. */
export interface GatewayDataPlane {
  /** The Gateway's namespace. */
  readonly gatewayNamespace: string;
  /** The Gateway's name. */
  readonly gatewayName: string;
  /** The data-plane pods (or, with `hostNetwork`, the nodes). */
  readonly workload: PlatformWorkload;
}

/** What a ClusterProfile describes: the platform workloads that take part as real peers. */
export interface ClusterProfileProps {
  /**
   * A name for the profile, shown in reports.
   * @default 'custom'
   */
  readonly name?: string;
  /**
   * The ingress controller. When set it replaces netpol-analyzer's `{ingress-controller}` peer.
   * @default - not described: `{ingress-controller}` stands for it
   */
  readonly ingressController?: PlatformWorkload;
  /**
   * The cluster DNS (e.g. CoreDNS), which every workload's DNS egress rule targets.
   * @default - not described
   */
  readonly dns?: PlatformWorkload;
  /**
   * The monitoring system that scrapes apps (e.g. Prometheus).
   * @default - not described
   */
  readonly monitoring?: PlatformWorkload;
  /**
   * Further platform-operated workloads apps talk to (e.g. a managed PostgreSQL).
   * @default - none
   */
  readonly otherWorkloads?: PlatformWorkload[];
  /**
   * Gateways' data planes. A Gateway without one is `{gateway NS/NAME}` in connections.
   * @default - none
   */
  readonly gateways?: GatewayDataPlane[];
}

/**
 * The platform workloads of a cluster that take part in connections as real peers. Pure data:
 * construct it from props, or take a known platform's values (`ClusterProfile.welkin()`).
 */
export class ClusterProfile {
  /**
   * Welkin (Elastisys Compliant Kubernetes): ingress-nginx controller in `ingress-nginx`, CoreDNS in
   * `kube-system` (UDP and TCP 53), Prometheus in `monitoring`.
   */
  static welkin(): ClusterProfile {
    return new ClusterProfile({
      name: WELKIN.name,
      ingressController: workloadCopy(WELKIN.ingressController),
      dns: workloadCopy(WELKIN.dns),
      monitoring: workloadCopy(WELKIN.monitoring),
    });
  }

  /** The profile's name, shown in reports. */
  readonly name: string;
  /** The ingress controller, if described. */
  readonly ingressController?: PlatformWorkload;
  /** The cluster DNS, if described. */
  readonly dns?: PlatformWorkload;
  /** The monitoring system, if described. */
  readonly monitoring?: PlatformWorkload;
  /** Further platform-operated workloads. */
  readonly otherWorkloads: PlatformWorkload[];
  /** Gateways' data planes. */
  readonly gateways: GatewayDataPlane[];

  constructor(props: ClusterProfileProps = {}) {
    this.name = props.name ?? 'custom';
    this.ingressController = props.ingressController;
    this.dns = props.dns;
    this.monitoring = props.monitoring;
    this.otherWorkloads = props.otherWorkloads ?? [];
    this.gateways = props.gateways ?? [];
    for (const w of this.workloads) validateWorkload(this.name, w);
  }

  /** Every workload of the profile, ingress controller first. */
  get workloads(): PlatformWorkload[] {
    return [this.ingressController, this.dns, this.monitoring, ...this.otherWorkloads, ...this.gateways.map(g => g.workload)]
      .filter((w): w is PlatformWorkload => w !== undefined);
  }
}

/** Rejects values that could never describe a real workload, naming the value and what is valid. */
function validateWorkload(profile: string, w: PlatformWorkload): void {
  const where = `cluster profile '${profile}', workload ${w.namespace}/${w.name}`;
  if (!isDnsLabel(w.namespace)) {
    throw new Error(`${where}: namespace '${w.namespace}' is not a valid namespace name (lowercase letters, digits and '-', at most 63)`);
  }
  if (!w.name || w.name.length > 253 || /[^a-z0-9.-]/.test(w.name)) {
    throw new Error(`${where}: name '${w.name}' is not a valid object name (lowercase letters, digits, '-' and '.')`);
  }
  for (const p of w.ports ?? []) {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      throw new Error(`${where}: port ${p.port} is not a port number (1-65535)`);
    }
  }
  for (const c of w.hostCidrs ?? []) {
    if (!c.includes('/') || !parseCidr(c)) throw new Error(`${where}: host CIDR '${c}' is not a CIDR (e.g. 10.0.0.0/24 or fd00::/64)`);
  }
}
