// The case table for generate.mjs. Each case: the upstream test it transcribes, the policies of its
// final state, and its expected connectivity as upstream-style truth-table overrides (later ones win;
// unlisted pairs are "All Connections"), extended by hand to every port, protocol and external
// address. `pairs`: [from, to, conn]; `fromOutside` / `toOutside`: [pod pattern, [[cidr, conn], ...]].
// Peer patterns: {} any pod, { ns: 'x' } a namespace's pods, { ns: 'x', pod: 'a' } or 'x/a' one pod.
export function CASES(h) {
  const { ALL, NONE, NOWHERE, only, sel, nsName, expr, tcp, DNS, ip, ip6, policyDoc } = h;
  const X = { ns: 'x' };
  const Y = { ns: 'y' };
  const Z = { ns: 'z' };
  const ANY = {};
  const XA = 'x/a';
  const podA = sel({ pod: 'a' });
  return [
    {
      name: 'default-deny-ingress',
      upstream: "network_policy.go, \"should support a 'default-deny-ingress' policy\"",
      why: `An empty podSelector with no ingress rules isolates every pod of x for ingress: nothing,
inside or outside the cluster, reaches x; x's egress is untouched.`,
      policies: [policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'default-deny-all',
      upstream: "network_policy.go, \"should support a 'default-deny-all' policy\"",
      why: `policyTypes [Ingress, Egress] with no rules: x neither sends nor receives anything, also to and
from addresses outside the cluster.`,
      policies: [policyDoc('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })],
      pairs: [[ANY, X, NONE], [X, ANY, NONE]],
      fromOutside: [[X, NOWHERE]],
      toOutside: [[X, NOWHERE]],
    },
    {
      name: 'pod-selector-within-namespace',
      upstream: 'network_policy.go, "should enforce policy to allow traffic from pods within server namespace based on PodSelector"',
      why: `x/a admits only pods labelled pod=b of its own namespace (a podSelector alone means the policy's
namespace): x/b reaches x/a on everything; y/b and z/b do not; nothing outside the cluster does.`,
      policies: [policyDoc('x', 'x-a-allows-x-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }] })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'allow-ingress-for-target',
      upstream: 'network_policy.go, "should enforce policy to allow ingress traffic for a target"',
      why: `deny-all ingress on x, plus a policy admitting every pod of every namespace (empty podSelector
and empty namespaceSelector in one peer) to x/a. Policies are unioned: every pod reaches x/a;
x/b and x/c stay closed. An empty namespaceSelector selects pods, not external addresses, so
nothing outside the cluster reaches any pod of x.`,
      policies: [
        policyDoc('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] }),
        policyDoc('x', 'allow-all-to-a', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }),
      ],
      pairs: [[ANY, X, NONE], [ANY, XA, ALL]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'allow-from-all-namespaces',
      upstream: 'network_policy.go, "should enforce policy to allow ingress traffic from pods in all namespaces"',
      why: `x/a admits namespaceSelector {} (every pod of every namespace), so every pod reaches it on
everything, but external addresses no longer do.`,
      policies: [policyDoc('x', 'allow-from-another-ns', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })],
      pairs: [],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-selector-from-y',
      upstream: 'network_policy.go, "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector"',
      why: 'x/a admits only the pods of namespace y (kubernetes.io/metadata.name: y).',
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }] }] })],
      pairs: [[X, XA, NONE], [Z, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-selector-by-ns-label',
      upstream: 'network_policy.go (older versions), "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector" with the model label ns: y',
      why: 'Same truth table, selecting namespace y through the model\'s own label ns=y.',
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] })],
      pairs: [[X, XA, NONE], [Z, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-selector-match-expressions',
      upstream: 'network_policy.go, "should enforce policy based on PodSelector with MatchExpressions"',
      why: 'podSelector pod In [b] in x: only x/b reaches x/a.',
      policies: [policyDoc('x', 'x-a-allows-x-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: expr('pod', 'In', ['b']) }] }] })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-selector-match-expressions',
      upstream: 'network_policy.go, "should enforce policy based on NamespaceSelector with MatchExpressions"',
      why: 'namespaceSelector kubernetes.io/metadata.name In [y]: only y\'s pods reach x/a.',
      policies: [policyDoc('x', 'allow-ns-y-match-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'In', ['y']) }] }] })],
      pairs: [[X, XA, NONE], [Z, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-selector-or-namespace-selector',
      upstream: 'network_policy.go, "should enforce policy based on PodSelector or NamespaceSelector"',
      why: `Two peers (OR): namespaces NotIn [x], or pod=b of x. y and z reach x/a, x/b reaches x/a, x/c
does not.`,
      policies: [policyDoc('x', 'allow-ns-y-match-selector', {
        podSelector: podA, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'NotIn', ['x']) }, { podSelector: sel({ pod: 'b' }) }] }],
      })],
      pairs: [['x/c', XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-selector-and-namespace-selector',
      upstream: 'network_policy.go, "should enforce policy based on PodSelector and NamespaceSelector"',
      why: 'One peer with both selectors (AND): pods b of namespaces other than x, i.e. y/b and z/b.',
      policies: [policyDoc('x', 'allow-ns-y-podselector-and-nsselector', {
        podSelector: podA, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'NotIn', ['x']), podSelector: sel({ pod: 'b' }) }] }],
      })],
      pairs: [[ANY, XA, NONE], ['y/b', XA, ALL], ['z/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'multiple-pod-and-namespace-selectors',
      upstream: 'network_policy.go, "should enforce policy based on Multiple PodSelectors and NamespaceSelectors"',
      why: 'namespace NotIn [x] AND pod In [b, c]: y/b, y/c, z/b, z/c reach x/a.',
      policies: [policyDoc('x', 'allow-ns-y-z-pod-b-c', {
        podSelector: podA, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'NotIn', ['x']), podSelector: expr('pod', 'In', ['b', 'c']) }] }],
      })],
      pairs: [[X, XA, NONE], ['y/a', XA, NONE], ['z/a', XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'any-pod-selectors',
      upstream: 'network_policy.go, "should enforce policy based on any PodSelectors"',
      why: 'Two podSelector peers (pod=b, pod=c), both within x: x/b and x/c reach x/a.',
      policies: [policyDoc('x', 'allow-ns-x-pod-b-c', {
        podSelector: podA, policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }, { podSelector: sel({ pod: 'c' }) }] }],
      })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL], ['x/c', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-in-other-namespace',
      upstream: 'network_policy.go, "should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector" (also its UDP and SCTP variants)',
      why: 'namespace y AND pod=a: only y/a reaches x/a.',
      policies: [policyDoc('x', 'allow-ns-y-pod-a-via-namespace-pod-selector', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y'), podSelector: podA }] }],
      })],
      pairs: [[ANY, XA, NONE], ['y/a', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'ports-tcp-81-from-y',
      upstream: 'network_policy.go, "should enforce policy based on Ports"',
      why: 'x/a admits namespace y on TCP 81 only; every other port and protocol is closed to everyone.',
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [tcp(81)] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'stacked-policies-ports',
      upstream: 'network_policy.go, "should enforce multiple, stacked policies with overlapping podSelectors" (final state: both policies)',
      why: 'Two policies on x/a, namespace y on TCP 81 and on TCP 80: their union, TCP 80-81 from y.',
      policies: [
        policyDoc('x', 'allow-client-a-via-ns-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [tcp(81)] }] }),
        policyDoc('x', 'allow-client-a-via-ns-selector-80', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [tcp(80)] }] }),
      ],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 80-81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'allow-all-ingress',
      upstream: 'network_policy.go, "should support allow-all policy"',
      why: 'One empty ingress rule admits everything, external addresses included: nothing changes.',
      policies: [policyDoc('x', 'allow-all', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [{}] })],
      pairs: [],
    },
    {
      name: 'ingress-named-port',
      upstream: 'network_policy.go, "should allow ingress access on one named port"',
      why: `Every pod of x admits only the named port serve-81-tcp (protocol defaults to TCP), which each
destination pod resolves to TCP 81. A rule without peers admits every source, external addresses
included (the name is resolved on the destination pod, which is known).`,
      policies: [policyDoc('x', 'allow-all', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })],
      pairs: [[ANY, X, 'TCP 81']],
      fromOutside: [[X, only('TCP 81')]],
    },
    {
      name: 'ingress-named-port-from-namespace',
      upstream: 'network_policy.go, "should allow ingress access from namespace on one named port"',
      why: 'x/a admits namespace y on serve-80-tcp, i.e. TCP 80; nothing else reaches x/a.',
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector-80', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 80']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'egress-named-port-with-dns',
      upstream: 'network_policy.go, "should allow egress access on one named port" (policies.go GetAllowEgressByPort: the named port plus UDP 53 for DNS)',
      why: `Egress of every pod of x is limited to serve-80-tcp and UDP 53. The named port resolves on each
destination pod (all of them have serve-80-tcp = TCP 80). An address outside the cluster has no
container ports, so only UDP 53 reaches it.`,
      policies: [policyDoc('x', 'allow-egress', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }, DNS] }] })],
      pairs: [[X, ANY, 'TCP 80,UDP 53']],
      toOutside: [[X, only('UDP 53')]],
    },
    {
      name: 'updated-policy-allow-all-to-deny-all',
      upstream: 'network_policy.go, "should enforce updated policy" (final state: ingress emptied)',
      why: 'After the update the policy has ingress: [] and selects every pod of x: x is closed for ingress.',
      policies: [policyDoc('x', 'allow-all-mutate-to-deny-all', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [] })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'updated-namespace-label',
      upstream: 'network_policy.go, "should allow ingress access from updated namespace" (final state: y labelled ns2=updated)',
      why: 'x/a admits namespaces labelled ns2=updated; y carries that label, so only y reaches x/a.',
      namespaceLabels: { y: { ns2: 'updated' } },
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: sel({ ns2: 'updated' }) }] }] })],
      pairs: [[ANY, XA, NONE], [Y, XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'updated-pod-label',
      upstream: 'network_policy.go, "should allow ingress access from updated pod" (final state: x/b labelled pod2=updated)',
      why: 'x/a admits pods of x with pod=b AND pod2=updated: only x/b has both.',
      podLabels: { 'x/b': { pod2: 'updated' } },
      policies: [policyDoc('x', 'allow-client-a-via-pod-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: sel({ pod: 'b', pod2: 'updated' }) }] }] })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'deny-ingress-from-other-namespaces',
      upstream: 'network_policy.go, "should deny ingress from pods on other namespaces" (policies.go GetDenyIngressEmptyPeerSelector)',
      why: `Every pod of x admits podSelector {} (all pods of x only; no policyTypes, so Ingress). y, z and
external addresses no longer reach x; x to x stays open.`,
      policies: [policyDoc('x', 'deny-empty-policy', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })],
      pairs: [[Y, X, NONE], [Z, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'deny-ingress-to-updated-pod',
      upstream: 'network_policy.go, "should deny ingress access to updated pod" (final state: x/a labelled target=isolated)',
      why: 'The deny policy selects target=isolated; x/a now has that label, so nothing reaches x/a.',
      podLabels: { 'x/a': { target: 'isolated' } },
      policies: [policyDoc('x', 'deny-ingress-via-label-selector', { podSelector: sel({ target: 'isolated' }), policyTypes: ['Ingress'], ingress: [] })],
      pairs: [[ANY, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'deny-egress-pod-selector',
      upstream: 'network_policy.go, "should deny egress from pods based on PodSelector"',
      why: 'x/a is isolated for egress with no egress rule: it reaches nothing; everyone still reaches it.',
      policies: [policyDoc('x', 'deny-egress-pod-a', { podSelector: podA, policyTypes: ['Egress'], egress: [] })],
      pairs: [[XA, ANY, NONE]],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'deny-egress-namespace',
      upstream: 'network_policy.go, "should deny egress from all pods in a namespace"',
      why: 'Every pod of x is isolated for egress with no rule: x reaches nothing.',
      policies: [policyDoc('x', 'deny-egress-ns-x', { podSelector: {}, policyTypes: ['Egress'], egress: [] })],
      pairs: [[X, ANY, NONE]],
      toOutside: [[X, NOWHERE]],
    },
    {
      name: 'ingress-and-egress-together',
      upstream: 'network_policy.go, "should work with Ingress, Egress specified together"',
      why: `One policy on x/a: ingress from pod=b of x, egress to port 80 (TCP by default) anywhere. x/b
reaches x/a on everything; x/a reaches every other pod and every address on TCP 80 only.`,
      policies: [policyDoc('x', 'allow-client-a-via-pod-selector', {
        podSelector: podA, policyTypes: ['Egress', 'Ingress'],
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }],
        egress: [{ ports: [{ port: 80 }] }],
      })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL], [XA, ANY, 'TCP 80']],
      fromOutside: [[XA, NOWHERE]],
      toOutside: [[XA, only('TCP 80')]],
    },
    {
      name: 'egress-denied-on-client-side',
      upstream: 'network_policy.go, "should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)"',
      why: `x/a may only send to y/a; y/a and y/b admit only x/a. So x/a reaches y/a only; y/b admits x/a
but x/a may not send there; nobody else reaches y/a or y/b.`,
      policies: [
        policyDoc('x', 'allow-to-ns-y-pod-a', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }] }),
        policyDoc('y', 'allow-from-xa-on-ya-match-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }] }),
        policyDoc('y', 'allow-from-xa-on-yb-match-selector', { podSelector: sel({ pod: 'b' }), policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }] }),
      ],
      pairs: [[XA, ANY, NONE], [ANY, 'y/a', NONE], [XA, 'y/a', ALL], [ANY, 'y/b', NONE]],
      toOutside: [[XA, NOWHERE]],
      fromOutside: [['y/a', NOWHERE], ['y/b', NOWHERE]],
    },
    {
      name: 'egress-to-pod-in-other-namespace',
      upstream: 'network_policy.go, "should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector"',
      why: 'x/a may send only to pod=a of namespace y.',
      policies: [policyDoc('x', 'allow-to-ns-y-pod-a', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }] })],
      pairs: [[XA, ANY, NONE], [XA, 'y/a', ALL]],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'egress-to-pod-in-other-namespace-with-dns',
      upstream: 'network_policy.go (older versions), same test with policies.go GetAllowEgressByNamespaceAndPod (adds an egress rule for UDP 53 to anywhere)',
      why: 'As above, plus a second egress rule: UDP 53 to every pod and every address.',
      policies: [policyDoc('x', 'allow-to-ns-y-pod-a', {
        podSelector: podA, policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }, { ports: [DNS] }],
      })],
      pairs: [[XA, ANY, 'UDP 53'], [XA, 'y/a', ALL]],
      toOutside: [[XA, only('UDP 53')]],
    },
    {
      name: 'ingress-any-port-on-protocol',
      upstream: 'network_policy.go, "should enforce ingress policy allowing any port traffic to a server on a specific protocol"',
      why: 'A port entry with only protocol TCP admits every TCP port; UDP and SCTP are closed.',
      policies: [policyDoc('x', 'allow-ingress-by-proto', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'TCP' }] }] })],
      pairs: [[ANY, XA, 'TCP 1-65535']],
      fromOutside: [[XA, only('TCP 1-65535')]],
    },
    {
      name: 'ingress-allow-all-takes-precedence',
      upstream: 'network_policy.go, "should enforce multiple ingress policies with ingress allow-all policy taking precedence" (final state)',
      why: 'A port-80 policy and an allow-all policy on x: the union is everything.',
      policies: [
        policyDoc('x', 'allow-ingress-port-80', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80 }] }] }),
        policyDoc('x', 'allow-ingress', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [{}] }),
      ],
      pairs: [],
    },
    {
      name: 'ingress-port-80-only',
      upstream: 'network_policy.go, "should enforce multiple ingress policies with ingress allow-all policy taking precedence" (first state)',
      why: 'Only the port-80 policy: every pod of x admits TCP 80 from anyone, nothing else.',
      policies: [policyDoc('x', 'allow-ingress-port-80', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80 }] }] })],
      pairs: [[ANY, X, 'TCP 80']],
      fromOutside: [[X, only('TCP 80')]],
    },
    {
      name: 'egress-allow-all-takes-precedence',
      upstream: 'network_policy.go, "should enforce multiple egress policies with egress allow-all policy taking precedence" (final state)',
      why: 'An egress port-80 policy and an egress allow-all policy on x: the union is everything.',
      policies: [
        policyDoc('x', 'allow-egress-port-80', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] }),
        policyDoc('x', 'allow-egress', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'], egress: [{}] }),
      ],
      pairs: [],
    },
    {
      name: 'egress-port-80-only',
      upstream: 'network_policy.go, "should enforce multiple egress policies with egress allow-all policy taking precedence" (first state)',
      why: 'Only the egress port-80 policy: every pod of x may send TCP 80 (the default protocol) and nothing else.',
      policies: [policyDoc('x', 'allow-egress-port-80', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] })],
      pairs: [[X, ANY, 'TCP 80']],
      toOutside: [[X, only('TCP 80')]],
    },
    {
      name: 'policies-deleted',
      upstream: 'network_policy.go, "should stop enforcing policies after they are deleted" (final state: no policy)',
      why: 'No policy at all: every pod reaches every pod and every address, and is reached from everywhere.',
      policies: [],
      pairs: [],
    },
    {
      name: 'egress-to-pod-cidr',
      upstream: 'network_policy.go, "should allow egress access to server in CIDR block"',
      why: `x/a may send only to y/b's address as a /32 ipBlock. y/b's status.podIP is in it, so x/a reaches
y/b on everything, and the address ${ip('y/b')} as an address.`,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('y/b')}/32` } }] }] })],
      pairs: [[XA, ANY, NONE], [XA, 'y/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], [`${ip('y/b')}/32`, ALL]]]],
    },
    {
      name: 'egress-to-pod-cidr-with-dns',
      upstream: 'network_policy.go (older versions), same test with policies.go GetAllowEgressByCIDR (adds UDP 53 to anywhere)',
      why: 'As above, plus UDP 53 to every pod and address.',
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('y/b')}/32` } }] }, { ports: [DNS] }],
      })],
      pairs: [[XA, ANY, 'UDP 53'], [XA, 'y/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', 'UDP 53'], [`${ip('y/b')}/32`, ALL]]]],
    },
    {
      name: 'egress-cidr-except',
      upstream: 'network_policy.go, "should enforce except clause while egress access to server in CIDR block"',
      why: `x/a may send to 0.0.0.0/4 (makeLargeCIDRForIP of x/b's ${ip('x/b')}) except x/b's /32: every pod
but x/b (all pod IPs are in 10.0.0.0/8 inside 0.0.0.0/4), and those addresses.`,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ip('x/b')}/32`] } }] }],
      })],
      pairs: [[XA, 'x/b', NONE]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['0.0.0.0/4', ALL], [`${ip('x/b')}/32`, NONE]]]],
    },
    {
      name: 'cidr-except-overlap-replaced',
      upstream: 'network_policy.go, "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed" (final state: UpdatePolicy replaces the except policy, same name, by a /32 for x/b)',
      why: 'After the update the only policy allows x/a to send to x/b\'s /32: x/a reaches x/b only.',
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('x/b')}/32` } }] }] })],
      pairs: [[XA, ANY, NONE], [XA, 'x/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], [`${ip('x/b')}/32`, ALL]]]],
    },
    {
      name: 'cidr-except-overlap-union',
      upstream: 'network_policy.go, "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed" (its intent: two policies, one excepting x/b, one allowing it)',
      why: `Two policies on x/a: 0.0.0.0/4 except x/b, and x/b's /32. An address excepted by one policy and
allowed by another is allowed: x/a reaches every pod in 0.0.0.0/4, x/b included.`,
      policies: [
        policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ip('x/b')}/32`] } }] }] }),
        policyDoc('x', 'allow-client-a-to-x-b', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('x/b')}/32` } }] }] }),
      ],
      pairs: [],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['0.0.0.0/4', ALL]]]],
    },
    {
      name: 'ingress-egress-independent',
      upstream: 'network_policy.go, "should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector"',
      why: 'x/a: one policy allowing all egress, one denying all ingress. x/a reaches everything; nothing reaches x/a.',
      policies: [
        policyDoc('x', 'allow-egress-for-target', { podSelector: podA, policyTypes: ['Egress'], egress: [{}] }),
        policyDoc('x', 'deny-ingress-via-label-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [] }),
      ],
      pairs: [[ANY, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'sctp-is-not-tcp',
      upstream: "network_policy.go, \"should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP\"",
      why: 'deny-ingress on x, plus SCTP 81 to x/a: x/a admits SCTP 81 only (TCP 81 stays closed); x/b, x/c nothing.',
      policies: [
        policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
        policyDoc('x', 'allow-only-sctp-ingress-on-port-81', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] }),
      ],
      pairs: [[ANY, X, NONE], [ANY, XA, 'SCTP 81']],
      fromOutside: [[X, NOWHERE], [XA, only('SCTP 81')]],
    },
    {
      name: 'sctp-policy-isolates',
      upstream: "network_policy.go, \"should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP\"",
      why: 'x/a admits SCTP 80 only; all TCP (and UDP) is closed.',
      policies: [policyDoc('x', 'allow-only-sctp-ingress-on-port-80', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })],
      pairs: [[ANY, XA, 'SCTP 80']],
      fromOutside: [[XA, only('SCTP 80')]],
    },
    {
      name: 'udp-only-is-not-tcp',
      upstream: 'network_policy.go, "should not allow access by TCP when a policy specifies only UDP"',
      why: 'x/a admits UDP 81 only.',
      policies: [policyDoc('x', 'allow-only-udp-ingress-on-port-81', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })],
      pairs: [[ANY, XA, 'UDP 81']],
      fromOutside: [[XA, only('UDP 81')]],
    },
    {
      name: 'egress-namespace-not-in-default-label',
      upstream: 'network_policy.go, "should enforce policy based on NamespaceSelector with MatchExpressions using default ns label"',
      why: 'x/a may send to namespaces whose kubernetes.io/metadata.name is NotIn [y]: x and z, not y, no addresses.',
      policies: [policyDoc('x', 'allow-ns-y-match-selector-for-immutable-ns-label', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'NotIn', ['y']) }] }],
      })],
      pairs: [[XA, Y, NONE]],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'udp-ports-from-y',
      upstream: 'network_policy.go, "NetworkPolicy between server and client using UDP should enforce policy based on Ports"',
      why: 'x/a admits namespace y on UDP 81 only.',
      policies: [policyDoc('x', 'allow-ingress-on-port-81-ns-x', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol: 'UDP' }] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'UDP 81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'sctp-ports-from-y',
      upstream: 'network_policy.go, "NetworkPolicy between server and client using SCTP should enforce policy based on Ports"',
      why: 'x/a admits namespace y on SCTP 81 only.',
      policies: [policyDoc('x', 'allow-ingress-on-port-81-ns-x', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol: 'SCTP' }] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'SCTP 81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'deny-all-egress-except-dns',
      upstream: 'policies.go GetDenyAllWithEgressDNS ("deny-all-tcp-allow-dns"), used by the older network_policy.go suites',
      why: `x is closed for ingress and may send only UDP 53: x to y and z on UDP 53; x to x nothing (x's
ingress is closed); UDP 53 to every address; nothing reaches x.`,
      policies: [policyDoc('x', 'deny-all-tcp-allow-dns', { podSelector: {}, policyTypes: ['Egress', 'Ingress'], ingress: [], egress: [{ ports: [DNS] }] })],
      pairs: [[X, ANY, 'UDP 53'], [ANY, X, NONE]],
      toOutside: [[X, only('UDP 53')]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'end-port-ingress-range',
      upstream: 'network_policy.go "should enforce policy based on Ports" with a port range (endPort, KEP-2079, upstream NetworkPolicyEndPort feature)',
      why: 'x/a admits namespace y on TCP 80 through endPort 81.',
      policies: [policyDoc('x', 'allow-ns-y-80-81', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 80, endPort: 81, protocol: 'TCP' }] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 80-81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'end-port-egress-range-with-dns',
      upstream: 'policies.go GetAllowEgressByPort with a port range (endPort) instead of one port',
      why: 'Every pod of x may send TCP 1-80 (port 1, endPort 80) and UDP 53, to pods and addresses alike.',
      policies: [policyDoc('x', 'allow-egress-range', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 1, endPort: 80 }, DNS] }] })],
      pairs: [[X, ANY, 'TCP 1-80,UDP 53']],
      toOutside: [[X, only('TCP 1-80,UDP 53')]],
    },
    {
      name: 'end-port-sctp-and-udp-ranges',
      upstream: 'network_policy.go SCTP/UDP "should enforce policy based on Ports" with port ranges (endPort)',
      why: 'x/a admits everyone on UDP 81-90 and SCTP 70-80.',
      policies: [policyDoc('x', 'allow-ranges', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 81, endPort: 90, protocol: 'UDP' }, { port: 70, endPort: 80, protocol: 'SCTP' }] }],
      })],
      pairs: [[ANY, XA, 'SCTP 70-80,UDP 81-90']],
      fromOutside: [[XA, only('SCTP 70-80,UDP 81-90')]],
    },
    {
      name: 'ingress-from-pod-cidr',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block", mirrored to ingress with y\'s pod CIDR',
      why: 'x/a admits the ipBlock 10.1.2.0/24, which holds the status.podIP of y/a, y/b, y/c: y reaches x/a, and so does that address range.',
      policies: [policyDoc('x', 'allow-from-y-cidr', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.1.2.0/24' } }] }] })],
      pairs: [[ANY, XA, NONE], [Y, XA, ALL]],
      fromOutside: [[XA, [['0.0.0.0/0', NONE], ['10.1.2.0/24', ALL]]]],
    },
    {
      name: 'ingress-from-cidr-except',
      upstream: 'network_policy.go "should enforce except clause while egress access to server in CIDR block", mirrored to ingress',
      why: 'x/a admits 10.1.0.0/16 except 10.1.3.0/24 (z\'s pods): x and y reach x/a on TCP 80, z does not.',
      policies: [policyDoc('x', 'allow-from-cidr-except-z', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['10.1.3.0/24'] } }], ports: [{ port: 80 }] }],
      })],
      pairs: [[ANY, XA, NONE], [X, XA, 'TCP 80'], [Y, XA, 'TCP 80']],
      fromOutside: [[XA, [['0.0.0.0/0', NONE], ['10.1.0.0/16', 'TCP 80'], ['10.1.3.0/24', NONE]]]],
    },
    {
      name: 'egress-namespace-to-pod-cidr-with-dns',
      upstream: 'policies.go GetAllowEgressByCIDR applied to a whole namespace, with z\'s pod CIDR',
      why: 'Every pod of x may send anything to 10.1.3.0/24 (z\'s pods) and UDP 53 anywhere.',
      policies: [policyDoc('x', 'allow-egress-to-z-cidr', {
        podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.3.0/24' } }] }, { ports: [DNS] }],
      })],
      pairs: [[X, ANY, 'UDP 53'], [X, Z, ALL]],
      toOutside: [[X, [['0.0.0.0/0', 'UDP 53'], ['10.1.3.0/24', ALL]]]],
    },
    {
      name: 'egress-to-all-addresses-block',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block" with 0.0.0.0/0',
      why: 'x/a may send to ipBlock 0.0.0.0/0, which holds every pod address: nothing is lost.',
      policies: [policyDoc('x', 'allow-egress-everywhere', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] })],
      pairs: [],
    },
    {
      name: 'namespace-selector-exists',
      upstream: 'network_policy.go "should allow ingress access from updated namespace" with a matchExpressions Exists selector',
      why: 'x/a admits namespaces that have a label ns2 (y has ns2=updated): only y reaches x/a.',
      namespaceLabels: { y: { ns2: 'updated' } },
      policies: [policyDoc('x', 'allow-ns-with-ns2', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('ns2', 'Exists') }] }] })],
      pairs: [[ANY, XA, NONE], [Y, XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-selector-does-not-exist',
      upstream: 'network_policy.go "should allow ingress access from updated namespace" with a matchExpressions DoesNotExist selector',
      why: 'x/a admits namespaces without a label ns2: x and z reach x/a, y (ns2=updated) does not.',
      namespaceLabels: { y: { ns2: 'updated' } },
      policies: [policyDoc('x', 'allow-ns-without-ns2', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('ns2', 'DoesNotExist') }] }] })],
      pairs: [[Y, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-selector-not-in',
      upstream: 'network_policy.go "should enforce policy based on PodSelector with MatchExpressions" with NotIn',
      why: 'x/a admits pods of x with pod NotIn [b]: x/c (and x/a itself); not x/b, not y or z.',
      policies: [policyDoc('x', 'x-a-allows-not-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: expr('pod', 'NotIn', ['b']) }] }] })],
      pairs: [[ANY, XA, NONE], ['x/c', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-selector-does-not-exist-all-namespaces',
      upstream: 'network_policy.go "should allow ingress access from updated pod" with DoesNotExist, across namespaces',
      why: 'x/a admits, from every namespace, pods without label pod2: everyone but x/b (pod2=updated) and z/c (pod2=other).',
      podLabels: { 'x/b': { pod2: 'updated' }, 'z/c': { pod2: 'other' } },
      policies: [policyDoc('x', 'allow-without-pod2', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {}, podSelector: expr('pod2', 'DoesNotExist') }] }],
      })],
      pairs: [['x/b', XA, NONE], ['z/c', XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'policy-types-egress-only-ignores-ingress-rules',
      upstream: 'network_policy.go "should deny egress from pods based on PodSelector", with policyTypes [Egress] next to ingress rules',
      why: `policyTypes [Egress] only: the ingress rules in the spec are ignored (x/a is not isolated for
ingress); x/a may send only to pod=b of x.`,
      policies: [policyDoc('x', 'egress-only', {
        podSelector: podA, policyTypes: ['Egress'],
        ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }],
        egress: [{ to: [{ podSelector: sel({ pod: 'b' }) }] }],
      })],
      pairs: [[XA, ANY, NONE], [XA, 'x/b', ALL]],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'policy-types-ingress-only-ignores-egress',
      upstream: 'network_policy.go "should enforce policy to allow traffic from pods within server namespace based on PodSelector", with policyTypes [Ingress] next to an empty egress list',
      why: 'policyTypes [Ingress] only: egress: [] does not isolate x/a for egress.',
      policies: [policyDoc('x', 'ingress-only', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }], egress: [] })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'policy-types-defaulted-from-egress-rules',
      upstream: 'network_policy.go "should enforce egress policy allowing traffic to a server in a different namespace", without policyTypes',
      why: `No policyTypes and an egress rule: the policy is Ingress (always) and Egress. x/a is closed for
ingress and may send only to namespace y.`,
      policies: [policyDoc('x', 'egress-to-y', { podSelector: podA, egress: [{ to: [{ namespaceSelector: nsName('y') }] }] })],
      pairs: [[ANY, XA, NONE], [XA, ANY, NONE], [XA, Y, ALL]],
      fromOutside: [[XA, NOWHERE]],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'egress-named-port-udp-with-protocol',
      upstream: 'network_policy.go "should allow egress access on one named port", with the UDP named port serve-81-udp',
      why: 'Every pod of x may send only to serve-81-udp with protocol UDP: UDP 81 to pods, nothing to addresses.',
      policies: [policyDoc('x', 'allow-egress-udp-81', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-81-udp', protocol: 'UDP' }] }] })],
      pairs: [[X, ANY, 'UDP 81']],
      toOutside: [[X, NOWHERE]],
    },

    // --- the newer upstream topologies: only the pods, ports and protocols a test needs -----------
    {
      name: 'topology-default-deny-ingress-tcp-80',
      upstream: "network_policy.go (current), \"should support a 'default-deny-ingress' policy\": pods x/a, x/b, y/a, y/b serving TCP 80 only; namespace z exists without pods",
      why: 'Same semantics on a smaller topology: y reaches y, x reaches y, nothing reaches x.',
      pods: ['x/a', 'x/b', 'y/a', 'y/b'],
      model: { ports: [80], protocols: ['TCP'] },
      policies: [policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'topology-named-port-nobody-serves',
      upstream: 'network_policy.go (current), "should allow ingress access on one named port", on a topology whose pods serve TCP 80 only',
      why: `The pods of x are isolated by a rule whose only port is serve-81-tcp, which none of them has:
the rule admits nothing, and x is closed (isolation does not depend on the port resolving).`,
      pods: ['x/a', 'x/b', 'y/a'],
      model: { ports: [80], protocols: ['TCP'] },
      policies: [policyDoc('x', 'allow-all', { podSelector: { matchLabels: {} }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'topology-egress-named-port-tcp-only-pods',
      upstream: 'network_policy.go (current), "should allow egress access on one named port": pods x/a, y/a serving TCP 80 and 81',
      why: 'x/a may send only to serve-80-tcp: TCP 80 to y/a; nothing to addresses (a name has no meaning there).',
      pods: ['x/a', 'y/a'],
      model: { ports: [80, 81], protocols: ['TCP'] },
      policies: [policyDoc('x', 'allow-egress', { podSelector: { matchLabels: {} }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })],
      pairs: [[X, ANY, 'TCP 80']],
      toOutside: [[X, NOWHERE]],
    },
    // --- variants that probe the semantics the upstream tests rely on -----------------------------
    {
      name: 'named-port-resolves-per-destination-pod',
      upstream: 'network_policy.go "should allow ingress access from namespace on one named port", with a name that differs per pod',
      why: `x/a serves "http" on TCP 80, x/b on TCP 8080, x/c has no port of that name. Every pod of x
admits namespace y on "http": y reaches x/a on TCP 80, x/b on TCP 8080, x/c on nothing.`,
      containerPorts: {
        'x/a': [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        'x/b': [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        'x/c': [{ name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
      },
      policies: [policyDoc('x', 'allow-y-on-http', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 'http' }] }] })],
      pairs: [[ANY, X, NONE], [Y, XA, 'TCP 80'], [Y, 'x/b', 'TCP 8080']],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'egress-named-port-resolves-per-destination-pod',
      upstream: 'network_policy.go "should allow egress access on one named port", with a name that differs per pod',
      why: `y may send only to the port named "http": x/a (TCP 80) and x/b (TCP 8080); no other pod has it,
and addresses outside the cluster have no named ports.`,
      containerPorts: {
        'x/a': [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
        'x/b': [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      },
      policies: [policyDoc('y', 'allow-egress-http', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })],
      pairs: [[Y, ANY, NONE], [Y, XA, 'TCP 80'], [Y, 'x/b', 'TCP 8080']],
      toOutside: [[Y, NOWHERE]],
    },
    {
      name: 'rules-or-peers-and-ports',
      upstream: 'network_policy.go "should enforce policy based on Ports", split into two rules',
      why: `Two ingress rules on x/a: {from: namespace y} and {ports: TCP 81}. Rules are ORed, a rule's peers
and ports ANDed: y reaches x/a on everything, everyone else (addresses too) on TCP 81.`,
      policies: [policyDoc('x', 'two-rules', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }] }, { ports: [tcp(81)] }] })],
      pairs: [[ANY, XA, 'TCP 81'], [Y, XA, ALL]],
      fromOutside: [[XA, only('TCP 81')]],
    },
    {
      name: 'empty-from-and-ports-lists',
      upstream: 'network_policy.go "should support allow-all policy", written with from: [] and ports: []',
      why: 'An empty from list and an empty ports list both mean "all": x/a stays open to everything.',
      policies: [policyDoc('x', 'allow-all-empty-lists', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [], ports: [] }] })],
      pairs: [],
    },
    {
      name: 'egress-pod-or-ipblock-peers',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block" combined with a podSelector peer',
      why: 'x/a may send TCP 80 to pod=b of x or to z/a\'s address: x/b and z/a on TCP 80, and that address.',
      policies: [policyDoc('x', 'egress-b-or-za', {
        podSelector: podA, policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: sel({ pod: 'b' }) }, { ipBlock: { cidr: `${ip('z/a')}/32` } }], ports: [tcp(80)] }],
      })],
      pairs: [[XA, ANY, NONE], [XA, 'x/b', 'TCP 80'], [XA, 'z/a', 'TCP 80']],
      toOutside: [[XA, [['0.0.0.0/0', NONE], [`${ip('z/a')}/32`, 'TCP 80']]]],
    },
    {
      name: 'ingress-ipblock-with-named-port',
      upstream: 'network_policy.go "should allow ingress access on one named port", from an ipBlock outside the pod network',
      why: `x/a admits 192.168.0.0/16 on serve-80-tcp. No pod address is in it, so no pod reaches x/a; the
addresses reach it on TCP 80 (the name resolves on x/a, the destination).`,
      policies: [policyDoc('x', 'from-lan-on-http', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '192.168.0.0/16' } }], ports: [{ port: 'serve-80-tcp' }] }] })],
      pairs: [[ANY, XA, NONE]],
      fromOutside: [[XA, [['0.0.0.0/0', NONE], ['192.168.0.0/16', 'TCP 80']]]],
    },
    {
      name: 'egress-ipblock-with-named-port',
      upstream: 'network_policy.go "should allow egress access on one named port", to the pods\' CIDR',
      why: `x/a may send to 10.1.0.0/16 on serve-81-udp (UDP): every pod (all in 10.1.0.0/16) on UDP 81;
addresses outside the cluster get nothing, as a name cannot be resolved on them.`,
      policies: [policyDoc('x', 'to-pods-on-udp-81', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 'serve-81-udp', protocol: 'UDP' }] }],
      })],
      pairs: [[XA, ANY, 'UDP 81']],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'policy-selects-only-its-namespace',
      upstream: 'network_policy.go "should deny ingress access to updated pod", with the policy in namespace y',
      why: 'A deny-ingress policy in y selecting pod=a isolates y/a only; x/a and z/a keep their label but are not selected.',
      policies: [policyDoc('y', 'deny-ingress-a', { podSelector: podA, policyTypes: ['Ingress'], ingress: [] })],
      pairs: [[ANY, 'y/a', NONE]],
      fromOutside: [['y/a', NOWHERE]],
    },
    {
      name: 'egress-cidr-multiple-excepts',
      upstream: 'network_policy.go "should enforce except clause while egress access to server in CIDR block", with two excepts',
      why: `x/a may send to 10.0.0.0/8 except 10.1.1.0/24 (x's pods) and y/b's /32: y/a, y/c and z's pods on
everything; x/b, x/c, y/b nothing; and those addresses.`,
      policies: [policyDoc('x', 'egress-cidr-excepts', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.1.0/24', `${ip('y/b')}/32`] } }] }],
      })],
      pairs: [[XA, X, NONE], [XA, 'y/b', NONE]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['10.0.0.0/8', ALL], ['10.1.1.0/24', NONE], [`${ip('y/b')}/32`, NONE]]]],
    },
    {
      name: 'ingress-internet-except-pod-network',
      upstream: 'network_policy.go "should enforce except clause ...", as the usual "internet but not the cluster" ingress rule',
      why: 'x/a admits 0.0.0.0/0 except 10.1.0.0/16: no pod (all in 10.1.0.0/16), every other address.',
      policies: [policyDoc('x', 'from-internet', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.1.0.0/16'] } }] }] })],
      pairs: [[ANY, XA, NONE]],
      fromOutside: [[XA, [['10.1.0.0/16', NONE]]]],
    },
    {
      name: 'pod-selector-in-all-namespaces',
      upstream: 'network_policy.go "should enforce policy based on PodSelector and NamespaceSelector", with an empty namespaceSelector',
      why: 'namespaceSelector {} AND pod=b: x/b, y/b, z/b reach x/a.',
      policies: [policyDoc('x', 'b-everywhere', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {}, podSelector: sel({ pod: 'b' }) }] }] })],
      pairs: [[ANY, XA, NONE], [{ pod: 'b' }, XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'two-policies-different-peers-and-ports',
      upstream: 'network_policy.go "should enforce multiple, stacked policies with overlapping podSelectors", with different peers per policy',
      why: 'Policy 1: namespace y on TCP 80; policy 2: x/b on TCP 81. Each peer gets only its own policy\'s port.',
      policies: [
        policyDoc('x', 'y-on-80', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [tcp(80)] }] }),
        policyDoc('x', 'xb-on-81', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }], ports: [tcp(81)] }] }),
      ],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 80'], ['x/b', XA, 'TCP 81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'egress-and-ingress-intersect',
      upstream: 'network_policy.go "should support denying of egress traffic on the client side", with port sets on both sides',
      why: `x may send to namespace y on TCP 80-81 (endPort); y admits only namespace x on TCP 81 and UDP 53.
x reaches y on TCP 81 only (the intersection); x reaches nothing else; y and z do not reach y.`,
      policies: [
        policyDoc('x', 'to-y', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('y') }], ports: [{ port: 80, endPort: 81, protocol: 'TCP' }] }] }),
        policyDoc('y', 'from-x', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x') }], ports: [tcp(81), DNS] }] }),
      ],
      pairs: [[X, ANY, NONE], [ANY, Y, NONE], [X, Y, 'TCP 81']],
      toOutside: [[X, NOWHERE]],
      fromOutside: [[Y, NOWHERE]],
    },
    {
      name: 'dual-stack-egress-to-pod-ipv6',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block" on a dual-stack cluster (hostMask 128)',
      why: `Pods have an IPv4 and an IPv6 address. x/a may send only to y/b's IPv6 /128: it reaches y/b (its
status.podIPs include that address) and that IPv6 address, no IPv4 address. IPv6 ranges are listed
because the input names IPv6 addresses.`,
      dualStack: true,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip6('y/b')}/128` } }] }] })],
      pairs: [[XA, ANY, NONE], [XA, 'y/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['::/0', NONE], [`${ip6('y/b')}/128`, ALL]]]],
    },

    // --- input shapes the upstream manifests may take ----------------------------------------------
    {
      name: 'namespace-without-metadata-name-label',
      upstream: 'network_policy.go "should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label", with the Namespace written without that label',
      why: `The API server sets kubernetes.io/metadata.name on every namespace, so a manifest that omits it
