import { quote } from './quote';

/**
 * An HTTP path for an Ingress rule. Paths end up in nginx configuration, so only plain characters
 * are accepted (no spaces, quotes, ';', '{', '}', regular expressions or '..' segments).
 */
export function checkHttpPath(value: string, what: string = 'path'): string | undefined {
  const shown = quote(value);
  if (typeof value !== 'string' || !value.startsWith('/')) {
    return `${what} ${shown} does not start with '/'; use an absolute path such as "/" or "/api"`;
  }
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(value)) {
    return `${what} ${shown} contains characters other than letters, digits, '/', '.', '_', '~' and '-'; use a plain path such as "/api/v1" (other characters end up in nginx configuration)`;
  }
  if (value.split('/').some(s => s === '..' || s === '.') || value.includes('//')) {
    return `${what} ${shown} contains '.', '..' or '//' segments; use a normalized path such as "/api/v1"`;
  }
  return undefined;
}
