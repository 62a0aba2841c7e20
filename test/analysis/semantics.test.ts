// NetworkPolicy semantics, one test per rule, written from the Kubernetes documentation
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/) and the
// networking.k8s.io/v1 API reference.
import { analyze, conn, deployment, lines, namespace, pod, policy } from './fixtures';
import { PeerKind } from '../../src/analysis';
import { Port } from '../../src/kube/port';
import { Protocol } from '../../src/kube/protocol';

const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';
const DB = 'data/db[Deployment]';
const ALL_V4 = '0.0.0.0-255.255.255.255';

/** shop: web, api; data: db. */
function base() {
  return [
    namespace('shop', { team: 'shop' }),
    namespace('data', { team: 'data' }),
    deployment('shop', 'web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
    deployment('shop', 'api', { app: 'api', tier: 'backend' }, [{ containerPort: 3000, name: 'http' }]),
    deployment('data', 'db', { app: 'db', tier: 'backend' }, [{ containerPort: 5432, name: 'pg' }]),
  ];
}

describe('isolation', () => {
  test('pods no policy selects are non-isolated: all traffic in and out is allowed', () => {
    const a = analyze(base());
    expect(conn(a, WEB, API)).toBe('All Connections');
    expect(conn(a, DB, WEB)).toBe('All Connections');
    expect(conn(a, ALL_V4, WEB)).toBe('All Connections');
    expect(conn(a, WEB, ALL_V4)).toBe('All Connections');
  });

  test('a default-deny ingress policy (podSelector {}, no rules) isolates every pod of its namespace for ingress only', () => {
    const a = analyze([...base(), policy('shop', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(conn(a, DB, API)).toBeUndefined();
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(conn(a, ALL_V4, WEB)).toBeUndefined();
    // Egress of shop stays open, and data is untouched.
    expect(conn(a, API, DB)).toBe('All Connections');
    expect(conn(a, API, ALL_V4)).toBe('All Connections');
  });

  test('a default-deny egress policy isolates for egress only', () => {
    const a = analyze([...base(), policy('shop', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(conn(a, API, DB)).toBeUndefined();
    expect(conn(a, API, ALL_V4)).toBeUndefined();
    expect(conn(a, DB, API)).toBe('All Connections');
  });

  test('a connection needs the source egress AND the destination ingress to allow it', () => {
    const egressOnly = [
      ...base(),
      policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy('shop', 'web-out', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 3000 }] }],
      }),
    ];
    expect(conn(analyze(egressOnly), WEB, API)).toBeUndefined();
    const both = [...egressOnly, policy('shop', 'api-in', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 3000 }] }],
    })];
    expect(conn(analyze(both), WEB, API)).toBe('TCP 3000');
  });

  test('policies are additive: the allowed set is the union of all rules of all selecting policies', () => {
    const a = analyze([
      ...base(),
      policy('shop', 'a', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 80 }] }] }),
      policy('shop', 'b', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 443 }] }] }),
    ]);
    expect(conn(a, WEB, API)).toBe('TCP 80,443');
  });

  test('a policy only selects pods of its own namespace', () => {
    const a = analyze([...base(), policy('shop', 'deny', { podSelector: { matchLabels: { tier: 'backend' } } })]);
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(conn(a, WEB, DB)).toBe('All Connections');
  });
});