still matches: only y reaches x/a.`,
      withoutNameLabel: ['y'],
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector-for-immutable-ns-label', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }] }] })],
      pairs: [[X, XA, NONE], [Z, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-object-missing',
      upstream: 'network_policy.go "should enforce policy based on NamespaceSelector with MatchExpressions", without the Namespace object of z',
      why: `z's Namespace object is not in the input: z is assumed to carry only kubernetes.io/metadata.name,
so x/a admitting kubernetes.io/metadata.name In [z] admits z's pods, and ns=z (absent) would not.`,
      omitNamespaces: ['z'],
      policies: [policyDoc('x', 'allow-ns-z', {
        podSelector: podA, policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'In', ['z']) }, { namespaceSelector: sel({ ns: 'y' }) }] }],
      })],
      pairs: [[X, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-object-missing-label-selector',
      upstream: 'network_policy.go "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector" (model label ns), without the Namespace object of y',
      why: 'y\'s Namespace object is missing, so y carries no ns=y label: a selector on ns=y admits nobody.',
      omitNamespaces: ['y'],
      policies: [policyDoc('x', 'allow-client-a-via-ns-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: sel({ ns: 'y' }) }] }] })],
      pairs: [[ANY, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'policy-with-only-pod-selector',
      upstream: "network_policy.go \"should support a 'default-deny-ingress' policy\", written as the smallest spec (podSelector {} only)",
      why: 'No policyTypes and no rules: the policy is of type Ingress and denies all ingress to x.',
      policies: [policyDoc('x', 'deny-ingress', { podSelector: {} })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'policy-egress-type-without-egress-field',
      upstream: 'network_policy.go "should deny egress from all pods in a namespace", with the egress field absent',
      why: 'policyTypes [Egress] and no egress field: x sends nothing; its ingress is untouched.',
      policies: [policyDoc('x', 'deny-egress-ns-x', { podSelector: {}, policyTypes: ['Egress'] })],
      pairs: [[X, ANY, NONE]],
      toOutside: [[X, NOWHERE]],
    },
    {
      name: 'match-labels-and-expressions-combined',
      upstream: 'network_policy.go "should allow ingress access from updated pod", with matchLabels and matchExpressions in one selector',
      why: `The selector {matchLabels: pod=b, matchExpressions: pod2 Exists} is an AND: in x only x/b has
pod2 and pod=b (x/c has pod2 but pod=c).`,
      podLabels: { 'x/b': { pod2: 'updated' }, 'x/c': { pod2: 'updated' } },
      policies: [policyDoc('x', 'allow-b-with-pod2', {
        podSelector: podA, policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' }, matchExpressions: [{ key: 'pod2', operator: 'Exists' }] } }] }],
      })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'container-port-protocol-defaults-to-tcp',
      upstream: 'network_policy.go "should allow ingress access on one named port", with container ports written without protocol',
      why: `x's pods name TCP 8081 "web" without writing the protocol (TCP by default), and the policy names
"web" without protocol (TCP): everyone reaches x on TCP 8081.`,
      containerPorts: {
        'x/a': [{ name: 'web', containerPort: 8081 }],
        'x/b': [{ name: 'web', containerPort: 8081 }],
        'x/c': [{ name: 'web', containerPort: 8081 }],
      },
      policies: [policyDoc('x', 'allow-web', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'web' }] }] })],
      pairs: [[ANY, X, 'TCP 8081']],
      fromOutside: [[X, only('TCP 8081')]],
    },
    {
      name: 'egress-cidr-non-canonical',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block", with host bits in the CIDR',
      why: `10.1.2.7/24 is read like 10.1.2.0/24 (the address is masked): x/a may send to y's pods and that
range only.`,
      policies: [policyDoc('x', 'egress-y-range', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.2.7/24' } }] }] })],
      pairs: [[XA, ANY, NONE], [XA, Y, ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['10.1.2.0/24', ALL]]]],
    },
    {
      name: 'end-port-equals-port',
      upstream: 'network_policy.go "should enforce policy based on Ports", with endPort equal to port',
      why: 'port 81, endPort 81 is the single port TCP 81.',
      policies: [policyDoc('x', 'only-81', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 81, endPort: 81, protocol: 'TCP' }] }] })],
      pairs: [[ANY, XA, 'TCP 81']],
      fromOutside: [[XA, only('TCP 81')]],
    },

    {
      name: 'null-pod-selector-in-peer',
      upstream: 'network_policy.go "should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector", with podSelector: null in the peer',
      why: 'A null podSelector is an absent one: the peer is every pod of namespace y.',
      policies: [policyDoc('x', 'allow-y', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y'), podSelector: null }] }] })],
      pairs: [[X, XA, NONE], [Z, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'null-ingress-list',
      upstream: "network_policy.go \"should support a 'default-deny-ingress' policy\", with ingress: null",
      why: 'ingress: null is an absent ingress list: with policyTypes [Ingress], x admits nothing.',
      policies: [policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'], ingress: null })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'empty-match-expressions',
      upstream: 'network_policy.go "should enforce policy to allow ingress traffic from pods in all namespaces", with matchExpressions: []',
      why: 'A namespaceSelector whose matchExpressions list is empty selects every namespace: every pod reaches x/a, no address does.',
      policies: [policyDoc('x', 'allow-from-all-ns', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchExpressions: [] } }] }] })],
      pairs: [],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'mixed-named-and-numeric-ports',
      upstream: 'network_policy.go "should allow ingress access on one named port" and "should enforce policy based on Ports", in one port list',
      why: 'x/a admits serve-80-udp (UDP) and port 81 (TCP): UDP 80 and TCP 81, from everyone.',
      policies: [policyDoc('x', 'mixed', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'serve-80-udp', protocol: 'UDP' }, { port: 81 }] }] })],
      pairs: [[ANY, XA, 'TCP 81,UDP 80']],
      fromOutside: [[XA, only('TCP 81,UDP 80')]],
    },
    {
      name: 'named-port-protocol-mismatch',
      upstream: 'network_policy.go "should allow ingress access on one named port", naming the UDP port without protocol',
      why: `serve-81-udp names a UDP container port, but the policy port's protocol defaults to TCP, and a
named port matches a container port of that name AND protocol: nothing is admitted, x/a is closed.`,
      policies: [policyDoc('x', 'udp-name-tcp-protocol', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'serve-81-udp' }] }] })],
      pairs: [[ANY, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pod-ips-only-in-pod-ips-list',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block", with pods reporting only status.podIPs',
      why: 'The pods carry their address only in status.podIPs; the ipBlock still matches y/b.',
      omitPodIP: true,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('y/b')}/32` } }] }] })],
      pairs: [[XA, ANY, NONE], [XA, 'y/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], [`${ip('y/b')}/32`, ALL]]]],
    },

    {
      name: 'policy-types-empty-list-defaults',
      upstream: "network_policy.go \"should support a 'default-deny-ingress' policy\", with policyTypes: [] (the API server defaults an empty list like an absent one)",
      why: `The API server's defaulting (SetDefaults_NetworkPolicySpec) fills policyTypes when it is empty
(len == 0), not only when absent: [Ingress], plus Egress when there are egress rules. So this
policy is a default-deny-ingress for x.`,
      policies: [policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: [] })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
    {
      name: 'policy-types-empty-list-with-egress-rules',
      upstream: 'network_policy.go "should enforce egress policy allowing traffic to a server in a different namespace", with policyTypes: []',
      why: `policyTypes [] is defaulted to [Ingress, Egress] because the policy has egress rules: x/a admits
nothing and may send only to namespace y.`,
      policies: [policyDoc('x', 'egress-to-y', { podSelector: podA, policyTypes: [], egress: [{ to: [{ namespaceSelector: nsName('y') }] }] })],
      pairs: [[ANY, XA, NONE], [XA, ANY, NONE], [XA, Y, ALL]],
      fromOutside: [[XA, NOWHERE]],
      toOutside: [[XA, NOWHERE]],
    },
    {
      name: 'pods-with-identical-labels',
      upstream: 'network_policy.go "should enforce policy based on any PodSelectors", with x/b and x/c both labelled pod=b',
      why: `x/b and x/c are two standalone Pods with the same labels: they are still two peers and reach
each other; both reach x/a through the pod=b selector; x/c's own connections are listed under x/c.`,
      podLabelsReplace: { 'x/c': { pod: 'b' } },
      policies: [policyDoc('x', 'allow-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: sel({ pod: 'b' }) }] }] })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL], ['x/c', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },

    {
      name: 'sctp-named-port',
      upstream: 'network_policy.go SCTP "should enforce policy based on Ports", naming the port serve-81-sctp',
      why: 'x/a admits namespace y on serve-81-sctp (protocol SCTP): SCTP 81.',
      policies: [policyDoc('x', 'sctp-81-named', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 'serve-81-sctp', protocol: 'SCTP' }] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'SCTP 81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'egress-any-port-on-udp',
      upstream: 'network_policy.go "should enforce ingress policy allowing any port traffic to a server on a specific protocol", mirrored to egress with UDP',
      why: 'x/a may send UDP on any port, to pods and addresses; nothing on TCP or SCTP.',
      policies: [policyDoc('x', 'egress-by-proto', { podSelector: podA, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP' }] }] })],
      pairs: [[XA, ANY, 'UDP 1-65535']],
      toOutside: [[XA, only('UDP 1-65535')]],
    },
    {
      name: 'namespace-selector-not-in-absent-key',
      upstream: 'network_policy.go "should allow ingress access from updated namespace", with ns2 NotIn [updated]',
      why: 'NotIn also matches namespaces without the key: x and z (no ns2) reach x/a; y (ns2=updated) does not.',
      namespaceLabels: { y: { ns2: 'updated' } },
      policies: [policyDoc('x', 'not-updated', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('ns2', 'NotIn', ['updated']) }] }] })],
      pairs: [[Y, XA, NONE]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'namespace-selector-in-two-values',
      upstream: 'network_policy.go "should enforce policy based on NamespaceSelector with MatchExpressions", with In [y, z]',
      why: 'kubernetes.io/metadata.name In [y, z]: y and z reach x/a on TCP 80; x does not.',
      policies: [policyDoc('x', 'y-or-z', {
        podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('kubernetes.io/metadata.name', 'In', ['y', 'z']) }], ports: [tcp(80)] }],
      })],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 80'], [Z, XA, 'TCP 80']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'egress-internet-or-namespace',
      upstream: 'network_policy.go "should enforce except clause while egress access to server in CIDR block", as "internet but not the private range, or namespace y"',
      why: `x/a may send to 0.0.0.0/0 except 10.0.0.0/8 (no pod: they are all in 10.0.0.0/8), or to namespace y's
pods: y's pods on everything, no other pod, every address outside 10.0.0.0/8.`,
      policies: [policyDoc('x', 'internet-or-y', {
        podSelector: podA, policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { namespaceSelector: nsName('y') }] }],
      })],
      pairs: [[XA, ANY, NONE], [XA, Y, ALL]],
      toOutside: [[XA, [['10.0.0.0/8', NONE]]]],
    },
    {
      name: 'dual-stack-ipv4-policies',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block" on a dual-stack cluster, with an IPv4 /32',
      why: `Pods have IPv4 and IPv6 addresses; x/a may send only to y/b's IPv4 /32. x/a reaches y/b (one of
its addresses is in the block) and that IPv4 address, no IPv6 address. The pods' IPv6 addresses make
the IPv6 space part of the picture: the other pods reach and are reached from all of it.`,
      dualStack: true,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('y/b')}/32` } }] }] })],
      pairs: [[XA, ANY, NONE], [XA, 'y/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['::/0', NONE], [`${ip('y/b')}/32`, ALL]]]],
    },
    {
      name: 'dual-stack-ipv6-except-compressed',
      upstream: 'network_policy.go "should enforce except clause while egress access to server in CIDR block" on an IPv6 cluster (makeLargeCIDRForIP gives a /64)',
      why: `x/a may send to fd00:1::/64 except x/b's /128, written in compressed form (fd00:1::1:2) while
