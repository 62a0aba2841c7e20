import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  DefaultDenyNamespace, Guardrails, InternalCertificate, InternalIngress, OAuth2Proxy, Peer, Platform, SecureApp, Severity,
  TlsCertificate, TlsIngress,
} from '../../src';
import { SUPPRESS_ANNOTATION } from '../../src/rules/suppressions';
import { synth } from '../constructs/helpers';

// The library's constructs attach the synth-time guardrails to their chart, with their platform's
// facts; these tests use whole, valid charts and add one bad object by hand.

const IMAGE = 'ghcr.io/acme/web:1.4.2';

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

/** A complete, finding-free chart: a namespace, an app behind a TlsIngress. */
function shop(platform = Platform.welkin({ domain: 'example.com' })) {
  const chart = new Chart(Testing.app(), 'shop');
  platform.registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'shop');
  const web = new SecureApp(ns, 'web', { image: IMAGE, port: 3000 });
  new TlsIngress(chart, 'web-ingress', { app: web, host: 'shop.example.com' });
  return { chart, ns, web };
}

/** A hand-made object in the shop namespace that a rule rejects. */
function loadBalancer(chart: Chart): ApiObject {
  return new ApiObject(chart, 'public-lb', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'public-lb', namespace: 'shop' },
    spec: {
      type: 'LoadBalancer',
      selector: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  });
}