describe('policyTypes defaulting', () => {
  test('without policyTypes a policy affects Ingress, even without ingress rules', () => {
    const a = analyze([...base(), policy('shop', 'p', { podSelector: { matchLabels: { app: 'api' } } })]);
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(conn(a, API, WEB)).toBe('All Connections');
  });

  test('without policyTypes a policy with egress rules affects Egress as well', () => {
    const a = analyze([...base(), policy('shop', 'p', {
      podSelector: { matchLabels: { app: 'api' } },
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    })]);
    expect(conn(a, API, WEB)).toBe('All Connections');
    expect(conn(a, API, DB)).toBeUndefined();
    expect(conn(a, WEB, API)).toBeUndefined(); // Ingress isolated too, with no ingress rules
  });

  test('explicit policyTypes win: ingress rules of an Egress-only policy are ignored', () => {
    const a = analyze([...base(), policy('shop', 'p', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      ingress: [{ ports: [{ port: 1 }] }],
    })]);
    expect(conn(a, WEB, API)).toBe('All Connections');
    expect(conn(a, API, WEB)).toBeUndefined();
  });

  // The API server defaults an empty list like an absent one (SetDefaults_NetworkPolicy:
  // `if len(PolicyTypes) == 0`), so `policyTypes: []` never means "affects neither direction".
  test('policyTypes: [] is defaulted like an absent list: Ingress', () => {
    const a = analyze([...base(), policy('shop', 'p', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: [] })]);
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(conn(a, ALL_V4, API)).toBeUndefined();
    expect(conn(a, API, WEB)).toBe('All Connections');
    expect(a.explain(WEB, API, 3000).ingress.policies).toEqual(['shop/p']);
  });

  test('policyTypes: [] with egress rules is defaulted to Ingress and Egress', () => {
    const a = analyze([...base(), policy('shop', 'p', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: [],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    })]);
    expect(conn(a, API, WEB)).toBe('All Connections');
    expect(conn(a, API, DB)).toBeUndefined();
    expect(conn(a, WEB, API)).toBeUndefined();
  });
});

describe('rules and peers', () => {
  const apiIn = (ingress: unknown[]) => [...base(), policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress })];

  test('an empty rule ({}) allows every source, pods and addresses, on every port', () => {
    const a = analyze(apiIn([{}]));
    expect(conn(a, WEB, API)).toBe('All Connections');
    expect(conn(a, DB, API)).toBe('All Connections');
    expect(conn(a, ALL_V4, API)).toBe('All Connections');
  });

  test('an empty rule list (ingress: []) allows nothing', () => {
    const a = analyze(apiIn([]));
    expect(lines(a).filter(l => l.includes(`=> ${API}`))).toEqual([]);
  });

  test('podSelector {} in from means every pod of the policy namespace, not other namespaces or addresses', () => {
    const a = analyze(apiIn([{ from: [{ podSelector: {} }] }]));
    expect(conn(a, WEB, API)).toBe('All Connections');
    expect(conn(a, DB, API)).toBeUndefined();
    expect(conn(a, ALL_V4, API)).toBeUndefined();
  });

  test('namespaceSelector {} means every pod of every namespace, but no address outside', () => {
    const a = analyze(apiIn([{ from: [{ namespaceSelector: {} }] }]));
    expect(conn(a, WEB, API)).toBe('All Connections');
    expect(conn(a, DB, API)).toBe('All Connections');
    expect(conn(a, ALL_V4, API)).toBeUndefined();
  });

  test('namespaceSelector and podSelector in ONE peer are ANDed; in two peers they are ORed', () => {
    const and = analyze(apiIn([{ from: [{ namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { app: 'web' } } }] }]));
    expect(conn(and, DB, API)).toBeUndefined();
    expect(conn(and, WEB, API)).toBeUndefined();
    const or = analyze(apiIn([{ from: [{ namespaceSelector: { matchLabels: { team: 'data' } } }, { podSelector: { matchLabels: { app: 'web' } } }] }]));
    expect(conn(or, DB, API)).toBe('All Connections');
    expect(conn(or, WEB, API)).toBe('All Connections');
  });

  test('a namespace not in the input carries only kubernetes.io/metadata.name', () => {
    const objects = [
      deployment('ops', 'probe', { app: 'probe' }),
      ...apiIn([
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }], ports: [{ port: 1 }] },
        { from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }], ports: [{ port: 2 }] },
      ]),
    ];
    expect(conn(analyze(objects), 'ops/probe[Deployment]', API)).toBe('TCP 1');
  });

  test('a Namespace object also carries kubernetes.io/metadata.name', () => {
    const a = analyze(apiIn([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } }] }]));
    expect(conn(a, DB, API)).toBe('All Connections');
  });

  test('objects without namespace are in default', () => {
    const a = analyze([
      pod(undefined, 'loose', { app: 'loose' }),
      policy('default', 'deny', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'other' } } }] }] }),
      pod('default', 'other', { app: 'other' }),
    ]);
    expect(conn(a, 'default/other[Pod]', 'default/loose[Pod]')).toBe('All Connections');
    expect(conn(a, 'default/loose[Pod]', 'default/other[Pod]')).toBeUndefined();
  });
});

