import { coveredFamilies, internetRanges, subtractRanges } from '../../kube/address-blocks';
import { NAMESPACE_NAME_LABEL } from '../../kube/labels';
import { isObj, nameOf, Obj, stringMap } from '../../kube/objects';
import { WELKIN } from '../../kube/platform';
import { quote } from '../../kube/validation/quote';
import { ResolvedConfig } from '../config';
import { describe, isEmptySelector } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';
import { DEFAULT_DENY_NAME } from './default-deny';
import { PolicyRule, policyRules, ruleLabel } from './network-policy-rules';
import { ruleAddresses } from './no-all-addresses-peers';

/** A port entry that includes 53: by number, a range through it (`endPort`), by the cluster DNS's port names, or every port (no number). */
function includesDnsPort(port: Obj): boolean {
  if (port.port === undefined || port.port === null) return true;
  if (WELKIN.dns.ports.some(p => port.port === p.port || port.port === String(p.port) || port.port === p.name)) return true;
  const from = Number(port.port);
  const to = port.endPort === undefined || port.endPort === null ? from : Number(port.endPort);
  return Number.isInteger(from) && from <= 53 && 53 <= to;
}

/** The rule's ports include 53 (a rule without ports allows every port). */
function reachesDnsPort(r: PolicyRule): boolean {
  return r.ports.length === 0 || r.ports.some(includesDnsPort);
}

/** The rule's destination is every address, or every address of the internet. */
function toAnywhere(r: PolicyRule): string | undefined {
  if (!Array.isArray(r.peers) || r.peers.length === 0) return 'every destination';
  const reach = ruleAddresses(r);
  if (coveredFamilies(reach).length > 0) return 'every address';
  const coversInternet = (family: number) => subtractRanges(INTERNET.filter(x => x.family === family), reach).length === 0;
  return coversInternet(4) || coversInternet(6) ? 'the whole internet' : undefined;
}

const INTERNET = internetRanges({ privateRanges: [], podCidrs: [], serviceCidrs: [] });

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

/** A peer that names the DNS namespace or the DNS pods, alone (an OR of two elements is the classic mistake). */
function aimsAtDns(peer: unknown, config: ResolvedConfig): boolean {
  if (!isObj(peer)) return false;
  const ns = isObj(peer.namespaceSelector) ? stringMap(peer.namespaceSelector.matchLabels) : {};
  const pods = isObj(peer.podSelector) ? stringMap(peer.podSelector.matchLabels) : {};
  return ns[NAMESPACE_NAME_LABEL] === config.dnsNamespace
    || (Object.keys(config.dnsPodLabels).length > 0 && Object.entries(config.dnsPodLabels).every(([k, v]) => pods[k] === v));
}

function problemsOf(r: PolicyRule, config: ResolvedConfig): string[] {
  const problems: string[] = [];
  if (nameOf(r.policy) === DEFAULT_DENY_NAME) {
    problems.push('DNS egress sits in default-deny (keep default-deny rule-free; use an allow-dns policy)');
  }
  for (const protocol of ['UDP', 'TCP']) {
    if (!(r.ports.length === 0 || r.ports.some(p => includesDnsPort(p) && (p.protocol ?? 'TCP') === protocol))) {
      problems.push(`port 53 ${protocol} is missing`);
    }
  }
  const peers = Array.isArray(r.peers) ? r.peers : [];
  const bad = peers.filter(p => !isDnsPeer(p, config));
  if (bad.length > 0) {
    problems.push(`peer(s) ${bad.map(p => quote(JSON.stringify(p))).join(', ')} are not the cluster DNS `
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
        if (r.direction !== 'egress' || !reachesDnsPort(r)) {
          continue;
        }
        // Only rules meant for DNS are judged: to the cluster DNS, or port 53 to anywhere. A rule on
        // port 53 between apps is an app's own protocol.
        const anywhere = toAnywhere(r);
        if (anywhere !== undefined) {
          out.push({ object: policy, message: `${describe(policy)}: ${ruleLabel(r)} lets DNS (port 53) go to ${anywhere}; send DNS to the cluster DNS only` });
          continue;
        }
        const peers = Array.isArray(r.peers) ? r.peers : [];
        if (!peers.some(p => isDnsPeer(p, config) || aimsAtDns(p, config))) {
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
