/** Transport protocols NetworkPolicies can match. Kubernetes defaults an unset protocol to TCP. */
export enum Protocol {
  TCP = 'TCP',
  UDP = 'UDP',
  SCTP = 'SCTP',
}