describe('label selectors', () => {
  const api = (podSelector: unknown) => analyze([...base(),
    deployment('shop', 'legacy', { app: 'legacy' }),
    policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector }] }] })]);
  const sources = (podSelector: unknown) => {
    const a = api(podSelector);
    return a.connections.filter(c => c.destination.name === API && !c.source.isExternal).map(c => c.source.name).sort();
  };

  test('matchLabels requires every label', () => {
    expect(sources({ matchLabels: { app: 'db', tier: 'backend' } })).toEqual([DB]);
    expect(sources({ matchLabels: { app: 'db', tier: 'frontend' } })).toEqual([]);
  });

  test('In matches any listed value', () => {
    expect(sources({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'db'] }] })).toEqual([DB, WEB]);
  });

  test('NotIn matches pods whose value is not listed, including pods without the key', () => {
    expect(sources({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }))
      .toEqual(['shop/legacy[Deployment]', WEB]);
  });

  test('Exists and DoesNotExist test the key only', () => {
    expect(sources({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual([DB]);
    expect(sources({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })).toEqual(['shop/legacy[Deployment]', WEB]);
  });

  test('matchLabels and matchExpressions are ANDed', () => {
    expect(sources({ matchLabels: { tier: 'backend' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] })).toEqual([]);
  });

  test('an unknown operator selects nothing and is reported', () => {
    const a = api({ matchExpressions: [{ key: 'app', operator: 'Matches', values: ['x'] }] });
    expect(a.connections.filter(c => c.destination.name === API && !c.source.isExternal)).toEqual([]);
    expect(a.warnings.join('\n')).toMatch(/unknown operator 'Matches'/);
  });
});

describe('ports', () => {
  const apiPorts = (ports: unknown[], extra: unknown[] = []) => analyze([...base(), ...extra as any[],
    policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports }] })]);

  test('a port without protocol is TCP', () => {
    expect(conn(apiPorts([{ port: 3000 }]), WEB, API)).toBe('TCP 3000');
  });

  test('a protocol without port means every port of that protocol', () => {
    expect(conn(apiPorts([{ protocol: 'UDP' }]), WEB, API)).toBe('UDP 1-65535');
  });

  test('UDP and SCTP ports, printed with protocols in alphabetical order', () => {
    expect(conn(apiPorts([{ port: 53, protocol: 'UDP' }, { port: 53 }, { port: 7070, protocol: 'SCTP' }]), WEB, API)).toBe('SCTP 7070,TCP 53,UDP 53');
  });

  test('endPort makes a range; adjacent and overlapping ports merge', () => {
    expect(conn(apiPorts([{ port: 8080, endPort: 8090 }, { port: 8091 }, { port: 80 }]), WEB, API)).toBe('TCP 80,8080-8091');
  });

  test('a named port resolves against each destination pod\'s container ports', () => {
    const objects = [...base(), deployment('shop', 'api-v2', { app: 'api' }, [{ containerPort: 4000, name: 'http' }]),
      policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }] }] })];
    const a = analyze(objects);
    expect(conn(a, WEB, API)).toBe('TCP 3000');
    expect(conn(a, WEB, 'shop/api-v2[Deployment]')).toBe('TCP 4000');
  });

  test('a named port needs the same protocol on the container port', () => {
    expect(conn(apiPorts([{ port: 'http', protocol: 'UDP' }]), WEB, API)).toBeUndefined();
  });

  test('a named port in an egress rule resolves on the destination, and never matches addresses outside', () => {
    const a = analyze([...base(), policy('shop', 'web-out', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 'http' }, { port: 53, protocol: 'UDP' }] }],
    })]);
    expect(conn(a, WEB, API)).toBe('TCP 3000,UDP 53');
    expect(conn(a, WEB, DB)).toBe('UDP 53');
    expect(conn(a, WEB, ALL_V4)).toBe('UDP 53');
  });
});

