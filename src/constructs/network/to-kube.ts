/**
 * The core's values as typed Kubernetes objects (cdk8s-plus-28's `k8s` types), as cdk8s-plus maps
 * its own values with `_toKube()`. The mapping lives here because src/kube stays free of cdk8s.
 */
import { k8s } from 'cdk8s-plus-28';
import { Port } from '../../kube/port';

/** A NetworkPolicy port entry: protocol always explicit; `endPort` only for a real range. */
export function portToKube(port: Port): k8s.NetworkPolicyPort {
  const number = port.portNumber;
  return {
    protocol: port.protocol,
    port: port.name !== undefined ? k8s.IntOrString.fromString(port.name) : number !== undefined ? k8s.IntOrString.fromNumber(number) : undefined,
    endPort: port.endPort !== undefined && port.endPort !== number ? port.endPort : undefined,
  };
}
