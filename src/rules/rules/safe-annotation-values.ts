import { annotationsOf, kindOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { SUPPRESS_ANNOTATION } from '../suppressions';

/** Characters that let an annotation value break out of the nginx configuration it is pasted into. */
export const FORBIDDEN_ANNOTATION_CHARACTERS = ['\n', '\r', ';', '{', '}', '"', '\'', '`'];

/** Annotations written by tools, never read by the controller (kubectl keeps JSON there). */
const TOOL_ANNOTATIONS = [SUPPRESS_ANNOTATION, 'kubectl.kubernetes.io/last-applied-configuration'];

/** Annotation prefixes that the ingress controller or cert-manager turn into configuration. */
const INTERPRETED_PREFIXES = ['nginx.ingress.kubernetes.io/', 'cert-manager.io/', 'acme.cert-manager.io/'];

/** The forbidden characters in a value, in order of first appearance (empty when the value is safe). */
function forbiddenCharacters(value: string): string[] {
  return FORBIDDEN_ANNOTATION_CHARACTERS.filter(c => value.includes(c)).sort((a, b) => value.indexOf(a) - value.indexOf(b));
}

export const safeAnnotationValues: Rule = {
  id: 'safe-annotation-values',
  title: 'Annotation values contain no newlines, `;`, `{`, `}` or quotes',
  severity: Severity.ERROR,
  standsFor: 'R7 and the ingress-nginx annotation injection CVEs (CVE-2021-25742, CVE-2025-24514)',
  fix: 'Remove the character; annotation values must be plain CIDRs, URLs, hosts or names.',
  check: ({ objects }) => {
    const out: Violation[] = [];
    for (const obj of objects) {
      // Every annotation of an Ingress reaches the controller; elsewhere only the interpreted prefixes.
      const ingress = kindOf(obj) === 'Ingress';
      for (const [key, value] of Object.entries(annotationsOf(obj))) {
        if (TOOL_ANNOTATIONS.includes(key) || !(ingress || INTERPRETED_PREFIXES.some(p => key.startsWith(p)))) {
          continue;
        }
        const bad = forbiddenCharacters(value);
        if (bad.length > 0) {
          out.push({ object: obj, message: `${describe(obj)}: annotation ${key} has the value ${JSON.stringify(value)}, which contains ${bad.map(c => JSON.stringify(c)).join(', ')}` });
        }
      }
    }
    return out;
  },
};
