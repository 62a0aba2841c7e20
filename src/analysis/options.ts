import { ClusterProfile } from './cluster-profile';

/** How pods with `hostNetwork: true` are treated. */
export class HostNetworkMode {
  /**
   * Policies select and apply to host-network pods like any other pod. This is what netpol-analyzer
   * computes, and what network plugins that can tell host-network pods apart do.
   */
  static readonly AS_PODS = new HostNetworkMode('as-pods');
  /**
   * Host-network pods are node traffic: no policy applies to them, pod and namespace selectors do not
   * match them, ipBlocks match their addresses. This is what most network plugins do.
   */
  static readonly AS_NODE_TRAFFIC = new HostNetworkMode('as-node-traffic');

  /** Parses `as-pods` or `as-node-traffic`. */
  static of(name: string): HostNetworkMode {
    const found = [HostNetworkMode.AS_PODS, HostNetworkMode.AS_NODE_TRAFFIC].find(m => m.name === name);
    if (!found) throw new Error(`unknown host-network mode '${name}' (valid: as-pods, as-node-traffic)`);
    return found;
  }

  private constructor(readonly name: string) {}
}

export interface AnalysisOptions {
  /**
   * Platform workloads (ingress controller, DNS, monitoring) that take part as real peers.
   * @default - none; `{ingress-controller}` stands for the ingress controller of Ingress objects and Routes
   */
  readonly profile?: ClusterProfile;
  /**
   * How pods on the host network are treated. Either way each one is named in `warnings`.
   * @default HostNetworkMode.AS_PODS
   */
  readonly hostNetwork?: HostNetworkMode;
  /**
   * ipBlocks also match pods whose addresses are known (`status.podIP`, `status.podIPs`).
   * @default true
   */
  readonly ipBlocksMatchPods?: boolean;
}
