// Exposure analysis: what workloads may reach, or be reached by, among pods and namespaces the input
// does not show (netpol-analyzer's semantics; its scenarios run in the conformance set).
import { analyze, deployment, namespace, policy } from './fixtures';
import { ConnectionPeer, PeerKind, ReportFormat } from '../../src/analysis';
import { Protocol } from '../../src/kube/protocol';

const WEB = 'shop/web[Deployment]';
const API = 'shop/api[Deployment]';

function base() {
  return [
    namespace('shop'),
    deployment('shop', 'web', { app: 'web' }, [{ containerPort: 8080, name: 'http' }]),
    deployment('shop', 'api', { app: 'api' }, [{ containerPort: 3000, name: 'api' }]),
  ];
}

/** The exposure connections as `SRC => DST : CONN` lines. */
function exposure(objects: ReturnType<typeof base>): string[] {
  return analyze(objects).exposure.map(c => c.toString());
}

const DENY_ALL = policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('exposure', () => {
  test('a workload no policy isolates is exposed to the entire cluster on every port, both ways', () => {
    const a = analyze(base());
    expect(a.exposure.map(c => c.toString())).toEqual([
      'entire-cluster => shop/api[Deployment] : All Connections',
      'entire-cluster => shop/web[Deployment] : All Connections',
      `${API} => entire-cluster : All Connections`,
      `${WEB} => entire-cluster : All Connections`,
    ]);
    expect(a.unprotected).toEqual([
      `${API} is not protected on Egress`, `${API} is not protected on Ingress`,
      `${WEB} is not protected on Egress`, `${WEB} is not protected on Ingress`,
    ]);
    expect(a.exposure[0].source.kind).toBe(PeerKind.REPRESENTATIVE);
    expect(a.exposure[0].source.sameAs(ConnectionPeer.ENTIRE_CLUSTER)).toBe(true);
  });

  test('isolated workloads whose rules name only known pods are not exposed', () => {
    expect(exposure([...base(), DENY_ALL, policy('shop', 'web-to-api', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    })])).toEqual([]);
  });

  test('namespaces labelled purpose: frontend that are not in the input are a representative peer', () => {
    const lines = exposure([...base(), DENY_ALL, policy('shop', 'from-frontends', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'frontend' } } }], ports: [{ port: 8080 }] }],
    })]);
    expect(lines).toEqual([`[namespace with {purpose=frontend}]/[all pods] => ${WEB} : TCP 8080`]);
  });

  test('namespaceSelector {} is the entire cluster; a narrower rule shows only where it adds ports', () => {
    const lines = exposure([...base(), DENY_ALL, policy('shop', 'web-in', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [
        { from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] },
        { from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }], ports: [{ port: 8080 }] },
        { from: [{ namespaceSelector: { matchLabels: { team: 'sec' } } }], ports: [{ port: 9090 }] },
      ],
    })]);
    expect(lines).toEqual([
      `[namespace with {team=sec}]/[all pods] => ${WEB} : TCP 8080,9090`,
      `entire-cluster => ${WEB} : TCP 8080`,
    ]);
  });

  test('a pod selector alone names pods of the policy\'s namespace; a known pod that matches it removes it', () => {
    const rule = policy('shop', 'web-in', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'monitoring' } } }] }],
    });
    expect(exposure([...base(), DENY_ALL, rule])).toEqual([`shop/[pod with {role=monitoring}] => ${WEB} : All Connections`]);
    const monitor = deployment('shop', 'prom', { role: 'monitoring' });
    expect(exposure([...base(), DENY_ALL, rule, monitor]).filter(l => l.includes(WEB))).toEqual([]);
  });

  test('matchExpressions are printed as netpol-analyzer prints them, and are never removed by known pods', () => {
    const rule = policy('shop', 'web-in', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] } }] }],
    });
    expect(exposure([...base(), DENY_ALL, rule])).toEqual([`shop/[pod with {{Key:app,Operator:In,Values:[api],}}] => ${WEB} : All Connections`]);
  });

  test('egress named ports stay names towards unknown pods; ingress named ports resolve on the workload', () => {
    const a = analyze([...base(), DENY_ALL, policy('shop', 'web-out', {
      podSelector: { matchLabels: { app: 'web' } },
      egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'db' } } }], ports: [{ port: 'pg' }, { port: 53, protocol: 'UDP' }] }],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'lb' } } }], ports: [{ port: 'http' }] }],
    })]);
    expect(a.exposure.map(c => c.toString())).toEqual([
      `[namespace with {team=lb}]/[all pods] => ${WEB} : TCP 8080`,
      `${WEB} => [namespace with {team=db}]/[all pods] : TCP pg,UDP 53`,
    ]);
    expect(a.exposure[1].namedPorts).toEqual([{ protocol: Protocol.TCP, name: 'pg' }]);
  });

  test('the text report appends netpol-analyzer\'s exposure section, with the workloads\' outside connections', () => {
    const a = analyze([...base(), policy('shop', 'web-in', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'frontend' } } }], ports: [{ port: 8080 }] }],
    })]);
    const text = a.render(ReportFormat.TEXT, { exposure: true });
    expect(text).toContain('\nExposure Analysis Result:\nEgress Exposure:\n');
    expect(text).toContain(`${WEB} \t=> \t0.0.0.0-255.255.255.255 : All Connections\n`);
    expect(text).toContain(`${WEB} \t<= \t[namespace with {purpose=frontend}]/[all pods] : TCP 8080\n`);
    expect(text).toContain('\nWorkloads not protected by network policies:\nshop/api[Deployment] is not protected on Egress\n');
    expect(a.render(ReportFormat.TEXT)).not.toContain('Exposure');
  });

  test('every format carries the exposure', () => {
    const a = analyze([...base(), DENY_ALL, policy('shop', 'web-in', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'frontend' } } }], ports: [{ port: 8080 }] }],
    })]);
    const peer = '[namespace with {purpose=frontend}]/[all pods]';
    for (const format of ReportFormat.all()) {
      expect(a.render(format, { exposure: true })).toContain(format.name === 'mermaid' || format.name === 'dot' ? peer.replace(/"/g, '') : peer);
    }
    const json = JSON.parse(a.render(ReportFormat.JSON, { exposure: true }));
    expect(json.exposure_results.ingress_exposure).toEqual([{ src: peer, dst: WEB, conn: 'TCP 8080' }]);
  });

  test('representative peers parse from their printed names', () => {
    expect(ConnectionPeer.parse('entire-cluster')).toBe(ConnectionPeer.ENTIRE_CLUSTER);
    const p = ConnectionPeer.parse('[namespace with {purpose=frontend}]/[all pods]');
    expect(p.isRepresentative).toBe(true);
    expect(ConnectionPeer.parse('backend/[all pods]').kind).toBe(PeerKind.REPRESENTATIVE);
    expect(() => ConnectionPeer.representative('shop/web')).toThrow(/invalid representative peer/);
  });
});

