import { checkCidr } from './cidr';
import { checkDnsLabel, checkHost } from './dns';
import { checkImage } from './image';
import { checkLabelKey, checkLabelValue } from './labels';
import { checkHttpPath } from './path';
import { checkPort, checkPortName } from './port';
import { checkHttpsUrl } from './url';

/**
 * The input checks the constructs apply, for tools that want the same verdicts (linters, CLIs).
 *
 * Each method returns `undefined` when the value is valid, or a message of the form
 * `<what is wrong with the value>; <what would be valid>`.
 */
export class Validate {
  /** A host for an Ingress rule or a CNAME: lowercase RFC 1123, no trailing dot, no wildcard, not an apex domain. */
  public static host(value: string): string | undefined {
    return checkHost(value);
  }
  /** A DNS domain (like `host`, but apex domains such as `example.com` are accepted). */
  public static domain(value: string): string | undefined {
    return checkHost(value, { allowApex: true, what: 'domain' });
  }
  /** An IPv4 or IPv6 CIDR block with no host bits set. */
  public static cidr(value: string): string | undefined {
    return checkCidr(value);
  }
  /** A port number 1-65535. */
  public static port(value: number): string | undefined {
    return checkPort(value);
  }
  /** A named port (IANA service name, at most 15 characters). */
  public static portName(value: string): string | undefined {
    return checkPortName(value);
  }
  /** A container image pinned by a tag other than `latest`, or by a digest. */
  public static image(value: string): string | undefined {
    return checkImage(value);
  }
  /** A DNS label (RFC 1123), as required of object names. */
  public static dnsLabel(value: string): string | undefined {
    return checkDnsLabel(value);
  }
  /** A label key (`[prefix/]name`). */
  public static labelKey(value: string): string | undefined {
    return checkLabelKey(value);
  }
  /** A label value. */
  public static labelValue(value: string): string | undefined {
    return checkLabelValue(value);
  }
  /** An Ingress path with plain characters only. */
  public static httpPath(value: string): string | undefined {
    return checkHttpPath(value);
  }
  /** An https URL without characters that could break out of configuration. */
  public static httpsUrl(value: string): string | undefined {
    return checkHttpsUrl(value);
  }

  private constructor() {}
}
