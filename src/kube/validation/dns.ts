import { isIP } from 'net';
import { quote } from './quote';

/**
 * DNS names as Kubernetes and the Internet use them (RFC 1123). Each checker is pure: it returns
 * `undefined` when the value is valid, or a sentence `<what is wrong with the value>; <what would
 * be valid>` that constructs prefix with their path.
 */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DNS label (RFC 1123): 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit. */
export function isDnsLabel(value: string): boolean {
  return typeof value === 'string' && LABEL.test(value);
}

/** A DNS label (RFC 1123): what Kubernetes requires of Namespace, Service and most object names. */
export function checkDnsLabel(value: string, what: string = 'name'): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    return `${what} is empty; use a DNS label (RFC 1123): 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit`;
  }
  if (!isDnsLabel(value)) {
    return `${what} ${quote(value)} is not a DNS label; use 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit (e.g. ${quote(suggestLabel(value))})`;
  }
  return undefined;
}

/** A DNS subdomain (RFC 1123): dot-separated labels, at most 253 characters. */
export function checkDnsSubdomain(value: string, what: string = 'name'): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253 || !value.split('.').every(l => LABEL.test(l))) {
    return `${what} ${quote(value)} is not a DNS subdomain; use dot-separated DNS labels (lowercase letters, digits, '-'), at most 253 characters`;
  }
  return undefined;
}

/** Options of `checkHost`. */
export interface HostCheckOptions {
  /** Accept a two-label name such as `example.com` (a domain, not a host a CNAME can sit on). */
  readonly allowApex?: boolean;
  /** What the value is, for the message. */
  readonly what?: string;
}

/**
 * A host name people put in an Ingress rule or a certificate: lowercase RFC 1123, fully qualified,
 * no trailing dot, no wildcard, not an IP address and, unless allowed, not an apex domain.
 */
export function checkHost(value: string, options: HostCheckOptions = {}): string | undefined {
  const what = options.what ?? 'host';
  if (typeof value !== 'string' || value.length === 0) {
    return `${what} is empty; use a fully qualified lowercase name such as "demo.example.com"`;
  }
  const shown = quote(value);
  if (isIP(value) !== 0) {
    return `${what} ${shown} looks like an IP address; use a DNS name such as "demo.example.com" (Ingress hosts and certificates need names)`;
  }
  if (value.includes('*')) {
    return `${what} ${shown} contains a wildcard; name one host per entry (e.g. "demo.example.com"): wildcard certificates need DNS-01, which the platform does not support, and wildcard Ingress hosts match more than intended`;
  }
  if (value.endsWith('.')) {
    return `${what} ${shown} ends in a dot; write it without the trailing dot (${quote(trimEnd(value, '.'))}): Kubernetes rejects it, and the dot of the fully qualified zone-file form is added for you in the DNS record`;
  }
  if (value !== value.toLowerCase()) {
    return `${what} ${shown} contains uppercase letters; use the lowercase form ${quote(value.toLowerCase())} (Kubernetes accepts only lowercase RFC 1123 names)`;
  }
  if (value.length > 253) {
    return `${what} ${shown} is ${value.length} characters long; a DNS name has at most 253 characters`;
  }
  const labels = value.split('.');
  const bad = labels.find(l => !LABEL.test(l));
  if (bad !== undefined) {
    return `${what} ${shown} is not a lowercase RFC 1123 name (label ${quote(bad)} is invalid); each dot-separated label needs 1-63 letters, digits or '-', starting and ending with a letter or digit`;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) {
    return `${what} ${shown} looks like an IP address; use a DNS name such as "demo.example.com" (Ingress hosts and certificates need names)`;
  }
  if (labels.length < 2) {
    return `${what} ${shown} is not fully qualified; use a name with its domain, such as ${quote(`${value}.example.com`)}`;
  }
  if (labels.length === 2 && !options.allowApex) {
    return `${what} ${shown} is an apex domain; a CNAME cannot sit at the apex of a zone (it would conflict with the zone's SOA and NS records), so use a subdomain such as ${quote(`www.${value}`)} or ${quote(`app.${value}`)}`;
  }
  return undefined;
}

/** `host` lies strictly below `domain` (e.g. `a.internal.example.com` below `internal.example.com`). */
export function isBelowDomain(host: string, domain: string): boolean {
  return host.endsWith(`.${domain}`) && host.length > domain.length + 1;
}

/** A DNS label close to `value` (linear time: no backtracking regular expression on user input). */
function suggestLabel(value: string): string {
  let s = String(value).slice(0, 1000).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  s = trimEnd(trimStart(s, '-'), '-').slice(0, 63);
  s = trimEnd(s, '-');
  return s.length > 0 ? s : 'my-app';
}

/** `value` without the leading run of `c`. */
function trimStart(value: string, c: string): string {
  let i = 0;
  while (i < value.length && value[i] === c) i++;
  return value.slice(i);
}

/** `value` without the trailing run of `c`. */
function trimEnd(value: string, c: string): string {
  let i = value.length;
  while (i > 0 && value[i - 1] === c) i--;
  return value.slice(0, i);
}
