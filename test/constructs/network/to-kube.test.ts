// The core's values as typed Kubernetes objects, rendered as cdk8s renders them.
import { k8s } from 'cdk8s-plus-28';
import { Port, Protocol } from '../../../src';
import { portToKube } from '../../../src/constructs/network/to-kube';

const json = (port: Port) => k8s.toJson_NetworkPolicyPort(portToKube(port));

describe('portToKube', () => {
  test('protocol always explicit; a number, a name, or a range with endPort', () => {
    expect(json(Port.tcp(80))).toEqual({ protocol: 'TCP', port: 80 });
    expect(json(Port.udp(53))).toEqual({ protocol: 'UDP', port: 53 });
    expect(json(Port.sctp(9))).toEqual({ protocol: 'SCTP', port: 9 });
    expect(json(Port.tcpRange(8000, 8100))).toEqual({ protocol: 'TCP', port: 8000, endPort: 8100 });
    expect(json(Port.named('http'))).toEqual({ protocol: 'TCP', port: 'http' });
    expect(json(Port.named('dns', Protocol.UDP))).toEqual({ protocol: 'UDP', port: 'dns' });
  });
  test('a range of one port is that port; a port entry without a number is every port of its protocol', () => {
    expect(json(Port.tcpRange(443, 443))).toEqual({ protocol: 'TCP', port: 443 });
    expect(json(Port._of(Protocol.UDP))).toEqual({ protocol: 'UDP' });
  });
});
