import { ManagedService, Peer, Port, Protocol } from '../../../src';
import { Base, base, expectRejected } from '../bad-input';

// Bad peers and ports given to SecureApp.allowFrom / allowTo: the message names the app's path,
// the call, the value and what would be valid, and the app's policy is unchanged.
interface Case {
  readonly input: string;
  readonly connect: (b: Base) => void;
  readonly value: string;
  readonly valid: string;
}

const PORT_RANGE = 'use an integer port number between 1 and 65535';
const DNS_LABEL = 'use 1-63 lowercase letters, digits or \'-\'';

const cases: Case[] = [
  // peers in namespaces that are not DNS labels
  { input: 'a namespace peer that is not a DNS label', connect: b => b.web.allowFrom(Peer.namespace('Team_A')), value: 'allowFrom(namespace Team_A): namespace "Team_A"', valid: '(e.g. "team-a")' },
  { input: 'pods in a namespace with a space', connect: b => b.web.allowFrom(Peer.pods({ app: 'x' }, 'team a')), value: 'namespace "team a" is not a DNS label', valid: DNS_LABEL },
  { input: 'a pod label key with a space', connect: b => b.web.allowFrom(Peer.pods({ 'app name': 'x' })), value: 'pod labels key "app name"', valid: 'use 1-63 letters, digits' },
  { input: 'pods without labels (every pod)', connect: b => b.web.allowFrom(Peer.pods({})), value: 'Peer.pods() has no labels', valid: 'or use Peer.namespace(name) for every pod of a namespace' },
  {
    input: 'a managed service in a namespace with uppercase letters',
    connect: b => b.web.allowTo(ManagedService.postgresql('pg', { namespace: 'Postgres' })),
    value: 'namespace "Postgres" is not a DNS label',
    valid: '(e.g. "postgres")',
  },
  {
    input: 'a managed service cluster name with an underscore',
    connect: b => b.web.allowTo(ManagedService.redis('Cache_1')),
    value: 'Redis cluster name "Cache_1"',
    valid: '(e.g. "cache-1")',
  },
  { input: 'a managed service without ports', connect: b => b.web.allowTo(ManagedService.postgresql('pg', { ports: [] })), value: 'PostgreSQL has no ports', valid: 'name at least one port' },
  // CIDRs
  { input: 'an IPv4 CIDR with prefix 33', connect: b => b.web.allowTo(Peer.cidr('10.0.0.0/33'), Port.tcp(443)), value: 'CIDR "10.0.0.0/33" has an invalid prefix length "33"', valid: 'IPv4 prefixes are 0-32' },
  { input: 'an IPv4 CIDR with host bits set', connect: b => b.web.allowTo(Peer.cidr('10.1.2.3/8'), Port.tcp(443)), value: 'CIDR "10.1.2.3/8" has host bits set', valid: 'use the network address "10.0.0.0/8"' },
  { input: 'an IPv6 CIDR with host bits set', connect: b => b.web.allowTo(Peer.cidr('2001:db8::1/32'), Port.tcp(443)), value: 'CIDR "2001:db8::1/32" has host bits set', valid: 'use the network address "2001:db8::/32"' },
  { input: 'an IPv6 CIDR that does not parse', connect: b => b.web.allowTo(Peer.cidr('2001:db8:::/32'), Port.tcp(443)), value: 'CIDR "2001:db8:::/32" does not parse', valid: 'use address/prefix such as' },
  {
    input: 'every IPv4 address without exceptions',
    connect: b => b.web.allowTo(Peer.cidr('0.0.0.0/0'), Port.tcp(443)),
    value: 'CIDR "0.0.0.0/0" is every IPv4 address, including the cluster\'s private ranges and the cloud metadata service',
    valid: 'use Peer.internet() for public addresses',
  },
  { input: 'every IPv6 address without exceptions', connect: b => b.web.allowTo(Peer.cidr('::/0'), Port.tcp(443)), value: 'CIDR "::/0" is every IPv6 address', valid: 'or list what to leave out in `except`' },
  {
    input: 'an exception outside its CIDR',
    connect: b => b.web.allowTo(Peer.cidr('10.0.0.0/8', ['192.168.0.0/16']), Port.tcp(443)),
    value: 'except CIDR "192.168.0.0/16" is not strictly inside "10.0.0.0/8"',
    valid: 'each exception must be a smaller block within the CIDR',
  },
  // blocks judged by what they reach
  {
    input: 'an IPv4-mapped IPv6 block (Go reads it as 0.0.0.0/0)',
    connect: b => b.web.allowTo(Peer.cidr('::ffff:0:0/96'), Port.tcp(443)),
    value: 'CIDR "::ffff:0:0/96" is an IPv4-mapped IPv6 block, which Go (and so the network plugins) reads as the IPv4 block "0.0.0.0/0"',
    valid: 'write the IPv4 block itself',
  },
  {
    input: 'every IPv4 address except one private range (still the metadata service)',
    connect: b => b.web.allowTo(Peer.cidr('0.0.0.0/0', ['10.0.0.0/8']), Port.tcp(443)),
    value: 'CIDR "0.0.0.0/0 except 10.0.0.0/8" reaches the cloud metadata service (169.254.169.254)',
    valid: 'or pass { allowInternalAddresses: true }',
  },
  {
    input: 'half of IPv4 (loopback, a whole private range)',
    connect: b => b.web.allowTo(Peer.cidr('0.0.0.0/1'), Port.tcp(443)),
    value: 'CIDR "0.0.0.0/1" reaches loopback addresses (127.0.0.0/8)',
    valid: 'use Peer.internet() for public addresses',
  },
  {
    input: 'the other half of IPv4 (the metadata service)',
    connect: b => b.web.allowTo(Peer.cidr('128.0.0.0/1'), Port.tcp(443)),
    value: 'CIDR "128.0.0.0/1" reaches the cloud metadata service (169.254.169.254)',
    valid: 'leave it out with `except`',
  },
  {
    input: 'every IPv6 address except ::/1 (link-local, unique local)',
    connect: b => b.web.allowTo(Peer.cidr('::/0', ['::/1']), Port.tcp(443)),
    value: 'CIDR "::/0 except ::/1" reaches the cloud metadata service (fd00:ec2::254)',
    valid: 'allowInternalAddresses',
  },
  { input: 'the metadata service itself', connect: b => b.web.allowTo(Peer.cidr('169.254.169.254/32'), Port.tcp(80)), value: 'reaches the cloud metadata service (169.254.169.254)', valid: 'allowInternalAddresses' },
  { input: 'a loopback address', connect: b => b.web.allowFrom(Peer.cidr('127.0.0.1/32')), value: 'reaches loopback addresses (127.0.0.0/8)', valid: 'allowInternalAddresses' },
  { input: 'a whole private range', connect: b => b.web.allowFrom(Peer.cidr('10.0.0.0/8')), value: 'CIDR "10.0.0.0/8" reaches the cluster\'s pod range 10.233.64.0/18', valid: 'allowInternalAddresses' },
  { input: 'the 172.16.0.0/12 private range', connect: b => b.web.allowFrom(Peer.cidr('172.16.0.0/12')), value: 'reaches the whole private range 172.16.0.0/12', valid: 'allowInternalAddresses' },
  { input: 'the pod range', connect: b => b.web.allowFrom(Peer.cidr('10.233.64.0/24')), value: 'reaches the cluster\'s pod range 10.233.64.0/18', valid: 'allowInternalAddresses' },
  { input: 'the service range', connect: b => b.web.allowTo(Peer.cidr('10.233.0.0/16'), Port.tcp(443)), value: 'reaches the cluster\'s pod range', valid: 'allowInternalAddresses' },
  { input: 'the service range alone', connect: b => b.web.allowTo(Peer.cidr('10.233.0.10/32'), Port.tcp(443)), value: 'reaches the cluster\'s service range 10.233.0.0/18', valid: 'allowInternalAddresses' },
  // ports
  { input: 'TCP port 0', connect: b => b.web.allowTo(Peer.internet(), Port.tcp(0)), value: 'allowTo(the internet): port 0', valid: PORT_RANGE },
  { input: 'UDP port 70000', connect: b => b.web.allowTo(Peer.internet(), Port.udp(70000)), value: 'port 70000', valid: PORT_RANGE },
  { input: 'a port range that ends before it starts', connect: b => b.web.allowTo(Peer.internet(), Port.tcpRange(2000, 1000)), value: 'port range 2000-1000 ends before it starts', valid: 'use from <= to' },
  { input: 'a named port with uppercase letters', connect: b => b.web.allowFrom(Peer.namespace('demo'), Port.named('HTTP')), value: 'port name "HTTP" is not an IANA service name', valid: 'use 1-15 lowercase letters' },
  { input: 'a named port of 16 characters', connect: b => b.web.allowFrom(Peer.namespace('demo'), Port.named('metrics-exporter')), value: 'port name "metrics-exporter"', valid: 'use 1-15 lowercase letters' },
  {
    input: 'a protocol NetworkPolicies do not match (from JavaScript)',
    connect: b => b.web.allowFrom(Peer.namespace('demo'), Port.named('http', 'HTTP' as Protocol)),
    value: 'protocol "HTTP" is not a protocol NetworkPolicies match',
    valid: 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP',
  },
  // conflicting uses
  { input: 'a destination-only peer in allowFrom', connect: b => b.web.allowFrom(ManagedService.postgresql('pg')), value: 'managed PostgreSQL pg (namespace postgres-system) is only a destination', valid: 'use allowTo(' },
  { input: 'the app as its own peer', connect: b => b.web.allowTo(b.web), value: 'allowTo(app demo/web): an app cannot be its own peer', valid: 'add Peer.pods() with its labels' },
  { input: 'a peer without a port of its own and no port', connect: b => b.web.allowTo(Peer.internet()), value: 'allowTo(the internet) has no port', valid: 'e.g. allowTo(peer, Port.tcp(443))' },
];

describe('SecureApp connections reject bad peers and ports; the policy is unchanged', () => {
  test.each(cases)('$input', c => {
    const b = base();
    expectRejected(b, () => c.connect(b), { path: 'test/web', value: c.value, valid: c.valid });
  });
});
