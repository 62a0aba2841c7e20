/* eslint-disable no-bitwise */ // address arithmetic is bit arithmetic
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { validateManifest } from './helpers';
import {
  AppProbe, AppVolume, CertIssuer, DefaultDenyNamespace, EnvFrom, Guardrails, InternalCertificate, InternalIngress, ManagedService, Peer,
  Platform, Port, SecureApp, SecureAppProps, Selector, TlsCertificate, TlsIngress, Validate, WorkloadKind,
} from '../../src';
import { formatIp } from '../../src/kube/ip';

// Property tests over the constructs' inputs:
// 1. random VALID props always synthesize, with zero guardrail findings (errors or warnings);
// 2. random strings put where hosts, paths, CIDRs and URLs go are either rejected with an error
//    naming the construct path, or reach the output only in a form the strict validators accept.

const RUNS = 40;

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

// ---- generators of valid values ----

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
/** Names the library uses for its own policies; an app may not take them. */
const RESERVED = new Set(['default-deny', 'allow-dns', 'allow-acme-http01-solver', 'allow-same-namespace']);
const appName = label.filter(n => !RESERVED.has(n));
const domain = fc.tuple(label, fc.stringMatching(/^[a-z]{2,6}$/)).map(([l, tld]) => `${l}.${tld}`);
const tag = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,9}$/).filter(t => t !== 'latest');
const image = fc.tuple(label, label, tag).map(([org, repo, t]) => `ghcr.io/${org}/${repo}:${t}`);
const port = fc.integer({ min: 1, max: 65535 });
const replicas = fc.integer({ min: 2, max: 6 });
const pathSegment = fc.stringMatching(/^[a-zA-Z0-9_~-]{1,10}$/);
const httpPath = fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map(s => `/${s.join('/')}`);

/** A block inside one of the RFC 1918 ranges (prefix at least the range's own). */
const privateCidr = fc.tuple(
  fc.constantFrom<[number, number]>([10 << 24, 8], [(172 << 24) | (16 << 16), 12], [(192 << 24) | (168 << 16), 16]),
  fc.integer({ min: 0, max: 0xffffffff }),
  fc.integer({ min: 0, max: 32 }),
).map(([[base, basePrefix], random, p]) => {
  const prefix = Math.max(p, basePrefix);
  const hostBits = BigInt(32 - basePrefix);
  const inside = BigInt(base >>> 0) | (BigInt(random >>> 0) & ((1n << hostBits) - 1n));
  const shift = BigInt(32 - prefix);
  return `${formatIp(4, (inside >> shift) << shift)}/${prefix}`;
});

interface ValidShop {
  readonly domain: string;
  readonly namespace: string;
  readonly web: string;
  readonly admin: string;
  readonly webImage: string;
  readonly webPort: number;
  readonly adminPort: number;
  readonly replicas: number;
  readonly publicHost: string;
  readonly internalHost: string;
  readonly paths: string[];
  readonly allowlist?: string[];
  readonly internalAllowlist: string[];
  readonly withOAuth2: boolean;
}

