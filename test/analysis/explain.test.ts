// explain(): the policies and rules on each side that allow a connection, or why it is denied.
import { analyze, deployment, policy } from './fixtures';
import { Protocol } from '../../src/kube/protocol';

const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';
const DB = 'shop/db[Deployment]';

const objects = [
  deployment('shop', 'web', { app: 'web' }),
  deployment('shop', 'api', { app: 'api' }, [{ containerPort: 3000, name: 'http' }]),
  deployment('shop', 'db', { app: 'db' }),
  policy('shop', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  policy('shop', 'web', {
    podSelector: { matchLabels: { app: 'web' } },
    policyTypes: ['Egress'],
    egress: [
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 53, protocol: 'UDP' }] },
      { to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 3000 }] },
    ],
  }),
  policy('shop', 'api', {
    podSelector: { matchLabels: { app: 'api' } },
    policyTypes: ['Ingress'],
    ingress: [
      { from: [{ podSelector: { matchLabels: { app: 'db' } } }] },
      { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] },
    ],
  }),
];

describe('explain', () => {
  const a = analyze(objects);

  test('an allowed connection names the policy and rule index on each side', () => {
    const e = a.explain(WEB, API, 3000, Protocol.TCP);
    expect(e.allowed).toBe(true);
    expect(e.egress.allowingRules).toEqual([{ policy: 'shop/web', direction: 'egress', ruleIndex: 1 }]);
    expect(e.ingress.allowingRules).toEqual([{ policy: 'shop/api', direction: 'ingress', ruleIndex: 1 }]);
    expect(e.egress.policies).toEqual(['shop/default-deny', 'shop/web']);
    expect(e.text).toBe([
      `${WEB} => ${API} : TCP 3000 is ALLOWED`,
      `  egress of ${WEB}: allows: allowed by shop/web (egress rule 1)`,
      `  ingress of ${API}: allows: allowed by shop/api (ingress rule 1)`,
      '',
    ].join('\n'));
  });

  test('a denied connection says which side denies it and which policies isolate that side', () => {
    const e = a.explain(WEB, API, 3001);
    expect(e.allowed).toBe(false);
    expect(e.egress.allowed).toBe(false);
    expect(e.egress.reason).toBe(`isolated by shop/default-deny, shop/web, and no egress rule of them allows TCP 3001 to ${API}`);
    expect(e.ingress.allowed).toBe(false);
    expect(e.ingress.isolated).toBe(true);
  });

  test('the egress side may allow while the ingress side denies', () => {
    const e = a.explain(API, DB, 5432);
    expect(e.egress.allowed).toBe(false);
    const dbToApi = a.explain(DB, API, 5432);
    expect(dbToApi.ingress.allowingRules).toEqual([{ policy: 'shop/api', direction: 'ingress', ruleIndex: 0 }]);
    expect(dbToApi.egress.reason).toMatch(/isolated by shop\/default-deny/);
    expect(dbToApi.allowed).toBe(false);
  });

  test('a side no policy selects for that direction is not isolated', () => {
    const open = analyze([deployment('x', 'a', { app: 'a' }), deployment('x', 'b', { app: 'b' })]);
    const e = open.explain('x/a[Deployment]', 'x/b[Deployment]', 80);
    expect(e.allowed).toBe(true);
    expect(e.ingress.isolated).toBe(false);
    expect(e.ingress.reason).toBe('not isolated: no NetworkPolicy selects it for Ingress, so all ingress is allowed');
  });

  test('addresses outside the cluster: the ipBlock rule on the pod side, no policy on the address side', () => {
    const e = a.explain(WEB, '8.8.8.8', 53, Protocol.UDP);
    expect(e.allowed).toBe(true);
    expect(e.egress.allowingRules).toEqual([{ policy: 'shop/web', direction: 'egress', ruleIndex: 0 }]);
    expect(e.ingress.reason).toBe('addresses outside the cluster are not subject to NetworkPolicies');
    expect(a.explain('8.8.8.8', API, 3000).allowed).toBe(false);
  });

  test('explain agrees with isAllowed', () => {
    for (const [from, to] of [[WEB, API], [API, WEB], [DB, API], [WEB, DB]]) {
      for (const port of [53, 3000, 5432]) {
        for (const protocol of [Protocol.TCP, Protocol.UDP]) {
          expect(a.explain(from, to, port, protocol).allowed).toBe(a.isAllowed(from, to, port, protocol));
        }
      }
    }
  });
});
