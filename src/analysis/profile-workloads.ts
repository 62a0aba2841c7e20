/** Platform workloads as the profiles describe them (internal: used by ClusterProfile and Platform). */
import type { PlatformWorkload } from './cluster-profile';
import { WELKIN, workloadCopy } from '../kube/platform';

/**
 * Node-local DNS as the host-network DaemonSet it is: its address is the cluster DNS service IP
 * (and its link-local address), so a DNS egress ipBlock reaches it and a pod selector does not.
 */
export function nodeLocalDns(serviceCidrs: readonly string[]): PlatformWorkload {
  const fact = WELKIN.dns.nodeLocal;
  return { ...workloadCopy(fact), hostNetwork: true, hostCidrs: [...new Set([...serviceCidrs, fact.linkLocalCidr])] };
}

/**
 * An ingress controller on the host network: its traffic comes from the nodes' addresses.
 */
export function hostNetworkIngressController(nodeCidrs: readonly string[]): PlatformWorkload {
  return { namespace: 'host-network', name: 'ingress-controller', kind: 'DaemonSet', podLabels: {}, hostNetwork: true, hostCidrs: [...nodeCidrs] };
}

