import { annotationsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

const NGINX = 'nginx.ingress.kubernetes.io/';

/** True for annotations that hand raw nginx configuration or request mirroring to the controller. */
function isRawConfigAnnotation(key: string): boolean {
  if (!key.startsWith(NGINX)) {
    return false;
  }
  const name = key.slice(NGINX.length);
  return name.endsWith('-snippet') || name === 'mirror' || name.startsWith('mirror-');
}

export const noSnippetAnnotations: Rule = {
  id: 'no-snippet-annotations',
  title: 'No snippet, auth-snippet or mirror annotations',
  severity: Severity.ERROR,
  standsFor: 'R7; ingress-nginx CVE-2021-25742 and CVE-2025-1974 ("IngressNightmare"); platform allowSnippetAnnotations: false',
  fix: 'Remove the annotation; use the typed ingress-nginx annotations (or fix the app) instead of raw nginx configuration.',
  check: ({ objects }) => {
    const out: Violation[] = [];
    for (const obj of objects) {
      const keys = Object.keys(annotationsOf(obj)).filter(isRawConfigAnnotation);
      if (keys.length > 0) {
        out.push({ object: obj, message: `${describe(obj)} has raw-config annotation(s) ${keys.join(', ')}` });
      }
    }
    return out;
  },
};
