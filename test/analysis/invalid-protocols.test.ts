/**
 * Protocols are `TCP`, `UDP` or `SCTP`, case-sensitive: the API server rejects `protocol: udp`
 * (`Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"`). Like other input the API
 * server would reject (bad selectors, invalid CIDRs, endPort below port), the engine reports it and
 * lets the invalid part match nothing: a policy port entry matches no traffic, a container or Service
 * port is ignored. Regression tests: lower-case protocols used to be read as their upper-case
 * protocol, and unknown ones (`ICMP`) as TCP, silently.
 */
import { analyze, conn, deployment, namespace, policy, service } from './fixtures';
import { Protocol } from '../../src/kube/protocol';

const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';
const base = () => [
  namespace('shop'),
  deployment('shop', 'web', { app: 'web' }),
  deployment('shop', 'api', { app: 'api' }, [{ containerPort: 53, name: 'dns', protocol: 'udp' }, { containerPort: 3000, name: 'http' }]),
];
const apiAdmits = (ports: unknown[]) => policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports }] });

describe('invalid protocols', () => {
  test('a policy port with a lower-case protocol matches nothing, and the warning names the object and the fix', () => {
    const a = analyze([...base(), apiAdmits([{ port: 53, protocol: 'udp' }, { port: 3000 }])]);
    expect(conn(a, WEB, API)).toBe('TCP 3000');
    expect(a.isAllowed(WEB, API, 53, Protocol.UDP)).toBe(false);
    expect(a.isAllowed(WEB, API, 53, Protocol.TCP)).toBe(false);
    expect(a.warnings).toContain("NetworkPolicy shop/api-in ingress rule 0: port 53 has protocol 'udp', which is not TCP, UDP or SCTP "
      + '(protocols are case-sensitive: write UDP); the API server rejects the object; the port entry matches nothing');
  });

  test('a rule whose only port entry is invalid allows nothing, but its policy still isolates', () => {
    const a = analyze([...base(), apiAdmits([{ protocol: 'tcp' }])]);
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(a.explain(WEB, API, 3000).ingress.reason).toContain('isolated by shop/api-in');
  });

  test('an unknown protocol is not read as TCP', () => {
    const a = analyze([...base(), apiAdmits([{ port: 3000, protocol: 'ICMP' }])]);
    expect(conn(a, WEB, API)).toBeUndefined();
    expect(a.warnings.join('\n')).toMatch(/port 3000 has protocol 'ICMP', which is not TCP, UDP or SCTP; the API server rejects/);
  });

  test('a container port with a lower-case protocol is ignored: named ports do not resolve to it', () => {
    const a = analyze([...base(), apiAdmits([{ port: 'dns', protocol: 'UDP' }, { port: 'http' }])]);
    expect(conn(a, WEB, API)).toBe('TCP 3000');
    expect(a.warnings).toContain("Deployment shop/api: container port 53 (dns) has protocol 'udp', which is not TCP, UDP or SCTP "
      + '(protocols are case-sensitive: write UDP); the API server rejects the object; the port is ignored');
  });

  test('a Service port with a lower-case protocol is ignored: the ingress controller does not use it', () => {
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { namespace: 'shop', name: 'api' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] },
    };
    const svc = (protocol: string) => service('shop', 'api', { app: 'api' }, [{ port: 80, targetPort: 3000, protocol }]);
    expect(conn(analyze([...base(), svc('TCP'), ingress]), '{ingress-controller}', API)).toBe('TCP 3000');
    const a = analyze([...base(), svc('tcp'), ingress]);
    expect(conn(a, '{ingress-controller}', API)).toBeUndefined();
    expect(a.warnings.join('\n')).toMatch(/Service shop\/api: port 80 has protocol 'tcp', .*; the port is ignored/);
  });
});