the pods report the long form: every pod but x/b, and those IPv6 addresses; no IPv4 address.`,
      dualStack: true,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00:1::/64', except: ['fd00:1::1:2/128'] } }] }],
      })],
      pairs: [[XA, 'x/b', NONE]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['::/0', NONE], ['fd00:1::/64', ALL], ['fd00:1::1:2/128', NONE]]]],
    },

    {
      name: 'background-policies-with-services',
      upstream: 'policies.go GetRandomIngressPolicies (allow-all-N policies selecting unique=N) next to a default-deny-ingress, with the model\'s Services (s-x-a, ...)',
      why: `Twenty allow-all policies select pods labelled unique=0..19; only x/b carries one (unique=7), so
x/b stays open to everything (the policies are unioned) while x/a and x/c are closed by the deny.
The Services change nothing.`,
      withServices: true,
      podLabels: { 'x/b': { unique: '7' } },
      policies: [
        policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
        ...Array.from({ length: 20 }, (_, i) => policyDoc('x', `allow-all-${i}`, { podSelector: sel({ unique: `${i}` }), ingress: [{}] })),
      ],
      pairs: [[ANY, X, NONE], [ANY, 'x/b', ALL]],
      fromOutside: [['x/a', NOWHERE], ['x/c', NOWHERE]],
    },
    {
      name: 'egress-ipv6-only-block-on-ipv4-pods',
      upstream: 'network_policy.go "should allow egress access to server in CIDR block" with an IPv6 block on single-stack IPv4 pods',
      why: `x/a may send only to ::/0: no pod (they have IPv4 addresses only) and no IPv4 address, every IPv6
