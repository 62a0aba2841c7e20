import { quote } from './quote';

/**
 * An https URL that goes into configuration (annotations, arguments): it must parse, use https,
 * name a host and contain no whitespace, quotes, ';', '{' or '}'.
 */
export function checkHttpsUrl(value: string, what: string = 'URL'): string | undefined {
  const shown = quote(value);
  if (value === undefined || value === null || value === '') {
    return `${what} is missing; give an absolute https URL such as "https://login.example.com/realms/demo"`;
  }
  if (typeof value !== 'string' || /[\s"'`;{}\\<>]/.test(value)) {
    return `${what} ${shown} contains whitespace, quotes, ';', '{', '}', '<', '>' or '\\'; use a plain URL such as "https://login.example.com/realms/demo"`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${what} ${shown} does not parse as a URL; use an absolute URL such as "https://login.example.com/realms/demo"`;
  }
  if (url.protocol !== 'https:') {
    return `${what} ${shown} does not use https; use an https URL (traffic to it must be encrypted in transit)`;
  }
  if (url.username || url.password) {
    return `${what} ${shown} carries credentials; remove them from the URL and keep secrets in a Secret`;
  }
  if (!url.hostname) {
    return `${what} ${shown} has no host; use an absolute URL such as "https://login.example.com/realms/demo"`;
  }
  return undefined;
}
