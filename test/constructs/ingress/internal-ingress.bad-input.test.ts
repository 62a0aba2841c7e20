import { IngressController, InternalIngress, InternalIngressProps, Platform } from '../../../src';
import { base, expectRejected } from '../bad-input';

// Each row is one bad input to InternalIngress: the message names the construct path
// (test/ingress), the value and what would be valid, and nothing reaches the output.
interface Case {
  readonly input: string;
  readonly props?: Partial<InternalIngressProps>;
  readonly platform?: Platform;
  readonly value: string;
  readonly valid: string;
}

const PRIVATE_ONLY = 'an internal ingress admits only ranges inside the platform\'s private ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)';
const UNDER_INTERNAL = 'use <name>.internal.example.com (e.g. "admin.internal.example.com"), which the internal load balancer serves';

const cases: Case[] = [
  // the allowlist: mandatory, private ranges only
  { input: 'a public IPv4 range', props: { allowSourceRanges: ['10.0.0.0/8', '203.0.113.0/24'] }, value: 'source range "203.0.113.0/24" is not private', valid: PRIVATE_ONLY },
  { input: 'every IPv4 address (0.0.0.0/0)', props: { allowSourceRanges: ['0.0.0.0/0'] }, value: 'source range "0.0.0.0/0" is not private', valid: PRIVATE_ONLY },
  { input: 'every IPv6 address (::/0)', props: { allowSourceRanges: ['::/0'] }, value: 'source range "::/0" is not private', valid: PRIVATE_ONLY },
  { input: 'a public IPv6 range', props: { allowSourceRanges: ['2001:db8::/32'] }, value: 'source range "2001:db8::/32" is not private', valid: PRIVATE_ONLY },
  { input: 'a range wider than a private range', props: { allowSourceRanges: ['10.0.0.0/7'] }, value: 'source range "10.0.0.0/7" is not private', valid: PRIVATE_ONLY },
  { input: 'a range with prefix 40', props: { allowSourceRanges: ['10.0.0.0/40'] }, value: 'source range "10.0.0.0/40" has an invalid prefix length "40"', valid: 'IPv4 prefixes are 0-32' },
  { input: 'a private range with host bits set', props: { allowSourceRanges: ['10.1.2.3/16'] }, value: 'source range "10.1.2.3/16" has host bits set', valid: 'use the network address "10.1.0.0/16"' },
  {
    input: 'a private range listed twice',
    props: { allowSourceRanges: ['10.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8'] },
    value: 'source range "10.0.0.0/8" is listed twice',
    valid: 'list each range once',
  },
  { input: 'an empty allowlist', props: { allowSourceRanges: [] }, value: 'allowSourceRanges is empty', valid: 'an internal ingress needs an allowlist of private ranges (default: 10.0.0.0/8' },
  // hosts
  { input: 'a host outside the internal domain', props: { host: 'admin.example.com' }, value: 'host "admin.example.com" is not under the internal domain', valid: UNDER_INTERNAL },
  { input: 'the internal domain itself', props: { host: 'internal.example.com' }, value: 'host "internal.example.com" is not under the internal domain', valid: UNDER_INTERNAL },
  { input: 'a host two levels below the internal domain', props: { host: 'a.b.internal.example.com' }, value: 'host "a.b.internal.example.com"', valid: UNDER_INTERNAL },
  { input: 'the app domain', props: { host: 'app.example.com' }, value: 'host "app.example.com" is not under the internal domain', valid: UNDER_INTERNAL },
  {
    input: 'an internal host with a trailing dot',
    props: { host: 'admin.internal.example.com.' },
    value: 'host "admin.internal.example.com." ends in a dot',
    valid: 'the dot of the fully qualified zone-file form is added for you in the DNS record',
  },
  { input: 'an internal host with uppercase letters', props: { host: 'Admin.internal.example.com' }, value: 'host "Admin.internal.example.com" contains uppercase letters', valid: 'use the lowercase form "admin.internal.example.com"' },
  { input: 'a wildcard internal host', props: { host: '*.internal.example.com' }, value: 'host "*.internal.example.com" contains a wildcard', valid: 'name one host per entry' },
  // conflicting options
  {
    input: 'a platform without an internal domain',
    platform: Platform.custom({ ingressController: IngressController.pods('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }), ingressClassName: 'nginx', appDomain: 'app.example.com' }),
    value: 'the platform has no internal domain',
    valid: 'set `internalDomain` on the platform to use InternalIngress',
  },
];

describe('InternalIngress rejects bad input; nothing is emitted', () => {
  test.each(cases)('$input', c => {
    const b = base();
    expectRejected(b, () => new InternalIngress(b.chart, 'ingress', { app: b.web, host: 'admin.internal.example.com', platform: c.platform, ...c.props }),
      { path: 'test/ingress', value: c.value, valid: c.valid });
  });
});
