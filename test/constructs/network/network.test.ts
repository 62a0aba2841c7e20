import { ManagedService, Peer, Port } from '../../../src';
import { kubePeers } from '../helpers';

describe('Peer', () => {
  test('pods in the same namespace need only a pod selector; elsewhere both selectors in one element', () => {
    const peer = Peer.pods({ app: 'x' }, 'other');
    expect(kubePeers(peer, 'other')).toEqual([{ podSelector: { matchLabels: { app: 'x' } } }]);
    expect(kubePeers(peer, 'demo')).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
      podSelector: { matchLabels: { app: 'x' } },
    }]);
    expect(kubePeers(Peer.pods({ app: 'x' }), 'demo')).toEqual([{ podSelector: { matchLabels: { app: 'x' } } }]);
  });
  test('a whole namespace', () => {
    expect(kubePeers(Peer.namespace('monitoring'), 'demo')).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
  });
  test('CIDRs with except', () => {
    expect(kubePeers(Peer.cidr('203.0.113.0/24', ['203.0.113.128/25']), 'demo')).toEqual([
      { ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } },
    ]);
    expect(kubePeers(Peer.cidr('203.0.113.0/24'), 'demo')).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }]);
  });
  test('bad peers carry their problem', () => {
    expect(Peer.cidr('203.0.113.0/33')._problem()).toContain('invalid prefix length');
    expect(Peer.cidr('10.0.0.0/8', ['192.168.0.0/16'])._problem())
      .toBe('except CIDR "192.168.0.0/16" is not strictly inside "10.0.0.0/8"; each exception must be a smaller block within the CIDR');
    expect(Peer.pods({})._problem()).toContain('Peer.pods() has no labels');
    expect(Peer.namespace('Bad')._problem()).toContain('namespace "Bad" is not a DNS label');
  });
  test('the internet excludes every special-purpose range that is not globally reachable, IPv4 and IPv6', () => {
    const [v4, v6] = kubePeers(Peer.internet(), 'demo');
    expect(v4).toEqual({
      ipBlock: {
        cidr: '0.0.0.0/0',
        except: ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
          '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/3'],
      },
    });
    expect(v6).toEqual({
      ipBlock: {
        cidr: '::/0',
        except: ['::/127', '::ffff:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '100::/63', '2001::/23', '2001:db8::/32', '2002::/16', '3fff::/20',
          '5f00::/16', 'fc00::/7', 'fe80::/10', 'ff00::/8'],
      },
    });
  });
});

describe('ManagedService', () => {
  test('PostgreSQL: namespace postgres-system, TCP 5432, no access label', () => {
    const pg = ManagedService.postgresql('postgresql1');
    const d = pg.toPeer()._definition;
    expect(kubePeers(pg, 'demo')).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'postgres-system' } } }]);
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
    expect(ManagedService.redis('Bad Name').toPeer()._problem()).toContain('Redis cluster name "Bad Name" is not a DNS label');
  });
});
