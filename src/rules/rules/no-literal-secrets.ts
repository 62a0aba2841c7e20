import { isObj } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const noLiteralSecrets: Rule = {
  id: 'no-literal-secrets',
  title: 'No Secret carries literal data in the output',
  severity: Severity.ERROR,
  standsFor: 'secrets are referenced, never committed (the spirit of kube-linter env-var-secret and secret scanners)',
  fix: 'Create the Secret out of band (or with an operator such as external-secrets) and only reference it by name.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const secret of index.ofKind('Secret')) {
      const fields = ['data', 'stringData'].filter(f => isObj(secret[f]) && Object.keys(secret[f]).length > 0);
      if (fields.length > 0) {
        const keys = fields.flatMap(f => Object.keys(secret[f]).map(k => `${f}.${k}`));
        out.push({ object: secret, message: `${describe(secret)} carries literal values (${keys.join(', ')})` });
      }
    }
    return out;
  },
};
