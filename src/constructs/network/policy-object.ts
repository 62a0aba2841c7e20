import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Peer } from './peer';
import { Port } from './port';

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
}

/**
 * A NetworkPolicy whose rules are collected while the program runs and rendered at synth time, so a
 * rule added later (by `allowTo` on another app, by a TlsIngress) still lands in the one policy.
 * Each rule is rendered relative to the policy's namespace; identical rules are emitted once.
 */
export class PolicyObject {
  public readonly apiObject: ApiObject;
  private readonly ingress: Rule[] = [];
  private readonly egress: Rule[] = [];

  constructor(scope: Construct, id: string, private readonly props: PolicyObjectProps) {
    this.apiObject = new ApiObject(scope, id, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
  }

  public add(direction: Direction, peers: Peer[], ports: Port[]): void {
    (direction === 'ingress' ? this.ingress : this.egress).push({ peers, ports });
  }

  private renderSpec(): { [key: string]: unknown } {
    const spec: { [key: string]: unknown } = {
      podSelector: Object.keys(this.props.podSelector).length ? { matchLabels: { ...this.props.podSelector } } : {},
      policyTypes: [...this.props.policyTypes],
    };
    // An absent list and an empty one both deny everything; absent is the canonical default-deny (R1).
    if (this.ingress.length > 0) spec.ingress = this.renderRules(this.ingress, 'from');
    if (this.egress.length > 0) spec.egress = this.renderRules(this.egress, 'to');
    return spec;
  }

  private renderRules(rules: Rule[], key: 'from' | 'to'): unknown[] {
    const seen = new Set<string>();
    const out: unknown[] = [];
    for (const rule of rules) {
      const json: { [key: string]: unknown } = { [key]: rule.peers.flatMap(p => p._definition.elements(this.props.namespace)) };
      // An empty port list means every port; it is only used by the explicit allow-same-namespace.
      if (rule.ports.length > 0) json.ports = rule.ports.map(p => p._toJson());
      const text = JSON.stringify(json);
      if (!seen.has(text)) {
        seen.add(text);
        out.push(json);
      }
    }
    return out;
  }
}
