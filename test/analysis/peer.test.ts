// Peers of connections as values (src/analysis/peer.ts): each kind with its parts, how the engine
// hands them out, and how they are read where people type them.
import { analyze, deployment, Obj, policy, service } from './fixtures';
import { AllowedConnection, ClusterProfile, ConnectionPeer, PeerKind } from '../../src/analysis';
import { Protocol } from '../../src/kube/protocol';

const ingress = (ns: string, serviceName: string): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: ns },
  spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: serviceName, port: { number: 80 } } } }] } }] },
});

const shop = (): Obj[] => [
  deployment('shop', 'api', { app: 'api' }, [{ containerPort: 3000, name: 'http' }]),
  deployment('shop', 'web', { app: 'web' }),
  service('shop', 'api', { app: 'api' }, [{ port: 80, targetPort: 'http' }]),
  ingress('shop', 'api'),
  policy('shop', 'api', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ namespaceSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 3000 }] }],
  }),
  policy('shop', 'web', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 3000 }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
  }),
];

describe('the peers of an analysis', () => {
  test('workloads carry namespace, name and kind, and are named ns/name[Kind]', () => {
    const web = analyze(shop()).workloads.find(w => w.name === 'shop/web[Deployment]')!;
    expect(web.kind).toBe(PeerKind.WORKLOAD);
    expect(web.workload).toEqual({ namespace: 'shop', name: 'web', kind: 'Deployment' });
    expect(web.addresses).toBeUndefined();
    expect([web.isWorkload, web.isExternal]).toEqual([true, false]);
  });

  test('address ranges carry their family, first and last address and CIDRs, and are named as netpol-analyzer prints them', () => {
    const a = analyze(shop());
    const ranges = a.connections.filter(c => c.destination.name === 'shop/api[Deployment]' && c.source.isExternal).map(c => c.source);
    expect(ranges.map(r => r.name)).toEqual(['10.0.0.0-10.255.255.255']);
    expect(ranges[0].kind).toBe(PeerKind.ADDRESS_RANGE);
    expect(ranges[0].addresses).toEqual({ family: 4, firstAddress: '10.0.0.0', lastAddress: '10.255.255.255', cidrs: ['10.0.0.0/8'] });
    expect(ranges[0].workload).toBeUndefined();
    // A range that is not one CIDR is the fewest CIDRs, in address order.
    const below = a.connections.find(c => c.source.name === 'shop/web[Deployment]' && c.destination.name === '0.0.0.0-9.255.255.255')!.destination;
    expect(below.addresses!.cidrs).toEqual(['0.0.0.0/5', '8.0.0.0/7']);
  });

  test('{ingress-controller} is one value of its own kind', () => {
    const from = analyze(shop()).connections.find(c => c.destination.name === 'shop/api[Deployment]' && c.source.kind === PeerKind.INGRESS_CONTROLLER)!;
    expect(from.source).toBe(ConnectionPeer.INGRESS_CONTROLLER);
    expect(from.source.name).toBe('{ingress-controller}');
    expect([from.source.workload, from.source.addresses, from.source.isExternal]).toEqual([undefined, undefined, false]);
    expect(from.description).toBe('TCP 3000');
  });

  test('a cluster profile\'s workloads are platform workloads, with their identity', () => {
    const a = analyze(shop(), { profile: ClusterProfile.welkin() });
    const platform = a.workloads.filter(w => w.kind === PeerKind.PLATFORM_WORKLOAD);
    expect(platform.map(w => w.workload)).toEqual([
      { namespace: 'ingress-nginx', name: 'ingress-nginx-controller', kind: 'Deployment' },
      { namespace: 'kube-system', name: 'coredns', kind: 'Deployment' },
      { namespace: 'kube-system', name: 'node-local-dns', kind: 'DaemonSet' },
      { namespace: 'monitoring', name: 'prometheus', kind: 'StatefulSet' },
    ]);
    expect(a.workloads.filter(w => w.kind === PeerKind.WORKLOAD).map(String)).toEqual(['shop/api[Deployment]', 'shop/web[Deployment]']);
    // The profile describes the controller, so the placeholder is not used.
    expect(a.connections.some(c => c.source === ConnectionPeer.INGRESS_CONTROLLER)).toBe(false);
  });

  test('one value per peer: every connection of a workload holds the same object', () => {
    const a = analyze(shop());
    for (const c of a.connections) {
      for (const p of [c.source, c.destination]) {
        if (p.isWorkload) expect(a.workloads).toContain(p);
      }
    }
    const sameRange = a.connections.flatMap(c => [c.source, c.destination]).filter(p => p.name === '10.0.0.0-10.255.255.255');
    expect(sameRange.length).toBeGreaterThan(1);
    expect(new Set(sameRange).size).toBe(1);
  });
});

