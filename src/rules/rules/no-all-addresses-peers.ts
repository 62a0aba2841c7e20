import { blockRanges, coveredFamilies } from '../../kube/address-blocks';
import { IpRange, parseCidr } from '../../kube/ip';
import { isObj } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { PolicyRule, peerField, policyRules, ruleLabel } from './network-policy-rules';

/** The addresses a rule's ipBlocks hold together (cidr minus except), as manifests write them. */
export function ruleAddresses(r: PolicyRule): IpRange[] {
  const out: IpRange[] = [];
  for (const peer of Array.isArray(r.peers) ? r.peers : []) {
    if (!isObj(peer) || !isObj(peer.ipBlock)) continue;
    const cidr = parseCidr(String(peer.ipBlock.cidr));
    if (!cidr) continue;
    const holes: unknown[] = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : [];
    const except = holes.map(e => parseCidr(String(e))).filter((e): e is IpRange => e !== undefined);
    out.push(...blockRanges({ cidr, except }));
  }
  return out;
}

export const noAllAddressesPeers: Rule = {
  id: 'no-all-addresses-peers',
  title: 'No NetworkPolicy rule\'s ipBlocks together cover every IPv4 or IPv6 address',
  severity: Severity.ERROR,
  standsFor: 'R2; kubeaudit netpols (allow-all); Polaris; cloud metadata service (169.254.169.254) exposure',
  fix: 'List the outside ranges the workload needs; for public addresses leave out private, link-local and the cluster\'s ranges (Peer.internet()).',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const policy of index.ofKind('NetworkPolicy')) {
      for (const r of policyRules(policy)) {
        const families = coveredFamilies(ruleAddresses(r));
        if (families.length > 0) {
          out.push({
            object: policy,
            message: `${describe(policy)}: the ipBlocks of ${ruleLabel(r)}.${peerField(r)} together cover every ${families.map(f => `IPv${f}`).join(' and ')} address, `
              + 'including the cluster\'s own ranges and the cloud metadata service',
          });
        }
      }
    }
    return out;
  },
};
