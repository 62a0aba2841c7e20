/**
 * NetworkPolicy peers (the elements of a rule's `from`/`to`) as values: what the constructs compile
 * their peers to and what the engine reads policies into.
 */
import { Cidr } from './ip';
import { NAMESPACE_NAME_LABEL } from './labels';
import { Labels, LabelSelector } from './selectors';

/** An ipBlock: the addresses of `cidr` outside every block of `except`. */
export interface IpBlock {
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
}

/** One peer: pods (by namespace selector, pod selector or both, ANDed) or an ipBlock. */
export interface PolicyPeer {
  /** Absent with a namespaceSelector: every pod of the selected namespaces. */
  readonly podSelector?: LabelSelector;
  /** Absent with a podSelector: pods of the policy's own namespace. */
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlock;
}

/** The namespace called `name`, by the label the API server sets on every namespace. */
export function namespaceSelector(name: string): LabelSelector {
  return LabelSelector.matchLabels({ [NAMESPACE_NAME_LABEL]: name });
}

/** Every pod of the namespace called `name`. */
export function namespacePeer(name: string): PolicyPeer {
  return { namespaceSelector: namespaceSelector(name) };
}

/**
 * Pods with `labels` in `namespace` (undefined: the policy's own), as a policy in `policyNamespace`
 * names them: by pod selector alone at home, by both selectors in ONE peer elsewhere (two peers
 * would admit every pod of that namespace and the labelled pods of every namespace).
 */
export function podsPeer(labels: Labels, namespace: string | undefined, policyNamespace: string): PolicyPeer {
  const podSelector = LabelSelector.matchLabels(labels);
  if (namespace === undefined || namespace === policyNamespace) return { podSelector };
  return { namespaceSelector: namespaceSelector(namespace), podSelector };
}

/** The addresses of `cidr` outside the `except` blocks. */
export function ipBlockPeer(cidr: Cidr, except: readonly Cidr[] = []): PolicyPeer {
  return { ipBlock: { cidr, except: [...except] } };
}
