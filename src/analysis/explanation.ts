import { ConnectionPeer } from './peer';
import { Protocol } from '../kube/protocol';

/** One rule of one NetworkPolicy. */
export interface RuleReference {
  /** `namespace/name` of the NetworkPolicy. */
  readonly policy: string;
  /** `ingress` or `egress`: the list the rule is in. */
  readonly direction: string;
  /** Zero-based index of the rule in that list. */
  readonly ruleIndex: number;
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
