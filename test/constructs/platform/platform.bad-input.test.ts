import { IngressController, Platform, PlatformProps, WelkinPlatformProps } from '../../../src';

// Platform is not a construct: its errors name the factory (Platform.welkin / Platform.custom), the
// value and what would be valid, and are thrown before any construct can use the platform.
interface Case {
  readonly input: string;
  readonly build: () => Platform;
  readonly value: string;
  readonly valid: string;
}

const welkin = (props: Partial<WelkinPlatformProps>) => () => Platform.welkin({ domain: 'example.com', ...props });
const CUSTOM: PlatformProps = {
  ingressController: IngressController.pods('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
  ingressClassName: 'nginx',
  appDomain: 'app.example.com',
};
const custom = (props: Partial<PlatformProps>) => () => Platform.custom({ ...CUSTOM, ...props });

const cases: Case[] = [
  { input: 'a domain with uppercase letters', build: welkin({ domain: 'Example.com' }), value: 'domain "Example.com" contains uppercase letters', valid: 'use the lowercase form "example.com"' },
  { input: 'a domain with a trailing dot', build: welkin({ domain: 'example.com.' }), value: 'domain "example.com." ends in a dot', valid: 'write it without the trailing dot' },
  { input: 'an ingress class that is not a DNS label', build: custom({ ingressClassName: 'NGINX' }), value: 'ingress class name "NGINX"', valid: '(e.g. "nginx")' },
  { input: 'a wildcard app domain', build: custom({ appDomain: '*.example.com' }), value: 'app domain "*.example.com" contains a wildcard', valid: 'name one host per entry' },
  { input: 'a production issuer with a space', build: welkin({ productionIssuer: 'letsencrypt prod' }), value: 'production issuer "letsencrypt prod"', valid: '(e.g. "letsencrypt-prod")' },
  { input: 'a DNS namespace that is not a DNS label', build: welkin({ dns: { namespace: 'Kube_System' } }), value: 'DNS namespace "Kube_System"', valid: '(e.g. "kube-system")' },
  { input: 'a DNS CIDR with host bits set', build: welkin({ dns: { cidrs: ['10.233.0.3/24'] } }), value: 'DNS CIDR "10.233.0.3/24" has host bits set', valid: 'use the network address "10.233.0.0/24"' },
  { input: 'a DNS CIDR on the internet', build: welkin({ dns: { cidrs: ['8.8.8.8/32'] } }), value: 'DNS CIDR "8.8.8.8/32" is not inside the cluster\'s own ranges', valid: 'or a private-use block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7)' },
  { input: 'a DNS pod label value with a space', build: welkin({ dns: { podLabels: { 'k8s-app': 'kube dns' } } }), value: '"kube dns" is not a valid label value', valid: 'use at most 63 letters' },
  { input: 'empty private ranges', build: welkin({ privateRanges: [] }), value: 'private ranges are empty', valid: 'list the cluster network\'s ranges, e.g. the RFC 1918 blocks' },
  { input: 'a private range that does not parse', build: welkin({ privateRanges: ['10.0.0.0/8', 'corp'] }), value: 'private range "corp" does not parse', valid: 'use address/prefix such as' },
  { input: 'a monitoring namespace with uppercase letters', build: welkin({ monitoring: { namespace: 'Monitoring' } }), value: 'monitoring namespace "Monitoring"', valid: '(e.g. "monitoring")' },
  {
    input: 'an ingress controller without pod labels',
    build: custom({ ingressController: IngressController.pods('ingress-nginx', {}) }),
    value: 'ingress controller pod labels are empty',
    valid: 'name the labels of the controller pods',
  },
  {
    input: 'a host-network ingress controller without node CIDRs',
    build: custom({ ingressController: IngressController.hostNetwork([]) }),
    value: 'a host-network ingress controller needs the nodes\' CIDRs',
    valid: 'list at least one, e.g. "10.0.0.0/24"',
  },
  {
    input: 'a host-network ingress controller with a bad node CIDR',
    build: custom({ ingressController: IngressController.hostNetwork(['10.0.0.1/24']) }),
    value: 'node CIDR "10.0.0.1/24" has host bits set',
    valid: 'use the network address "10.0.0.0/24"',
  },
  // facts judged by what they cover (the reproductions: DNS anywhere, every source behind an ingress, an allowlist of the internet)
  { input: 'DNS CIDRs of every IPv4 address', build: welkin({ dns: { cidrs: ['0.0.0.0/0'] } }), value: 'DNS CIDR "0.0.0.0/0" includes the cloud metadata service', valid: 'list the cluster\'s own ranges' },
  { input: 'a DNS CIDR outside the cluster', build: welkin({ dns: { cidrs: ['8.8.8.8/32'] } }), value: 'DNS CIDR "8.8.8.8/32" is not inside the cluster\'s own ranges', valid: 'list the addresses of that part of the cluster only' },
  {
    input: 'a host-network ingress controller on every address',
    build: custom({ ingressController: IngressController.hostNetwork(['0.0.0.0/0']) }),
    value: 'node CIDR "0.0.0.0/0" includes the cloud metadata service',
    valid: 'list the cluster\'s own ranges',
  },
  {
    input: 'a host-network ingress controller on public addresses',
    build: custom({ ingressController: IngressController.hostNetwork(['10.0.0.0/24', '203.0.113.0/24']) }),
    value: 'node CIDR "203.0.113.0/24" is not inside the cluster\'s own ranges',
    valid: 'list the addresses of that part of the cluster only',
  },
  { input: 'private ranges of the whole internet', build: welkin({ privateRanges: ['0.0.0.0/0'] }), value: 'private range "0.0.0.0/0" includes the cloud metadata service', valid: 'list the cluster\'s own ranges' },
  { input: 'a public private range', build: welkin({ privateRanges: ['10.0.0.0/8', '8.0.0.0/8'] }), value: 'private range "8.0.0.0/8" holds public addresses', valid: 'private ranges are private-use blocks such as 10.0.0.0/8' },
  { input: 'an IPv4-mapped private range', build: welkin({ privateRanges: ['::ffff:0:0/96'] }), value: 'private range "::ffff:0:0/96" is an IPv4-mapped IPv6 block', valid: 'write the IPv4 block itself' },
  { input: 'a pod CIDR of every IPv6 address', build: welkin({ podCidrs: ['::/0'] }), value: 'pod CIDR "::/0" includes loopback addresses', valid: 'list the cluster\'s own ranges' },
  { input: 'a service CIDR on loopback', build: custom({ serviceCidrs: ['127.0.0.0/16'] }), value: 'service CIDR "127.0.0.0/16" includes loopback addresses', valid: 'list the cluster\'s own ranges' },
];

describe('Platform rejects bad facts', () => {
  test.each(cases)('$input', c => {
    let error: unknown;
    try {
      c.build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^Platform\.(welkin|custom): /);
    expect(message).toContain(c.value);
    expect(message).toContain(c.valid);
  });
});
