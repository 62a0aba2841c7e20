import { DefaultDenyNamespace, DefaultDenyNamespaceProps, PodSecurityLevel } from '../../../src';
import { Base, base, expectRejected } from '../bad-input';

// Each row is one bad input to DefaultDenyNamespace: the message names the construct path, the
// value and what would be valid, and nothing reaches the output.
interface Case {
  readonly input: string;
  readonly props?: DefaultDenyNamespaceProps;
  readonly id?: string;
  readonly value: string;
  readonly valid: string;
}

const cases: Case[] = [
  { input: 'a name with uppercase letters', props: { name: 'Shop' }, value: 'namespace name "Shop"', valid: 'use 1-63 lowercase letters, digits or \'-\'' },
  { input: 'a name with an underscore', props: { name: 'my_shop' }, value: '"my_shop" is not a DNS label', valid: '(e.g. "my-shop")' },
  { input: 'a name of 64 characters', props: { name: 'a'.repeat(64) }, value: `"${'a'.repeat(64)}" is not a DNS label`, valid: 'use 1-63 lowercase letters' },
  { input: 'an id that is not a DNS label, used as the name', id: 'Shop Namespace', value: 'namespace name "Shop Namespace"', valid: '(e.g. "shop-namespace")' },
  { input: 'the reserved name default', props: { name: 'default' }, value: 'namespace name "default" is reserved by Kubernetes', valid: 'choose your own name such as "demo"' },
  { input: 'a reserved kube- name', props: { name: 'kube-system' }, value: 'namespace name "kube-system" is reserved', valid: 'choose your own name' },
  { input: 'a label key with a space', props: { name: 'shop', labels: { 'team name': 'a' } }, value: 'key "team name"', valid: 'use 1-63 letters, digits, \'-\', \'_\' or \'.\'' },
  { input: 'a label key with an uppercase prefix', props: { name: 'shop', labels: { 'Example.com/team': 'a' } }, value: 'invalid prefix "Example.com"', valid: 'a lowercase DNS subdomain such as "example.com"' },
  { input: 'a label value with a space', props: { name: 'shop', labels: { team: 'a b' } }, value: '"a b" is not a valid label value', valid: 'use at most 63 letters, digits' },
  {
    input: 'a Pod Security label set by hand',
    props: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
    value: '"pod-security.kubernetes.io/enforce" is set by DefaultDenyNamespace',
    valid: 'with the podSecurity, podSecurityAudit and podSecurityWarn props',
  },
  {
    input: 'a Pod Security level that does not exist (from JavaScript)',
    props: { name: 'shop', podSecurity: 'superstrict' as PodSecurityLevel },
    value: 'Pod Security enforce level "superstrict" is not a level',
    valid: 'use PodSecurityLevel.RESTRICTED, BASELINE or PRIVILEGED',
  },
  { input: 'the name of a namespace already emitted', props: { name: 'demo' }, value: 'Namespace "demo" is already emitted by test/ns', valid: 'give one of them another name' },
];

describe('DefaultDenyNamespace rejects bad input; nothing is emitted', () => {
  test.each(cases)('$input', c => {
    const b: Base = base();
    const id = c.id ?? 'other';
    expectRejected(b, () => new DefaultDenyNamespace(b.chart, id, c.props), { path: `test/${id}`, value: c.value, valid: c.valid });
  });
});
