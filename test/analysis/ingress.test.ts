// Ingress objects, OpenShift Routes, the `{ingress-controller}` placeholder and platform profiles.
import { analyze, conn, deployment, lines, Obj, policy, service } from './fixtures';
import { ClusterProfile } from '../../src/analysis';
import { Protocol } from '../../src/kube/protocol';

const IC = '{ingress-controller}';
const API = 'shop/api[Deployment]';

function ingress(ns: string, name: string, serviceName: string, port: Obj): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: ns },
    spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: serviceName, port } } }] } }] },
  };
}

const app = () => [
  deployment('shop', 'api', { app: 'api' }, [{ containerPort: 3000, name: 'http' }, { containerPort: 9090, name: 'metrics' }]),
  service('shop', 'api', { app: 'api' }, [{ name: 'web', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9090 }]),
];

describe('{ingress-controller}', () => {
  test('reaches the backend pods on the Service target port (named target ports resolved on the pods)', () => {
    expect(conn(analyze([...app(), ingress('shop', 'web', 'api', { number: 80 })]), IC, API)).toBe('TCP 3000');
    expect(conn(analyze([...app(), ingress('shop', 'web', 'api', { name: 'metrics' })]), IC, API)).toBe('TCP 9090');
  });

  test('v1beta1 backends (serviceName/servicePort) and defaultBackend count too', () => {
    const beta = {
      apiVersion: 'networking.k8s.io/v1beta1',
      kind: 'Ingress',
      metadata: { name: 'old', namespace: 'shop' },
      spec: { backend: { serviceName: 'api', servicePort: 'web' } },
    };
    expect(conn(analyze([...app(), beta]), IC, API)).toBe('TCP 3000');
  });

  test('is not printed without Ingress objects or Routes', () => {
    expect(lines(analyze(app())).some(l => l.includes(IC))).toBe(false);
  });

  test('is blocked by a default-deny policy, and admitted by a rule that admits every pod of every namespace', () => {
    const deny = policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(conn(analyze([...app(), ingress('shop', 'web', 'api', { number: 80 }), deny]), IC, API)).toBeUndefined();
    const open = policy('shop', 'open', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 3000 }] }] });
    expect(conn(analyze([...app(), ingress('shop', 'web', 'api', { number: 80 }), deny, open]), IC, API)).toBe('TCP 3000');
    // A rule naming a specific namespace does not admit an unknown controller.
    const named = policy('shop', 'named', {
      podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }] }],
    });
    expect(conn(analyze([...app(), ingress('shop', 'web', 'api', { number: 80 }), deny, named]), IC, API)).toBeUndefined();
  });

  test('an Ingress to a Service that is not in the input is reported', () => {
    const a = analyze([...app(), ingress('shop', 'web', 'missing', { number: 80 })]);
    expect(a.warnings).toContain('Ingress shop/web routes to Service shop/missing, which is not in the input');
  });

  test('an Ingress to a port the Service does not define is reported', () => {
    const a = analyze([...app(), ingress('shop', 'web', 'api', { number: 8443 })]);
    expect(conn(a, IC, API)).toBeUndefined();
    expect(a.warnings).toContain('Ingress shop/web routes to port 8443 of Service shop/api, which has no such port');
  });

  test('an Ingress port that is no service port but a target port is taken as that port (netpol-analyzer), with a warning', () => {
    const a = analyze([...app(), ingress('shop', 'web', 'api', { name: 'http' })]);
    expect(conn(a, IC, API)).toBe('TCP 3000');
    expect(a.warnings.find(w => w.startsWith('Ingress shop/web routes to port http'))).toMatch(/which has no such port but a port with that target port/);
  });

  test('OpenShift Routes: targetPort names a service port, or all service ports when absent', () => {
    const route = (port?: string) => ({
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { to: { kind: 'Service', name: 'api' }, ...(port ? { port: { targetPort: port } } : {}) },
    });
    expect(conn(analyze([...app(), route('web')]), IC, API)).toBe('TCP 3000');
    expect(conn(analyze([...app(), route()]), IC, API)).toBe('TCP 3000,9090');
  });

  test('isAllowed and explain accept {ingress-controller}', () => {
    const a = analyze([...app(), ingress('shop', 'web', 'api', { number: 80 })]);
    expect(a.isAllowed(IC, API, 3000)).toBe(true);
    expect(a.isAllowed(IC, API, 9090)).toBe(false);
    expect(a.explain(IC, API, 9090).ingress.reason).toMatch(/no Ingress or Route sends TCP 9090 to it/);
    expect(a.explain(IC, API, 3000).ingress.reason)
      .toBe('not isolated: no NetworkPolicy selects it for Ingress, so all ingress is allowed (traffic sent by Ingress shop/web)');
  });
});

describe('cluster profiles', () => {
  const welkinApp = () => [
    ...app(),
    ingress('shop', 'web', 'api', { number: 80 }),
    policy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy('shop', 'api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
        }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      }],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      }],
    }),
  ];

  test('Welkin: the ingress controller, DNS and monitoring take part as real peers, and {ingress-controller} is not used', () => {
    const a = analyze(welkinApp(), { profile: ClusterProfile.welkin() });
    const text = lines(a);
    expect(text).toContain(`ingress-nginx/ingress-nginx-controller[Deployment] => ${API} : TCP 3000`);
    expect(text).toContain(`${API} => kube-system/coredns[Deployment] : TCP 53,UDP 53`);
    expect(text.some(l => l.includes(IC))).toBe(false);
    expect(a.workloads.map(String)).toContain('monitoring/prometheus[StatefulSet]');
    expect(conn(a, 'monitoring/prometheus[StatefulSet]', API)).toBeUndefined();
    // Nothing among platform workloads or between them and addresses: the platform's own policies decide.
    expect(text.filter(l => /^(ingress-nginx|kube-system|monitoring|0\.0\.0\.0)/.test(l) && !l.includes('=> shop/'))).toEqual([]);
  });

  test('a custom profile from props; a host-network controller is matched by its node CIDRs only', () => {
    const profile = new ClusterProfile({
      ingressController: {
        namespace: 'ingress-nginx',
        name: 'controller',
        kind: 'DaemonSet',
        podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
        hostNetwork: true,
        hostCidrs: ['10.0.0.0/24'],
      },
    });
    const withNodes = [...welkinApp(), policy('shop', 'nodes', {
      podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 3000 }] }],
    })];
    expect(conn(analyze(welkinApp(), { profile }), 'ingress-nginx/controller[DaemonSet]', API)).toBeUndefined();
    expect(conn(analyze(withNodes, { profile }), 'ingress-nginx/controller[DaemonSet]', API)).toBe('TCP 3000');
    expect(ClusterProfile.welkin().dns?.ports?.map(p => p.protocol)).toEqual([Protocol.UDP, Protocol.TCP]);
  });
});

describe('cluster profile validation', () => {
  const workload = { namespace: 'ingress-nginx', name: 'controller', podLabels: { app: 'x' } };
  test.each([
    [{ ...workload, namespace: 'Ingress_NGINX' }, /namespace 'Ingress_NGINX' is not a valid namespace name/],
    [{ ...workload, ports: [{ port: 70000 }] }, /port 70000 is not a port number \(1-65535\)/],
    [{ ...workload, hostNetwork: true, hostCidrs: ['10.0.0.0'] }, /host CIDR '10.0.0.0' is not a CIDR/],
  ])('rejects %o', (ingressController, message) => {
    expect(() => new ClusterProfile({ name: 'mine', ingressController })).toThrow(message);
  });
});
