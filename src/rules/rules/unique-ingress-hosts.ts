import { asArray, describe, Obj } from '../kube';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const uniqueIngressHosts: Rule = {
  id: 'unique-ingress-hosts',
  title: 'Each host is served by one Ingress rule in the whole output',
  severity: Severity.ERROR,
  standsFor: 'ingress-nginx merges Ingresses that share a host, so TLS and auth settings of one leak into the other',
  fix: 'Serve each host from one Ingress: put extra paths (e.g. `/oauth2`) in the same rule.',
  check: ({ index }) => {
    const out: Violation[] = [];
    const seen = new Map<string, Obj>();
    for (const ing of index.ofKind('Ingress')) {
      for (const rule of asArray(ing.spec?.rules)) {
        if (typeof rule.host !== 'string' || rule.host === '') {
          continue;
        }
        const first = seen.get(rule.host);
        if (first) {
          out.push({ object: ing, message: `${describe(ing)}: host ${rule.host} is already served by ${first === ing ? 'another rule of the same Ingress' : describe(first)}` });
        } else {
          seen.set(rule.host, ing);
        }
      }
    }
    return out;
  },
};
