import { isAdminPolicy, readAdminPolicy } from '../../src/kube/admin-policies';
import { cniPolicyPlugin } from '../../src/kube/cni-policies';
import { Protocol } from '../../src/kube/protocol';

const anp = (spec: object, kind = 'AdminNetworkPolicy', name = 'p') => ({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind, metadata: { name }, spec });

describe('admin policy reader', () => {
  test('reads subjects, peers, networks and ports into core values', () => {
    const warnings: string[] = [];
    const p = readAdminPolicy(anp({
      priority: 3,
      subject: { pods: { namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: {} } },
      egress: [{
        name: 'r',
        action: 'Pass',
        to: [{ namespaces: {} }, { networks: ['10.0.0.0/8', 'fd00::/8'] }, { nodes: { matchLabels: { role: 'infra' } } }],
        ports: [{ portNumber: { protocol: 'UDP', port: 53 } }, { portRange: { start: 80, end: 90 } }, { namedPort: 'http' }],
      }],
    }), warnings)!;
    expect(warnings).toEqual([]);
    expect(p.priority).toBe(3);
    expect(p.subject.namespaceSelector.matches({ team: 'a' })).toBe(true);
    expect(p.subject.podSelector.isEmpty).toBe(true);
    const rule = p.egress[0];
    expect(rule.action).toBe('Pass');
    expect(rule.peers[0].pods!.namespaceSelector.isEmpty).toBe(true);
    expect(rule.peers[1].networks!.map(c => c.family)).toEqual([4, 6]);
    expect(rule.peers[2].nodes!.matches({ role: 'infra' })).toBe(true);
    expect(rule.ports!.map(port => [port.protocol, port.portNumber, port.endPort])).toEqual([[Protocol.UDP, 53, undefined], [Protocol.TCP, 80, 90]]);
    expect(rule.namedPorts).toEqual(['http']);
  });

  test('what the API server rejects is a warning and never read as valid', () => {
    const warnings: string[] = [];
    expect(readAdminPolicy(anp({ priority: 1001, subject: { namespaces: {} } }), warnings)).toBeUndefined();
    expect(readAdminPolicy(anp({ subject: {} }, 'BaselineAdminNetworkPolicy', 'default'), warnings)).toBeUndefined();
    const p = readAdminPolicy(anp({
      priority: 0,
      subject: { namespaces: {} },
      ingress: [{ action: 'Allow', from: [{ networks: ['10.0.0.0/8'] }], ports: [{ portNumber: { protocol: 'tcp', port: 80 } }] }],
    }), warnings)!;
    expect(p.ingress[0].peers).toEqual([]); // networks are egress-only
    expect(p.ingress[0].ports).toEqual([]); // lower-case protocol: the entry matches nothing
    expect(warnings).toEqual([
      'AdminNetworkPolicy p: priority 1001 is not an integer from 0 to 1000; the API server rejects it, so it is not analysed',
      'BaselineAdminNetworkPolicy default: subject must have exactly one of namespaces or pods (it has none); the API server rejects it, so it matches nothing',
      'AdminNetworkPolicy p ingress rule 0 from[0] must have exactly one of namespaces, pods (it has networks); the API server rejects it, so it matches nothing',
      'AdminNetworkPolicy p ingress rule 0 ports[0]: protocol "tcp" is not TCP, UDP or SCTP; the API server rejects it, so it matches nothing',
    ]);
  });

  test('kinds by API group', () => {
    expect(isAdminPolicy(anp({}))).toBe(true);
    expect(isAdminPolicy({ apiVersion: 'example.com/v1', kind: 'AdminNetworkPolicy' })).toBe(false);
    expect(cniPolicyPlugin({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy' })).toBe('Cilium');
    expect(cniPolicyPlugin({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy' })).toBe('Calico');
    expect(cniPolicyPlugin({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' })).toBeUndefined();
  });
});
