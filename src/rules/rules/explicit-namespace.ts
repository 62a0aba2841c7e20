import { isNamespaced, isObj } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const explicitNamespace: Rule = {
  id: 'explicit-namespace',
  title: 'Namespaced objects name their namespace, never `default`',
  severity: Severity.ERROR,
  standsFor: 'R4; kube-score; Checkov CKV_K8S_21',
  fix: 'Set `metadata.namespace` to the application namespace (e.g. the Chart\'s `namespace`).',
  check: ({ objects }) => {
    const out: Violation[] = [];
    for (const obj of objects) {
      if (!isNamespaced(obj)) {
        continue;
      }
      const ns = isObj(obj.metadata) ? obj.metadata.namespace : undefined;
      if (ns === undefined || ns === null || ns === '') {
        out.push({ object: obj, message: `${describe(obj)} has no metadata.namespace (it would land in whatever namespace is current)` });
      } else if (ns === 'default') {
        out.push({ object: obj, message: `${describe(obj)} is in the namespace "default"` });
      }
    }
    return out;
  },
};
