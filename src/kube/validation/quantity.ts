import { quote } from './quote';

/**
 * Kubernetes resource quantities for CPU and memory requests and limits. Only the plain decimal
 * forms people write are accepted (no sign, no exponent): `100m`, `0.5`, `2`, `128Mi`, `1G`.
 */

const DECIMAL_SUFFIXES: { [suffix: string]: number } = { '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18 };
const BINARY_SUFFIXES: { [suffix: string]: number } = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** What a quantity measures. */
export type QuantityKind = 'cpu' | 'memory';

const EXAMPLE: { [kind in QuantityKind]: string } = { cpu: '"100m" or "0.5"', memory: '"128Mi" or "1Gi"' };

/** The least a container can ask for: 1 millicore (the finest CPU unit), 4 MiB of memory (below it runtimes cannot start a container). */
const MINIMUM: { [kind in QuantityKind]: { amount: number; text: string } } = {
  cpu: { amount: 0.001, text: '1m (one millicore, the finest CPU unit)' },
  memory: { amount: 4 * 2 ** 20, text: '4Mi' },
};

/** The value of a quantity in base units (cores or bytes), or undefined if it does not parse. */
function parseQuantity(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  // Divide for milli so that "300m" and "0.3" compare equal in floating point.
  if (suffix === 'm') return Number(m[1]) / 1000;
  return Number(m[1]) * (DECIMAL_SUFFIXES[suffix] ?? BINARY_SUFFIXES[suffix]);
}

/** A positive CPU or memory quantity, in the units that make sense for it. */
export function checkQuantity(value: string, kind: QuantityKind, what: string): string | undefined {
  const shown = quote(value);
  const amount = parseQuantity(value);
  if (amount === undefined) {
    return `${what} ${shown} is not a Kubernetes quantity; use e.g. ${EXAMPLE[kind]}`;
  }
  if (amount === 0) {
    return `${what} ${shown} is zero; use a positive amount such as ${EXAMPLE[kind]}, because the platform requires real requests and limits`;
  }
  if (kind === 'memory' && value.endsWith('m')) {
    return `${what} ${shown} is in thousandths of a byte ('m' is milli); write mebibytes as ${quote(`${value.slice(0, -1)}Mi`)}`;
  }
  if (kind === 'cpu' && value.endsWith('i')) {
    return `${what} ${shown} uses a binary suffix, which makes no sense for CPU; use cores such as "0.5" or millicores such as "500m"`;
  }
  if (amount < MINIMUM[kind].amount) {
    return `${what} ${shown} is below ${MINIMUM[kind].text}, too little for any container to run (the kubelet rounds or rejects it); use e.g. ${EXAMPLE[kind]}`;
  }
  return undefined;
}

/** A request no larger than its limit (Kubernetes rejects a pod whose request exceeds its limit). */
export function checkRequestWithinLimit(request: string, limit: string, kind: QuantityKind): string | undefined {
  const r = parseQuantity(request);
  const l = parseQuantity(limit);
  if (r !== undefined && l !== undefined && r > l) {
    return `${kind}Request ${quote(request)} is above ${kind}Limit ${quote(limit)}; a request cannot exceed its limit, `
      + `so raise the limit to at least ${quote(request)} or lower the request`;
  }
  return undefined;
}