describe('ipBlock', () => {
  test('cidr minus except: the address space is cut at those boundaries', () => {
    const a = analyze([...base(), policy('shop', 'api-in', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }] }],
    })]);
    expect(lines(a).filter(l => l.endsWith(`=> ${API} : TCP 443`))).toEqual([
      `10.0.0.0-10.0.255.255 => ${API} : TCP 443`,
      `10.2.0.0-10.255.255.255 => ${API} : TCP 443`,
    ]);
    expect(a.isAllowed('10.1.2.3', API, 443)).toBe(false);
    expect(a.isAllowed('10.200.0.1', API, 443)).toBe(true);
    expect(a.isAllowed('11.0.0.1', API, 443)).toBe(false);
  });

  test('egress to an ipBlock opens only that range; the rest of the space is closed', () => {
    const a = analyze([...base(), policy('shop', 'web-out', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/24' } }] }],
    })]);
    expect(a.connections.filter(c => c.source.name === WEB).map(c => `${c.destination} : ${c.description}`))
      .toEqual(['192.168.0.0-192.168.0.255 : All Connections']);
  });

  test('IPv6 ipBlocks produce IPv6 ranges (non-isolated peers reach all of both families)', () => {
    const a = analyze([...base(), policy('shop', 'api-in', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ ipBlock: { cidr: 'fd00::/8', except: ['fd00::/16'] } }] }],
    })]);
    expect(conn(a, 'fd01::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', API)).toBe('All Connections');
    expect(conn(a, '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', WEB)).toBe('All Connections');
    expect(a.isAllowed('fd00::1', API)).toBe(false);
    expect(a.isAllowed('fd12::1', API)).toBe(true);
  });

  test('ipBlocks also match pods whose addresses are known (status.podIP)', () => {
    const objects = [
      pod('shop', 'client', { app: 'client' }, { ip: '10.244.1.7' }),
      pod('shop', 'other', { app: 'other' }, { ip: '10.244.2.9' }),
      pod('shop', 'server', { app: 'server' }),
      policy('shop', 'server-in', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.244.1.0/24' } }] }] }),
    ];
    const a = analyze(objects);
    expect(conn(a, 'shop/client[Pod]', 'shop/server[Pod]')).toBe('All Connections');
    expect(conn(a, 'shop/other[Pod]', 'shop/server[Pod]')).toBeUndefined();
    expect(conn(analyze(objects, { ipBlocksMatchPods: false }), 'shop/client[Pod]', 'shop/server[Pod]')).toBeUndefined();
  });

  test('an address excepted by one ipBlock but inside another peer of the rule is allowed (peers are ORed)', () => {
    const objects = [
      pod('x', 'client', { app: 'client' }, { ip: '10.244.1.7' }),
      pod('x', 'server', { app: 'server' }),
      policy('x', 'server-in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.7/32'] } }, { ipBlock: { cidr: '10.244.1.7/32' } }] }],
      }),
    ];
    expect(conn(analyze(objects), 'x/client[Pod]', 'x/server[Pod]')).toBe('All Connections');
    expect(conn(analyze(objects.slice(0, 2).concat(policy('x', 'server-in', {
      podSelector: { matchLabels: { app: 'server' } },
      ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.7/32'] } }] }],
    }))), 'x/client[Pod]', 'x/server[Pod]')).toBeUndefined();
  });

  test('an invalid cidr matches nothing and is reported', () => {
    const a = analyze([...base(), policy('shop', 'api-in', {
      podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }],
    })]);
    expect(a.connections.filter(c => c.destination.name === API)).toEqual([]);
    expect(a.warnings.join('\n')).toMatch(/"10.0.0.0\/33" is not a valid CIDR/);
  });
});