address. As the input names an IPv6 block, the IPv6 space is listed for every pod.`,
      dualStackListing: true,
      policies: [policyDoc('x', 'ipv6-only', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '::/0' } }] }] })],
      pairs: [[XA, ANY, NONE]],
      toOutside: [[XA, [['0.0.0.0/0', NONE]]]],
    },

    {
      name: 'json-lists-egress-denied-on-client-side',
      upstream: 'network_policy.go, "should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)", written as kubectl -o json Lists',
      why: 'The same scenario as egress-denied-on-client-side, read from JSON List objects.',
      asLists: true,
      policies: [
        policyDoc('x', 'allow-to-ns-y-pod-a', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }] }),
        policyDoc('y', 'allow-from-xa-on-ya-match-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }] }),
        policyDoc('y', 'allow-from-xa-on-yb-match-selector', { podSelector: sel({ pod: 'b' }), policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }] }),
      ],
      pairs: [[XA, ANY, NONE], [ANY, 'y/a', NONE], [XA, 'y/a', ALL], [ANY, 'y/b', NONE]],
      toOutside: [[XA, NOWHERE]],
      fromOutside: [['y/a', NOWHERE], ['y/b', NOWHERE]],
    },

    // --- a scaled model: more namespaces than the engine expands peer sets for ----------------------
    {
      name: 'scaled-namespaces-wide-peer-sets',
      upstream: 'network_policy.go "should enforce policy based on Multiple PodSelectors and NamespaceSelectors" and "should allow egress access on one named port", on the x/y/z model plus 36 namespaces n01..n36 with one pod a each',
      why: `Peer sets of 40+ pods. x/a admits every namespace but x (ns NotIn [x]) on TCP 80; x/b may send only
