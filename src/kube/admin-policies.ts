/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (`policy.networking.k8s.io/v1alpha1`) as plain
 * values: subjects and peers as `LabelSelector`s, networks as `Cidr`s, ports as the core's `Port`
 * (named ports kept as names). Pure Kubernetes knowledge: what the objects say and what the API
 * server's validation would reject. Nothing here decides connectivity.
 */
import { Cidr, parseCidrBlock } from './ip';
import { asArray, asObject, asString, Json } from './objects';
import { Port } from './port';
import { Protocol } from './protocol';
import { LabelSelector } from './selectors';

export const ADMIN_POLICY_GROUP = 'policy.networking.k8s.io';
export const ADMIN_NETWORK_POLICY = 'AdminNetworkPolicy';
export const BASELINE_ADMIN_NETWORK_POLICY = 'BaselineAdminNetworkPolicy';
/** The only name a BaselineAdminNetworkPolicy may have (it is a singleton). */
export const BASELINE_NAME = 'default';
/** The highest ANP priority the API accepts (lower numbers take precedence). */
export const MAX_ADMIN_PRIORITY = 1000;
/** At most this many rules per direction. */
export const MAX_ADMIN_RULES = 100;

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/**
 * Pods of namespaces: `namespaces: S` is every pod of the namespaces S matches (`podSelector` empty),
 * `pods: { namespaceSelector, podSelector }` the matching pods of the matching namespaces.
 */
export interface AdminPodsPeer {
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector;
}

/** One element of a rule's `to`/`from`. */
export interface AdminPeer {
  readonly pods?: AdminPodsPeer;
  /** `networks`: CIDRs (egress only). */
  readonly networks?: readonly Cidr[];
  /** `nodes`: a node selector (egress only). */
  readonly nodes?: LabelSelector;
}

export interface AdminRule {
  /** Index in the policy's `ingress` or `egress` list. */
  readonly index: number;
  /** The rule's `name` (may be empty). */
  readonly name: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  /** undefined: `ports` absent, every port. Numeric ports and ranges as `Port`s. */
  readonly ports?: readonly Port[];
  /** `namedPort` entries: a container port of that name on the destination pod, of any protocol. */
  readonly namedPorts: readonly string[];
}

export interface AdminPolicy {
  readonly kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  readonly name: string;
  /** ANP only: 0..1000, lower first. */
  readonly priority?: number;
  /** The pods the policy applies to. */
  readonly subject: AdminPodsPeer;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
}

/** Whether an object is an ANP or BANP (by kind and API group; no apiVersion counts as the group). */
export function isAdminPolicy(o: Json): boolean {
  const kind = asString(o.kind);
  const apiVersion = asString(o.apiVersion) ?? `${ADMIN_POLICY_GROUP}/v1alpha1`;
  return (kind === ADMIN_NETWORK_POLICY || kind === BASELINE_ADMIN_NETWORK_POLICY) && apiVersion.startsWith(`${ADMIN_POLICY_GROUP}/`);
}

/**
 * Reads an ANP or BANP. What the API server would reject is never read as something valid: a
 * warning names the object and the value; an invalid priority, subject or BANP name leaves the
 * policy out (undefined), an invalid rule, peer or port matches nothing.
 */
export function readAdminPolicy(o: Json, warnings: string[]): AdminPolicy | undefined {
  const kind = asString(o.kind) as AdminPolicy['kind'];
  const baseline = kind === BASELINE_ADMIN_NETWORK_POLICY;
  const name = asString(asObject(o.metadata).name) ?? '';
  const where = `${kind} ${name}`;
  const spec = asObject(o.spec);
  if (baseline && name !== BASELINE_NAME) {
    warnings.push(`${where}: a BaselineAdminNetworkPolicy must be named '${BASELINE_NAME}'; the API server rejects it, so it is not analysed`);
    return undefined;
  }
  let priority: number | undefined;
  if (!baseline) {
    const p = spec.priority;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > MAX_ADMIN_PRIORITY) {
      warnings.push(`${where}: priority ${quote(p)} is not an integer from 0 to ${MAX_ADMIN_PRIORITY}; the API server rejects it, so it is not analysed`);
      return undefined;
    }
    priority = p;
  }
  const subject = readPodsChoice(asObject(spec.subject), `${where}: subject`, warnings);
  if (!subject) return undefined;
  const actions: AdminAction[] = baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass'];
  const rules = (field: 'ingress' | 'egress') => {
    const raw = asArray(spec[field]);
    if (raw.length > MAX_ADMIN_RULES) {
      warnings.push(`${where}: ${raw.length} ${field} rules, more than the ${MAX_ADMIN_RULES} the API server accepts; the rules are read anyway`);
    }
    const out: AdminRule[] = [];
    raw.forEach((r, i) => {
      const rule = readRule(asObject(r), i, field, actions, `${where} ${field} rule ${i}`, warnings);
      if (rule) out.push(rule);
    });
    return out;
  };
  return { kind, name, priority, subject, ingress: rules('ingress'), egress: rules('egress') };
}

