// ConnectionPorts reads netpol-analyzer's connection text onto the engine's IntervalSet.
import { ConnectionPorts } from '../../src/diff/port-text';

describe('ConnectionPorts', () => {
  test('reads, merges and prints ranges per protocol', () => {
    expect(ConnectionPorts.parse('UDP 53,TCP 8090-8080,81,80').toString()).toBe('TCP 80-81,8080-8090,UDP 53');
    expect(ConnectionPorts.parse('All Connections').isAll).toBe(true);
    expect(ConnectionPorts.parse('No Connections').isEmpty).toBe(true);
  });

  test('only exactly 1-65535 of every protocol is All Connections; other text is printed as read', () => {
    expect(ConnectionPorts.parse('SCTP 0-65535,TCP 0-65535,UDP 0-65535').toString()).toBe('SCTP 0-65535,TCP 0-65535,UDP 0-65535');
    expect(ConnectionPorts.parse('SCTP 1-65535,TCP 1-65535,UDP 1-65535').toString()).toBe('All Connections');
  });

  test('minus, union, contains and first', () => {
    const all = ConnectionPorts.parse('All Connections');
    const web = ConnectionPorts.parse('TCP 80,443');
    expect(web.minus(all).toString()).toBe('No Connections');
    expect(all.minus(web).toString()).toBe('SCTP 1-65535,TCP 1-79,81-442,444-65535,UDP 1-65535');
    expect(web.union(ConnectionPorts.parse('TCP 81-442')).toString()).toBe('TCP 80-443');
    expect(web.contains('tcp', 443)).toBe(true);
    expect(web.contains('udp', 443)).toBe(false);
    expect(ConnectionPorts.parse('UDP 53,SCTP 1').first()).toEqual({ protocol: 'UDP', port: 53 });
  });
});
