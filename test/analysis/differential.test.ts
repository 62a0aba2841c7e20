/**
 * Differential property test: on random small clusters the engine must agree with the naive
 * per-pod-pair evaluator (test/support/naive-evaluator.ts) for every ordered pair of distinct
 * peers, between every peer and a set of outside addresses, and from netpol-analyzer's
 * `{ingress-controller}` (Ingress -> Service -> pods), on every probe protocol and port. A peer is
 * a standalone pod, a ReplicaSet's pods or a Deployment's (materialised from its template); a
 * connection between peers is allowed when it is between some pod of one and some pod of the
 * other. Both the connection list and `isAllowed` are checked. A shrunk counterexample printed
 * here is an engine bug (or an oracle bug: check the docs).
 */
import * as fc from 'fast-check';
import { ClusterProfile, HostNetworkMode, PlatformWorkload } from '../../src/analysis';
import { IpRange, parseIpRange } from '../../src/kube/ip';
import { PortSet } from '../../src/kube/ports';
import { Protocol } from '../../src/kube/protocol';
import { analyzeObjects } from '../support/engine';
import { PROBE_IPS, probePorts, smallClusterArb, smallClusterWithAdminArb } from '../support/generators';
import { NaiveCluster, NaiveEndpoint, NaivePod, PLATFORM_NODE_TRAFFIC, podsFromWorkload } from '../support/naive-evaluator';

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 200);
type Obj = { [key: string]: any };

/** The engine's peer name of each pod: its owner when it has one, else the pod. */
function peersOf(objects: readonly Obj[], naive: NaiveCluster): Map<string, NaivePod[]> {
  const peers = new Map<string, NaivePod[]>();
  for (const pod of naive.pods) {
    const object = objects.find(o => o.kind === 'Pod' && o.metadata.name === pod.name && (o.metadata.namespace ?? 'default') === pod.namespace)!;
    const owner = object.metadata.ownerReferences?.[0];
    const name = owner ? `${pod.namespace}/${owner.name}[${owner.kind}]` : `${pod.namespace}/${pod.name}[Pod]`;
    peers.set(name, [...(peers.get(name) ?? []), pod]);
  }
  return peers;
}

