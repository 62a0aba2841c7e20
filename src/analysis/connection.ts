import { Protocol } from '../kube/protocol';

/** A closed range of ports, `fromPort` to `toPort` (equal for a single port). */
export interface PortRange {
  readonly fromPort: number;
  readonly toPort: number;
}

/** The ports of one protocol a connection may use. */
export interface ProtocolPorts {
  readonly protocol: Protocol;
  /** Sorted, disjoint ranges. */
  readonly ranges: PortRange[];
}

/**
 * What one peer may open to another: one entry per (source, destination) pair that has any allowed
 * port. Peers are workloads (`ns/name[Kind]`), IP ranges (`0.0.0.0-9.255.255.255`) or
 * `{ingress-controller}`.
 */
export interface AllowedConnection {
  readonly source: string;
  readonly destination: string;
  /** netpol-analyzer's connection string: `All Connections` or `SCTP 7070,TCP 80,8080-8090,UDP 53`. */
  readonly description: string;
  /** Every port of TCP, UDP and SCTP. */
  readonly allProtocolsAndPorts: boolean;
  /** The allowed ports per protocol (protocols with none are left out). */
  readonly ports: ProtocolPorts[];
  /** The source is an IP range outside the cluster's pods. */
  readonly sourceIsExternal: boolean;
  /** The destination is an IP range outside the cluster's pods. */
  readonly destinationIsExternal: boolean;
}

/** How many objects of one kind were read but play no part in the analysis. */
export interface IgnoredKind {
  readonly kind: string;
  readonly count: number;
}
