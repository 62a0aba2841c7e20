import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { IngressController, Platform } from '../../../src';
import { kubePeers } from '../helpers';

describe('Platform.welkin', () => {
  const p = Platform.welkin({ domain: 'example.com' });
  test('bakes in the documented values', () => {
    expect(p.ingressClassName).toBe('nginx');
    expect(p.appDomain).toBe('app.example.com');
    expect(p.internalDomain).toBe('internal.example.com');
    expect(p.productionIssuer).toBe('letsencrypt-prod');
    expect(p.stagingIssuer).toBe('letsencrypt-staging');
    expect(p.dnsNamespace).toBe('kube-system');
    expect(p.dnsPodLabels).toEqual({ 'k8s-app': 'kube-dns' });
    expect(p.dnsCidrs).toEqual(['10.233.0.3/32']);
    expect(p.monitoringNamespace).toBe('monitoring');
    expect(p.monitoringPodLabels).toEqual({ 'app.kubernetes.io/name': 'prometheus' });
    expect(p.privateRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(p.monitoringServiceMonitors).toBe(true);
  });
  test('the ingress controller is the ingress-nginx controller pods, one combined element', () => {
    expect(kubePeers(p.ingressController.toPeer(), 'demo')).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
      podSelector: {
        matchLabels: {
          'app.kubernetes.io/name': 'ingress-nginx',
          'app.kubernetes.io/component': 'controller',
          'app.kubernetes.io/instance': 'ingress-nginx',
        },
      },
    }]);
  });
  test('DNS is ONE element combining namespace and pod selector, plus DNS CIDRs, UDP and TCP 53', () => {
    const withCidr = Platform.welkin({ domain: 'example.com', dns: { cidrs: ['10.233.0.3/32'] } });
    const dns = withCidr.dnsPeer()._definition;
    expect(kubePeers(withCidr.dnsPeer(), 'demo')).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
      { ipBlock: { cidr: '10.233.0.3/32' } },
    ]);
    expect(dns.defaultPorts!.map(x => x.toString())).toEqual(['UDP 53', 'TCP 53']);
  });
  test('every value is overridable', () => {
    const o = Platform.welkin({
      domain: 'example.com',
      ingressController: IngressController.hostNetwork(['10.1.0.0/24']),
      ingressClassName: 'internal',
      appDomain: 'lb.example.net',
      internalDomain: 'corp.example.net',
      productionIssuer: 'prod',
      stagingIssuer: 'staging',
      dns: { namespace: 'dns', podLabels: { app: 'coredns' } },
      monitoring: { namespace: 'obs', podLabels: { app: 'prom' } },
      privateRanges: ['10.0.0.0/8'],
    });
    expect([o.ingressClassName, o.appDomain, o.internalDomain, o.productionIssuer, o.stagingIssuer, o.dnsNamespace, o.monitoringNamespace])
      .toEqual(['internal', 'lb.example.net', 'corp.example.net', 'prod', 'staging', 'dns', 'obs']);
    expect(o.dnsPodLabels).toEqual({ app: 'coredns' });
    expect(o.monitoringPodLabels).toEqual({ app: 'prom' });
    expect(o.privateRanges).toEqual(['10.0.0.0/8']);
    expect(kubePeers(o.ingressController.toPeer(), 'x')).toEqual([{ ipBlock: { cidr: '10.1.0.0/24' } }]);
  });
  test('rejects a bad domain', () => {
    expect(() => Platform.welkin({ domain: 'Example.com' })).toThrow('Platform.welkin: domain "Example.com" contains uppercase letters');
    expect(() => Platform.welkin({ domain: 'example.com.' })).toThrow('Platform.welkin: domain "example.com." ends in a dot');
  });
  test('rejects bad DNS CIDRs and private ranges', () => {
    expect(() => Platform.welkin({ domain: 'example.com', dns: { cidrs: ['10.233.0.3'] } }))
      .toThrow('Platform.welkin: DNS CIDR "10.233.0.3" has no prefix length; write "10.233.0.3/32" for a single address');
    expect(() => Platform.welkin({ domain: 'example.com', privateRanges: ['10.0.0.1/8'] })).toThrow('private range "10.0.0.1/8" has host bits set');
    expect(() => Platform.welkin({ domain: 'example.com', privateRanges: [] })).toThrow('private ranges are empty');
  });
});

describe('Platform.custom', () => {
  test('generic cluster: optional facts stay unset', () => {
    const p = Platform.custom({
      ingressController: IngressController.pods('traefik', { 'app.kubernetes.io/name': 'traefik' }),
      ingressClassName: 'traefik',
      appDomain: 'lb.example.org',
    });
    expect(p.internalDomain).toBeUndefined();
    expect(p.productionIssuer).toBeUndefined();
    expect(p.monitoringNamespace).toBeUndefined();
    expect(p.monitoringServiceMonitors).toBe(false);
    expect(p.dnsNamespace).toBe('kube-system');
    expect(() => p.monitoringPeer()).toThrow('this platform has no monitoring');
  });
  test('rejects a host-network controller without CIDRs and bad selectors', () => {
    expect(() => Platform.custom({ ingressController: IngressController.hostNetwork([]), ingressClassName: 'nginx', appDomain: 'lb.example.org' }))
      .toThrow('Platform.custom: a host-network ingress controller needs the nodes\' CIDRs');
    expect(() => Platform.custom({ ingressController: IngressController.pods('Bad NS', { a: 'b' }), ingressClassName: 'nginx', appDomain: 'lb.example.org' }))
      .toThrow('ingress controller namespace "Bad NS" is not a DNS label');
    expect(() => Platform.custom({ ingressController: IngressController.pods('ingress', {}), ingressClassName: 'nginx', appDomain: 'lb.example.org' }))
      .toThrow('ingress controller pod labels are empty');
  });
});

describe('Platform.of', () => {
  test('finds the platform registered on the chart or an ancestor', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const inner = new Construct(chart, 'inner');
    const p = Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    expect(Platform.of(inner)).toBe(p);
    const onApp = Platform.welkin({ domain: 'example.org' }).registerOn(app);
    expect(Platform.of(new Chart(app, 'other'))).toBe(onApp);
    expect(Platform.of(inner)).toBe(p); // the nearest wins
  });
  test('a clear error when none is registered', () => {
    const chart = new Chart(Testing.app(), 'c');
    expect(() => Platform.of(new Construct(chart, 'x'))).toThrow(
      'c/x: no Platform found; pass `platform` in the props, or register one on the chart first, e.g. `Platform.welkin({ domain: \'example.com\' }).registerOn(chart)`');
  });
  test('registering a second, different platform on one chart is an error', () => {
    const chart = new Chart(Testing.app(), 'c');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    expect(() => Platform.welkin({ domain: 'example.org' }).registerOn(chart)).toThrow('c: a different Platform is already registered here');
  });
});
