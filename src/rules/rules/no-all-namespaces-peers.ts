import { isObj } from '../../kube/objects';
import { describe, isEmptySelector } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { peerField, policyRules, ruleLabel } from './network-policy-rules';

/** `namespaceSelector: {}` with no pod selector, or an empty one: every pod of every namespace. */
export function isEveryPodPeer(peer: unknown): boolean {
  return isObj(peer) && !isObj(peer.ipBlock) && isObj(peer.namespaceSelector) && isEmptySelector(peer.namespaceSelector)
    && (peer.podSelector === undefined || peer.podSelector === null || isEmptySelector(peer.podSelector));
}

export const noAllNamespacesPeers: Rule = {
  id: 'no-all-namespaces-peers',
  title: 'No NetworkPolicy peer selects every pod of every namespace (`namespaceSelector: {}` without a pod selector)',
  severity: Severity.ERROR,
  standsFor: 'R2; kubeaudit netpols (allow-all); Kyverno restrict-networkpolicy-empty-podselector',
  fix: 'Name the namespace (`kubernetes.io/metadata.name`) and the pods (`podSelector.matchLabels`) in ONE peer element.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const policy of index.ofKind('NetworkPolicy')) {
      for (const r of policyRules(policy)) {
        const peers = Array.isArray(r.peers) ? r.peers : [];
        const i = peers.findIndex(isEveryPodPeer);
        if (i >= 0) {
          out.push({ object: policy, message: `${describe(policy)}: ${ruleLabel(r)}.${peerField(r)}[${i}] selects every pod of every namespace (an empty namespaceSelector without a pod selector)` });
        }
      }
    }
    return out;
  },
};
