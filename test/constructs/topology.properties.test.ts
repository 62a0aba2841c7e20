import '../../src/testing/jest';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { validateManifest } from './helpers';
import {
  AdoptedWorkload, AppProbe, Cdk8sReachability, ClusterProfile, DefaultDenyNamespace, Guardrails, IWorkloadRef, Platform, Protocol,
  SecureApp, WorkloadKind,
} from '../../src';

// Random topologies of every workload shape (Deployment with one or several ports, worker with no
// port, StatefulSet, Job, CronJob, an adopted cdk8s-plus-28 Deployment) in random namespaces, with
// random connections between them: the output is schema-valid, passes the rule pack with no
// finding, and the engine allows exactly the declared connections plus DNS.

const SHAPES = ['app', 'multiPort', 'worker', 'statefulSet', 'job', 'cronJob', 'adopted'] as const;
type Shape = typeof SHAPES[number];
const RECEIVES: readonly Shape[] = ['app', 'multiPort', 'statefulSet', 'adopted'];
const NAMESPACES = ['shop', 'jobs'];
const DNS = 'kube-system/coredns[Deployment]';
/** Welkin's DNS: CoreDNS, node-local DNS on the host network, and the cluster DNS service IP it answers on. */
const DNS_ALL = [DNS, 'kube-system/node-local-dns[DaemonSet]', '10.233.0.3-10.233.0.3'];

interface Node { readonly shape: Shape; readonly namespace: string; readonly port: number }
interface Topology { readonly nodes: Node[]; readonly edges: [number, number][] }

const topology: fc.Arbitrary<Topology> = fc.array(fc.record({
  shape: fc.constantFrom(...SHAPES),
  namespace: fc.constantFrom(...NAMESPACES),
  port: fc.integer({ min: 1024, max: 9999 }),
}), { minLength: 2, maxLength: 6 }).chain(nodes => {
  // Edges are drawn from the pairs that can exist (a caller and a different workload that receives):
  // a filter on random pairs never ends when no node receives, which hung the suite.
  const candidates = nodes.flatMap((_, a) => nodes.flatMap((n, b) =>
    a !== b && RECEIVES.includes(n.shape) ? [[a, b] as [number, number]] : []));
  return fc.shuffledSubarray(candidates, { maxLength: Math.min(8, candidates.length) }).map(edges => ({ nodes, edges }));
});

type Built = { peer: SecureApp | AdoptedWorkload; ref: IWorkloadRef; port?: number };

function buildNode(chart: Chart, namespaces: Record<string, DefaultDenyNamespace>, n: Node, i: number): Built {
  const ns = namespaces[n.namespace];
  const name = `w${i}`;
  const image = `ghcr.io/acme/${name}:1.0.0`;
  const exec = AppProbe.exec(['/bin/check']);
  switch (n.shape) {
    case 'app': {
      const a = new SecureApp(ns, name, { image, port: n.port });
      return { peer: a, ref: a, port: n.port };
    }
    case 'multiPort': {
      const a = new SecureApp(ns, name, {
        image,
        ports: [{ name: 'stats', port: n.port + 1, protocol: Protocol.UDP }, { name: 'grpc', port: n.port }],
        defaultPort: 'grpc',
        probe: AppProbe.tcp(),
      });
      return { peer: a, ref: a, port: n.port };
    }
    case 'worker': {
      const a = new SecureApp(ns, name, { image, probe: exec });
      return { peer: a, ref: a };
    }
    case 'statefulSet': {
      const a = new SecureApp(ns, name, { image, port: n.port, probe: AppProbe.tcp(), workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: '1Gi' }]) });
      return { peer: a, ref: a, port: n.port };
    }
    case 'job': {
      const a = new SecureApp(ns, name, { image, workload: WorkloadKind.job() });
      return { peer: a, ref: a };
    }
    case 'cronJob': {
      const a = new SecureApp(ns, name, { image, workload: WorkloadKind.cronJob({ schedule: '*/15 * * * *' }) });
      return { peer: a, ref: a };
    }
    default: {
      const probe = kplus.Probe.fromTcpSocket();
      const d = new kplus.Deployment(chart, name, {
        metadata: { name, namespace: n.namespace },
        containers: [{ image, portNumber: n.port, readiness: probe, liveness: probe }],
      });
      const a = AdoptedWorkload.of(d);
      return { peer: a, ref: a, port: n.port };
    }
  }
}

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

test('random topologies of every workload shape: schema-valid, lint-clean, exactly the declared connections and DNS', () => {
  fc.assert(fc.property(topology, t => {
    const chart = new Chart(Testing.app(), 'topology');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const namespaces = Object.fromEntries(NAMESPACES.map(n => [n, new DefaultDenyNamespace(chart, n)]));
    const built = t.nodes.map((n, i) => buildNode(chart, namespaces, n, i));
    for (const [a, b] of t.edges) built[a].peer.allowTo(built[b].peer);
    // A workload with a port that nobody calls would (rightly) fail app-network-policy: its neighbour calls it.
    const uncalled = (b: Built, i: number) => b.port !== undefined && !t.edges.some(([, to]) => to === i);
    built.forEach((b, i) => {
      if (uncalled(b, i)) b.peer.allowFrom(built[(i + 1) % built.length].peer);
    });
    const extra = built.flatMap((b, i) => uncalled(b, i) ? [[(i + 1) % built.length, i] as [number, number]] : []);

    expect(Guardrails.check(chart).findings).toEqual([]);
    for (const o of Testing.synth(chart)) validateManifest(o);
    const analysis = Cdk8sReachability.fromChart(chart, { profile: ClusterProfile.welkin() });
    expect(analysis).toOnlyAllow([
      ...[...t.edges, ...extra].map(([a, b]) => ({ from: built[a].ref, to: built[b].ref, ports: `TCP ${built[b].port}` })),
      ...built.flatMap(b => DNS_ALL.map(to => ({ from: b.ref, to, ports: 'TCP 53,UDP 53' }))),
    ]);
  }), { numRuns: 25 });
});
