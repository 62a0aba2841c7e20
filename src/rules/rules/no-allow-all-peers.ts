import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { peerField, policyRules, ruleLabel } from './network-policy-rules';

export const noAllowAllPeers: Rule = {
  id: 'no-allow-all-peers',
  title: 'No NetworkPolicy rule has an empty or absent peer list (allow-all)',
  severity: Severity.ERROR,
  standsFor: 'R2; kubeaudit (flags empty peers even with ports); Polaris',
  fix: 'List the peers: a namespaceSelector + podSelector in ONE element, or an ipBlock; never leave `from`/`to` empty.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const policy of index.ofKind('NetworkPolicy')) {
      for (const r of policyRules(policy)) {
        if (r.peers === undefined || r.peers === null || (Array.isArray(r.peers) && r.peers.length === 0)) {
          const what = r.direction === 'ingress' ? 'admits every source' : 'allows every destination';
          const ports = r.ports.length > 0 ? ` on ${r.ports.map(p => `${p.protocol ?? 'TCP'} ${p.port ?? '*'}`).join(', ')}` : ' on all ports';
          out.push({ object: policy, message: `${describe(policy)}: ${ruleLabel(r)} has ${r.peers === undefined || r.peers === null ? 'no' : 'an empty'} \`${peerField(r)}\`, so it ${what}${ports}` });
        }
      }
    }
    return out;
  },
};
