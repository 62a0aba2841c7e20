// Port: the one port value, shared by the constructs (which write it into policies), the engine
// (which reads policies into it) and the edges (which parse text into it through parsePortSpec).
import * as fc from 'fast-check';
import { Port } from '../../src/kube/port';
import { PortSet } from '../../src/kube/ports';
import { Protocol } from '../../src/kube/protocol';

describe('Port', () => {
  test('factories carry an explicit protocol', () => {
    expect(Port.tcp(80).toString()).toBe('TCP 80');
    expect(Port.udp(53).toString()).toBe('UDP 53');
    expect(Port.sctp(9).toString()).toBe('SCTP 9');
    expect(Port.tcpRange(8000, 8100).toString()).toBe('TCP 8000-8100');
    expect(Port.udpRange(1000, 2000).toString()).toBe('UDP 1000-2000');
    expect(Port.named('http').toString()).toBe('TCP http');
    expect(Port.named('dns', Protocol.UDP).toString()).toBe('UDP dns');
    expect(Port.tcpRange(8000, 8100)).toMatchObject({ protocol: Protocol.TCP, portNumber: 8000, endPort: 8100, name: undefined });
  });

  test('problems are held, not thrown, until a construct uses the port', () => {
    expect(Port.tcp(0)._problem()).toBe('port 0 is outside 1-65535; use an integer port number between 1 and 65535');
    expect(Port.tcp(70000)._problem()).toContain('70000 is outside 1-65535');
    expect(Port.tcpRange(10, 5)._problem()).toBe('port range 10-5 ends before it starts; use from <= to');
    expect(Port.tcpRange(10, 70000)._problem()).toContain('end port 70000 is outside 1-65535');
    expect(Port.named('Not_A_Name')._problem()).toContain('is not an IANA service name');
    expect(Port.named('http', 'HTTP' as Protocol)._problem()).toContain('protocol "HTTP" is not a protocol NetworkPolicies match');
    expect(Port.tcp(443)._problem()).toBeUndefined();
  });

  test('the ports it denotes: a number, a range, every port of the protocol; a name resolves per pod', () => {
    expect(Port.tcp(80)._portSet()!.describe()).toBe('TCP 80');
    expect(Port.udpRange(1000, 2000)._portSet()!.describe()).toBe('UDP 1000-2000');
    expect(Port._of(Protocol.SCTP)._portSet()!.describe()).toBe('SCTP 1-65535');
    expect(Port._of(Protocol.SCTP).toString()).toBe('SCTP 1-65535');
    expect(Port.named('http')._portSet()).toBeUndefined();
    expect(Port._of(Protocol.UDP, 'dns')).toMatchObject({ protocol: Protocol.UDP, name: 'dns', portNumber: undefined });
  });

  test('its text names the ports it denotes (differential against PortSet.parse)', () => {
    const protocol = fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
    const number = fc.integer({ min: 1, max: 65535 });
    fc.assert(fc.property(protocol, number, number, (p, a, b) => {
      const port = Port._of(p, Math.min(a, b), Math.max(a, b));
      expect(port._problem()).toBeUndefined();
      expect(PortSet.parse(port.toString()).equals(port._portSet()!)).toBe(true);
    }));
  });

  test('parse reads text through parsePortSpec, the one port-text reader', () => {
    expect(Port.parse('8080')).toEqual(Port.tcp(8080));
    expect(Port.parse('53/udp')).toEqual(Port.udp(53));
    expect(Port.parse('SCTP 9')).toEqual(Port.sctp(9));
    expect(() => Port.parse('80/ICMP')).toThrow("invalid port '80/ICMP': expected a number from 1 to 65535");
    fc.assert(fc.property(fc.constantFrom(Protocol.TCP, Protocol.UDP, Protocol.SCTP), fc.integer({ min: 1, max: 65535 }), (p, n) => {
      expect(Port.parse(`${n}/${p}`)).toEqual(Port._of(p, n));
      expect(Port.parse(Port._of(p, n).toString())).toEqual(Port._of(p, n));
    }));
  });
});
