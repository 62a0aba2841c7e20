// The generated classes under src/imports/ (cdk8s import of the CRDs in src/imports/crds/): one class
// per CRD version, each synthesizing its CRD's apiVersion and kind, none of them public API.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import * as library from '../../src';
import * as certManager from '../../src/imports/cert-manager.io';
import * as envoyGateway from '../../src/imports/gateway.envoyproxy.io';
import * as gatewayApi from '../../src/imports/gateway.networking.k8s.io';
import * as hnc from '../../src/imports/hnc.x-k8s.io';

const IMPORTS = path.resolve(__dirname, '../../src/imports');
const CRDS = path.join(IMPORTS, 'crds');

interface CrdVersion {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

interface CrdDocument {
  readonly kind: string;
  readonly spec: {
    readonly group: string;
    readonly scope: string;
    readonly names: { readonly kind: string };
    readonly versions: ReadonlyArray<{ readonly name: string }>;
  };
}

/** Every version of every CRD committed under src/imports/crds/ (cdk8s import makes a class for each). */
function crdVersions(): CrdVersion[] {
  const out: CrdVersion[] = [];
  for (const bundle of fs.readdirSync(CRDS)) {
    for (const file of fs.readdirSync(path.join(CRDS, bundle)).filter(f => f.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(CRDS, bundle, file), 'utf-8');
      for (const doc of parseAllDocuments(text)) {
        const crd = doc.toJS() as CrdDocument | null;
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const version of crd.spec.versions) {
          out.push({
            file: `${bundle}/${file}`,
            apiVersion: `${crd.spec.group}/${version.name}`,
            kind: crd.spec.names.kind,
            namespaced: crd.spec.scope === 'Namespaced',
          });
        }
      }
    }
  }
  return out;
}

type GeneratedClass = (new (scope: Chart, id: string, props: object) => ApiObject) & {
  readonly GVK: { readonly apiVersion: string; readonly kind: string };
};

const MODULES: Record<string, object> = {
  'cert-manager.io': certManager,
  'gateway.envoyproxy.io': envoyGateway,
  'gateway.networking.k8s.io': gatewayApi,
  'hnc.x-k8s.io': hnc,
};

/** The ApiObject classes each generated module exports, by export name. */
function generatedClasses(): Array<[string, GeneratedClass]> {
  const out: Array<[string, GeneratedClass]> = [];
  for (const [module, exports] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(exports)) {
      // (not `instanceof`: ApiObject overrides Symbol.hasInstance to recognise instances only)
      if (typeof value === 'function' && Object.prototype.isPrototypeOf.call(ApiObject.prototype, value.prototype) && 'GVK' in value) {
        out.push([`${module}:${name}`, value as GeneratedClass]);
      }
    }
  }
  return out;
}

const gvk = (o: { apiVersion: string; kind: string }) => `${o.apiVersion} ${o.kind}`;