const validShop: fc.Arbitrary<ValidShop> = fc.record({
  domain,
  namespace: appName,
  web: appName,
  admin: appName,
  webImage: image,
  webPort: port,
  adminPort: port,
  replicas,
  publicHost: label,
  internalHost: label,
  paths: fc.uniqueArray(httpPath, { maxLength: 3 }),
  allowlist: fc.option(fc.uniqueArray(privateCidr, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  internalAllowlist: fc.uniqueArray(privateCidr, { minLength: 1, maxLength: 3 }),
  withOAuth2: fc.boolean(),
}).filter(s => s.web !== s.admin && !s.paths.includes('/') && !s.paths.some(p => p === '/oauth2' || p.startsWith('/oauth2/')));

function buildShop(s: ValidShop): Chart {
  const chart = new Chart(Testing.app(), 'shop');
  Platform.welkin({ domain: s.domain, internalLoadBalancer: true }).registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'ns', { name: s.namespace });
  const web = new SecureApp(ns, 'web', { name: s.web, image: s.webImage, port: s.webPort, replicas: s.replicas });
  const admin = new SecureApp(ns, 'admin', { name: s.admin, image: 'ghcr.io/acme/admin:2.0.1', port: s.adminPort });
  web.allowTo(admin);
  admin.allowTo(Peer.internet(), Port.tcp(443));
  new TlsIngress(chart, 'public', {
    app: web,
    host: `${s.publicHost}.${s.domain}`,
    paths: s.paths.map(path => ({ path })),
    allowSourceRanges: s.allowlist,
    oauth2Proxy: s.withOAuth2 ? { issuerUrl: `https://login.${s.domain}/realms/shop`, clientId: s.web, secretName: `${s.web}-oauth2` } : undefined,
  });
  new InternalIngress(chart, 'internal', {
    app: admin, host: `${s.internalHost}.internal.${s.domain}`, allowSourceRanges: s.internalAllowlist, certificate: InternalCertificate.platformWildcard('internal-wildcard-tls'),
  });
  return chart;
}

describe('random valid props', () => {
  test('always synthesize with zero guardrail findings and print no warning', () => {
    fc.assert(fc.property(validShop, s => {
      const chart = buildShop(s);
      const result = Guardrails.of(chart)!.findings();
      expect(result.findings).toEqual([]);
      expect(() => Testing.synth(chart)).not.toThrow();
      expect(warn).not.toHaveBeenCalled();
    }), { numRuns: RUNS });
  });

  test('random private allowlists on an InternalIngress are emitted exactly as given, comma-joined', () => {
    fc.assert(fc.property(fc.uniqueArray(privateCidr, { minLength: 1, maxLength: 4 }), ranges => {
      const ingress = Testing.synth(shopWith(s => ({ ...s, internalAllowlist: ranges })).build()).find(o => o.kind === 'Ingress' && o.spec.rules[0].host.includes('.internal.'));
      expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe(ranges.join(','));
    }), { numRuns: RUNS });
  });
});

// ---- random strings where hosts, paths, CIDRs and URLs go ----

/** Characters that must never reach an annotation or a field unvalidated. */
const FORBIDDEN = /[\n\r;{}"'`\s\\]/;

/** Random strings: arbitrary text, and valid values with one character inserted. */
function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const nasty = fc.constantFrom(...'\n\r;{}"\'` \t\\$#%*?[]()<>|&,!@=+^Aa0.-/:_~'.split(''));
  const inserted = fc.tuple(valid, nasty, fc.nat()).map(([v, ch, at]) => {
    const i = at % (v.length + 1);
    return v.slice(0, i) + ch + v.slice(i);
  });
  return fc.oneof(fc.string(), fc.fullUnicodeString({ maxLength: 20 }), inserted, valid);
}

/** Every string value anywhere in the synthesized objects. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

function shopWith(change: (s: ValidShop) => ValidShop): { build: () => Chart; s: ValidShop } {
  const s = change({
    domain: 'example.com',
    namespace: 'shop',
    web: 'web',
    admin: 'admin',
    webImage: 'ghcr.io/acme/web:1.4.2',
    webPort: 3000,
    adminPort: 8080,
    replicas: 2,
    publicHost: 'shop',
    internalHost: 'admin',
    paths: [],
    internalAllowlist: ['10.0.0.0/8'],
    withOAuth2: true,
  });
  return { build: () => buildShop(s), s };
}

/**
 * Build the chart with the random value in place. Either construction throws an error naming a
 * construct path (and nothing is synthesized), or the output passes the guardrails (which include
 * safe annotation values) and every string in it that contains the random value passes `strict`.
 */
function rejectedOrStrict(random: string, change: (s: ValidShop) => ValidShop, strict: (v: string) => string | undefined): Outcome {
  const { build } = shopWith(change);
  let chart: Chart;
  try {
    chart = build();
  } catch (e) {
    expect((e as Error).message).toMatch(/^shop\/[A-Za-z0-9/-]+: \S/);
    return 'rejected';
  }
  expect(strict(random)).toBeUndefined();
  expect(Guardrails.of(chart)!.findings().findings.filter(f => f.severity === 'error')).toEqual([]);
  const objects = Testing.synth(chart);
  const annotations = objects.flatMap(o => Object.values(o.metadata.annotations ?? {}) as string[]);
  for (const a of annotations) expect(a).not.toMatch(FORBIDDEN);
  // PromQL quotes label values: there the value may appear only inside quotes, made of host characters.
  const promQl = new Set(objects.filter(o => o.kind === 'PrometheusRule').flatMap(o => o.spec.groups.flatMap((g: any) => g.rules.map((r: any) => r.expr))));
  for (const text of stringsOf(objects).filter(t => random !== '' && t.includes(random))) {
    if (promQl.has(text)) {
      expect(text.replace(/"[a-z0-9.-]*"/g, '""')).not.toContain(random);
      continue;
    }
    expect(text).not.toMatch(/[\n\r;{}"'`]/);
  }
  return 'accepted';
}

type Outcome = 'accepted' | 'rejected';

/** Run the property and check that the generator produced both outcomes (else it proves little). */
function assertBothOutcomes(arb: fc.Arbitrary<string>, run: (random: string) => Outcome): void {
  const seen = new Set<Outcome>();
  fc.assert(fc.property(arb, random => {
    seen.add(run(random));
  }), { numRuns: 150 });
  expect([...seen].sort()).toEqual(['accepted', 'rejected']);
}

describe('random strings never reach the output unvalidated', () => {
  test('hosts (TlsIngress: rules, tls, secret name, oauth2-proxy redirect URL)', () => {
    assertBothOutcomes(mutated(label), random => rejectedOrStrict(`${random}.example.com`, s => ({ ...s, publicHost: random }), Validate.host));
  });

  test('internal hosts (InternalIngress)', () => {
    assertBothOutcomes(mutated(label), random => rejectedOrStrict(`${random}.internal.example.com`, s => ({ ...s, internalHost: random }), Validate.host));
  });

  test('paths (Ingress paths)', () => {
    assertBothOutcomes(mutated(httpPath), random => rejectedOrStrict(random, s => ({ ...s, paths: [random] }), Validate.httpPath));
  });

  test('CIDRs (TlsIngress allowlist annotation)', () => {
    assertBothOutcomes(mutated(privateCidr), random => rejectedOrStrict(random, s => ({ ...s, allowlist: [random] }), Validate.cidr));
  });

  test('CIDRs (InternalIngress allowlist annotation)', () => {
    assertBothOutcomes(mutated(privateCidr), random => rejectedOrStrict(random, s => ({ ...s, internalAllowlist: [random] }), Validate.cidr));
  });

  test('URLs (oauth2-proxy identity provider, in container arguments)', () => {
    const url = fc.tuple(label, httpPath).map(([host, path]) => `https://${host}.example.com${path}`);
    assertBothOutcomes(mutated(url), random => {
      const { build } = shopWith(s => s);
      // The URL goes in through the oauth2Proxy option of a TlsIngress built by hand.
      let chart: Chart;
      try {
        chart = build();
        const admin = chart.node.findAll().find(c => c instanceof SecureApp && (c as SecureApp).name === 'admin') as SecureApp;
        new TlsIngress(chart, 'extra', {
          app: admin, name: 'extra', host: 'extra.example.com', oauth2Proxy: { issuerUrl: random, clientId: 'extra', secretName: 'extra-oauth2' },
        });
      } catch (e) {
        expect((e as Error).message).toMatch(/^shop\/extra(\/[A-Za-z0-9]+)*: issuer URL /);
        return 'rejected';
      }
      expect(Validate.httpsUrl(random)).toBeUndefined();
      expect(Guardrails.of(chart)!.findings().findings.filter(f => f.severity === 'error')).toEqual([]);
      const args = stringsOf(Testing.synth(chart)).filter(t => t.includes(random));
      expect(args).toContain(`--oidc-issuer-url=${random}`);
      for (const a of args) expect(a).not.toMatch(/[\s;{}"'`]/);
      return 'accepted';
    });
  });
});

describe('random strings in any string prop of SecureApp', () => {
  /** Where a random string can go, as props over a valid app. */
  const SLOTS: { [slot: string]: (r: string) => Partial<SecureAppProps> } = {
    name: r => ({ name: r }),
    image: r => ({ image: r }),
    imageTag: r => ({ image: `ghcr.io/acme/fuzz:${r}` }),
    portName: r => ({ portName: r }),
    cpuRequest: r => ({ cpuRequest: r }),
    cpuLimit: r => ({ cpuLimit: r }),
    memoryRequest: r => ({ memoryRequest: r }),
    memoryLimit: r => ({ memoryLimit: r }),
    component: r => ({ component: r }),
    partOf: r => ({ partOf: r }),
    instance: r => ({ instance: r }),
    podLabelKey: r => ({ podLabels: { [r]: 'x' } }),
    podLabelValue: r => ({ podLabels: { team: r } }),
    envName: r => ({ env: { [r]: 'x' } }),
    secretName: r => ({ secretEnv: [{ name: 'TOKEN', secretName: r, key: 'token' }] }),
    secretKey: r => ({ secretEnv: [{ name: 'TOKEN', secretName: 'fuzz', key: r }] }),
    probePath: r => ({ probe: AppProbe.http(r) }),
    metricsPath: r => ({ metrics: { path: r } }),
    execProbe: r => ({ probe: AppProbe.exec([r]) }),
    configMapVolume: r => ({ volumes: [AppVolume.configMap(r, '/etc/app')] }),
    secretVolume: r => ({ volumes: [AppVolume.secret(r, '/etc/app')] }),
    claimVolume: r => ({ volumes: [AppVolume.persistentVolumeClaim(r, '/data')] }),
    mountPath: r => ({ volumes: [AppVolume.configMap('cfg', r)] }),
    envFromName: r => ({ envFrom: [EnvFrom.secret(r)] }),
    envFromPrefix: r => ({ envFrom: [EnvFrom.configMap('cfg', r)] }),
    sidecarName: r => ({ sidecars: [{ name: r, image: 'ghcr.io/acme/side:1.0.0', probe: AppProbe.exec(['/ok']) }] }),
    sidecarImage: r => ({ sidecars: [{ name: 'side', image: r, probe: AppProbe.exec(['/ok']) }] }),
    initMemory: r => ({ initContainers: [{ name: 'init', image: 'ghcr.io/acme/init:1.0.0', memoryRequest: r }] }),
    namedPort: r => ({ port: undefined, ports: [{ name: r, port: 8080 }] }),
    claimSize: r => ({ workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: r }]) }),
    claimName: r => ({ workload: WorkloadKind.statefulSet([{ name: r, mountPath: '/data', size: '1Gi' }]) }),
    tmpSize: r => ({ tmpSize: r }),
  };
  const valid = fc.oneof(label, fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,12}$/), fc.constantFrom('100m', '0.5', '128Mi', '1Gi', '/healthz', 'TOKEN_2'));

  test('are rejected naming the app, or give objects that pass the Kubernetes schemas and the guardrails', () => {
    const seen = new Set<Outcome>();
    fc.assert(fc.property(fc.constantFrom(...Object.keys(SLOTS)), mutated(valid), (slot, random) => {
      const chart = new Chart(Testing.app(), 'shop');
      Platform.welkin({ domain: 'example.com' }).registerOn(chart);
      const ns = new DefaultDenyNamespace(chart, 'ns', { name: 'shop' });
      let app: SecureApp;
      try {
        app = new SecureApp(ns, 'fuzz', { image: 'ghcr.io/acme/fuzz:1.0.0', port: 8080, ...SLOTS[slot](random) });
      } catch (e) {
        expect((e as Error).message).toMatch(/^shop\/ns\/fuzz: \S/);
        seen.add('rejected');
        return;
      }
      app.allowFrom(Peer.namespace('shop'));
      const objects = Testing.synth(chart);
      for (const o of objects) validateManifest(o);
      seen.add('accepted');
    }), { numRuns: 400 });
    expect([...seen].sort()).toEqual(['accepted', 'rejected']);
  });
});