/** A platform workload of a cluster profile, as the pod it runs, owned by the workload so that it is named like it. */
function platformPod(w: PlatformWorkload): Obj {
  // A host-network platform workload (node-local DNS) is node traffic at its host addresses
  // (the profile's /32s: one address each).
  const hostIps = (w.hostCidrs ?? []).map(c => c.split('/')[0]);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: w.namespace,
      name: `${w.name}-0`,
      labels: w.podLabels,
      ownerReferences: [{ kind: w.kind ?? 'Deployment', name: w.name }],
      annotations: w.hostNetwork ? { [PLATFORM_NODE_TRAFFIC]: 'true' } : undefined,
    },
    spec: {
      hostNetwork: w.hostNetwork === true,
      containers: [{ name: 'main', ports: (w.ports ?? []).map(p => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' })) }],
    },
    status: hostIps.length ? { podIP: hostIps[0], podIPs: hostIps.map(ip => ({ ip })) } : undefined,
  };
}

interface DifferentialOptions {
  readonly engineObjects?: Obj[];
  readonly hostNetworkAsNode?: boolean;
  readonly profile?: ClusterProfile;
}

/** Every disagreement between the engine and the oracle, as readable lines. */
function disagreements(objects: Obj[], options: DifferentialOptions = {}): string[] {
  const { engineObjects = objects, hostNetworkAsNode = false, profile } = options;
  // The oracle knows only Pods: Deployments become the pods they would run, platform workloads too.
  const platformPeers = new Set((profile?.workloads ?? []).map(w => `${w.namespace}/${w.name}[${w.kind ?? 'Deployment'}]`));
  const naiveObjects = [
    ...objects.flatMap(o => (o.kind === 'Deployment' ? podsFromWorkload(o) : [o])),
    ...(profile?.workloads ?? []).map(platformPod),
  ];
  const naive = new NaiveCluster(naiveObjects, { hostNetworkAsNode });
  const hostNetwork = hostNetworkAsNode ? HostNetworkMode.AS_NODE_TRAFFIC : HostNetworkMode.AS_PODS;
  const engine = analyzeObjects(engineObjects, { hostNetwork, profile });
  const listed = new Map<string, PortSet>();
  const external: Array<{ peer: string; outward: boolean; range: IpRange; ports: PortSet }> = [];
  // The engine's connections as values: address ranges and port sets, no printed text read back.
  for (const c of engine.connections) {
    const ports = c._ports;
    const srcRange = c.source._range;
    const dstRange = c.destination._range;
    if (srcRange) {
      external.push({ peer: c.destination.name, outward: false, range: srcRange, ports });
    } else if (dstRange) {
      external.push({ peer: c.source.name, outward: true, range: dstRange, ports });
    } else {
      listed.set(`${c.source.name} => ${c.destination.name}`, ports);
    }
  }
  const peers = peersOf(naiveObjects, naive);
  const probes = probePorts(objects);
  // isAllowed answers for every probe address. The list shows the IPv6 space only when the input names an
  // IPv6 address (a policy's ipBlock, a pod's address), so IPv4-only clusters read like netpol-analyzer's
  // output; otherwise the list must hold no IPv6 range and only isAllowed is compared for IPv6 probes.
  const namesIpv6 = objects.some(o => (o.kind === 'NetworkPolicy' && /"(cidr|except)":\[?"[0-9a-f]*:/.test(JSON.stringify(o.spec)))
    || (o.kind === 'Pod' && [o.status?.podIP, ...(o.status?.podIPs ?? []).map((p: Obj) => p.ip)].some(ip => typeof ip === 'string' && ip.includes(':'))));
  const listsIpv6 = external.some(e => e.range.family === 6);
  const problems: string[] = [];
  if (listsIpv6 && !namesIpv6) problems.push('the list shows IPv6 ranges although the input names no IPv6 address');
  /** `inList` undefined: the list does not show that connection's address family. */
  const check = (what: string, expected: boolean, inList: boolean | undefined, byIsAllowed: boolean) => {
    if ((inList !== undefined && expected !== inList) || expected !== byIsAllowed) {
      const say = (b: boolean | undefined) => (b === undefined ? 'not listed' : b ? 'allowed' : 'denied');
      problems.push(`${what}: naive says ${say(expected)}, engine's list says ${say(inList)}, isAllowed says ${say(byIsAllowed)}`);
    }
  };
  const anyPair = (from: NaiveEndpoint[], to: NaiveEndpoint[], protocol: Protocol, port: number) =>
    from.some(a => to.some(b => a !== b && naive.isAllowed(a, b, protocol, port)));
  for (const [pName, pPods] of peers) {
    const pEnds = pPods.map(pod => ({ pod }));
    for (const [qName, qPods] of peers) {
      if (pName === qName || (platformPeers.has(pName) && platformPeers.has(qName))) {
        continue; // not listed: within one workload, or between platform workloads (their policies are not in the input)
      }
      const qEnds = qPods.map(pod => ({ pod }));
      const ports = listed.get(`${pName} => ${qName}`) ?? PortSet.NONE;
      for (const { protocol, port } of probes) {
        check(`${pName} => ${qName} : ${protocol} ${port}`, anyPair(pEnds, qEnds, protocol as Protocol, port),
          ports.contains(port, protocol as Protocol), engine.isAllowed(pName, qName, port, protocol as Protocol));
      }
    }
    if (platformPeers.has(pName)) {
      continue; // the platform's own policies towards addresses are not in the input
    }
    // netpol-analyzer's {ingress-controller}: reaches Ingress backends' pods where their ingress admits any pod.
    const viaIngress = listed.get(`{ingress-controller} => ${pName}`) ?? PortSet.NONE;
    for (const { protocol, port } of profile?.ingressController ? [] : probes) {
      const expected = pPods.some(pod => naive.ingressControllerAllowed(pod, protocol as Protocol, port));
      const asked = naive.ingresses.length > 0 ? engine.isAllowed('{ingress-controller}', pName, port, protocol as Protocol) : false;
      check(`{ingress-controller} => ${pName} : ${protocol} ${port}`, expected, viaIngress.contains(port, protocol as Protocol), asked);
    }
    for (const ip of PROBE_IPS) {
      const address = parseIpRange(`${ip}-${ip}`)!;
      const listedFamily = address.family === 4 || namesIpv6;
      const covering = (outward: boolean) => external.filter(e => e.peer === pName && e.outward === outward
        && e.range.family === address.family && e.range.lo <= address.lo && address.lo <= e.range.hi);
      const inbound = covering(false);
      const outbound = covering(true);
      for (const { protocol, port } of probes) {
        const proto = protocol as Protocol;
        check(`${ip} => ${pName} : ${protocol} ${port}`, anyPair([{ ip }], pEnds, proto, port),
          listedFamily ? inbound.some(e => e.ports.contains(port, protocol as Protocol)) : undefined, engine.isAllowed(ip, pName, port, proto));
        check(`${pName} => ${ip} : ${protocol} ${port}`, anyPair(pEnds, [{ ip }], proto, port),
          listedFamily ? outbound.some(e => e.ports.contains(port, protocol as Protocol)) : undefined, engine.isAllowed(pName, ip, port, proto));
      }
    }
  }
  return problems;
}

describe('engine versus the naive evaluator', () => {
  test(`agree on every peer pair, outside address and probe port of ${RUNS} random clusters`, () => {
    fc.assert(
      fc.property(smallClusterArb, cluster => {
        const problems = disagreements(cluster.objects);
        if (problems.length > 0) {
          throw new Error(`${problems.length} disagreement(s), first: ${problems.slice(0, 5).join('; ')}`);
        }
      }),
      { numRuns: RUNS, seed: process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined },
    );
  });

  test(`agree with host-network pods as node traffic, on ${Math.ceil(RUNS / 4)} random clusters`, () => {
    fc.assert(
      fc.property(smallClusterArb, cluster => {
        const problems = disagreements(cluster.objects, { hostNetworkAsNode: true });
        if (problems.length > 0) {
          throw new Error(`${problems.length} disagreement(s), first: ${problems.slice(0, 5).join('; ')}`);
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined },
    );
  });

  test(`agree with the Welkin profile's ingress controller, DNS and monitoring as peers, on ${Math.ceil(RUNS / 4)} random clusters`, () => {
    fc.assert(
      fc.property(smallClusterArb, cluster => {
        const problems = disagreements(cluster.objects, { profile: ClusterProfile.welkin() });
        if (problems.length > 0) {
          throw new Error(`${problems.length} disagreement(s), first: ${problems.slice(0, 5).join('; ')}`);
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined },
    );
  });

  // Admin policies add probe ports and rules to walk per pair: a quarter of the runs keeps the time near the others'.
  test(`agree with AdminNetworkPolicies and a BaselineAdminNetworkPolicy, on ${Math.ceil(RUNS / 4)} random clusters`, () => {
    fc.assert(
      fc.property(smallClusterWithAdminArb, cluster => {
        const problems = disagreements(cluster.objects);
        if (problems.length > 0) {
          throw new Error(`${problems.length} disagreement(s), first: ${problems.slice(0, 5).join('; ')}`);
        }
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined },
    );
  });

  test('the comparison catches an admin policy hidden from the engine', () => {
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'x', labels: {} }, spec: { containers: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'y', labels: {} }, spec: { containers: [] } },
    ];
    const deny = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'deny' },
      spec: { priority: 1, subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: {} }], ports: [{ portNumber: { protocol: 'UDP', port: 53 } }] }] },
    };
    expect(disagreements([...objects, deny])).toEqual([]);
    expect(disagreements([...objects, deny], { engineObjects: objects }))
      .toContain('a/x[Pod] => a/y[Pod] : UDP 53: naive says denied, engine\'s list says allowed, isAllowed says allowed');
  });

  test('the comparison itself catches a wrong answer (a policy hidden from the engine)', () => {
    // Guards against a differential test that can never fail.
    const objects = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'x', labels: {} }, spec: { containers: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'y', labels: {} }, spec: { containers: [] } },
    ];
    const denyAll = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'a', name: 'deny' }, spec: { podSelector: {} } };
    expect(disagreements([...objects, denyAll])).toEqual([]);
    const problems = disagreements([...objects, denyAll], { engineObjects: objects });
    expect(problems).toContain('a/x[Pod] => a/y[Pod] : TCP 1: naive says denied, engine\'s list says allowed, isAllowed says allowed');
    expect(problems).toContain('8.8.8.8 => a/x[Pod] : UDP 1: naive says denied, engine\'s list says allowed, isAllowed says allowed');
    // IPv6 addresses are probed although the input names none (the list shows no IPv6 space then).
    expect(problems).toContain('2001:db8::1 => a/x[Pod] : UDP 1: naive says denied, engine\'s list says not listed, isAllowed says allowed');
  });

  test('pods of one ReplicaSet are one peer: the union of what its pods may do', () => {
    const pod = (name: string, labels: object) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [] },
      metadata: { namespace: 'a', name, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }] },
    });
    const objects = [
      pod('p1', { app: 'x' }), pod('p2', { app: 'y' }),
      { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name: 'client', labels: {} }, spec: { containers: [] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace: 'a', name: 'x' }, spec: { podSelector: { matchLabels: { app: 'x' } } } },
    ];
    expect(disagreements(objects)).toEqual([]);
    expect(analyzeObjects(objects).isAllowed('a/client[Pod]', 'a/rs[ReplicaSet]', 80)).toBe(true); // through p2
  });
});
