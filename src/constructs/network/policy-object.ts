import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Peer } from './peer';
import { peerToKube, portToKube, selectorToKube } from './to-kube';
import { ClusterNetwork } from '../../kube/address-blocks';
import { Port } from '../../kube/port';
import { LabelSelector } from '../../kube/selectors';

/** Direction of a rule. */
export type Direction = 'ingress' | 'egress';

interface Rule {
  readonly peers: Peer[];
  readonly ports: Port[];
}

/** What a NetworkPolicy selects and which directions it isolates. */
export interface PolicyObjectProps {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: { [key: string]: string };
  readonly policyTypes: ('Ingress' | 'Egress')[];
  readonly labels?: { [key: string]: string };
  /** The cluster's own ranges (what "the internet" leaves out). */
  readonly network?: ClusterNetwork;
}

/**
 * A NetworkPolicy whose rules are collected while the program runs and rendered at synth time, so a
 * rule added later (by `allowTo` on another app, by a TlsIngress) still lands in the one policy.
 * Each rule is rendered relative to the policy's namespace, as a typed `k8s.NetworkPolicySpec`
 * (constructs/network/to-kube.ts); identical rules are emitted once.
 */
export class PolicyObject {
  public readonly apiObject: ApiObject;
  private readonly ingress: Rule[] = [];
  private readonly egress: Rule[] = [];

  constructor(scope: Construct, id: string, private readonly props: PolicyObjectProps) {
    this.apiObject = new k8s.KubeNetworkPolicy(scope, id, {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  public add(direction: Direction, peers: Peer[], ports: Port[]): void {
    (direction === 'ingress' ? this.ingress : this.egress).push({ peers, ports });
  }

  private renderSpec(): k8s.NetworkPolicySpec {
    return {
      podSelector: selectorToKube(LabelSelector.matchLabels(this.props.podSelector)),
      policyTypes: [...this.props.policyTypes],
      // An absent list and an empty one both deny everything; absent is the canonical default-deny (R1).
      ingress: this.ingress.length > 0 ? unique(this.ingress.map(r => ({ from: this.renderPeers(r), ports: renderPorts(r) }))) : undefined,
      egress: this.egress.length > 0 ? unique(this.egress.map(r => ({ to: this.renderPeers(r), ports: renderPorts(r) }))) : undefined,
    };
  }

  private renderPeers(rule: Rule): k8s.NetworkPolicyPeer[] {
    return rule.peers.flatMap(p => p._policyPeers(this.props.namespace, this.props.network)).map(peerToKube);
  }
}

/** The rule's ports; none (an empty list means every port) only for the explicit allow-same-namespace. */
function renderPorts(rule: Rule): k8s.NetworkPolicyPort[] | undefined {
  return rule.ports.length > 0 ? rule.ports.map(portToKube) : undefined;
}

/** The rules in order, each identical rule once. */
function unique<T>(rules: T[]): T[] {
  const seen = new Set<string>();
  return rules.filter(rule => {
    const key = JSON.stringify(rule);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
