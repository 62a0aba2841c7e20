/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1): ANPs by
 * priority (Allow, Deny, Pass), then NetworkPolicies, then the BANP, per port.
 */
import { analyze, conn, namespace, Obj, pod, policy } from './fixtures';
import { Protocol } from '../../src';

const anp = (name: string, priority: unknown, spec: Obj): Obj => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec },
});
const banp = (spec: Obj, name = 'default'): Obj => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec,
});
const ns = (name: string) => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
const tcp = (port: number) => ({ portNumber: { protocol: 'TCP', port } });

const cluster = (): Obj[] => [
  namespace('a', { team: 'a' }), namespace('b', { team: 'b' }),
  pod('a', 'web', { app: 'web' }), pod('a', 'db', { app: 'db' }), pod('b', 'client', { app: 'client' }),
];

describe('admin network policies', () => {
  test('an ANP Deny overrides a NetworkPolicy that allows; a lower priority number wins', () => {
    const a = analyze([...cluster(),
      policy('a', 'allow-all', { podSelector: {}, ingress: [{}] }),
      anp('deny-b', 20, { subject: ns('a'), ingress: [{ name: 'deny-b', action: 'Deny', from: [ns('b')] }] }),
      anp('allow-b-80', 10, { subject: ns('a'), ingress: [{ name: 'allow-80', action: 'Allow', from: [ns('b')], ports: [tcp(80)] }] })]);
    expect(conn(a, 'b/client[Pod]', 'a/web[Pod]')).toBe('TCP 80');
    expect(conn(a, 'a/db[Pod]', 'a/web[Pod]')).toBe('All Connections');
    const denied = a.explain('b/client[Pod]', 'a/web[Pod]', 81);
    expect(denied.allowed).toBe(false);
    expect(denied.ingress.adminRule).toEqual({ policy: 'AdminNetworkPolicy deny-b', direction: 'ingress', ruleIndex: 0, action: 'Deny' });
    expect(denied.ingress.reason).toBe("denied by AdminNetworkPolicy deny-b (priority 20) ingress rule 0 'deny-b' (Deny), which takes precedence over NetworkPolicies");
    const allowed = a.explain('b/client[Pod]', 'a/web[Pod]', 80);
    expect(allowed.allowed).toBe(true);
    expect(allowed.ingress.allowingRules).toEqual([{ policy: 'AdminNetworkPolicy allow-b-80', direction: 'ingress', ruleIndex: 0, action: 'Allow' }]);
  });

  test('an ANP Allow opens what a NetworkPolicy denies; within one ANP the first matching rule decides', () => {
    const a = analyze([...cluster(),
      policy('a', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
      anp('p', 5, {
        subject: { pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'web' } } } },
        ingress: [
          { action: 'Deny', from: [ns('b')], ports: [tcp(22)] },
          { action: 'Allow', from: [ns('b')], ports: [{ portRange: { protocol: 'TCP', start: 20, end: 30 } }] },
        ],
      })]);
    expect(conn(a, 'b/client[Pod]', 'a/web[Pod]')).toBe('TCP 20-21,23-30');
    expect(conn(a, 'b/client[Pod]', 'a/db[Pod]')).toBeUndefined(); // db is not a subject: its NetworkPolicy decides
  });

  test('Pass leaves the port to NetworkPolicies, and where none isolates the pod, to the BANP', () => {
    const objects = [...cluster(),
      anp('pass', 1, { subject: ns('a'), ingress: [{ action: 'Pass', from: [ns('b')] }] }),
      anp('allow', 2, { subject: ns('a'), ingress: [{ action: 'Allow', from: [ns('b')] }] }),
      banp({ subject: ns('a'), ingress: [{ action: 'Deny', from: [ns('b')], ports: [tcp(443)] }] })];
    const a = analyze(objects);
    expect(conn(a, 'b/client[Pod]', 'a/web[Pod]')).toBe('SCTP 1-65535,TCP 1-442,444-65535,UDP 1-65535');
    const e = a.explain('b/client[Pod]', 'a/web[Pod]', 443);
    expect(e.allowed).toBe(false);
    expect(e.ingress.adminRule).toEqual({ policy: 'BaselineAdminNetworkPolicy default', direction: 'ingress', ruleIndex: 0, action: 'Deny' });
    expect(e.ingress.reason).toMatch(/^passed by AdminNetworkPolicy pass \(priority 1\) ingress rule 0 \(Pass\) to NetworkPolicies; .*the baseline decides: denied by BaselineAdminNetworkPolicy default ingress rule 0 \(Deny\)$/);
    // A NetworkPolicy that isolates the pod takes over from the BANP for passed ports.
    const b = analyze([...objects, policy('a', 'web-443', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 443 }] }] })]);
    expect(conn(b, 'b/client[Pod]', 'a/web[Pod]')).toBe('TCP 443');
    expect(conn(b, 'b/client[Pod]', 'a/db[Pod]')).toBe('SCTP 1-65535,TCP 1-442,444-65535,UDP 1-65535');
  });

  test('egress to networks: ordered rules over addresses; named ports never match addresses', () => {
    const a = analyze([...cluster(),
      anp('egress', 30, {
        subject: ns('a'),
        egress: [
          { action: 'Allow', to: [{ networks: ['10.0.0.0/8'] }], ports: [tcp(443), { namedPort: 'http' }] },
          { action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] },
        ],
      }),
      banp({ subject: ns('a'), egress: [{ action: 'Deny', to: [{ networks: ['0.0.0.0/0'] }] }] })]);
    expect(conn(a, 'a/web[Pod]', '10.0.0.0-10.255.255.255')).toBe('TCP 443');
    expect(a.isAllowed('a/web[Pod]', '8.8.8.8', 53, Protocol.UDP)).toBe(false);
    expect(a.isAllowed('b/client[Pod]', '8.8.8.8', 53, Protocol.UDP)).toBe(true);
    expect(a.explain('a/web[Pod]', '10.1.2.3', 443).egress.reason).toMatch(/^allowed by AdminNetworkPolicy egress \(priority 30\) egress rule 0 \(Allow\)/);
    expect(conn(a, 'a/web[Pod]', 'b/client[Pod]')).toBe('All Connections'); // networks do not hold pods without addresses
  });

  test('named ports resolve on the destination pod, of any protocol', () => {
    const a = analyze([namespace('a'), namespace('b'), pod('a', 'src', { app: 'src' }),
      { ...pod('b', 'dns', { app: 'dns' }), spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] } },
      anp('p', 3, { subject: ns('a'), egress: [{ action: 'Allow', to: [ns('b')], ports: [{ namedPort: 'dns' }] }, { action: 'Deny', to: [ns('b')] }] })]);
    expect(conn(a, 'a/src[Pod]', 'b/dns[Pod]')).toBe('UDP 53');
  });

  test('nodes peers match the addresses of the Nodes of the input', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', labels: { role: 'infra' } }, status: { addresses: [{ type: 'InternalIP', address: '192.168.1.10' }] } };
    const objects = [...cluster(),
      anp('nodes', 1, { subject: ns('a'), egress: [{ action: 'Deny', to: [{ nodes: { matchLabels: { role: 'infra' } } }] }] })];
    const a = analyze([...objects, node]);
    expect(a.isAllowed('a/web[Pod]', '192.168.1.10', 10250)).toBe(false);
    expect(a.isAllowed('a/web[Pod]', '192.168.1.11', 10250)).toBe(true);
    const b = analyze(objects);
    expect(b.isAllowed('a/web[Pod]', '192.168.1.10', 10250)).toBe(true);
    expect(b.warnings).toContain('AdminNetworkPolicy nodes egress rule 0: its nodes peer (role=infra) matches no Node with addresses in the input, so it matches no address');
  });

  test('objects the API server would reject are warned about and never read as something valid', () => {
    const a = analyze([...cluster(),
      anp('no-priority', undefined, { subject: ns('a'), ingress: [{ action: 'Deny', from: [ns('b')] }] }),
      anp('bad-action', 1, { subject: ns('a'), ingress: [{ action: 'Reject', from: [ns('b')] }] }),
      anp('bad-port', 2, { subject: ns('a'), ingress: [{ action: 'Deny', from: [ns('b')], ports: [{ portRange: { protocol: 'TCP', start: 90, end: 80 } }] }] }),
      banp({ subject: ns('a'), ingress: [{ action: 'Deny', from: [ns('b')] }] }, 'not-default'),
      banp({ subject: ns('a'), ingress: [{ action: 'Pass', from: [ns('b')] }] })]);
    expect(conn(a, 'b/client[Pod]', 'a/web[Pod]')).toBe('All Connections');
    expect(a.warnings).toEqual([
      'AdminNetworkPolicy no-priority: priority absent is not an integer from 0 to 1000; the API server rejects it, so it is not analysed',
      'AdminNetworkPolicy bad-action ingress rule 0: action "Reject" is not Allow, Deny or Pass; the API server rejects it, so the rule matches nothing',
      'AdminNetworkPolicy bad-port ingress rule 0 ports[0]: range 90-80 is not a port (range) from 1 to 65535; the API server rejects it, so it matches nothing',
      "BaselineAdminNetworkPolicy not-default: a BaselineAdminNetworkPolicy must be named 'default'; the API server rejects it, so it is not analysed",
      'BaselineAdminNetworkPolicy default ingress rule 0: action "Pass" is not Allow or Deny; the API server rejects it, so the rule matches nothing',
    ]);
  });

  test('ANPs of equal priority are warned about and taken in order of name', () => {
    const a = analyze([...cluster(),
      anp('b-allow', 7, { subject: ns('a'), ingress: [{ action: 'Allow', from: [ns('b')] }] }),
      anp('a-deny', 7, { subject: ns('a'), ingress: [{ action: 'Deny', from: [ns('b')] }] })]);
    expect(conn(a, 'b/client[Pod]', 'a/web[Pod]')).toBeUndefined();
    expect(a.warnings).toEqual(['AdminNetworkPolicies a-deny, b-allow have the same priority 7: which one takes precedence is undefined; they are evaluated in order of name']);
  });
});

describe('CNI-specific policies', () => {
  test('each one is named in a warning, and the analysis says it is partial', () => {
    const a = analyze([...cluster(),
      { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'c', namespace: 'a' }, spec: {} },
      { apiVersion: 'cilium.io/v2', kind: 'CiliumClusterwideNetworkPolicy', metadata: { name: 'cc' }, spec: {} },
      { apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'g' }, spec: {} },
      { apiVersion: 'crd.projectcalico.org/v1', kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'b' }, spec: {} }]);
    expect(a.unevaluatedPolicies).toEqual([
      'CiliumNetworkPolicy a/c (cilium.io/v2)',
      'CiliumClusterwideNetworkPolicy cc (cilium.io/v2)',
      'GlobalNetworkPolicy g (projectcalico.org/v3)',
      'NetworkPolicy b/n (crd.projectcalico.org/v1)',
    ]);
    expect(a.warnings.map(w => w.replace(/:.*/, ''))).toEqual(a.unevaluatedPolicies);
    expect(a.warnings[0]).toMatch(/a Cilium-specific policy, which this analysis does not evaluate; the result is partial/);
    expect(a.ignoredKinds).toEqual([]);
    expect(analyze(cluster()).unevaluatedPolicies).toEqual([]);
  });
});
