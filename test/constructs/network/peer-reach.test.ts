/* eslint-disable no-bitwise */
import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Cdk8sReachability, DefaultDenyNamespace, Peer, Platform, Port, ReportFormat, SecureApp } from '../../../src';
import { formatIp } from '../../../src/kube/ip';
import { kubePeers } from '../helpers';

// Address blocks are judged by what they reach (cidr minus except), on the platform's network.
const IMAGE = 'harbor.example.com/demo/web:1.0.0';

function app(platform = Platform.welkin({ domain: 'example.com' })): { chart: Chart; web: SecureApp } {
  const chart = new Chart(Testing.app(), 'test');
  platform.registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'ns', { name: 'demo' });
  const web = new SecureApp(chart, 'web', { namespace: ns, image: IMAGE, port: 3000 });
  web.allowFrom(platform.ingressController);
  return { chart, web };
}

describe('peer blocks', () => {
  test('a block inside a private range that is not the cluster\'s is accepted (a VPC database)', () => {
    const { chart, web } = app();
    web.allowTo(Peer.cidr('10.20.0.0/16'), Port.tcp(5432));
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(analysis.isAllowed(web, '10.20.1.1', 5432)).toBe(true);
  });

  test('allowInternalAddresses lets a block reach internal addresses, explicitly', () => {
    const { chart, web } = app();
    web.allowTo(Peer.cidr('10.0.0.0/8', undefined, { allowInternalAddresses: true }), Port.tcp(443));
    web.allowTo(Peer.cidr('169.254.169.254/32', [], { allowInternalAddresses: true }), Port.tcp(80));
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(analysis.isAllowed(web, '10.233.64.7', 443)).toBe(true);
    expect(analysis.isAllowed(web, '169.254.169.254', 80)).toBe(true);
  });

  test('the internet leaves out the platform\'s own pod and service ranges, even public ones', () => {
    const platform = Platform.custom({
      ingressController: Platform.welkin({ domain: 'example.com' }).ingressController,
      ingressClassName: 'nginx',
      appDomain: 'app.example.com',
      podCidrs: ['5.0.0.0/16'],
      serviceCidrs: ['10.96.0.0/12'],
    });
    const { chart, web } = app(platform);
    web.allowTo(Peer.internet(), Port.tcp(443));
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(analysis.isAllowed(web, '5.0.1.1', 443)).toBe(false);
    expect(analysis.isAllowed(web, '5.1.0.1', 443)).toBe(true);
    expect(analysis.isAllowed(web, '8.8.8.8', 443)).toBe(true);
    for (const internal of ['169.254.169.254', '127.0.0.1', '0.0.0.1', '240.0.0.1', '224.0.0.251', '100.64.0.1', '64:ff9b::a9fe:a9fe', '2002:a9fe:a9fe::1', '::1', 'fd00:ec2::254', '::ffff:169.254.169.254']) {
      expect([internal, analysis.isAllowed(web, internal, 443)]).toEqual([internal, false]);
    }
    expect((kubePeers(Peer.internet(), 'demo')[0] as any).ipBlock.except).not.toContain('5.0.0.0/16');
  });
});

