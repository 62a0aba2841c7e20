// Namespace, Service, Ingress, annotation and Secret rules (R4, R6, R7 and the library's own).
import { find, findingsOf, goodObjects } from './helpers';

function secondIngress(host: string, secretName: string) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'oauth2-proxy', namespace: 'demo' },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host, http: { paths: [{ path: '/oauth2', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 3000 } } } }] } }],
      tls: [{ hosts: [host], secretName }],
    },
  };
}

describe('explicit-namespace', () => {
  test('flags missing and default namespaces, not cluster-scoped kinds', () => {
    const objects = goodObjects();
    delete find(objects, 'Service', 'web').metadata.namespace;
    find(objects, 'ServiceAccount', 'web').metadata.namespace = 'default';
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } });
    expect(findingsOf(objects, 'explicit-namespace').map(f => f.message)).toEqual([
      'ServiceAccount default/web is in the namespace "default"',
      'Service web has no metadata.namespace (it would land in whatever namespace is current)',
    ]);
  });
});

describe('service-type', () => {
  test.each(['LoadBalancer', 'NodePort', 'ExternalName'])('flags type %s', type => {
    const objects = goodObjects();
    find(objects, 'Service', 'web').spec.type = type;
    expect(findingsOf(objects, 'service-type').map(f => [f.severity, f.message])).toEqual([['error', `Service demo/web has type "${type}"`]]);
  });

  test('flags externalIPs on a ClusterIP Service', () => {
    const objects = goodObjects();
    find(objects, 'Service', 'web').spec.externalIPs = ['203.0.113.7'];
    expect(findingsOf(objects, 'service-type').map(f => f.message)).toEqual(['Service demo/web sets externalIPs ["203.0.113.7"]']);
  });

  test('accepts an absent type (ClusterIP)', () => {
    const objects = goodObjects();
    delete find(objects, 'Service', 'web').spec.type;
    expect(findingsOf(objects, 'service-type')).toEqual([]);
  });
});

describe('ingress-tls-hosts', () => {
  test.each([
    ['no host', (spec: any) => { delete spec.rules[0].host; }, 'a rule has no host; spec.tls host(s) demo.example.com are not rule hosts'],
    ['a wildcard', (spec: any) => { spec.rules[0].host = '*.example.com'; spec.tls[0].hosts = ['*.example.com']; }, 'host "*.example.com" is a wildcard; spec.tls host(s) *.example.com are not rule hosts'],
    ['no tls', (spec: any) => { delete spec.tls; }, 'it has no spec.tls (plain HTTP)'],
    ['tls for another host', (spec: any) => { spec.tls[0].hosts = ['www.example.com']; },
      'rule host(s) demo.example.com are not in spec.tls hosts; spec.tls host(s) www.example.com are not rule hosts'],
    ['no secret', (spec: any) => { delete spec.tls[0].secretName; }, 'a spec.tls entry has no secretName'],
  ])('flags an Ingress with %s', (_what, mutate, problem) => {
    const objects = goodObjects();
    mutate(find(objects, 'Ingress', 'web').spec);
    expect(findingsOf(objects, 'ingress-tls-hosts').map(f => f.message)).toEqual([`Ingress demo/web: ${problem}`]);
  });
});

describe('ingress-tls-hosts passing cases', () => {
  test('accepts several hosts covered by several tls entries', () => {
    const objects = goodObjects();
    const spec = find(objects, 'Ingress', 'web').spec;
    spec.rules.push({ ...structuredClone(spec.rules[0]), host: 'www.example.com' });
    spec.tls.push({ hosts: ['www.example.com'], secretName: 'www.example.com-tls' });
    expect(findingsOf(objects, 'ingress-tls-hosts')).toEqual([]);
  });
});

describe('unique-ingress-host-paths', () => {
  test('accepts a second Ingress on the same host for another path with the same secret (the oauth2-proxy pattern)', () => {
    expect(findingsOf([...goodObjects(), secondIngress('demo.example.com', 'demo.example.com-tls')], 'unique-ingress-host-paths')).toEqual([]);
  });

  test('flags the same host and path claimed twice', () => {
    const other = secondIngress('demo.example.com', 'demo.example.com-tls');
    other.spec.rules[0].http.paths[0].path = '/';
    expect(findingsOf([...goodObjects(), other], 'unique-ingress-host-paths').map(f => f.message)).toEqual([
      'Ingress demo/oauth2-proxy: demo.example.com/ (Prefix) is already served by Ingress demo/web',
    ]);
  });

  test('flags a duplicate rule within one Ingress', () => {
    const objects = goodObjects();
    const spec = find(objects, 'Ingress', 'web').spec;
    spec.rules.push(structuredClone(spec.rules[0]));
    expect(findingsOf(objects, 'unique-ingress-host-paths').map(f => f.message)).toEqual([
      'Ingress demo/web: demo.example.com/ (Prefix) is already served by another rule of the same Ingress',
    ]);
  });

  test('flags a host presented with two different TLS secrets', () => {
    const objects = [...goodObjects(), secondIngress('demo.example.com', 'oauth2-tls')];
    expect(findingsOf(objects, 'unique-ingress-host-paths').map(f => f.message)).toEqual([
      'Ingress demo/oauth2-proxy: host demo.example.com uses TLS secret "oauth2-tls" here but "demo.example.com-tls" in Ingress demo/web',
    ]);
  });

  test('accepts distinct hosts', () => {
    expect(findingsOf([...goodObjects(), secondIngress('auth.example.com', 'auth.example.com-tls')], 'unique-ingress-host-paths')).toEqual([]);
  });
});

