import { ipBlockPeer, namespaceSelector } from '../../kube/peers';
import { LabelSelector } from '../../kube/selectors';
import { checkCidrs } from '../../kube/validation/cidr';
import { checkDnsLabel } from '../../kube/validation/dns';
import { checkLabels } from '../../kube/validation/labels';
import { IPeer, knownCidr, Peer } from '../network/peer';

/**
 * How NetworkPolicies recognise the cluster's ingress controller: by its pods, or, when it runs
 * with `hostNetwork: true` (pod selectors then match nothing), by the CIDRs of the nodes.
 */
export class IngressController implements IPeer {
  /**
   * The controller's pods, selected by namespace and pod labels.
   * @param namespace the controller's namespace, e.g. `ingress-nginx`
   * @param podLabels labels of the controller pods
   */
  public static pods(namespace: string, podLabels: { [key: string]: string }): IngressController {
    const labels = { ...podLabels };
    const problem = checkDnsLabel(namespace, 'ingress controller namespace')
      ?? (Object.keys(labels).length === 0 ? 'ingress controller pod labels are empty; name the labels of the controller pods' : checkLabels(labels, 'ingress controller pod labels'));
    return new IngressController(`ingress controller pods in ${namespace}`, problem, { namespace, podLabels: { ...labels } }, Peer._of({
      description: `the ingress controller (namespace ${namespace})`,
      problem,
      // Always both selectors in ONE element: the controller's pods in the controller's namespace.
      peers: () => [{ namespaceSelector: namespaceSelector(namespace), podSelector: LabelSelector.matchLabels(labels) }],
    }));
  }

  /**
   * A controller on host network, recognised by the nodes' addresses.
   * @param nodeCidrs the CIDRs the nodes' addresses come from
   */
  public static hostNetwork(nodeCidrs: string[]): IngressController {
    const cidrs = [...nodeCidrs];
    const problem = cidrs.length === 0
      ? 'a host-network ingress controller needs the nodes\' CIDRs; list at least one, e.g. "10.0.0.0/24"'
      : checkCidrs(cidrs, 'node CIDR');
    return new IngressController(`ingress controller on host network (${cidrs.join(', ')})`, problem, { nodeCidrs: [...cidrs] }, Peer._of({
      description: `the ingress controller on host network (${cidrs.join(', ')})`,
      problem,
      peers: () => cidrs.map(cidr => ipBlockPeer(knownCidr(cidr))),
    }));
  }

  /** What this is, for messages. */
  public readonly description: string;
  /**
   * The controller's namespace, when it is recognised by its pods.
   * @default - undefined for a host-network controller
   */
  public readonly namespace?: string;
  /**
   * The controller pods' labels, when it is recognised by its pods.
   * @default - undefined for a host-network controller
   */
  public readonly podLabels?: { [key: string]: string };
  /**
   * The nodes' CIDRs, when the controller runs on host network.
   * @default - undefined for a controller recognised by its pods
   */
  public readonly nodeCidrs?: string[];
  private readonly problem?: string;
  private readonly peer: Peer;

  private constructor(
    description: string,
    problem: string | undefined,
    where: { namespace?: string; podLabels?: { [key: string]: string }; nodeCidrs?: string[] },
    peer: Peer,
  ) {
    this.description = description;
    this.problem = problem;
    this.namespace = where.namespace;
    this.podLabels = where.podLabels;
    this.nodeCidrs = where.nodeCidrs;
    this.peer = peer;
  }

  /** The controller as a NetworkPolicy peer. */
  public toPeer(): Peer {
    return this.peer;
  }

  /**
   * What is wrong with the input this controller was described with, or undefined. The platform that
   * receives it checks it (and so does a construct given it as a peer).
   * @internal
   */
  public _problem(): string | undefined {
    return this.problem;
  }
}
