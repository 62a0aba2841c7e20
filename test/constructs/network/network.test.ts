import { ManagedService, Peer, Port, Protocol } from '../../../src';

describe('Port', () => {
  test('factories carry an explicit protocol', () => {
    expect(Port.tcp(80)._toJson()).toEqual({ protocol: 'TCP', port: 80 });
    expect(Port.udp(53)._toJson()).toEqual({ protocol: 'UDP', port: 53 });
    expect(Port.sctp(9)._toJson()).toEqual({ protocol: 'SCTP', port: 9 });
    expect(Port.tcpRange(8000, 8100)._toJson()).toEqual({ protocol: 'TCP', port: 8000, endPort: 8100 });
    expect(Port.udpRange(1000, 2000).toString()).toBe('UDP 1000-2000');
    expect(Port.named('http')._toJson()).toEqual({ protocol: 'TCP', port: 'http' });
    expect(Port.named('dns', Protocol.UDP).toString()).toBe('UDP dns');
  });
  test('problems are reported, not thrown, until a construct uses the port', () => {
    expect(Port.tcp(0)._problem()).toBe('port 0 is outside 1-65535; use an integer port number between 1 and 65535');
    expect(Port.tcp(70000)._problem()).toContain('70000 is outside 1-65535');
    expect(Port.tcpRange(10, 5)._problem()).toBe('port range 10-5 ends before it starts; use from <= to');
    expect(Port.named('Not_A_Name')._problem()).toContain('is not an IANA service name');
    expect(Port.tcp(443)._problem()).toBeUndefined();
  });
});

describe('Peer', () => {
  test('pods in the same namespace need only a pod selector; elsewhere both selectors in one element', () => {
    const peer = Peer.pods({ app: 'x' }, 'other');
    expect(peer._definition.elements('other')).toEqual([{ podSelector: { matchLabels: { app: 'x' } } }]);
    expect(peer._definition.elements('demo')).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
      podSelector: { matchLabels: { app: 'x' } },
    }]);
    expect(Peer.pods({ app: 'x' })._definition.elements('demo')).toEqual([{ podSelector: { matchLabels: { app: 'x' } } }]);
  });
  test('a whole namespace', () => {
    expect(Peer.namespace('monitoring')._definition.elements('demo')).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });
  test('CIDRs with except', () => {
    expect(Peer.cidr('203.0.113.0/24', ['203.0.113.128/25'])._definition.elements('demo')).toEqual([
      { ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } },
    ]);
    expect(Peer.cidr('203.0.113.0/24')._definition.elements('demo')).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }]);
  });
  test('bad peers carry their problem', () => {
    expect(Peer.cidr('203.0.113.0/33')._definition.problem).toContain('invalid prefix length');
    expect(Peer.cidr('10.0.0.0/8', ['192.168.0.0/16'])._definition.problem)
      .toBe('except CIDR "192.168.0.0/16" is not strictly inside "10.0.0.0/8"; each exception must be a smaller block within the CIDR');
    expect(Peer.pods({})._definition.problem).toContain('Peer.pods() has no labels');
    expect(Peer.namespace('Bad')._definition.problem).toContain('namespace "Bad" is not a DNS label');
  });
  test('the internet excludes private, link-local (metadata service) and CGNAT ranges, IPv4 and IPv6', () => {
    const [v4, v6] = Peer.internet()._definition.elements('demo');
    expect(v4).toEqual({ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'] } });
    expect(v6).toEqual({ ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10', '::ffff:0:0/96'] } });
  });
});

describe('ManagedService', () => {
  test('PostgreSQL: namespace postgres-system, TCP 5432, no access label', () => {
    const pg = ManagedService.postgresql('postgresql1');
    const d = pg.toPeer()._definition;
    expect(d.elements('demo')).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'postgres-system' } } }]);
    expect(d.defaultPorts!.map(p => p.toString())).toEqual(['TCP 5432']);
    expect(d.clientLabels).toEqual({});
    expect(d.egressOnly).toBe(true);
  });
  test('Redis and Valkey: Sentinel and server ports, access labels per cluster', () => {
    const redis = ManagedService.redis('cache');
    expect(redis.accessLabels).toEqual({ 'elastisys.io/redis-cache-access': 'allow' });
    expect(redis.ports.map(p => p.toString())).toEqual(['TCP 26379', 'TCP 6379']);
    expect(redis.namespace).toBe('redis-system');
    expect(ManagedService.valkey('v1').accessLabels).toEqual({ 'elastisys.io/valkey-v1-access': 'allow' });
  });
  test('RabbitMQ: AMQP, management on request, overridable namespace and ports', () => {
    expect(ManagedService.rabbitmq('mq').ports.map(p => p.toString())).toEqual(['TCP 5672']);
    expect(ManagedService.rabbitmq('mq', { management: true }).ports.map(p => p.toString())).toEqual(['TCP 5672', 'TCP 15672']);
    expect(ManagedService.rabbitmq('mq').accessLabels).toEqual({ 'elastisys.io/rabbitmq-mq-access': 'allow' });
    const custom = ManagedService.postgresql('pg', { namespace: 'db', ports: [Port.tcp(6432)] });
    expect(custom.namespace).toBe('db');
    expect(custom.ports.map(p => p.toString())).toEqual(['TCP 6432']);
  });
  test('a bad cluster name is reported', () => {
    expect(ManagedService.redis('Bad Name').toPeer()._definition.problem).toContain('Redis cluster name "Bad Name" is not a DNS label');
  });
});
