import { quote } from './quote';

/** A port number: an integer 1-65535. */
export function checkPort(value: number, what: string = 'port'): string | undefined {
  if (value === undefined || value === null) {
    return `${what} is missing; give an integer port number between 1 and 65535`;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    // String(), not JSON.stringify: NaN and Infinity must show as themselves, not as null.
    return `${what} ${typeof value === 'number' ? String(value) : typeof value === 'string' ? quote(value) : String(JSON.stringify(value)).slice(0, 100)} is outside 1-65535; use an integer port number between 1 and 65535`;
  }
  return undefined;
}

/**
 * A named port (an IANA service name, as Kubernetes requires of container and Service port names):
 * 1-15 lowercase letters, digits and '-', at least one letter, no leading, trailing or double '-'.
 */
export function checkPortName(value: string, what: string = 'port name'): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 15 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) || !/[a-z]/.test(value)) {
    return `${what} ${quote(value)} is not an IANA service name; use 1-15 lowercase letters, digits and single '-' between them, with at least one letter (e.g. "http", "metrics")`;
  }
  return undefined;
}