describe('src/imports', () => {
  const versions = crdVersions();
  const classes = generatedClasses();

  test('every module under src/imports/ is covered here', () => {
    const modules = fs.readdirSync(IMPORTS).filter(f => f.endsWith('.ts')).map(f => f.replace(/\.ts$/, ''));
    expect(modules.sort()).toEqual(Object.keys(MODULES).sort());
  });

  test('the CRDs are the ones the next constructs need', () => {
    expect([...new Set(versions.map(v => `${v.apiVersion.split('/')[0]} ${v.kind}`))].sort()).toEqual([
      'cert-manager.io Certificate',
      'cert-manager.io ClusterIssuer',
      'cert-manager.io Issuer',
      'gateway.envoyproxy.io BackendTrafficPolicy',
      'gateway.envoyproxy.io ClientTrafficPolicy',
      'gateway.envoyproxy.io SecurityPolicy',
      'gateway.networking.k8s.io GRPCRoute',
      'gateway.networking.k8s.io Gateway',
      'gateway.networking.k8s.io GatewayClass',
      'gateway.networking.k8s.io HTTPRoute',
      'gateway.networking.k8s.io ListenerSet',
      'gateway.networking.k8s.io ReferenceGrant',
      'hnc.x-k8s.io SubnamespaceAnchor',
    ]);
  });

  test('there is exactly one generated class per CRD version, and no other', () => {
    expect(classes.map(([, cls]) => gvk(cls.GVK)).sort()).toEqual(versions.map(gvk).sort());
  });

  test.each(versions.map(v => [gvk(v), v] as const))('%s synthesizes with its CRD\'s apiVersion and kind', (_, version) => {
    const found = classes.filter(([, cls]) => gvk(cls.GVK) === gvk(version));
    expect(found).toHaveLength(1);
    const [[, Generated]] = found;
    const chart = new Chart(Testing.app(), 'c');
    const metadata = version.namespaced ? { name: 'demo', namespace: 'demo' } : { name: 'demo' };
    // Only metadata: each class's props type requires its own spec, which the typed tests below fill in.
    new Generated(chart, 'obj', { metadata });
    const [obj] = Testing.synth(chart);
    expect({ apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata }).toEqual({
      apiVersion: version.apiVersion,
      kind: version.kind,
      metadata,
    });
  });

  test('no generated class is part of the library\'s public API', () => {
    expect(classes.length).toBeGreaterThan(0);
    const exported = new Set<unknown>(Object.values(library));
    expect(classes.filter(([, cls]) => exported.has(cls)).map(([name]) => name)).toEqual([]);
    expect(Object.keys(library)).not.toContain('certmanager');
  });
});

describe('typed props render the CRD field names', () => {
  test('cert-manager Certificate', () => {
    const chart = new Chart(Testing.app(), 'c');
    new certManager.Certificate(chart, 'cert', {
      metadata: { name: 'demo', namespace: 'demo' },
      spec: { secretName: 'demo-tls', dnsNames: ['demo.example.com'], issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } },
    });
    const [obj] = Testing.synth(chart);
    expect(obj.spec).toEqual({ secretName: 'demo-tls', dnsNames: ['demo.example.com'], issuerRef: { name: 'letsencrypt-prod', kind: 'ClusterIssuer' } });
  });

  test('Gateway API HTTPRoute attached to a listener', () => {
    const chart = new Chart(Testing.app(), 'c');
    new gatewayApi.HttpRoute(chart, 'route', {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
        hostnames: ['shop.example.com'],
        rules: [{
          matches: [{ path: { type: gatewayApi.HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: '/' } }],
          backendRefs: [{ name: 'web', port: 3000 }],
        }],
      },
    });
    const [obj] = Testing.synth(chart);
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 3000 }] }],
    });
  });

  test('Envoy Gateway SecurityPolicy allowing client CIDRs', () => {
    const chart = new Chart(Testing.app(), 'c');
    new envoyGateway.SecurityPolicy(chart, 'policy', {
      metadata: { name: 'admin', namespace: 'shop' },
      spec: {
        targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'admin' }],
        authorization: {
          defaultAction: envoyGateway.SecurityPolicySpecAuthorizationDefaultAction.DENY,
          rules: [{ action: envoyGateway.SecurityPolicySpecAuthorizationRulesAction.ALLOW, principal: { clientCidRs: ['10.0.0.0/8'] } }],
        },
      },
    });
    const [obj] = Testing.synth(chart);
    expect(obj.spec).toEqual({
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'admin' }],
      authorization: { defaultAction: 'Deny', rules: [{ action: 'Allow', principal: { clientCIDRs: ['10.0.0.0/8'] } }] },
    });
  });

  test('HNC SubnamespaceAnchor', () => {
    const chart = new Chart(Testing.app(), 'c');
    new hnc.SubnamespaceAnchor(chart, 'anchor', { metadata: { name: 'shop-staging', namespace: 'shop' } });
    const [obj] = Testing.synth(chart);
    expect(obj).toEqual({ apiVersion: 'hnc.x-k8s.io/v1alpha2', kind: 'SubnamespaceAnchor', metadata: { name: 'shop-staging', namespace: 'shop' } });
  });
});
