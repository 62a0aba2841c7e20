/**
 * Network policy kinds of network plugins (CNIs) that extend or override Kubernetes NetworkPolicy.
 * The engine does not evaluate them: where they exist, an analysis of the other objects is partial.
 */
import { asString, Json } from './objects';

/** CNI-specific policy kinds by API group. */
const CNI_POLICY_KINDS: ReadonlyArray<{ readonly group: string; readonly kinds: readonly string[]; readonly plugin: string }> = [
  { group: 'cilium.io', kinds: ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'], plugin: 'Cilium' },
  { group: 'projectcalico.org', kinds: ['NetworkPolicy', 'GlobalNetworkPolicy'], plugin: 'Calico' },
  { group: 'crd.projectcalico.org', kinds: ['NetworkPolicy', 'GlobalNetworkPolicy'], plugin: 'Calico' },
];

/** Cluster-scoped ones (no namespace). */
export const CLUSTER_SCOPED_CNI_POLICY_KINDS: readonly string[] = ['CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];

/** The plugin whose policy kind this object is (`Cilium`, `Calico`), or undefined. */
export function cniPolicyPlugin(o: Json): string | undefined {
  const kind = asString(o.kind) ?? '';
  const apiVersion = asString(o.apiVersion) ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return CNI_POLICY_KINDS.find(k => k.group === group && k.kinds.includes(kind))?.plugin;
}
