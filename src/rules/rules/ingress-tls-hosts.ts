import { objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const ingressTlsHosts: Rule = {
  id: 'ingress-tls-hosts',
  title: 'Ingresses name explicit hosts (no wildcard) and serve exactly those hosts over TLS',
  severity: Severity.ERROR,
  standsFor: 'R7; Polaris tlsSettingsMissing; Kyverno ingress-host-match-tls; Checkov CKV_K8S_153; Gatekeeper K8sHttpsOnly',
  fix: 'Give every rule a `host`, no `*`, and list exactly the rule hosts in `spec.tls[].hosts` with a secretName.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const ing of index.ofKind('Ingress')) {
      const problems: string[] = [];
      const rules = objectsOf(ing.spec?.rules);
      if (ing.spec?.defaultBackend || rules.length === 0) {
        problems.push('it has a default backend or no rules (serves every host)');
      }
      const ruleHosts = new Set<string>();
      for (const r of rules) {
        if (typeof r.host !== 'string' || r.host === '') {
          problems.push('a rule has no host');
        } else if (r.host.includes('*')) {
          problems.push(`host ${JSON.stringify(r.host)} is a wildcard`);
        } else {
          ruleHosts.add(r.host);
        }
      }
      const tls = objectsOf(ing.spec?.tls);
      const tlsHosts = new Set<string>(tls.flatMap(t => (Array.isArray(t.hosts) ? t.hosts.map(String) : [])));
      if (tls.length === 0) {
        problems.push('it has no spec.tls (plain HTTP)');
      } else {
        const uncovered = [...ruleHosts].filter(h => !tlsHosts.has(h));
        const extra = [...tlsHosts].filter(h => !ruleHosts.has(h));
        if (uncovered.length > 0) problems.push(`rule host(s) ${uncovered.join(', ')} are not in spec.tls hosts`);
        if (extra.length > 0) problems.push(`spec.tls host(s) ${extra.join(', ')} are not rule hosts`);
        if (tls.some(t => typeof t.secretName !== 'string' || t.secretName === '')) problems.push('a spec.tls entry has no secretName');
      }
      if (problems.length > 0) {
        out.push({ object: ing, message: `${describe(ing)}: ${problems.join('; ')}` });
      }
    }
    return out;
  },
};