describe('isAllowed', () => {
  const a = analyze([...base(), policy('shop', 'api-in', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 3000 }, { port: 53, protocol: 'UDP' }] }],
  })]);

  test('checks a port and protocol (TCP by default), or any port when none is given', () => {
    expect(a.isAllowed(WEB, API, 3000)).toBe(true);
    expect(a.isAllowed(WEB, API, 3001)).toBe(false);
    expect(a.isAllowed(WEB, API, 53, Protocol.UDP)).toBe(true);
    expect(a.isAllowed(WEB, API, 53, Protocol.TCP)).toBe(false);
    expect(a.isAllowed(WEB, API)).toBe(true);
    expect(a.isAllowed(DB, API)).toBe(false);
  });

  test('takes the constructs\' Port: a number, every port of a range, a name as the destination\'s pods name it', () => {
    expect(a.isAllowed(WEB, API, Port.tcp(3000))).toBe(true);
    expect(a.isAllowed(WEB, API, Port.udp(53))).toBe(true);
    expect(a.isAllowed(WEB, API, Port.udp(3000))).toBe(false);
    expect(a.isAllowed(WEB, API, Port.tcpRange(3000, 3000))).toBe(true);
    expect(a.isAllowed(WEB, API, Port.tcpRange(2999, 3000))).toBe(false); // 2999 is not allowed
    expect(a.isAllowed(WEB, API, Port.named('http'))).toBe(true); // api's http is 3000
    expect(a.isAllowed(API, WEB, Port.named('http'))).toBe(true); // web is not isolated; its http is 8080
    expect(a.explain(WEB, API, Port.named('http')).text).toMatch(/^shop\/web\[Deployment\] => shop\/api\[Deployment\] : TCP 3000 is ALLOWED/);
    expect(a.explain(WEB, API, Port.parse('53/UDP')).allowed).toBe(true);
  });

  test('a port that names nothing, or more than explain can explain, is a clear error', () => {
    expect(() => a.isAllowed(WEB, API, Port.named('metrics'))).toThrow(/shop\/api\[Deployment\] has no container port named 'metrics' \(TCP\), so TCP metrics names no port of it/);
    expect(() => a.isAllowed(WEB, '10.0.0.1', Port.named('http'))).toThrow(/10\.0\.0\.1 has no container port named 'http'/);
    expect(() => a.isAllowed(WEB, API, Port.tcp(70000))).toThrow(/invalid port TCP 70000: port 70000 is outside 1-65535/);
    expect(() => a.isAllowed(WEB, API, 0)).toThrow(/invalid port: port 0 is outside 1-65535/);
    expect(() => a.isAllowed(WEB, API, Port.udp(53), Protocol.TCP)).toThrow(/port UDP 53 is UDP, but protocol TCP was given as well/);
    expect(() => a.explain(WEB, API, Port.tcpRange(3000, 3001))).toThrow(/explain takes one port, and TCP 3000-3001 is TCP 3000-3001: explain one of them, e.g. TCP 3000/);
  });

  test('accepts ns/name when it names one workload, and rejects unknown peers with the known ones', () => {
    expect(a.isAllowed('shop/web', 'shop/api', 3000)).toBe(true);
    expect(() => a.isAllowed('shop/nope', API)).toThrow(/unknown peer 'shop\/nope'.*shop\/api\[Deployment\]/);
  });

  test('connectionBetween gives the peers as values and the ports by protocol', () => {
    const c = a.connectionBetween(WEB, API)!;
    expect(c.source.workload).toEqual({ namespace: 'shop', name: 'web', kind: 'Deployment' });
    expect(c.destination.name).toBe(API);
    expect([c.source.kind, c.destination.kind]).toEqual([PeerKind.WORKLOAD, PeerKind.WORKLOAD]);
    expect(c.description).toBe('TCP 3000,UDP 53');
    expect(c.allProtocolsAndPorts).toBe(false);
    expect(c.ports).toEqual([
      { protocol: Protocol.TCP, ranges: [{ fromPort: 3000, toPort: 3000 }] },
      { protocol: Protocol.UDP, ranges: [{ fromPort: 53, toPort: 53 }] },
    ]);
    expect(c.allows(3000)).toBe(true);
    expect(c.allows(53, Protocol.TCP)).toBe(false);
    expect(String(c)).toBe(`${WEB} => ${API} : TCP 3000,UDP 53`);
    // The listed connection itself, sharing the analysis's peer values.
    expect(a.connections).toContain(c);
    expect(a.connectionBetween(DB, API)).toBeUndefined();
  });
});

describe('rules that reach every pod on both sides', () => {
  test('a source whose egress reaches every pod connects where the destination admits every pod on a common port', () => {
    const a = analyze([
      deployment('a', 'client', { app: 'client' }),
      deployment('b', 'dns', { app: 'dns' }, [{ containerPort: 8080, name: 'http' }]),
      deployment('b', 'web', { app: 'web' }, [{ containerPort: 9090, name: 'http' }]),
      policy('a', 'client-out', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }, { port: 'http' }] }],
      }),
      policy('b', 'any-in', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 53, protocol: 'UDP' }, { port: 8080 }] }] }),
    ]);
    expect(conn(a, 'a/client[Deployment]', 'b/dns[Deployment]')).toBe('TCP 8080,UDP 53');
    expect(conn(a, 'a/client[Deployment]', 'b/web[Deployment]')).toBe('UDP 53');
  });
});
