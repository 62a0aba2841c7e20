import { IConstruct } from 'constructs';
import { Guardrails, GuardrailsOptions } from './guardrails';
import type { Platform } from '../constructs/platform/platform';

/** Each platform's facts for the guardrails, built (and so validated by the guardrails) once. */
const factsOf = new WeakMap<Platform, GuardrailsOptions>();

/**
 * What every library construct calls once from its constructor: attach the synth-time guardrails
 * to its chart with the facts of its platform the rules need (the cluster DNS pods and CIDRs, so
 * that `dns-egress` accepts the `allow-dns` ipBlock of node-local DNS). The facts object is one per
 * platform, so the guardrails skip validating and merging it again when it is the last one they got.
 */
export function attachGuardrails(scope: IConstruct, platform: Platform): Guardrails {
  let facts = factsOf.get(platform);
  if (facts === undefined) {
    facts = Object.freeze({
      dnsNamespace: platform.dnsNamespace,
      dnsPodLabels: Object.freeze({ ...platform.dnsPodLabels }),
      dnsCidrs: Object.freeze([...platform.dnsCidrs]) as string[],
    });
    factsOf.set(platform, facts);
  }
  return Guardrails.ensureAttached(scope, facts);
}
