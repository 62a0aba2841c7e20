/**
 * `explain` against the naive evaluator, side by side: on random clusters, for peers that are one
 * pod, the engine's verdict for the source's egress and for the destination's ingress must match
 * the oracle's, the overall verdict must match `isAllowed`, and the rules it names must exist.
 */
import * as fc from 'fast-check';
import { Protocol } from '../../src/kube/protocol';
import { analyzeObjects } from '../support/engine';
import { probePorts, smallClusterArb } from '../support/generators';
import { NaiveCluster, policyTypes } from '../support/naive-evaluator';

type Obj = { [key: string]: any };
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 150);

function explainProblems(objects: Obj[]): string[] {
  // Standalone pods only: a workload's side verdict is a union over its pods, not one pod's answer.
  const pods = objects.filter(o => o.kind === 'Pod' && !o.metadata.ownerReferences);
  const naive = new NaiveCluster([...objects.filter(o => o.kind !== 'Deployment' && o.kind !== 'Pod'), ...pods]);
  const engine = analyzeObjects(objects);
  const policies = new Map(objects.filter(o => o.kind === 'NetworkPolicy').map(p => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const probes = probePorts(objects).filter((_, i) => i % 3 === 0); // a third of them: explain is per question
  const problems: string[] = [];
  for (const a of naive.pods) {
    for (const b of naive.pods) {
      if (a === b) {
        continue;
      }
      const from = `${a.namespace}/${a.name}[Pod]`;
      const to = `${b.namespace}/${b.name}[Pod]`;
      for (const { protocol, port } of probes) {
        const what = `${from} => ${to} : ${protocol} ${port}`;
        const e = engine.explain(from, to, port, protocol as Protocol);
        const egress = naive.egressAllows({ pod: a }, { pod: b }, protocol, port);
        const ingress = naive.ingressAllows({ pod: a }, { pod: b }, protocol, port);
        if (e.egress.allowed !== egress || e.ingress.allowed !== ingress) {
          problems.push(`${what}: egress/ingress naive ${egress}/${ingress}, explain ${e.egress.allowed}/${e.ingress.allowed}`);
        }
        if (e.allowed !== engine.isAllowed(from, to, port, protocol as Protocol) || e.allowed !== (egress && ingress)) {
          problems.push(`${what}: explain says ${e.allowed}, isAllowed ${engine.isAllowed(from, to, port, protocol as Protocol)}`);
        }
        for (const [side, pod, direction] of [[e.egress, a, 'Egress'], [e.ingress, b, 'Ingress']] as const) {
          const selecting = [...policies.entries()]
            .filter(([, p]) => naive.policySelectsPod(p, pod) && policyTypes(p).includes(direction))
            .map(([n]) => n).sort();
          if (side.isolated !== selecting.length > 0 || [...side.policies].sort().join() !== selecting.join()) {
            problems.push(`${what}: ${direction} policies naive [${selecting}], explain [${side.policies}] (isolated ${side.isolated})`);
          }
          for (const rule of side.allowingRules) {
            const policy = policies.get(rule.policy);
            if (!policy || !policy.spec[rule.direction]?.[rule.ruleIndex]) {
              problems.push(`${what}: explain names a rule that does not exist: ${JSON.stringify(rule)}`);
            }
          }
          if (side.isolated && side.allowed && side.allowingRules.length === 0) {
            problems.push(`${what}: ${direction} allowed while isolated, but explain names no rule`);
          }
        }
      }
    }
  }
  return problems;
}

describe('explain versus the naive evaluator', () => {
  test(`per-side verdicts, selecting policies and named rules agree on ${RUNS} random clusters`, () => {
    fc.assert(
      fc.property(smallClusterArb, cluster => {
        const problems = explainProblems(cluster.objects);
        if (problems.length > 0) {
          throw new Error(`${problems.length} problem(s), first: ${problems.slice(0, 5).join('; ')}`);
        }
      }),
      { numRuns: RUNS, seed: process.env.DIFFERENTIAL_SEED ? Number(process.env.DIFFERENTIAL_SEED) : undefined },
    );
  });
});