to namespaces that have an ns label (all) on serve-81-tcp, so TCP 81 to every pod but x/a (which
admits TCP 80 only) and n01/a, and nothing to addresses; n01/a admits pod=a of every namespace on
SCTP 80.`,
      namespaces: ['x', 'y', 'z', ...Array.from({ length: 36 }, (_, i) => `n${String(i + 1).padStart(2, '0')}`)],
      pods: ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c', ...Array.from({ length: 36 }, (_, i) => `n${String(i + 1).padStart(2, '0')}/a`)],
      policies: [
        policyDoc('x', 'from-other-namespaces', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('ns', 'NotIn', ['x']) }], ports: [tcp(80)] }] }),
        policyDoc('x', 'b-egress-named', { podSelector: sel({ pod: 'b' }), policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: expr('ns', 'Exists') }], ports: [{ port: 'serve-81-tcp' }] }] }),
        policyDoc('n01', 'from-every-a', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {}, podSelector: podA }], ports: [{ port: 80, protocol: 'SCTP' }] }] }),
      ],
      pairs: [
        [ANY, XA, NONE], [{ notNs: 'x' }, XA, 'TCP 80'],
        ['x/b', ANY, 'TCP 81'], ['x/b', XA, NONE],
        [ANY, 'n01/a', NONE], [{ pod: 'a' }, 'n01/a', 'SCTP 80'],
      ],
      fromOutside: [[XA, NOWHERE], ['n01/a', NOWHERE]],
      toOutside: [['x/b', NOWHERE]],
    },

    {
      name: 'scaled-namespaces-grouped-destinations',
      upstream: 'network_policy.go "should enforce policy based on PodSelector or NamespaceSelector" and "should enforce except clause while egress access to server in CIDR block", on the x/y/z model plus 36 namespaces n01..n36 with one pod a each',
      why: `Every n namespace admits, on TCP 80-81, every namespace but z (a set of 40+ pods shared by 36
destinations). y/a may send TCP 81 only, to 10.1.0.0/16 except 10.1.10.0/24 (n07's pods): TCP 81 to
every pod but n07/a, and to those addresses.`,
      namespaces: ['x', 'y', 'z', ...Array.from({ length: 36 }, (_, i) => `n${String(i + 1).padStart(2, '0')}`)],
      pods: ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c', ...Array.from({ length: 36 }, (_, i) => `n${String(i + 1).padStart(2, '0')}/a`)],
      policies: [
        ...Array.from({ length: 36 }, (_, i) => policyDoc(`n${String(i + 1).padStart(2, '0')}`, 'not-from-z', {
          podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: expr('ns', 'NotIn', ['z']) }], ports: [{ port: 80, endPort: 81 }] }],
        })),
        policyDoc('y', 'a-egress-cidr', {
          podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.1.0.0/16', except: ['10.1.10.0/24'] } }], ports: [tcp(81)] }],
        }),
      ],
      pairs: [
        [ANY, { nsPrefix: 'n' }, NONE], [{ notNs: 'z' }, { nsPrefix: 'n' }, 'TCP 80-81'],
        ['y/a', ANY, 'TCP 81'], ['y/a', 'n07/a', NONE],
      ],
      fromOutside: [[{ nsPrefix: 'n' }, NOWHERE]],
      toOutside: [['y/a', [['0.0.0.0/0', NONE], ['10.1.0.0/16', 'TCP 81'], ['10.1.10.0/24', NONE]]]],
    },

    {
      name: 'null-namespace-selector-in-peer',
      upstream: 'network_policy.go "should enforce policy to allow traffic from pods within server namespace based on PodSelector", with namespaceSelector: null in the peer',
      why: 'A null namespaceSelector is an absent one: the peer is pod=b of the policy\'s namespace only.',
      policies: [policyDoc('x', 'x-a-allows-x-b', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: sel({ pod: 'b' }), namespaceSelector: null }] }] })],
      pairs: [[ANY, XA, NONE], ['x/b', XA, ALL]],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'same-name-policy-last-wins',
      upstream: 'network_policy.go "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed", both versions of the updated policy in the input (same namespace and name)',
      why: `Two documents for one object (x/allow-client-a-via-cidr-egress-rule): applied in order, the second
replaces the first, as kubectl apply and UpdatePolicy do. Only the /32 to x/b remains.`,
      policies: [
        policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ip('x/b')}/32`] } }] }] }),
        policyDoc('x', 'allow-client-a-via-cidr-egress-rule', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: `${ip('x/b')}/32` } }] }] }),
      ],
      pairs: [[XA, ANY, NONE], [XA, 'x/b', ALL]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], [`${ip('x/b')}/32`, ALL]]]],
    },

    {
      name: 'topology-egress-denied-on-client-side',
      upstream: 'network_policy.go (current), "should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)": pods x/a, y/a, y/b serving TCP 80',
      why: 'x/a may send only to y/a; y/a and y/b admit only x/a: x/a reaches y/a, nothing else reaches y/a or y/b.',
      pods: ['x/a', 'y/a', 'y/b'],
      model: { ports: [80], protocols: ['TCP'] },
      policies: [
        policyDoc('x', 'allow-to-ns-y-pod-a', { podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podA }] }] }),
        policyDoc('y', 'allow-from-xa-on-ya-match-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }] }),
        policyDoc('y', 'allow-from-xa-on-yb-match-selector', { podSelector: sel({ pod: 'b' }), policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podA }] }] }),
      ],
      pairs: [[XA, ANY, NONE], [ANY, 'y/a', NONE], [XA, 'y/a', ALL], [ANY, 'y/b', NONE]],
      toOutside: [[XA, NOWHERE]],
      fromOutside: [['y/a', NOWHERE], ['y/b', NOWHERE]],
    },
    {
      name: 'topology-cidr-except',
      upstream: 'network_policy.go (current), "should enforce except clause while egress access to server in CIDR block": pods x/a, x/b, x/c serving TCP 80',
      why: 'x/a may send to 0.0.0.0/4 except x/b\'s /32: x/c, not x/b.',
      pods: ['x/a', 'x/b', 'x/c'],
      model: { ports: [80], protocols: ['TCP'] },
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ip('x/b')}/32`] } }] }],
      })],
      pairs: [[XA, 'x/b', NONE]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['0.0.0.0/4', ALL], [`${ip('x/b')}/32`, NONE]]]],
    },
    {
      name: 'topology-stacked-policies',
      upstream: 'network_policy.go (current), "should enforce multiple, stacked policies with overlapping podSelectors": pods x/a, x/b, y/a, y/b, z/a serving TCP 80 and 81',
      why: 'Final state: y reaches x/a on TCP 80 and 81; x/b and z/a do not.',
      pods: ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'],
      model: { ports: [80, 81], protocols: ['TCP'] },
      policies: [
        policyDoc('x', 'allow-client-a-via-ns-selector', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [tcp(81)] }] }),
        policyDoc('x', 'allow-client-a-via-ns-selector-80', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [tcp(80)] }] }),
      ],
      pairs: [[ANY, XA, NONE], [Y, XA, 'TCP 80-81']],
      fromOutside: [[XA, NOWHERE]],
    },
    {
      name: 'topology-sctp-is-not-tcp',
      upstream: "network_policy.go (current), \"should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP\": pods x/a, y/a serving TCP 81",
      why: 'deny-ingress on x plus SCTP 81 to x/a: y/a reaches x/a on SCTP 81 only (no pod listens on it, but the policy allows it).',
      pods: ['x/a', 'y/a'],
      model: { ports: [81], protocols: ['TCP'] },
      policies: [
        policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] }),
        policyDoc('x', 'allow-only-sctp-ingress-on-port-81', { podSelector: podA, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] }),
      ],
      pairs: [[ANY, XA, 'SCTP 81']],
      fromOutside: [[XA, only('SCTP 81')]],
    },

    {
      name: 'scaled-ipblocks-and-named-ports',
      upstream: 'network_policy.go "should allow egress access on one named port" and "should enforce except clause while egress access to server in CIDR block", on the x/y/z model plus 36 namespaces n01..n36 with one pod a each; n05/a serves only "http" on TCP 8080',
      why: `x/a may send serve-80-udp to 10.1.0.0/16 (all 45 pods) and "http" to every pod (namespaceSelector {}):
