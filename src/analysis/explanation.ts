import { ConnectionPeer } from './peer';
import { Protocol } from '../kube/protocol';

/** One rule of one NetworkPolicy, AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
export interface RuleReference {
  /** `namespace/name` of a NetworkPolicy; `AdminNetworkPolicy NAME` or `BaselineAdminNetworkPolicy default` of an admin policy. */
  readonly policy: string;
  /** `ingress` or `egress`: the list the rule is in. */
  readonly direction: string;
  /** Zero-based index of the rule in that list. */
  readonly ruleIndex: number;
  /**
   * An admin policy rule's action: `Allow`, `Deny` or `Pass`.
   * @default undefined for a NetworkPolicy rule (which only allows)
   */
  readonly action?: string;
}

/** The verdict of one side of a connection: the source's egress or the destination's ingress. */
export interface SideExplanation {
  /** The peer whose policies decide this side. */
  readonly peer: ConnectionPeer;
  readonly allowed: boolean;
  /** Some NetworkPolicy selects the peer for this direction, so only its rules allow traffic. */
  readonly isolated: boolean;
  /** `namespace/name` of the policies that select the peer for this direction. */
  readonly policies: string[];
  /** The rules that allow the connection (empty when denied or not isolated). */
  readonly allowingRules: RuleReference[];
  /**
   * The admin policy rule that decides this side (an ANP's Allow or Deny, or the BANP's rule where no
   * NetworkPolicy isolates the peer), or the ANP rule that passed it to NetworkPolicies.
   * @default undefined when no admin policy rule matches
   */
  readonly adminRule?: RuleReference;
  /** One sentence: why this side allows or denies. */
  readonly reason: string;
}

/** Why one connection is allowed or denied, naming the policies and rules on each side. */
export interface ConnectionExplanation {
  /** Where the connection starts (an address as the caller wrote it). */
  readonly source: ConnectionPeer;
  /** Where it goes. */
  readonly destination: ConnectionPeer;
  readonly port: number;
  readonly protocol: Protocol;
  /** Both sides allow it. */
  readonly allowed: boolean;
  /** The source's egress side. */
  readonly egress: SideExplanation;
  /** The destination's ingress side. */
  readonly ingress: SideExplanation;
  /** A readable rendering of all of the above. */
  readonly text: string;
}
