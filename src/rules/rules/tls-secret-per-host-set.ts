import { namespaceOf, Obj, objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const tlsSecretPerHostSet: Rule = {
  id: 'tls-secret-per-host-set',
  title: 'A TLS secret is never shared between different host sets',
  severity: Severity.ERROR,
  standsFor: 'cert-manager ingress-shim: one Certificate per secretName, so differing host sets fight over it',
  fix: 'Give each distinct host set its own secretName (e.g. `<host>-tls`).',
  check: ({ index }) => {
    const out: Violation[] = [];
    const seen = new Map<string, { hosts: string; ingress: Obj }>();
    for (const ing of index.ofKind('Ingress')) {
      for (const tls of objectsOf(ing.spec?.tls)) {
        if (typeof tls.secretName !== 'string' || tls.secretName === '') {
          continue;
        }
        const hosts = [...new Set(Array.isArray(tls.hosts) ? tls.hosts.map(String) : [])].sort().join(',');
        const key = `${namespaceOf(ing)}/${tls.secretName}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { hosts, ingress: ing });
        } else if (first.hosts !== hosts) {
          out.push({ object: ing, message: `${describe(ing)}: secret ${tls.secretName} is used for hosts [${hosts}] here and for [${first.hosts}] by ${describe(first.ingress)}` });
        }
      }
    }
    return out;
  },
};