function anp(name: string, priority: number, spec: { [key: string]: any }) {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec: { priority, ...spec } };
}

function banp(spec: { [key: string]: any }) {
  return { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' }, spec };
}

const SHOP = { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } };
const FRONTENDS = { namespaces: { matchLabels: { purpose: 'frontend' } } };
const EVERY_NAMESPACE = { namespaces: {} };

describe('exposure with admin network policies', () => {
  test('an ANP Allow opens a representative peer through a NetworkPolicy deny-all', () => {
    expect(exposure([...base(), DENY_ALL, anp('frontends', 10, {
      subject: SHOP,
      ingress: [{ action: 'Allow', from: [FRONTENDS], ports: [{ portNumber: { port: 80, protocol: 'TCP' } }] }],
    })])).toEqual([
      `[namespace with {purpose=frontend}]/[all pods] => ${API} : TCP 80`,
      `[namespace with {purpose=frontend}]/[all pods] => ${WEB} : TCP 80`,
    ]);
  });

  test('an ANP Deny of every namespace narrows entire-cluster; a Deny naming a peer lists it with less', () => {
    const lines = exposure([...base(), anp('deny', 10, {
      subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } },
      egress: [
        { action: 'Deny', to: [FRONTENDS], ports: [{ portNumber: { port: 9090, protocol: 'TCP' } }] },
        { action: 'Deny', to: [EVERY_NAMESPACE], ports: [{ portNumber: { port: 80, protocol: 'TCP' } }] },
      ],
    })]);
    expect(lines).toContain(`${WEB} => entire-cluster : SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535`);
    expect(lines).toContain(`${WEB} => [namespace with {purpose=frontend}]/[all pods] : SCTP 1-65535,TCP 1-79,81-9089,9091-65535,UDP 1-65535`);
    const a = analyze([...base(), anp('deny', 10, { subject: SHOP, egress: [{ action: 'Deny', to: [FRONTENDS] }] })]);
    expect(a.exposure.map(c => c.toString())).toContain(`${WEB} => [namespace with {purpose=frontend}]/[all pods] : No Connections`);
    // Selected by an admin policy with egress rules: protected on egress, not on ingress (netpol-analyzer's report).
    expect(a.unprotected).toEqual([`${API} is not protected on Ingress`, `${WEB} is not protected on Ingress`]);
  });

  test('Pass hands a port to NetworkPolicies, then the BANP decides where none isolates', () => {
    const objects = [...base(),
      policy('shop', 'web-in', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'frontend' } } }], ports: [{ port: 8080 }] }],
      }),
      anp('pass', 10, { subject: SHOP, ingress: [{ action: 'Pass', from: [FRONTENDS] }] }),
      banp({ subject: SHOP, ingress: [{ action: 'Deny', from: [EVERY_NAMESPACE] }] })];
    expect(exposure(objects).filter(l => l.includes(' => shop/'))).toEqual([`[namespace with {purpose=frontend}]/[all pods] => ${WEB} : TCP 8080`]);
  });

  test('named ports of admin rules stay names towards unknown pods on egress and resolve on the workload on ingress', () => {
    const lines = exposure([...base(), DENY_ALL, anp('named', 10, {
      subject: SHOP,
      egress: [{ action: 'Allow', to: [EVERY_NAMESPACE], ports: [{ namedPort: 'dns' }] }],
      ingress: [{ action: 'Allow', from: [EVERY_NAMESPACE], ports: [{ namedPort: 'http' }] }],
    })]);
    expect(lines).toEqual([
      `entire-cluster => ${WEB} : TCP 8080`,
      `${API} => entire-cluster : dns`,
      `${WEB} => entire-cluster : dns`,
    ]);
  });

  test('admin pods peers name representative peers matched by NetworkPolicy rules with the same selectors', () => {
    const lines = exposure([...base(),
      policy('shop', 'web-out', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'db' } }, podSelector: { matchLabels: { app: 'pg' } } }] }],
      }),
      anp('db', 10, {
        subject: SHOP,
        egress: [{
          action: 'Deny',
          to: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'db' } }, podSelector: { matchLabels: { app: 'pg' } } } }],
          ports: [{ portNumber: { port: 22, protocol: 'TCP' } }],
        }],
      })]);
    expect(lines).toContain(`${WEB} => db/[pod with {app=pg}] : SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535`);
    expect(lines).toContain(`${API} => db/[pod with {app=pg}] : SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535`);
    expect(lines).toContain(`${API} => entire-cluster : All Connections`);
    expect(lines).not.toContain(`${WEB} => entire-cluster : All Connections`);
  });
});