UDP 80 to every pod but n05/a, which has no serve-80-udp but resolves "http" to TCP 8080; nothing
to addresses (names only). n02/a admits 10.1.0.0/17 except z's 10.1.3.0/24 on TCP 443, and pod=b of
every namespace on serve-81-tcp: x/b and y/b on TCP 81 and 443, z/b on TCP 81, other pods but z's on
TCP 443, x/a nothing (its egress is UDP 80 and "http", which n02/a does not serve).`,
      namespaces: ['x', 'y', 'z', ...Array.from({ length: 36 }, (_, i) => `n${String(i + 1).padStart(2, '0')}`)],
      pods: ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c', ...Array.from({ length: 36 }, (_, i) => `n${String(i + 1).padStart(2, '0')}/a`)],
      containerPorts: { 'n05/a': [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
      policies: [
        policyDoc('x', 'a-egress-named', {
          podSelector: podA, policyTypes: ['Egress'],
          egress: [
            { to: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 'serve-80-udp', protocol: 'UDP' }] },
            { to: [{ namespaceSelector: {} }], ports: [{ port: 'http' }] },
          ],
        }),
        policyDoc('n02', 'ingress-mixed', {
          podSelector: {}, policyTypes: ['Ingress'],
          ingress: [
            { from: [{ ipBlock: { cidr: '10.1.0.0/17', except: ['10.1.3.0/24'] } }], ports: [tcp(443)] },
            { from: [{ namespaceSelector: {}, podSelector: sel({ pod: 'b' }) }], ports: [{ port: 'serve-81-tcp' }] },
          ],
        }),
      ],
      pairs: [
        [XA, ANY, 'UDP 80'], [XA, 'n05/a', 'TCP 8080'],
        [ANY, 'n02/a', 'TCP 443'], [Z, 'n02/a', NONE],
        ['x/b', 'n02/a', 'TCP 81,443'], ['y/b', 'n02/a', 'TCP 81,443'], ['z/b', 'n02/a', 'TCP 81'], [XA, 'n02/a', NONE],
      ],
      fromOutside: [['n02/a', [['0.0.0.0/0', NONE], ['10.1.0.0/17', 'TCP 443'], ['10.1.3.0/24', NONE]]]],
      toOutside: [[XA, NOWHERE]],
    },

    {
      name: 'namespace-isolation-with-dns',
      upstream: 'network_policy.go "should deny ingress from pods on other namespaces" combined with policies.go GetDenyAllWithEgressDNS: the usual namespace-isolation pair',
      why: `x admits only its own pods and may send only to its own pods and UDP 53 anywhere: x to x on
