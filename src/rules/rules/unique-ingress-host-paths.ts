import { Obj, objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

// Several Ingresses may share a host: the oauth2-proxy pattern needs its `/oauth2` path in an Ingress
// of its own, because ingress-nginx applies the auth annotations per Ingress (on the same Ingress
// they would guard `/oauth2` itself). What must stay unique is each host + path, and a shared host
// must present one certificate.

interface Claim {
  readonly ingress: Obj;
  readonly secretName?: string;
}

export const uniqueIngressHostPaths: Rule = {
  id: 'unique-ingress-host-paths',
  title: 'Each host and path is served by one Ingress, and Ingresses sharing a host share its TLS secret',
  severity: Severity.ERROR,
  standsFor: 'ingress-nginx: two Ingresses claiming the same host and path, or one host with two certificates, '
    + 'make the served route or certificate depend on merge order',
  fix: 'Serve each host + path from one Ingress, and give every Ingress of a host the same `tls` secretName.',
  check: ({ index }) => {
    const out: Violation[] = [];
    const routes = new Map<string, Obj>();
    const hosts = new Map<string, Claim>();
    for (const ing of index.ofKind('Ingress')) {
      const secretOf = (host: string) => objectsOf(ing.spec?.tls).find(t => Array.isArray(t.hosts) && t.hosts.includes(host))?.secretName;
      for (const rule of objectsOf(ing.spec?.rules)) {
        if (typeof rule.host !== 'string' || rule.host === '') {
          continue;
        }
        for (const p of objectsOf(rule.http?.paths)) {
          const route = `${rule.host}${typeof p.path === 'string' ? p.path : '/'} (${p.pathType ?? 'ImplementationSpecific'})`;
          const first = routes.get(route);
          if (first) {
            out.push({ object: ing, message: `${describe(ing)}: ${route} is already served by ${first === ing ? 'another rule of the same Ingress' : describe(first)}` });
          } else {
            routes.set(route, ing);
          }
        }
        const claim = hosts.get(rule.host);
        const secretName = secretOf(rule.host);
        if (!claim) {
          hosts.set(rule.host, { ingress: ing, secretName });
        } else if (claim.ingress !== ing && claim.secretName !== secretName) {
          out.push({
            object: ing,
            message: `${describe(ing)}: host ${rule.host} uses TLS secret ${JSON.stringify(secretName ?? null)} here `
              + `but ${JSON.stringify(claim.secretName ?? null)} in ${describe(claim.ingress)}`,
          });
        }
      }
    }
    return out;
  },
};