describe('tls-secret-per-host-set', () => {
  test('flags one secret for two different host sets', () => {
    const objects = [...goodObjects(), secondIngress('auth.example.com', 'demo.example.com-tls')];
    expect(findingsOf(objects, 'tls-secret-per-host-set').map(f => f.message)).toEqual([
      'Ingress demo/oauth2-proxy: secret demo.example.com-tls is used for hosts [auth.example.com] here and for [demo.example.com] by Ingress demo/web',
    ]);
  });

  test('accepts the same secret for the same host set, and same-named secrets in other namespaces', () => {
    expect(findingsOf([...goodObjects(), secondIngress('demo.example.com', 'demo.example.com-tls')], 'tls-secret-per-host-set')).toEqual([]);
    const other = secondIngress('auth.example.com', 'demo.example.com-tls');
    other.metadata.namespace = 'auth';
    expect(findingsOf([...goodObjects(), other], 'tls-secret-per-host-set')).toEqual([]);
  });
});

describe('no-snippet-annotations', () => {
  test.each([
    'nginx.ingress.kubernetes.io/configuration-snippet',
    'nginx.ingress.kubernetes.io/server-snippet',
    'nginx.ingress.kubernetes.io/auth-snippet',
    'nginx.ingress.kubernetes.io/mirror-target',
    'nginx.ingress.kubernetes.io/mirror-uri',
  ])('flags %s', key => {
    const objects = goodObjects();
    find(objects, 'Ingress', 'web').metadata.annotations[key] = 'return 200';
    expect(findingsOf(objects, 'no-snippet-annotations').map(f => f.message)).toEqual([`Ingress demo/web has raw-config annotation(s) ${key}`]);
  });

  test('accepts the typed annotations', () => {
    const objects = goodObjects();
    Object.assign(find(objects, 'Ingress', 'web').metadata.annotations, {
      'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8,192.168.0.0/16',
      'nginx.ingress.kubernetes.io/auth-url': 'https://$host/oauth2/auth',
      'nginx.ingress.kubernetes.io/auth-signin': 'https://$host/oauth2/start?rd=$escaped_request_uri',
    });
    expect(findingsOf(objects, 'no-snippet-annotations')).toEqual([]);
    expect(findingsOf(objects, 'safe-annotation-values')).toEqual([]);
  });
});

describe('safe-annotation-values', () => {
  test('flags an injected auth-url (CVE-2025-24514 style) on an Ingress', () => {
    const objects = goodObjects();
    find(objects, 'Ingress', 'web').metadata.annotations['nginx.ingress.kubernetes.io/auth-url'] = 'http://x/#;\n}\nload_module /tmp/x.so;';
    expect(findingsOf(objects, 'safe-annotation-values').map(f => f.message)).toEqual([
      'Ingress demo/web: annotation nginx.ingress.kubernetes.io/auth-url has the value "http://x/#;\\n}\\nload_module /tmp/x.so;", which contains ";", "\\n", "}"',
    ]);
  });

  test('checks interpreted prefixes on other kinds, and ignores other annotations there', () => {
    const objects = goodObjects();
    const svc = find(objects, 'Service', 'web');
    svc.metadata.annotations = { 'cert-manager.io/common-name': 'a"b', 'example.com/config': '{"json": true}' };
    expect(findingsOf(objects, 'safe-annotation-values').map(f => f.message)).toEqual([
      'Service demo/web: annotation cert-manager.io/common-name has the value "a\\"b", which contains "\\""',
    ]);
  });
});

test('safe-annotation-values ignores what kubectl and the suppression annotation hold', () => {
  const objects = goodObjects();
  Object.assign(find(objects, 'Ingress', 'web').metadata.annotations, {
    'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"networking.k8s.io/v1"}\n',
    'cdk8s-netsec.io/suppress': 'min-replicas: "quoted"; reason\nprobes: second line',
  });
  expect(findingsOf(objects, 'safe-annotation-values')).toEqual([]);
});

describe('no-literal-secrets', () => {
  test('flags data and stringData', () => {
    const objects = [...goodObjects(), {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'demo' }, data: { password: 'aHVudGVyMg==' }, stringData: { token: 't' },
    }];
    expect(findingsOf(objects, 'no-literal-secrets').map(f => f.message)).toEqual(['Secret demo/creds carries literal values (data.password, stringData.token)']);
  });

  test('accepts a Secret without data (e.g. a placeholder filled by an operator)', () => {
    const objects = [...goodObjects(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'demo' }, data: {} }];
    expect(findingsOf(objects, 'no-literal-secrets')).toEqual([]);
  });
});

describe('pod-security-labels', () => {
  test('flags missing and weaker levels', () => {
    const objects = goodObjects();
    const labels = find(objects, 'Namespace', 'demo').metadata.labels;
    delete labels['pod-security.kubernetes.io/audit'];
    labels['pod-security.kubernetes.io/enforce'] = 'baseline';
    expect(findingsOf(objects, 'pod-security-labels').map(f => f.message)).toEqual([
      'Namespace demo: pod-security.kubernetes.io/enforce is "baseline", pod-security.kubernetes.io/audit is missing (must be "restricted")',
    ]);
  });

  test('follows the configured level', () => {
    expect(findingsOf(goodObjects(), 'pod-security-labels', { podSecurityLevel: 'baseline' })).toHaveLength(1);
  });
});