everything; x to y and z on UDP 53 only; y and z do not reach x; addresses get UDP 53 from x and
reach nothing in x.`,
      policies: [
        policyDoc('x', 'same-namespace-ingress', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] }),
        policyDoc('x', 'same-namespace-egress-and-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }, { ports: [DNS] }] }),
      ],
      pairs: [[X, ANY, 'UDP 53'], [ANY, X, NONE], [X, X, ALL]],
      toOutside: [[X, only('UDP 53')]],
      fromOutside: [[X, NOWHERE]],
    },

    {
      name: 'policy-without-pod-selector',
      upstream: 'network_policy.go "should deny egress from all pods in a namespace", with spec.podSelector left out',
      why: `spec.podSelector is a struct, not a pointer: left out it decodes as the empty selector, which
selects every pod of x. x sends nothing.`,
      policies: [policyDoc('x', 'deny-egress-ns-x', { policyTypes: ['Egress'], egress: [] })],
      pairs: [[X, ANY, NONE]],
      toOutside: [[X, NOWHERE]],
    },

    {
      name: 'cidr-except-overlap-same-rule',
      upstream: 'network_policy.go "should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed", with both ipBlocks as peers of one rule',
      why: 'One rule, two peers: 0.0.0.0/4 except x/b, and x/b\'s /32. Peers are ORed: x/b is allowed.',
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', {
        podSelector: podA, policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ip('x/b')}/32`] } }, { ipBlock: { cidr: `${ip('x/b')}/32` } }] }],
      })],
      pairs: [],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['0.0.0.0/4', ALL]]]],
    },

    {
      name: 'ipv6-only-egress-cidr-except',
      upstream: 'network_policy.go "should enforce except clause while egress access to server in CIDR block" on an IPv6 single-stack cluster (hostMask 128; makeLargeCIDRForIP gives the /64)',
      why: `Pods have IPv6 addresses only. x/a may send to fd00:1::/64 except x/b's /128: every pod but x/b,
and those IPv6 addresses; no IPv4 address. The other pods are unrestricted over both address families.`,
      ipv6Only: true,
      policies: [policyDoc('x', 'allow-client-a-via-cidr-egress-rule', {
        podSelector: podA, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: 'fd00:1::/64', except: [`${ip6('x/b')}/128`] } }] }],
      })],
      pairs: [[XA, 'x/b', NONE]],
      toOutside: [[XA, [['0.0.0.0/0', NONE], ['::/0', NONE], ['fd00:1::/64', ALL], [`${ip6('x/b')}/128`, NONE]]]],
    },

    {
      name: 'ipv6-only-default-deny-ingress',
      upstream: "network_policy.go \"should support a 'default-deny-ingress' policy\" on an IPv6 single-stack cluster",
      why: `Pods have IPv6 addresses only and no policy names a CIDR. Nothing reaches x; every pod may send
to every address, IPv6 included (the only family the pods have), and y and z are reached from
every address.`,
      ipv6Only: true,
      policies: [policyDoc('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] })],
      pairs: [[ANY, X, NONE]],
      fromOutside: [[X, NOWHERE]],
    },
  ];
}