describe('charts using the library constructs are checked at synth', () => {
  test('a valid chart synthesizes with no finding and prints nothing', () => {
    const { chart } = shop();
    expect(Guardrails.of(chart)).toBeDefined();
    expect(Guardrails.of(chart)!.findings().findings).toEqual([]);
    expect(() => synth(chart)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });

  test('a hand-added LoadBalancer Service fails the synth, naming the object, the rule, the fix and the construct', () => {
    const { chart } = shop();
    loadBalancer(chart);
    expect(() => Testing.synth(chart)).toThrow(
      /\[shop\] \[service-type\] Service shop\/public-lb has type "LoadBalancer"\. Fix: Use `type: ClusterIP`[^\n]* \(construct shop\/public-lb; if this is intended, annotate the object cdk8s-netsec\.io\/suppress: "service-type: <reason>"\)/);
  });

  test('a hand-added Deployment with a latest image fails the synth with image-tag-pinned', () => {
    const { chart, web } = shop();
    const deployment = web.deployment.toJson();
    new ApiObject(chart, 'legacy', {
      ...deployment,
      metadata: { ...deployment.metadata, name: 'legacy' },
      spec: {
        ...deployment.spec,
        template: {
          ...deployment.spec.template,
          spec: { ...deployment.spec.template.spec, containers: [{ ...deployment.spec.template.spec.containers[0], image: 'nginx:latest' }] },
        },
      },
    });
    expect(() => Testing.synth(chart)).toThrow(
      /\[image-tag-pinned\] Deployment shop\/legacy: container 'web' uses image 'nginx:latest' with the tag latest\. Fix: Use an explicit version tag[^\n]*\(construct shop\/legacy;/);
  });

  test('the suppression annotation with a reason lets the hand-made object through', () => {
    const { chart } = shop();
    loadBalancer(chart).metadata.addAnnotation(SUPPRESS_ANNOTATION, 'service-type: the legacy TCP endpoint, tracked in TICKET-12');
    expect(() => synth(chart)).not.toThrow();
    expect(Guardrails.of(chart)!.findings().suppressed.map(f => f.ruleId)).toEqual(['service-type']);
  });

  test('a warning-level finding (a single replica) is printed and does not fail the synth', () => {
    const { chart, ns } = shop();
    const worker = new SecureApp(ns, 'worker', { image: IMAGE, port: 8080, replicas: 1 });
    worker.allowFrom(Peer.namespace('shop'));
    expect(() => synth(chart)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/^cdk8s-netsec warning \[min-replicas\] Deployment shop\/worker has replicas 1\. Fix: .* \(construct shop\/shop\/worker\/Deployment\)$/);
  });

  test('an app nobody may connect to fails the synth (its policy has no ingress rule)', () => {
    const { chart, ns } = shop();
    new SecureApp(ns, 'lonely', { image: IMAGE, port: 8080 });
    expect(() => Testing.synth(chart)).toThrow(/\[app-network-policy\] Deployment shop\/lonely: its policy NetworkPolicy shop\/lonely is incomplete: it has no ingress rule/);
  });

  test('a chart without library constructs is not checked unless Guardrails.apply is called', () => {
    const chart = new Chart(Testing.app(), 'plain');
    loadBalancer(chart);
    expect(Guardrails.of(chart)).toBeUndefined();
    expect(() => synth(chart)).not.toThrow();
    Guardrails.apply(chart, { disabledRules: ['dangling-references'] });
    expect(() => Testing.synth(chart)).toThrow(/\[service-type\] Service shop\/public-lb/);
  });

  test('options applied by the user keep the platform facts the constructs passed', () => {
    const { chart } = shop(Platform.welkin({ domain: 'example.com', dns: { cidrs: ['10.233.0.3/32'] } }));
    Guardrails.apply(chart, { severityOverrides: { 'min-replicas': Severity.ERROR } });
    expect(Guardrails.of(chart)!.findings().findings).toEqual([]);
    expect(() => synth(chart)).not.toThrow();
  });
});

describe('every emitting construct attaches the guardrails with its platform DNS facts', () => {
  // A node-local DNS CIDR: without the platform's facts, dns-egress would flag allow-dns's ipBlock.
  const platform = Platform.welkin({ domain: 'example.com', dns: { namespace: 'dns', podLabels: { app: 'coredns' }, cidrs: ['169.254.20.10/32'] } });
  const expectedFacts = (chart: Chart) => {
    const g = Guardrails.of(chart);
    expect(g).toBeDefined();
    // Findings are computed with the facts: the allow-dns / app DNS rules are accepted.
    expect(g!.findings().findings.filter(f => f.ruleId === 'dns-egress')).toEqual([]);
  };
  function chartWithNamespace() {
    const chart = new Chart(Testing.app(), 'c');
    platform.registerOn(chart);
    return chart;
  }
  const builders: [string, (chart: Chart) => void][] = [
    ['DefaultDenyNamespace', chart => new DefaultDenyNamespace(chart, 'demo')],
    ['SecureApp', chart => new SecureApp(chart, 'web', { namespace: { name: 'demo' }, image: IMAGE, port: 80 })],
    ['TlsCertificate (and the solver policy)', chart => new TlsCertificate(chart, 'cert', { namespace: { name: 'demo' }, dnsNames: ['demo.example.com'] })],
    ['OAuth2Proxy', chart => new OAuth2Proxy(chart, 'proxy', {
      host: 'demo.example.com', namespace: { name: 'demo' }, tlsSecretName: 'demo-tls', issuerUrl: 'https://dex.example.com', clientId: 'demo', secretName: 'oauth2',
    })],
  ];
  test.each(builders)('%s', (_name, build) => {
    const chart = chartWithNamespace();
    build(chart);
    expectedFacts(chart);
  });

  test('TlsIngress and InternalIngress (in a chart whose app was made elsewhere)', () => {
    const app = Testing.app();
    const appChart = new Chart(app, 'apps');
    platform.registerOn(app);
    const web = new SecureApp(appChart, 'web', { namespace: { name: 'demo' }, image: IMAGE, port: 80 });
    const admin = new SecureApp(appChart, 'admin', { namespace: { name: 'ops' }, image: IMAGE, port: 80 });
    const publicChart = new Chart(app, 'public');
    new TlsIngress(publicChart, 'i', { app: web, host: 'demo.example.com' });
    const internalChart = new Chart(app, 'internal');
    const internalPlatform = Platform.welkin({ domain: 'example.com', dns: platform.dnsCidrs.length ? { namespace: platform.dnsNamespace, podLabels: platform.dnsPodLabels, cidrs: platform.dnsCidrs } : undefined, internalLoadBalancer: true });
    new InternalIngress(internalChart, 'i', { app: admin, host: 'admin.internal.example.com', certificate: InternalCertificate.platformWildcard('wildcard-tls'), platform: internalPlatform });
    expectedFacts(publicChart);
    expectedFacts(internalChart);
  });

  test('constructs on two platforms in one chart bring both platforms\' DNS CIDRs', () => {
    const chart = new Chart(Testing.app(), 'two');
    const a = Platform.welkin({ domain: 'example.com', dns: { cidrs: ['10.233.0.3/32'] } });
    const b = Platform.welkin({ domain: 'example.com', dns: { cidrs: ['169.254.20.10/32'] } });
    new DefaultDenyNamespace(chart, 'one', { platform: a });
    new DefaultDenyNamespace(chart, 'two', { platform: b });
    expect(Guardrails.of(chart)!.findings().findings).toEqual([]);
  });

  test('a whole chart on this platform synthesizes with no finding', () => {
    const { chart } = shop(platform);
    expect(Guardrails.of(chart)!.findings().findings).toEqual([]);
  });
});
