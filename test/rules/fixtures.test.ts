// The platform's real manifests: what lint must flag, and a hand-written good set with no findings.
import * as path from 'path';
import { FIXTURES } from './helpers';
import { RulePack } from '../../src/rules/rule-pack';

const pack = new RulePack();
const demo = pack.lintFiles([path.join(FIXTURES, 'welkin-user-demo')]);
const proxy = pack.lintFiles([path.join(FIXTURES, 'oauth2-proxy')]);

function messages(result: typeof demo, ruleId: string): string[] {
  return result.findings.filter(f => f.ruleId === ruleId).map(f => f.message);
}

describe('the user demo as rendered with its default values', () => {
  test('its policy\'s ingress rule with an empty `from` admits every source', () => {
    expect(messages(demo, 'no-allow-all-peers')).toContain(
      'NetworkPolicy myapp-welkin-user-demo: ingress[0] has no `from`, so it admits every source on TCP http');
  });

  test('its DNS rule has an empty `to`', () => {
    expect(messages(demo, 'no-allow-all-peers')).toContain(
      'NetworkPolicy myapp-welkin-user-demo: egress[0] has no `to`, so it allows every destination on UDP 53, TCP 53');
    expect(messages(demo, 'dns-egress')).toEqual([
      'NetworkPolicy myapp-welkin-user-demo: egress[0] lets DNS (port 53) go to every destination; send DNS to the cluster DNS only',
    ]);
  });

  test('the other gaps: no default-deny, no namespace, no protocol, writable root, low UID, no PDB or spread', () => {
    expect([...new Set(demo.findings.map(f => f.ruleId))].sort()).toEqual([
      'app-network-policy', 'default-deny', 'dns-egress', 'explicit-namespace', 'high-availability', 'no-allow-all-peers',
      'read-only-root-filesystem', 'run-as-non-root',
    ]);
    expect(demo.errorCount).toBe(12);
    expect(demo.findings.every(f => f.source!.endsWith(path.join('welkin-user-demo', 'rendered.yaml')))).toBe(true);
  });

  test('what the demo gets right passes: tag, requests and limits, probes, token, ClusterIP, TLS hosts', () => {
    const fired = new Set(demo.findings.map(f => f.ruleId));
    for (const id of ['image-tag-pinned', 'resource-requests', 'resource-limits', 'probes', 'no-service-account-token',
      'service-type', 'ingress-tls-hosts', 'dangling-references', 'no-privilege-escalation', 'drop-all-capabilities', 'seccomp-runtime-default']) {
      expect(fired.has(id)).toBe(false);
    }
  });
});

describe('the oauth2-proxy example', () => {
  test('its `latest` tag is flagged', () => {
    expect(messages(proxy, 'image-tag-pinned')).toEqual([
      "Deployment oauth2-proxy: container 'oauth2-proxy' uses image 'quay.io/oauth2-proxy/oauth2-proxy:latest' with the tag latest",
    ]);
  });

  test('its missing securityContext is flagged by each hardening rule', () => {
    for (const id of ['run-as-non-root', 'read-only-root-filesystem', 'no-privilege-escalation', 'drop-all-capabilities', 'seccomp-runtime-default']) {
      expect(messages(proxy, id)).toHaveLength(1);
    }
    expect(messages(proxy, 'run-as-non-root')[0]).toContain('runAsNonRoot is not true');
  });

  test('its missing NetworkPolicy is flagged (error for isolation and R3, warning for the Gatekeeper safeguard)', () => {
    expect(proxy.findings.filter(f => ['pod-isolated-both-directions', 'app-network-policy', 'require-network-policy', 'default-deny'].includes(f.ruleId))
      .map(f => [f.ruleId, f.severity])).toEqual([
      ['default-deny', 'error'], ['app-network-policy', 'error'], ['pod-isolated-both-directions', 'error'], ['require-network-policy', 'warning'],
    ]);
  });

  test('linted together with the demo, its /oauth2 Ingress shares the host, path-disjoint and with the same secret', () => {
    const both = pack.lintFiles([path.join(FIXTURES, 'welkin-user-demo'), path.join(FIXTURES, 'oauth2-proxy')]);
    expect(both.objectCount).toBe(7);
    expect(both.findings.filter(f => ['unique-ingress-host-paths', 'tls-secret-per-host-set', 'dangling-references'].includes(f.ruleId))).toEqual([]);
    // Everything else adds up, except that the one shared namespace misses its default-deny once.
    expect(both.errorCount).toBe(demo.errorCount + proxy.errorCount - 1);
    expect(both.findings.filter(f => f.ruleId === 'default-deny')).toHaveLength(1);
  });
});

describe('the good fixture set', () => {
  test('passes with zero findings, and nothing suppressed', () => {
    const good = pack.lintFiles([path.join(FIXTURES, 'good')]);
    expect(good.findings).toEqual([]);
    expect(good.suppressed).toEqual([]);
    expect(good.objectCount).toBe(10);
  });
});
