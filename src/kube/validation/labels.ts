import { checkDnsSubdomain } from './dns';
import { quote } from './quote';

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

/** A label or annotation key: `[prefix/]name`, the prefix a DNS subdomain, the name at most 63 characters. */
export function checkLabelKey(value: string, what: string = 'label key'): string | undefined {
  const shown = quote(value);
  if (typeof value !== 'string' || value.length === 0) {
    return `${what} is empty; use [prefix/]name such as "app.kubernetes.io/name"`;
  }
  const slash = value.lastIndexOf('/');
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (prefix !== undefined && checkDnsSubdomain(prefix) !== undefined) {
    return `${what} ${shown} has an invalid prefix ${quote(prefix)}; the prefix must be a lowercase DNS subdomain such as "example.com"`;
  }
  if (!NAME.test(name)) {
    return `${what} ${shown} has an invalid name part; use 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A label value: empty, or at most 63 letters, digits, '-', '_', '.', starting and ending alphanumeric. */
export function checkLabelValue(value: string, what: string = 'label value'): string | undefined {
  if (typeof value !== 'string' || (value !== '' && !NAME.test(value))) {
    return `${what} ${quote(value)} is not a valid label value; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Check every key and value of a label map; returns the first problem. */
export function checkLabels(labels: { [key: string]: string }, what: string = 'labels'): string | undefined {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const problem = checkLabelKey(k, `${what} key`) ?? checkLabelValue(v, `${what} value of ${quote(k)}`);
    if (problem) return problem;
  }
  return undefined;
}