describe('ConnectionPeer values', () => {
  test('parse reads each printed form', () => {
    expect(ConnectionPeer.parse('shop/web[Deployment]').workload).toEqual({ namespace: 'shop', name: 'web', kind: 'Deployment' });
    expect(ConnectionPeer.parse(' {ingress-controller} ')).toBe(ConnectionPeer.INGRESS_CONTROLLER);
    expect(ConnectionPeer.parse('10.0.0.0-10.0.0.255[External]').addresses).toEqual({ family: 4, firstAddress: '10.0.0.0', lastAddress: '10.0.0.255', cidrs: ['10.0.0.0/24'] });
    expect(ConnectionPeer.parse('fd00::/64').addresses).toEqual({ family: 6, firstAddress: 'fd00::', lastAddress: 'fd00::ffff:ffff:ffff:ffff', cidrs: ['fd00::/64'] });
    expect(ConnectionPeer.parse('203.0.113.7').addresses!.cidrs).toEqual(['203.0.113.7/32']);
  });

  test('parse refuses what is none of them, naming the forms', () => {
    for (const text of ['shop/web', 'web', 'shop/web[Deployment', '10.0.0.9-10.0.0.1', '10.0.0.0/33', '']) {
      expect(() => ConnectionPeer.parse(text)).toThrow(/invalid peer '.*': expected a workload \(ns\/name\[Kind\]\), \{ingress-controller\}, \{gateway NS\/NAME\}, a representative peer \(entire-cluster, NS\/\[all pods\], \.\.\.\), an address range, a CIDR or an address/);
    }
    expect(() => ConnectionPeer.fromAddresses('shop/web[Deployment]')).toThrow(/invalid addresses 'shop\/web\[Deployment\]'/);
  });

  test('the same peer: by workload identity (manifest or profile), by addresses however written, and never across kinds', () => {
    const identity = { namespace: 'kube-system', name: 'coredns', kind: 'Deployment' };
    expect(ConnectionPeer.fromWorkload(identity).sameAs(ConnectionPeer.fromPlatformWorkload(identity))).toBe(true);
    expect(ConnectionPeer.fromWorkload(identity).sameAs(ConnectionPeer.fromWorkload({ ...identity, kind: 'DaemonSet' }))).toBe(false);
    expect(ConnectionPeer.fromAddresses('10.0.0.0/8').sameAs(ConnectionPeer.parse('10.0.0.0-10.255.255.255'))).toBe(true);
    expect(ConnectionPeer.fromAddresses('10.0.0.0/8').name).toBe('10.0.0.0/8'); // named as given
    expect(ConnectionPeer.fromAddresses('10.0.0.0/8').sameAs(ConnectionPeer.fromAddresses('10.0.0.0/9'))).toBe(false);
    expect(ConnectionPeer.fromAddresses('::/0').sameAs(ConnectionPeer.fromAddresses('0.0.0.0/0'))).toBe(false);
    expect(ConnectionPeer.INGRESS_CONTROLLER.sameAs(ConnectionPeer.parse('{ingress-controller}'))).toBe(true);
  });

  test('the kinds print their names', () => {
    expect([PeerKind.WORKLOAD, PeerKind.PLATFORM_WORKLOAD, PeerKind.ADDRESS_RANGE, PeerKind.INGRESS_CONTROLLER].map(String))
      .toEqual(['workload', 'platform-workload', 'address-range', 'ingress-controller']);
  });
});

