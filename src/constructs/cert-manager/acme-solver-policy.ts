import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { standardLabels } from '../../kube/labels';
import { WELKIN } from '../../kube/platform';
import { Port } from '../../kube/port';
import { claimNames } from '../core/name-registry';
import { Peer } from '../network/peer';
import { PolicyObject } from '../network/policy-object';
import { Platform } from '../platform/platform';

/** The policy's name in each namespace. */
const ACME_SOLVER_POLICY_NAME = 'allow-acme-http01-solver';

/**
 * Ensure the namespace has a policy admitting the ingress controller to cert-manager's HTTP-01
 * solver pods (TCP 8089). Without it, certificates never issue in a default-deny namespace.
 * Emitted once per namespace across the whole app (in the chart of the first construct that
 * needs it), however many ingresses or certificates ask for it.
 */
export function ensureAcmeSolverPolicy(scope: IConstruct, namespace: string, platform: Platform, after: IConstruct[] = [],
  sender?: AcmeSolverSender): PolicyObject {
  const chart = Chart.of(scope);
  const root = scope.node.root;
  const id = `AcmeHttp01Solver-${namespace}${sender ? `-${sender.suffix}` : ''}`;
  const name = sender ? `${ACME_SOLVER_POLICY_NAME}-${sender.suffix}` : ACME_SOLVER_POLICY_NAME;
  const existing = solverPolicies.get(root)?.get(id);
  if (existing) return existing;
  claimNames(chart, [{ kind: 'NetworkPolicy', namespace, name }]);
  attachGuardrails(chart, platform);
  const policy = new PolicyObject(chart, id, {
    name,
    namespace,
    podSelector: { [WELKIN.certManager.http01SolverLabel]: 'true' },
    policyTypes: ['Ingress'],
    labels: standardLabels({ name: 'cert-manager-http01-solver', component: 'network-policy' }),
  });
  policy.add('ingress', [sender?.peer ?? platform.ingressController.toPeer()], [Port.tcp(WELKIN.certManager.http01SolverPort)]);
  policy.apiObject.node.addDependency(...after);
  if (!solverPolicies.has(root)) solverPolicies.set(root, new Map());
  solverPolicies.get(root)!.set(id, policy);
  return policy;
}

/** Who sends the HTTP-01 requests when it is not the ingress controller (a Gateway's data plane), and the policy name's suffix. */
export interface AcmeSolverSender {
  readonly peer: Peer;
  readonly suffix: string;
}

const solverPolicies = new WeakMap<IConstruct, Map<string, PolicyObject>>();
