/**
 * The core's values as typed Kubernetes objects (cdk8s-plus-28's `k8s` types), as cdk8s-plus maps
 * its own values with `_toKube()`. The mapping lives here because src/kube stays free of cdk8s.
 */
import { k8s } from 'cdk8s-plus-28';
import { PolicyPeer } from '../../kube/peers';
import { Port } from '../../kube/port';
import { LabelSelector } from '../../kube/selectors';

/** A NetworkPolicy port entry: protocol always explicit; `endPort` only for a real range. */
export function portToKube(port: Port): k8s.NetworkPolicyPort {
  const number = port.portNumber;
  return {
    protocol: port.protocol,
    port: port.name !== undefined ? k8s.IntOrString.fromString(port.name) : number !== undefined ? k8s.IntOrString.fromNumber(number) : undefined,
    endPort: port.endPort !== undefined && port.endPort !== number ? port.endPort : undefined,
  };
}

/** A `from`/`to` element: its selectors, or its ipBlock (`except` only when there are holes). */
export function peerToKube(peer: PolicyPeer): k8s.NetworkPolicyPeer {
  const block = peer.ipBlock;
  return {
    namespaceSelector: peer.namespaceSelector && selectorToKube(peer.namespaceSelector),
    podSelector: peer.podSelector && selectorToKube(peer.podSelector),
    ipBlock: block && { cidr: block.cidr.text, except: block.except.length > 0 ? block.except.map(c => c.text) : undefined },
  };
}

/**
 * A label selector: each single-value `In` requirement as a `matchLabels` entry (as Kubernetes reads
 * `matchLabels`), every other requirement as a `matchExpressions` entry; `{}` selects everything.
 */
export function selectorToKube(selector: LabelSelector): k8s.LabelSelector {
  if (selector.problem !== undefined) throw new Error(`internal error: cannot write the invalid selector ${selector}`);
  const matchLabels: { [key: string]: string } = {};
  const matchExpressions: k8s.LabelSelectorRequirement[] = [];
  for (const r of selector.requirements) {
    if (r.operator === 'In' && r.values.length === 1 && !Object.prototype.hasOwnProperty.call(matchLabels, r.key)) {
      matchLabels[r.key] = r.values[0];
    } else {
      matchExpressions.push({ key: r.key, operator: r.operator, values: r.values.length > 0 ? [...r.values] : undefined });
    }
  }
  return {
    matchLabels: Object.keys(matchLabels).length > 0 ? matchLabels : undefined,
    matchExpressions: matchExpressions.length > 0 ? matchExpressions : undefined,
  };
}