describe('AllowedConnection values', () => {
  const web = ConnectionPeer.parse('shop/web[Deployment]');
  const api = ConnectionPeer.parse('shop/api[Deployment]');

  test('of() takes ports per protocol and prints netpol-analyzer\'s line', () => {
    const c = AllowedConnection.of(web, api, [
      { protocol: Protocol.UDP, ranges: [{ fromPort: 53, toPort: 53 }] },
      { protocol: Protocol.TCP, ranges: [{ fromPort: 8080, toPort: 8090 }, { fromPort: 80, toPort: 80 }] },
    ]);
    expect(String(c)).toBe('shop/web[Deployment] => shop/api[Deployment] : TCP 80,8080-8090,UDP 53');
    expect(c.ports).toEqual([
      { protocol: Protocol.TCP, ranges: [{ fromPort: 80, toPort: 80 }, { fromPort: 8080, toPort: 8090 }] },
      { protocol: Protocol.UDP, ranges: [{ fromPort: 53, toPort: 53 }] },
    ]);
    expect([c.allows(8085), c.allows(8085, Protocol.UDP), c.allProtocolsAndPorts]).toEqual([true, false, false]);
    const everyPort = [{ fromPort: 1, toPort: 65535 }];
    const all = AllowedConnection.of(web, api, [Protocol.TCP, Protocol.UDP, Protocol.SCTP].map(protocol => ({ protocol, ranges: everyPort })));
    expect([all.description, all.allProtocolsAndPorts]).toEqual(['All Connections', true]);
  });

  test('of() refuses ports outside 1-65535 and reversed ranges', () => {
    expect(() => AllowedConnection.of(web, api, [{ protocol: Protocol.TCP, ranges: [{ fromPort: 0, toPort: 80 }] }])).toThrow(/invalid ports of shop\/web\[Deployment\] => shop\/api\[Deployment\]: port 0 is outside 1-65535/);
    expect(() => AllowedConnection.of(web, api, [{ protocol: Protocol.TCP, ranges: [{ fromPort: 90, toPort: 80 }] }])).toThrow(/port range 90-80 ends before it starts/);
    expect(() => AllowedConnection.of(web, api, [{ protocol: 'ICMP' as Protocol, ranges: [] }])).toThrow(/invalid protocol "ICMP"/);
  });
});

describe('asking about peers', () => {
  const a = analyze(shop());

  test('a peer value from the analysis, a name, or ns/name answer alike', () => {
    const [web, api] = ['shop/web[Deployment]', 'shop/api[Deployment]'].map(n => a.peer(n));
    expect(a.peer('shop/web')).toBe(web);
    expect(a.isAllowed(api, web, 3000)).toBe(true);
    expect(a.isAllowed(ConnectionPeer.parse('shop/api[Deployment]'), 'shop/web', 3000)).toBe(true);
    expect(a.isAllowed(web, api, 3000)).toBe(false);
    expect(a.connectionBetween(api, web)).toBe(a.connections.find(c => c.source === api && c.destination === web));
    const why = a.explain(web, api, 3000);
    expect([why.source, why.destination, why.egress.peer, why.ingress.peer]).toEqual([web, api, web, api]);
    expect(why.allowed).toBe(false);
  });

  test('an address range value answers for its first address, listed or not', () => {
    const inside = ConnectionPeer.fromAddresses('10.1.0.0/16');
    expect(a.isAllowed(inside, 'shop/api', 3000)).toBe(true);
    expect(a.explain(inside, 'shop/api', 3000).text).toMatch(/^10\.1\.0\.0\/16 => shop\/api\[Deployment\] : TCP 3000 is ALLOWED/);
    expect(a.isAllowed(ConnectionPeer.fromAddresses('11.0.0.0/8'), 'shop/api', 3000)).toBe(false);
  });

  test('a workload value that is not in the analysis, or an ambiguous ns/name, is a clear error', () => {
    expect(() => a.peer(ConnectionPeer.parse('shop/db[StatefulSet]'))).toThrow(/unknown peer 'shop\/db\[StatefulSet\]'.*workloads: shop\/api\[Deployment\], shop\/web\[Deployment\]/);
    expect(() => a.isAllowed({ workloadIdentity: { namespace: 'shop', name: 'db', kind: 'Deployment' } }, 'shop/api')).toThrow(/unknown peer 'shop\/db\[Deployment\]'/);
    expect(() => a.isAllowed({} as never, 'shop/api')).toThrow(/invalid peer \(an object of class Object\): expected a peer name/);
    const twice = analyze([deployment('shop', 'web', { app: 'web' }), deployment('shop', 'web', { app: 'web' }, [], 'StatefulSet')]);
    expect(() => twice.peer('shop/web')).toThrow(/'shop\/web' names several workloads \(shop\/web\[Deployment\], shop\/web\[StatefulSet\]\): write the kind too/);
  });
});
