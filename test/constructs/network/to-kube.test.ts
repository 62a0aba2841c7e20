// The core's values as typed Kubernetes objects, rendered as cdk8s renders them; and the round trip:
// what a construct compiles a peer to is what the engine reads back from the emitted policy.
import { k8s } from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { IPeer, Peer, Port, Protocol } from '../../../src';
import { readObjects } from '../../../src/analysis/model/objects';
import { peerToKube, portToKube, selectorToKube } from '../../../src/constructs/network/to-kube';
import { cidrOf } from '../../../src/kube/ip';
import { LabelSelector } from '../../../src/kube/selectors';

const json = (port: Port) => k8s.toJson_NetworkPolicyPort(portToKube(port));

describe('portToKube', () => {
  test('protocol always explicit; a number, a name, or a range with endPort', () => {
    expect(json(Port.tcp(80))).toEqual({ protocol: 'TCP', port: 80 });
    expect(json(Port.udp(53))).toEqual({ protocol: 'UDP', port: 53 });
    expect(json(Port.sctp(9))).toEqual({ protocol: 'SCTP', port: 9 });
    expect(json(Port.tcpRange(8000, 8100))).toEqual({ protocol: 'TCP', port: 8000, endPort: 8100 });
    expect(json(Port.named('http'))).toEqual({ protocol: 'TCP', port: 'http' });
    expect(json(Port.named('dns', Protocol.UDP))).toEqual({ protocol: 'UDP', port: 'dns' });
  });
  test('a range of one port is that port; a port entry without a number is every port of its protocol', () => {
    expect(json(Port.tcpRange(443, 443))).toEqual({ protocol: 'TCP', port: 443 });
    expect(json(Port._of(Protocol.UDP))).toEqual({ protocol: 'UDP' });
  });
});

describe('selectorToKube', () => {
  const selectorJson = (raw: unknown) => k8s.toJson_LabelSelector(selectorToKube(LabelSelector.parse(raw)));

  test('single-value In requirements as matchLabels, the others as matchExpressions; everything as {}', () => {
    expect(selectorJson({ matchLabels: { app: 'web' } })).toEqual({ matchLabels: { app: 'web' } });
    expect(selectorJson({})).toEqual({});
    expect(selectorJson({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'canary', operator: 'DoesNotExist' }] }))
      .toEqual({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'canary', operator: 'DoesNotExist' }] });
    // A second requirement on a key already in matchLabels stays an expression: both must hold.
    expect(selectorJson({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }))
      .toEqual({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] });
  });

  test('an invalid selector is never written', () => {
    expect(() => selectorToKube(LabelSelector.parse({ matchExpressions: [{ key: 'a', operator: 'Near' }] }))).toThrow(/invalid selector/);
  });

  test('what it writes selects exactly the label sets the selector selects (property)', () => {
    const keys = ['a', 'b', 'c'];
    const values = ['x', 'y'];
    const requirement = fc.oneof(
      fc.record({
        key: fc.constantFrom(...keys),
        operator: fc.constantFrom('In', 'NotIn'),
        values: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1 }),
      }),
      fc.record({ key: fc.constantFrom(...keys), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
    );
    const raw = fc.record({
      matchLabels: fc.dictionary(fc.constantFrom(...keys), fc.constantFrom(...values)),
      matchExpressions: fc.array(requirement, { maxLength: 3 }),
    });
    const labelSets = keys.reduce<Array<Record<string, string>>>((sets, k) => sets.flatMap(s => [s, ...values.map(v => ({ ...s, [k]: v }))]), [{}]);
    fc.assert(fc.property(raw, r => {
      const selector = LabelSelector.parse(r);
      const written = LabelSelector.parse(k8s.toJson_LabelSelector(selectorToKube(selector)));
      for (const labels of labelSets) expect(written.matches(labels)).toBe(selector.matches(labels));
    }));
  });
});

describe('peerToKube', () => {
  test('the engine reads back from the emitted policy exactly the peers a construct compiled (property)', () => {
    const namespace = fc.constantFrom('shop', 'ops', 'kube-system');
    const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'app.kubernetes.io/name'), fc.constantFrom('web', 'api', 'db'), { minKeys: 1 });
    // A network and a hole strictly inside it, IPv4 or IPv6 (the IPv6 address is the IPv4 one in its top 32 bits).
    const families = fc.constantFrom<4 | 6>(4, 6);
    const block = fc.tuple(families, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 8 }))
      .map(([family, top, prefix, extra]) => {
        const value = BigInt(top) * BigInt(2) ** BigInt(family === 4 ? 0 : 96);
        return { cidr: cidrOf(family, value, prefix).text, hole: cidrOf(family, value, prefix + extra).text };
      });
    const peer: fc.Arbitrary<IPeer> = fc.oneof(
      fc.tuple(labels, fc.option(namespace, { nil: undefined })).map(([l, ns]) => Peer.pods(l, ns)),
      namespace.map(ns => Peer.namespace(ns)),
      block.map(b => Peer.cidr(b.cidr, [b.hole])),
      block.map(b => Peer.cidr(b.cidr)),
      fc.constant(Peer.internet()),
    );
    fc.assert(fc.property(fc.array(peer, { minLength: 1, maxLength: 4 }), namespace, (peers, policyNamespace) => {
      const compiled = peers.flatMap(p => p.toPeer()._policyPeers(policyNamespace));
      const policy = {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: policyNamespace },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: compiled.map(p => k8s.toJson_NetworkPolicyPeer(peerToKube(p))) }] },
      };
      const model = readObjects([policy]);
      expect(model.warnings).toEqual([]);
      expect(model.policies[0].ingress[0].peers).toEqual(compiled);
    }));
  });
});
