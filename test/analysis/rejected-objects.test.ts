/**
 * Objects the API server would reject are analysed, with a warning naming the object and the value,
 * and never read as something wider than written: invalid policyTypes isolate both directions, an
 * invalid port entry matches nothing, an invalid except makes its peer match nothing, and an
 * IPv4-mapped block is read as the IPv4 block the network plugins see.
 */
import { analyze, conn, deployment, namespace, policy } from './fixtures';
import { ReportFormat } from '../../src/analysis';

const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';
const base = () => [namespace('shop'), deployment('shop', 'web', { app: 'web' }), deployment('shop', 'api', { app: 'api' }, [{ containerPort: 3000, name: 'http' }])];
const apiPolicy = (spec: object) => policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ...spec });

describe('objects the API server would reject', () => {
  test.each([
    [5, 'namespace', 'metadata.namespace 5'],
    [['a'], 'namespace', 'metadata.namespace ["a"]'],
    [{ n: 1 }, 'name', 'metadata.name {"n":1}'],
  ])('a %j %s is not read as text or as the default namespace: the object is left out, with a warning', (value, field, shown) => {
    const odd = deployment('shop', 'odd', { app: 'odd' });
    (odd.metadata as Record<string, unknown>)[field] = value;
    const a = analyze([...base(), odd]);
    expect(a.workloads.map(w => w.toString())).toEqual([API, WEB]);
    expect(a.warnings).toContain(`Deployment (apps/v1): ${shown} is not a string (kubectl and the API server reject the object); it is left out of the analysis`);
  });

  test('policyTypes [ingress, Egres]: the policy isolates both directions, with a warning', () => {
    const a = analyze([...base(), apiPolicy({ policyTypes: ['ingress', 'Egres'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 3000 }] }] })]);
    expect(conn(a, WEB, API)).toBe('TCP 3000');
    expect(a.isAllowed(API, '8.8.8.8', 443)).toBe(false);
    expect(a.isAllowed('8.8.8.8', API, 3000)).toBe(false);
    expect(a.warnings).toContain('NetworkPolicy shop/api-in: policyTypes "ingress", "Egres" are not Ingress or Egress (the API server rejects the policy); it is read as isolating both directions');
  });

  test.each([
    [{ port: '80' }, 'port "80" is a string of digits, not a number or a port name'],
    [{ port: 70000 }, 'port "70000" is not a port number 1-65535'],
    [{ port: 0 }, 'port "0" is not a port number 1-65535'],
    [{ port: 3000, endPort: 70000 }, 'endPort "70000" is not a port number 1-65535'],
    [{ port: 'http', endPort: 3001 }, 'endPort 3001 needs a numeric port'],
    [{ port: 'HTTP' }, 'port "HTTP" is not a port name'],
  ])('port entry %j matches nothing, with a warning', (entry, problem) => {
    const a = analyze([...base(), apiPolicy({ ingress: [{ ports: [entry] }] })]);
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(a.warnings).toContain(`NetworkPolicy shop/api-in ingress rule 0: ${problem} (the API server rejects it); the port entry matches nothing`);
  });

  test('an except outside its cidr makes the peer match nothing (taking the block without it would widen the rule)', () => {
    const a = analyze([...base(), apiPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['192.168.0.0/16'] } }] }] })]);
    expect(a.isAllowed('10.1.1.1', API, 3000)).toBe(false);
    expect(a.warnings).toContain('NetworkPolicy shop/api-in ingress rule 0: ipBlock except "192.168.0.0/16" is not strictly inside cidr "10.0.0.0/8" (the API server rejects it); the peer matches nothing');
  });

  test('an IPv4-mapped block is read as the IPv4 block Go reads (::ffff:0:0/96 is 0.0.0.0/0)', () => {
    const a = analyze([...base(), apiPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '::ffff:0:0/96' } }] }], egress: [{ to: [{ ipBlock: { cidr: '::ffff:a9fe:0/112' } }] }], policyTypes: ['Ingress', 'Egress'] })]);
    expect(a.isAllowed('169.254.169.254', API, 3000)).toBe(true);
    expect(a.isAllowed(API, '169.254.169.254', 80)).toBe(true);
    expect(a.warnings).toContain('NetworkPolicy shop/api-in ingress rule 0: ipBlock cidr "::ffff:0:0/96" is an IPv4-mapped IPv6 block, which the network plugins read as 0.0.0.0/0; it is read as 0.0.0.0/0');
  });

  test('an IPv4-mapped except inside an IPv6 block stays IPv6 (Peer.internet() writes ::ffff:0:0/96 under ::/0)', () => {
    const a = analyze([...base(), apiPolicy({ policyTypes: ['Ingress', 'Egress'], egress: [{ to: [{ ipBlock: { cidr: '::/0', except: ['::ffff:0:0/96', 'fc00::/7'] } }] }] })]);
    expect(a.isAllowed(API, '2001:4860::8888', 443)).toBe(true);
    expect(a.isAllowed(API, '::ffff:169.254.169.254', 443)).toBe(false);
    expect(a.warnings).toEqual([]);
  });

  test('the warnings reach the md report and the API', () => {
    const a = analyze([...base(), apiPolicy({ ingress: [{ ports: [{ port: '80' }] }] })]);
    expect(a.render(ReportFormat.MARKDOWN)).toContain('port "80" is a string of digits');
    expect(a.warnings.length).toBe(1);
  });
});
