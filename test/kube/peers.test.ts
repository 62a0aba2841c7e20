// NetworkPolicy peers as values: what the constructs compile their peers to and what the engine
// reads policies into.
import { parseCidrBlock } from '../../src/kube/ip';
import { ipBlockPeer, namespacePeer, podsPeer } from '../../src/kube/peers';
import { LabelSelector } from '../../src/kube/selectors';

describe('PolicyPeer', () => {
  test('pods at home are selected by pod labels alone; elsewhere by both selectors in ONE peer', () => {
    const home = podsPeer({ app: 'web' }, 'shop', 'shop');
    expect(home).toEqual({ podSelector: LabelSelector.matchLabels({ app: 'web' }) });
    expect(podsPeer({ app: 'web' }, undefined, 'shop')).toEqual(home);
    const away = podsPeer({ app: 'web' }, 'shop', 'ops');
    expect(away.podSelector!.toString()).toBe('app=web');
    expect(away.namespaceSelector!.toString()).toBe('kubernetes.io/metadata.name=shop');
    expect(away.namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'shop' })).toBe(true);
    expect(away.namespaceSelector!.matches({ 'kubernetes.io/metadata.name': 'ops' })).toBe(false);
  });

  test('a namespace is every pod of it: a namespace selector and no pod selector', () => {
    const peer = namespacePeer('monitoring');
    expect(peer.podSelector).toBeUndefined();
    expect(peer.namespaceSelector!.toString()).toBe('kubernetes.io/metadata.name=monitoring');
  });

  test('an ipBlock holds its CIDR and holes as blocks with canonical text', () => {
    const peer = ipBlockPeer(parseCidrBlock('2001:DB8::/32')!, [parseCidrBlock('2001:db8:0:0::/48')!]);
    expect(peer.ipBlock!.cidr.text).toBe('2001:db8::/32');
    expect(peer.ipBlock!.except.map(c => c.text)).toEqual(['2001:db8::/48']);
    expect(ipBlockPeer(parseCidrBlock('10.0.0.0/8')!).ipBlock!.except).toEqual([]);
  });
});

describe('LabelSelector.matchLabels', () => {
  test('every label set holding all the labels; no labels select everything', () => {
    const s = LabelSelector.matchLabels({ app: 'web', tier: 'front' });
    expect(s.matches({ app: 'web', tier: 'front', extra: 'x' })).toBe(true);
    expect(s.matches({ app: 'web' })).toBe(false);
    expect(LabelSelector.matchLabels({})).toBe(LabelSelector.EVERYTHING);
  });
});
