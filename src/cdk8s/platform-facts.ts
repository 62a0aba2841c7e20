import { IConstruct } from 'constructs';
import { Guardrails } from './guardrails';
import type { Platform } from '../constructs/platform/platform';

/**
 * What every library construct calls once from its constructor: attach the synth-time guardrails
 * to its chart with the facts of its platform the rules need (the cluster DNS pods and CIDRs, so
 * that `dns-egress` accepts the `allow-dns` ipBlock of node-local DNS).
 */
export function attachGuardrails(scope: IConstruct, platform: Platform): Guardrails {
  return Guardrails.ensureAttached(scope, {
    dnsNamespace: platform.dnsNamespace,
    dnsPodLabels: { ...platform.dnsPodLabels },
    dnsCidrs: [...platform.dnsCidrs],
  });
}