/** `namespaces: S` or `pods: { namespaceSelector, podSelector }`, exactly one of them. */
function readPodsChoice(o: Json, where: string, warnings: string[]): AdminPodsPeer | undefined {
  const present = ['namespaces', 'pods'].filter(k => o[k] !== undefined && o[k] !== null);
  if (present.length !== 1) {
    warnings.push(`${where} must have exactly one of namespaces or pods (it has ${present.length === 0 ? 'none' : 'both'}); the API server rejects it, so it matches nothing`);
    return undefined;
  }
  let peer: AdminPodsPeer;
  if (present[0] === 'namespaces') {
    peer = { namespaceSelector: LabelSelector.parse(o.namespaces), podSelector: LabelSelector.EVERYTHING };
  } else {
    // The CRD requires both selectors; an absent one is read as `{}` (every pod or namespace), as
    // netpol-analyzer reads it, with a warning.
    const pods = asObject(o.pods);
    const absent = ['namespaceSelector', 'podSelector'].filter(k => pods[k] === undefined || pods[k] === null);
    if (absent.length > 0) {
      warnings.push(`${where}: pods has no ${absent.join(' and no ')}, which the API server requires; read as {} (every ${absent.length > 1 ? 'namespace and pod' : absent[0] === 'podSelector' ? 'pod' : 'namespace'})`);
    }
    peer = { namespaceSelector: LabelSelector.parse(pods.namespaceSelector ?? {}), podSelector: LabelSelector.parse(pods.podSelector ?? {}) };
  }
  for (const s of [peer.namespaceSelector, peer.podSelector]) {
    if (s.problem) warnings.push(`${where}: selector ${s.problem}; it matches nothing`);
  }
  return peer;
}

function readRule(rule: Json, index: number, field: 'ingress' | 'egress', actions: AdminAction[], where: string,
  warnings: string[]): AdminRule | undefined {
  const action = rule.action;
  if (typeof action !== 'string' || !actions.includes(action as AdminAction)) {
    warnings.push(`${where}: action ${quote(action)} is not ${actions.join(', ').replace(/, (?=[^,]*$)/, ' or ')}; the API server rejects it, so the rule matches nothing`);
    return undefined;
  }
  const peersField = field === 'ingress' ? 'from' : 'to';
  const rawPeers = asArray(rule[peersField]);
  if (rawPeers.length === 0) {
    warnings.push(`${where}: '${peersField}' needs at least one peer; the API server rejects it, so the rule matches nothing`);
    return undefined;
  }
  const peers: AdminPeer[] = [];
  const kinds = field === 'ingress' ? ['namespaces', 'pods'] : ['namespaces', 'pods', 'nodes', 'networks'];
  rawPeers.map(asObject).forEach((p, i) => {
    const here = `${where} ${peersField}[${i}]`;
    const present = Object.keys(p).filter(k => p[k] !== undefined && p[k] !== null);
    if (present.length !== 1 || !kinds.includes(present[0])) {
      warnings.push(`${here} must have exactly one of ${kinds.join(', ')} (it has ${present.length === 0 ? 'none' : present.join(', ')}); `
        + 'the API server rejects it, so it matches nothing');
      return;
    }
    if (present[0] === 'networks') {
      const cidrs: Cidr[] = [];
      for (const n of asArray(p.networks)) {
        const text = typeof n === 'string' ? n : '';
        const cidr = text.includes('/') ? parseCidrBlock(text) : undefined;
        if (cidr) cidrs.push(cidr);
        else warnings.push(`${here}: network ${quote(n)} is not a valid CIDR; it matches nothing`);
      }
      peers.push({ networks: cidrs });
    } else if (present[0] === 'nodes') {
      const nodes = LabelSelector.parse(p.nodes);
      if (nodes.problem) warnings.push(`${here}: selector ${nodes.problem}; it matches nothing`);
      peers.push({ nodes });
    } else {
      const pods = readPodsChoice(p, here, warnings);
      if (pods) peers.push({ pods });
    }
  });
  let ports: Port[] | undefined;
  const namedPorts: string[] = [];
  if (asArray(rule.ports).length > 0) {
    ports = [];
    asArray(rule.ports).map(asObject).forEach((p, i) => {
      const here = `${where} ports[${i}]`;
      const present = ['portNumber', 'namedPort', 'portRange'].filter(k => p[k] !== undefined && p[k] !== null);
      if (present.length !== 1) {
        warnings.push(`${here} must have exactly one of portNumber, namedPort or portRange; the API server rejects it, so it matches nothing`);
        return;
      }
      if (present[0] === 'namedPort') {
        if (typeof p.namedPort === 'string' && p.namedPort !== '') namedPorts.push(p.namedPort);
        else warnings.push(`${here}: namedPort ${quote(p.namedPort)} is not a port name; it matches nothing`);
        return;
      }
      const entry = asObject(p[present[0]]);
      const protocol = readAdminProtocol(entry.protocol);
      if (!protocol) {
        warnings.push(`${here}: protocol ${quote(entry.protocol)} is not TCP, UDP or SCTP; the API server rejects it, so it matches nothing`);
        return;
      }
      const from = present[0] === 'portNumber' ? entry.port : entry.start;
      const to = present[0] === 'portNumber' ? entry.port : entry.end;
      if (!isPort(from) || !isPort(to) || (to as number) < (from as number)) {
        warnings.push(`${here}: ${present[0] === 'portNumber' ? `port ${quote(from)} is not` : `range ${quote(from)}-${quote(to)} is not`} `
          + 'a port (range) from 1 to 65535; the API server rejects it, so it matches nothing');
        return;
      }
      ports!.push(Port._of(protocol, from as number, to === from ? undefined : to as number));
    });
  }
  return { index, name: asString(rule.name) ?? '', action: action as AdminAction, peers, ports, namedPorts };
}

function readAdminProtocol(x: unknown): Protocol | undefined {
  if (x === undefined || x === null) return Protocol.TCP;
  return x === 'TCP' ? Protocol.TCP : x === 'UDP' ? Protocol.UDP : x === 'SCTP' ? Protocol.SCTP : undefined;
}

function isPort(x: unknown): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= 65535;
}

/** A value for a message, at most ~100 characters. */
function quote(x: unknown): string {
  const text = x === undefined ? 'absent' : JSON.stringify(x) ?? String(x);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