describe('property: random peer blocks never reach the metadata service unless told to', () => {
  const block = fc.oneof(
    fc.tuple(fc.constant<4 | 6>(4), fc.bigInt({ min: BigInt(0), max: (BigInt(1) << BigInt(32)) - BigInt(1) }), fc.integer({ min: 0, max: 32 })),
    fc.tuple(fc.constant<4 | 6>(6), fc.bigInt({ min: BigInt(0), max: (BigInt(1) << BigInt(128)) - BigInt(1) }), fc.integer({ min: 0, max: 128 })),
  ).map(([family, value, prefix]) => {
    const host = BigInt((family === 4 ? 32 : 128) - prefix);
    return `${formatIp(family, (value >> host) << host)}/${prefix}`;
  });
  const near = fc.constantFrom('169.254.169.254/32', '169.254.0.0/16', '168.0.0.0/6', '128.0.0.0/1', '0.0.0.0/0', '::/0', 'fd00::/8', '::ffff:0:0/96', '64:ff9b::/96', '2002::/16');
  const peer = fc.record({ cidr: fc.oneof(block, near), except: fc.array(fc.oneof(block, near), { maxLength: 3 }) });

  test('without the option, a block that is accepted never admits 169.254.169.254 or fd00:ec2::254', () => {
    fc.assert(fc.property(peer, ({ cidr, except }) => {
      const { chart, web } = app();
      try {
        web.allowTo(Peer.cidr(cidr, except), Port.tcp(80));
      } catch {
        return; // rejected with a message
      }
      const analysis = Cdk8sReachability.fromChart(chart);
      expect(analysis.isAllowed(web, '169.254.169.254', 80)).toBe(false);
      expect(analysis.isAllowed(web, 'fd00:ec2::254', 80)).toBe(false);
    }), { numRuns: 150 });
  });

  test('with the option, the same blocks are accepted when otherwise valid (the option is what lets them in)', () => {
    const { chart, web } = app();
    web.allowTo(Peer.cidr('0.0.0.0/0', ['10.0.0.0/8'], { allowInternalAddresses: true }), Port.tcp(80));
    expect(Cdk8sReachability.fromChart(chart).isAllowed(web, '169.254.169.254', 80)).toBe(true);
  });
});

describe('reports name the internet', () => {
  test('md, dot and mermaid print one "the internet" peer; text keeps netpol-analyzer\'s ranges', () => {
    const { chart, web } = app();
    web.allowTo(Peer.internet(), Port.tcp(443));
    web.allowTo(Peer.cidr('203.0.113.0/24'), Port.tcp(22));
    const analysis = Cdk8sReachability.fromChart(chart);
    const md = analysis.render(ReportFormat.MARKDOWN);
    expect(md).toContain('| `demo/web[Deployment]` | `the internet` | TCP 443 |');
    expect(md).toContain('| `demo/web[Deployment]` | `203.0.113.0/24` | TCP 22 |');
    expect(md).not.toContain('1.0.0.0-9.255.255.255');
    expect(analysis.render(ReportFormat.DOT)).toContain('[label="the internet", shape=ellipse]');
    expect(analysis.render(ReportFormat.MERMAID)).toContain('["the internet"]');
    const text = analysis.render(ReportFormat.TEXT);
    expect(text).toContain('demo/web[Deployment] => 1.0.0.0-9.255.255.255 : TCP 443');
    expect(text).not.toContain('the internet');
  });

  test('anywhere but one private range is one "anywhere except" peer in md, dot and mermaid, two ranges in text', () => {
    const { chart, web } = app();
    web.allowTo(Peer.cidr('0.0.0.0/0', ['10.0.0.0/8'], { allowInternalAddresses: true }), Port.tcp(80));
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(analysis.render(ReportFormat.MARKDOWN).match(/anywhere except 10\.0\.0\.0\/8/g)).toHaveLength(1);
    expect(analysis.render(ReportFormat.DOT)).toContain('[label="anywhere except 10.0.0.0/8", shape=ellipse]');
    expect(analysis.render(ReportFormat.MERMAID)).toContain('["anywhere except 10.0.0.0/8"]');
    const text = analysis.render(ReportFormat.TEXT);
    expect(text).toContain('demo/web[Deployment] => 0.0.0.0-9.255.255.255 : TCP 80');
    expect(text).toContain('demo/web[Deployment] => 11.0.0.0-255.255.255.255 : TCP 80');
  });

  test('a set that is not exactly the internet is not named the internet', () => {
    const { chart, web } = app();
    web.allowTo(Peer.cidr('8.0.0.0/8'), Port.tcp(443));
    expect(Cdk8sReachability.fromChart(chart).render(ReportFormat.MARKDOWN)).not.toContain('the internet');
  });
});
