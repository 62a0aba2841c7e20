/**
 * Any IPv4 or IPv6 address, CIDR or range is a peer that isAllowed / explain / connectionBetween answer
 * for, whatever families the input names. Regression tests for a bug found by the extras helper: they
 * threw "unknown peer '2001:db8::1'" unless some policy's ipBlock named an IPv6 CIDR, because the
 * engine's external address space had no IPv6 part then. The report still lists the IPv6 space only
 * when the input names an IPv6 address (a policy CIDR or a pod address), so IPv4-only clusters read like
 * netpol-analyzer's output.
 */
import { NetworkAnalysis } from '../../src/analysis';
import { NaiveCluster } from '../support/naive-evaluator';

type Obj = { [key: string]: any };
const pod = (name: string, status?: Obj): Obj => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'a', name, labels: { app: name } }, spec: { containers: [] }, ...(status ? { status } : {}),
});
const egressTo = (cidr: string, except: string[] = []): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { namespace: 'a', name: 'egress' },
  spec: { podSelector: { matchLabels: { app: 't' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr, except } }] }] },
});

describe('IPv6 addresses as peers', () => {
  test('an IPv6 address is a valid peer even when the input names only IPv4', () => {
    const objects = [pod('t')];
    const analysis = NetworkAnalysis.fromManifests(objects);
    const naive = new NaiveCluster(objects);
    const t = { pod: naive.pods[0] };
    expect(naive.isAllowed({ ip: '2001:db8::1' }, t, 'TCP', 80)).toBe(true);
    expect(analysis.isAllowed('2001:db8::1', 'a/t[Pod]', 80)).toBe(true);
    expect(analysis.isAllowed('a/t[Pod]', '2001:db8::1', 80)).toBe(true);
    expect(analysis.explain('2001:db8::1', 'a/t[Pod]', 80).allowed).toBe(true);
    expect(analysis.connectionBetween('a/t[Pod]', '2001:db8::1')?.description).toBe('All Connections');
  });

  test('a dual-stack cluster without IPv6 CIDRs in its policies still answers for IPv6 addresses', () => {
    const dual = pod('t', { podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] });
    const analysis = NetworkAnalysis.fromManifests([dual, pod('u')]);
    expect(analysis.isAllowed('fd00::1', 'a/t[Pod]', 80)).toBe(true);
  });

  test('an IPv4-only ipBlock denies IPv6 addresses to an isolated pod, and explain names the policy', () => {
    const analysis = NetworkAnalysis.fromManifests([pod('t'), egressTo('0.0.0.0/0')]);
    expect(analysis.isAllowed('a/t[Pod]', '8.8.8.8', 443)).toBe(true);
    expect(analysis.isAllowed('a/t[Pod]', '2001:db8::1', 443)).toBe(false);
    expect(analysis.isAllowed('a/t[Pod]', '2001:db8::/32')).toBe(false);
    expect(analysis.connectionBetween('a/t[Pod]', '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBeUndefined();
    const why = analysis.explain('a/t[Pod]', '2001:db8::1', 443);
    expect(why.allowed).toBe(false);
    expect(why.egress.policies).toEqual(['a/egress']);
    expect(why.egress.reason).toContain('isolated by a/egress');
  });

  test('an address outside every range a policy cuts is in the outside space around it', () => {
    const analysis = NetworkAnalysis.fromManifests([pod('t'), egressTo('fd00::/64', ['fd00::/120'])]);
    expect(analysis.isAllowed('a/t[Pod]', 'fd00::1:1', 80)).toBe(true);
    expect(analysis.isAllowed('a/t[Pod]', 'fd00::1', 80)).toBe(false); // in the except
    expect(analysis.isAllowed('a/t[Pod]', '2001:db8::1', 80)).toBe(false); // outside the block
    expect(analysis.isAllowed('a/t[Pod]', '10.0.0.1', 80)).toBe(false); // other family
    expect(analysis.isAllowed('10.0.0.1', 'a/t[Pod]', 80)).toBe(true); // ingress is not isolated
  });

  test('the report lists the IPv6 space only when the input names an IPv6 address', () => {
    const externals = (objects: Obj[]) => NetworkAnalysis.fromManifests(objects).connections
      .filter(c => c.source.isExternal || c.destination.isExternal)
      .map(c => `${c.source} => ${c.destination}`);
    expect(externals([pod('t')])).toEqual(['0.0.0.0-255.255.255.255 => a/t[Pod]', 'a/t[Pod] => 0.0.0.0-255.255.255.255']);
    const dual = pod('t', { podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] });
    expect(externals([dual])).toEqual([
      '0.0.0.0-255.255.255.255 => a/t[Pod]',
      '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff => a/t[Pod]',
      'a/t[Pod] => 0.0.0.0-255.255.255.255',
      'a/t[Pod] => ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });

  test('rejects text that is neither a workload nor an address', () => {
    const analysis = NetworkAnalysis.fromManifests([pod('t')]);
    expect(() => analysis.isAllowed('a/t[Pod]', '2001:db8::g')).toThrow(/unknown peer '2001:db8::g'/);
    expect(() => analysis.isAllowed('a/t[Pod]', '10.0.0.0/33')).toThrow(/unknown peer/);
  });
});