describe('random strings in any string prop of the other constructs', () => {
  interface Fixture { chart: Chart; ns: DefaultDenyNamespace; web: SecureApp }
  /** Where a random string can go: the construct path its errors must name, and how to put it there. */
  const SLOTS: { [slot: string]: [string, (f: Fixture, r: string) => unknown] } = {
    namespaceName: ['shop/fuzz', (f, r) => new DefaultDenyNamespace(f.chart, 'fuzz', { name: r })],
    namespaceLabelKey: ['shop/fuzz', (f, r) => new DefaultDenyNamespace(f.chart, 'fuzz', { name: 'fuzz', labels: { [r]: 'x' } })],
    namespaceLabelValue: ['shop/fuzz', (f, r) => new DefaultDenyNamespace(f.chart, 'fuzz', { name: 'fuzz', labels: { team: r } })],
    ingressName: ['shop/fuzz', (f, r) => new TlsIngress(f.chart, 'fuzz', { app: f.web, host: 'fuzz.example.com', name: r })],
    ingressSecret: ['shop/fuzz', (f, r) => new TlsIngress(f.chart, 'fuzz', { app: f.web, host: 'fuzz.example.com', secretName: r })],
    clusterIssuer: ['shop/fuzz', (f, r) => new TlsIngress(f.chart, 'fuzz', { app: f.web, host: 'fuzz.example.com', issuer: CertIssuer.clusterIssuer(r) })],
    certificateName: ['shop/ns/fuzz', (f, r) => new TlsCertificate(f.ns, 'fuzz', { name: r, dnsNames: ['fuzz.example.com'] })],
    certificateSecret: ['shop/ns/fuzz', (f, r) => new TlsCertificate(f.ns, 'fuzz', { secretName: r, dnsNames: ['fuzz.example.com'] })],
    certificateDnsName: ['shop/ns/fuzz', (f, r) => new TlsCertificate(f.ns, 'fuzz', { dnsNames: [r] })],
    namespacedIssuer: ['shop/ns/fuzz', (f, r) => new TlsCertificate(f.ns, 'fuzz', { dnsNames: ['fuzz.example.com'], issuer: CertIssuer.issuer(r) })],
    oauth2ClientId: ['shop/fuzz/OAuth2Proxy', (f, r) => new TlsIngress(f.chart, 'fuzz', {
      app: f.web, host: 'fuzz.example.com', oauth2Proxy: { issuerUrl: 'https://dex.example.com', clientId: r, secretName: 'fuzz-oauth2' },
    })],
    oauth2Secret: ['shop/fuzz/OAuth2Proxy', (f, r) => new TlsIngress(f.chart, 'fuzz', {
      app: f.web, host: 'fuzz.example.com', oauth2Proxy: { issuerUrl: 'https://dex.example.com', clientId: 'fuzz', secretName: r },
    })],
    oauth2EmailDomain: ['shop/fuzz/OAuth2Proxy', (f, r) => new TlsIngress(f.chart, 'fuzz', {
      app: f.web, host: 'fuzz.example.com', oauth2Proxy: { issuerUrl: 'https://dex.example.com', clientId: 'fuzz', secretName: 'fuzz-oauth2', emailDomains: [r] },
    })],
    peerNamespace: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.namespace(r))],
    peerPodLabel: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.pods({ app: r }))],
    peerPodNamespace: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.pods({ app: 'x' }, r))],
    peerCidr: ['shop/ns/web', (f, r) => f.web.allowTo(Peer.cidr(r), Port.tcp(443))],
    managedCluster: ['shop/ns/web', (f, r) => f.web.allowTo(ManagedService.rabbitmq(r))],
    namedPort: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.namespace('shop'), Port.named(r))],
    namespaceSelector: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.namespaces(Selector.labels({ purpose: r })))],
    namespaceSelectorKey: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.namespaces(Selector.hasLabel(r)))],
    podExpression: ['shop/ns/web', (f, r) => f.web.allowFrom(Peer.podsMatching(Selector.labelIn('tier', [r])))],
    cronSchedule: ['shop/ns/fuzz', (f, r) => new SecureApp(f.ns, 'fuzz', { image: 'ghcr.io/acme/fuzz:1.0.0', workload: WorkloadKind.cronJob({ schedule: r }) })],
  };
  const valid = fc.oneof(label, fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,12}$/), fc.constantFrom('fuzz.example.com', '203.0.113.0/24', 'team-a'));

  test('are rejected naming the construct, or give objects that pass the schemas and the guardrails', () => {
    const seen = new Set<Outcome>();
    fc.assert(fc.property(fc.constantFrom(...Object.keys(SLOTS)), mutated(valid), (slot, random) => {
      const chart = new Chart(Testing.app(), 'shop');
      const platform = Platform.welkin({ domain: 'example.com' }).registerOn(chart);
      const ns = new DefaultDenyNamespace(chart, 'ns', { name: 'shop' });
      const web = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080 });
      web.allowFrom(platform.ingressController);
      const [path, put] = SLOTS[slot];
      try {
        put({ chart, ns, web }, random);
      } catch (e) {
        expect((e as Error).message.startsWith(`${path}: `)).toBe(true);
        seen.add('rejected');
        return;
      }
      const objects = Testing.synth(chart);
      for (const o of objects) validateManifest(o);
      seen.add('accepted');
    }), { numRuns: 500 });
    expect([...seen].sort()).toEqual(['accepted', 'rejected']);
  });
});
