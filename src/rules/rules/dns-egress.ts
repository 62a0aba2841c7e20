import { NAMESPACE_NAME_LABEL } from '../../kube/labels';
import { isObj, nameOf, Obj, stringMap } from '../../kube/objects';
import { WELKIN } from '../../kube/platform';
import { ResolvedConfig } from '../config';
import { describe, isEmptySelector } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { DEFAULT_DENY_NAME } from './default-deny';
import { PolicyRule, policyRules, ruleLabel } from './network-policy-rules';

/** The DNS port by number (53) or by the cluster DNS's port names (`dns`, `dns-tcp`). */
function isDnsPort(port: Obj): boolean {
  return WELKIN.dns.ports.some(p => port.port === p.port || port.port === String(p.port) || port.port === p.name);
}

/** The one allowed DNS peer: kube-system AND kube-dns pods in ONE element, or a configured DNS CIDR. */
function isDnsPeer(peer: unknown, config: ResolvedConfig): boolean {
  if (!isObj(peer)) {
    return false;
  }
  if (isObj(peer.ipBlock)) {
    return config.dnsCidrs.includes(String(peer.ipBlock.cidr)) && !peer.namespaceSelector && !peer.podSelector;
  }
  if (!isObj(peer.namespaceSelector) || !isObj(peer.podSelector)) {
    return false;
  }
  const ns = stringMap(peer.namespaceSelector.matchLabels);
  const pods = stringMap(peer.podSelector.matchLabels);
  return ns[NAMESPACE_NAME_LABEL] === config.dnsNamespace
    && Object.entries(config.dnsPodLabels).every(([k, v]) => pods[k] === v)
    && !isEmptySelector(peer.podSelector);
}

function problemsOf(r: PolicyRule, config: ResolvedConfig): string[] {
  const problems: string[] = [];
  if (nameOf(r.policy) === DEFAULT_DENY_NAME) {
    problems.push('DNS egress sits in default-deny (keep default-deny rule-free; use an allow-dns policy)');
  }
  const dnsPorts = r.ports.filter(isDnsPort);
  for (const protocol of ['UDP', 'TCP']) {
    if (!dnsPorts.some(p => (p.protocol ?? 'TCP') === protocol)) {
      problems.push(`port 53 ${protocol} is missing`);
    }
  }
  const peers = Array.isArray(r.peers) ? r.peers : [];
  if (peers.length === 0) {
    problems.push('it has no `to`, so DNS may go to any address');
  }
  const bad = peers.filter(p => !isDnsPeer(p, config));
  if (bad.length > 0) {
    problems.push(`peer(s) ${bad.map(p => JSON.stringify(p)).join(', ')} are not the cluster DNS `
      + `(one element with namespaceSelector ${NAMESPACE_NAME_LABEL}=${config.dnsNamespace} AND podSelector `
      + `${Object.entries(config.dnsPodLabels).map(([k, v]) => `${k}=${v}`).join(',')}${config.dnsCidrs.length ? `, or ipBlock ${config.dnsCidrs.join(', ')}` : ''})`);
  }
  return problems;
}

export const dnsEgress: Rule = {
  id: 'dns-egress',
  title: 'DNS egress goes only to the cluster DNS pods, UDP and TCP 53, outside default-deny',
  severity: Severity.ERROR,
  standsFor: 'R2; kubeaudit; Polaris',
  fix: `Use one \`to\` element combining namespaceSelector \`${NAMESPACE_NAME_LABEL}: ${WELKIN.dns.namespace}\` AND podSelector `
    + `\`${Object.entries(WELKIN.dns.podLabels).map(([k, v]) => `${k}: ${v}`).join(', ')}\`, ports 53 UDP and TCP, in an allow-dns policy.`,
  check: ({ index, config }) => {
    const out: Violation[] = [];
    for (const policy of index.ofKind('NetworkPolicy')) {
      for (const r of policyRules(policy)) {
        if (r.direction !== 'egress' || !r.ports.some(isDnsPort)) {
          continue;
        }
        const problems = problemsOf(r, config);
        if (problems.length > 0) {
          out.push({ object: policy, message: `${describe(policy)}: DNS rule ${ruleLabel(r)}: ${problems.join('; ')}` });
        }
      }
    }
    return out;
  },
};
