import { isBelowDomain } from '../../kube/validation/dns';
import { quote } from '../../kube/validation/quote';
import { Platform } from '../platform/platform';

/**
 * A public host may not be the platform's own names: the app domain (its record would be a CNAME to
 * itself), the internal domain (it would take over the internal load balancer's name) or a host under
 * the internal domain (served publicly without the internal allowlist).
 */
export function publicHostProblem(host: string, platform: Platform): string | undefined {
  if (host === platform.appDomain) {
    return `host ${quote(host)} is the platform's app domain, which public hosts CNAME to (the record would point at itself); `
      + `use a name of its own, e.g. "demo.${platform.appDomain.split('.').slice(1).join('.') || platform.appDomain}"`;
  }
  const internal = platform.internalDomain;
  if (internal !== undefined && host === internal) {
    return `host ${quote(host)} is the platform's internal domain, the internal load balancer's name; use a public name of its own`;
  }
  if (internal !== undefined && isBelowDomain(host, internal)) {
    return `host ${quote(host)} is under the internal domain ${internal}, which is internal-only; use InternalIngress or InternalHttpsRoute for it, or a public name outside ${internal}`;
  }
  return undefined;
}
