/**
 * Reads plain Kubernetes objects (as parsed from YAML/JSON) into the engine's model: namespaces,
 * pods (from Pods and from workload pod templates), services, ingress backends and policies.
 * Nothing here decides connectivity.
 */
import { NamespaceHierarchy } from './hnc';
import { ipv4OfMapped, isIpv4Mapped } from '../../kube/address-blocks';
import { AdminPolicy, isAdminPolicy, readAdminPolicy } from '../../kube/admin-policies';
import { cniPolicyPlugin } from '../../kube/cni-policies';
import { emptyGatewayApiModel, GatewayApiModel, isGatewayApiObject, readGatewayApiObject } from '../../kube/gateway-api';
import { Cidr, IpRange, parseCidr, parseCidrBlock, rangeContains } from '../../kube/ip';
import { NAMESPACE_NAME_LABEL } from '../../kube/labels';
import { asArray, asObject, asString, DEFAULT_NAMESPACE, isClusterScoped, Json, lastVersions, stringMap } from '../../kube/objects';
import { ipBlockPeer, PolicyPeer } from '../../kube/peers';
import { Port } from '../../kube/port';
import { Protocol } from '../../kube/protocol';
import { LabelSelector } from '../../kube/selectors';
import { quote } from '../../kube/validation/quote';
import { containersOf, podTemplateOf, WORKLOAD_KINDS } from '../../kube/workloads';

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface PodModel {
  readonly namespace: string;
  /** The peer the pod is shown as: its owner workload, or itself. */
  readonly workloadName: string;
  readonly workloadKind: string;
  readonly labels: Record<string, string>;
  readonly ports: readonly ContainerPort[];
  /** Addresses from `status.podIP` / `status.podIPs` (or a platform profile's host CIDRs). */
  readonly ips: readonly IpRange[];
  readonly hostNetwork: boolean;
}

export interface NamespaceModel {
  readonly name: string;
  readonly labels: Record<string, string>;
}

export interface ServicePortModel {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: Protocol;
}

export interface ServiceModel {
  readonly namespace: string;
  readonly name: string;
  /** undefined: a Service without selector (its endpoints are managed elsewhere). */
  readonly selector?: Record<string, string>;
  readonly ports: readonly ServicePortModel[];
}

/** A Service an Ingress or Route sends traffic to, and which of its ports. */
export interface BackendRef {
  /** `Ingress shop/web` or `Route shop/web`, for messages. */
  readonly via: string;
  readonly namespace: string;
  readonly service: string;
  /** Ingress: service port number or name. Route: target port (number or name). undefined: all ports. */
  readonly port?: number | string;
  readonly isRoute: boolean;
}

export interface PolicyRuleModel {
  /** Index of the rule in the policy's `ingress` or `egress` list. */
  readonly index: number;
  /** undefined: `from`/`to` absent or empty, every source or destination. */
  readonly peers?: readonly PolicyPeer[];
  /** undefined: `ports` absent or empty, every port and protocol. A port without a number or name is every port of its protocol. */
  readonly ports?: readonly Port[];
}

export interface PolicyModel {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  readonly affectsIngress: boolean;
  readonly affectsEgress: boolean;
  readonly ingress: readonly PolicyRuleModel[];
  readonly egress: readonly PolicyRuleModel[];
}

/** A Node: its labels and the addresses in `status.addresses`. */
export interface NodeModel {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly ips: readonly IpRange[];
}

export interface ObjectModel {
  readonly namespaces: NamespaceModel[];
  readonly pods: PodModel[];
  readonly services: ServiceModel[];
  readonly backends: BackendRef[];
  /** Gateways, ListenerSets, routes and ReferenceGrants (Gateway API). */
  readonly gatewayApi: GatewayApiModel;
  readonly policies: PolicyModel[];
  /** AdminNetworkPolicies and the BaselineAdminNetworkPolicy. */
  readonly adminPolicies: AdminPolicy[];
  /** Nodes, for admin policies' `nodes` peers. */
  readonly nodes: NodeModel[];
  /** CNI-specific policies the engine does not evaluate (`CiliumNetworkPolicy shop/x (cilium.io/v2)`). */
  readonly unevaluatedPolicies: string[];
  readonly ignoredKinds: Map<string, number>;
  readonly warnings: string[];
}

/** Reads the objects (lists already expanded); of documents for one object, the last one counts. */
export function readObjects(input: readonly unknown[]): ObjectModel {
  const { objects, warnings } = lastVersions(input);
  const model: ObjectModel = {
    namespaces: [],
    pods: [],
    services: [],
    backends: [],
    gatewayApi: emptyGatewayApiModel(),
    policies: [],
    adminPolicies: [],
    nodes: [],
    unevaluatedPolicies: [],
    ignoredKinds: new Map(),
    warnings,
  };
  const hierarchy = new NamespaceHierarchy();
  for (const raw of objects) {
    const o = asObject(raw);
    const kind = asString(o.kind) ?? '';
    const meta = asObject(o.metadata);
    // A name or namespace that is not a string (`namespace: 5`, `namespace: [a]`) fails kubectl's
    // decoding and the API server's: read as text or as the default namespace, the object would
    // land somewhere it never can. It is left out, with a warning.
    const notText = (['name', 'namespace'] as const).find(k => meta[k] !== undefined && meta[k] !== null && typeof meta[k] !== 'string');
    if (notText !== undefined) {
      const written = JSON.stringify(meta[notText]) ?? '';
      warnings.push(`${kind || 'an object'} (${asString(o.apiVersion) ?? 'no apiVersion'}): metadata.${notText} ${written.length <= 100 ? written : `${written.slice(0, 100)}...`} `
        + 'is not a string (kubectl and the API server reject the object); it is left out of the analysis');
      continue;
    }
    const name = asString(meta.name) ?? '';
    const namespace = asString(meta.namespace) || DEFAULT_NAMESPACE;
    const spec = asObject(o.spec);
    if (hierarchy.read(o, kind, namespace, name, model.warnings)) continue;
    if (kind === 'Namespace') {
      model.namespaces.push({ name, labels: { ...stringMap(meta.labels), [NAMESPACE_NAME_LABEL]: name } });
    } else if (kind === 'Pod') {
      model.pods.push(readPod(o, namespace, name, model.warnings));
    } else if (WORKLOAD_KINDS.includes(kind)) {
      const template = podTemplateOf(o)!;
      model.pods.push(podFromSpec(`${kind} ${namespace}/${name}`, namespace, name, kind, template.labels, template.spec, [], model.warnings));
    } else if (kind === 'Service') {
      model.services.push(readService(spec, namespace, name, model.warnings));
    } else if (kind === 'Ingress') {
      model.backends.push(...readIngress(spec, namespace, name));
    } else if (kind === 'Route' && (asString(o.apiVersion) ?? '').startsWith('route.openshift.io')) {
      model.backends.push(...readRoute(spec, namespace, name));
    } else if (isGatewayApiObject(kind, asString(o.apiVersion))) {
      readGatewayApiObject(model.gatewayApi, kind, namespace, name, spec, raw);
    } else if (kind === 'NetworkPolicy' && (asString(o.apiVersion) ?? 'networking.k8s.io/v1').startsWith('networking.k8s.io')) {
      model.policies.push(readPolicy(spec, namespace, name, model.warnings));
    } else if (isAdminPolicy(o)) {
      const policy = readAdminPolicy(o, model.warnings);
      if (policy) model.adminPolicies.push(policy);
    } else if (cniPolicyPlugin(o)) {
      const label = `${kind} ${isClusterScoped(kind) ? '' : `${namespace}/`}${name} (${asString(o.apiVersion)})`;
      model.unevaluatedPolicies.push(label);
      model.warnings.push(`${label}: a ${cniPolicyPlugin(o)}-specific policy, which this analysis does not evaluate; `
        + 'the result is partial: the network plugin may allow or deny traffic differently');
    } else {
      if (kind === 'Node') model.nodes.push(readNode(o, name));
      model.ignoredKinds.set(kind, (model.ignoredKinds.get(kind) ?? 0) + 1);
    }
  }
  applyHierarchy(model, hierarchy);
  return model;
}

/**
 * What HNC does with the hierarchy: every namespace in it carries its tree labels, and every
 * NetworkPolicy of a namespace (unless annotated not to propagate) is copied into each descendant,
 * replacing a descendant's own policy of the same name (the nearest ancestor's copy of a name is
 * itself the copy of any farther one's).
 */
function applyHierarchy(model: ObjectModel, hierarchy: NamespaceHierarchy): void {
  const namespaces = hierarchy.namespaces;
  if (namespaces.length === 0) return;
  for (const name of namespaces) {
    const tree = hierarchy.treeLabels(name)!;
    const existing = model.namespaces.findIndex(n => n.name === name);
    if (existing < 0) {
      model.namespaces.push({ name, labels: { ...tree, [NAMESPACE_NAME_LABEL]: name } });
    } else {
      const ns = model.namespaces[existing];
      model.namespaces[existing] = { name, labels: { ...ns.labels, ...tree, [NAMESPACE_NAME_LABEL]: name } };
    }
  }
  // Top-down from the roots: a namespace's effective policies are those its parent passes on
  // (replacing its own of the same name) plus its own; each keeps the namespace it came from.
  type Effective = { policy: PolicyModel; source: string };
  const own = new Map<string, PolicyModel[]>();
  for (const p of model.policies) own.set(p.namespace, [...(own.get(p.namespace) ?? []), p]);
  const inHierarchy = new Set(namespaces);
  const result: PolicyModel[] = model.policies.filter(p => !inHierarchy.has(p.namespace));
  const visited = new Set<string>();
  const namespaceLabels = new Map(model.namespaces.map(n => [n.name, n.labels]));
  const visit = (ns: string, inherited: Effective[]) => {
    visited.add(ns);
    const mine = own.get(ns) ?? [];
    // HNC's select/treeSelect pick the descendants a copy lands in; each is judged on its own
    // labels, so a copy that skips this namespace still passes on to its descendants.
    const labels = namespaceLabels.get(ns) ?? {};
    const landing = inherited.filter(e => hierarchy.propagatesInto(e.source, e.policy.name, labels));
    const names = new Set(landing.map(e => e.policy.name));
    for (const p of mine.filter(x => names.has(x.name))) {
      model.warnings.push(`NetworkPolicy ${p.namespace}/${p.name}: HNC replaces it with the policy of the same name propagated from an ancestor namespace`);
    }
    const effective: Effective[] = [
      ...landing.map(e => ({ policy: { ...e.policy, namespace: ns }, source: e.source })),
      ...mine.filter(x => !names.has(x.name)).map(policy => ({ policy, source: ns })),
    ];
    result.push(...effective.map(e => e.policy));
    // What came from above passes on as it came; of its own, what no ancestor's copy shadows.
    const inheritedNames = new Set(inherited.map(e => e.policy.name));
    const passed = [
      ...inherited,
      ...mine.filter(p => !inheritedNames.has(p.name) && hierarchy.propagates(ns, p.name)).map(policy => ({ policy, source: ns })),
    ];
    for (const child of hierarchy.childrenOf(ns)) {
      if (!visited.has(child)) visit(child, passed);
    }
  };
  for (const root of namespaces.filter(ns => hierarchy.parentOf(ns) === undefined)) visit(root, []);
  // Namespaces on a cycle have no root: HNC refuses such a hierarchy, so their own policies stand.
  const cyclic = namespaces.filter(n => !visited.has(n));
  if (cyclic.length > 0) {
    model.warnings.push(`namespaces ${cyclic.join(', ')} form a cycle in the HNC hierarchy of the input, which HNC refuses; no policy propagates among them`);
  }
  for (const ns of cyclic) result.push(...(own.get(ns) ?? []));
  model.policies.splice(0, model.policies.length, ...result);
}

function readNode(o: Json, name: string): NodeModel {
  const ips: IpRange[] = [];
  for (const a of asArray(asObject(o.status).addresses).map(asObject)) {
    const type = asString(a.type);
    const r = (type === 'InternalIP' || type === 'ExternalIP') ? parseCidr(asString(a.address) ?? '') : undefined;
    if (r) ips.push(r);
  }
  return { name, labels: stringMap(asObject(o.metadata).labels), ips };
}

function readPod(o: Json, namespace: string, name: string, warnings: string[]): PodModel {
  const meta = asObject(o.metadata);
  const status = asObject(o.status);
  const ips: IpRange[] = [];
  const seen = new Set<string>();
  for (const text of [asString(status.podIP), ...asArray(status.podIPs).map(x => asString(asObject(x).ip))]) {
    if (!text || seen.has(text)) continue;
    seen.add(text);
    const r = parseCidr(text);
    if (r) ips.push(r);
  }
  // Pods are shown as their controlling owner (a Deployment's pods as its ReplicaSet, as netpol-analyzer
  // does). Mirror pods (owned by a Node) are shown as themselves.
  const owners = asArray(meta.ownerReferences).map(asObject);
  const owner = owners.find(r => r.controller === true) ?? owners[0];
  let workloadName = name;
  let workloadKind = 'Pod';
  if (owner && asString(owner.name) && asString(owner.kind) !== 'Node') {
    workloadName = asString(owner.name)!;
    workloadKind = asString(owner.kind) || 'Pod';
  }
  return podFromSpec(`Pod ${namespace}/${name}`, namespace, workloadName, workloadKind, stringMap(meta.labels), asObject(o.spec), ips, warnings);
}

function podFromSpec(where: string, namespace: string, workloadName: string, workloadKind: string, labels: Record<string, string>,
  spec: Json, ips: IpRange[], warnings: string[]): PodModel {
  const ports: ContainerPort[] = [];
  // Containers before init containers: the order named ports resolve in.
  const containers = containersOf(spec);
  for (const c of [...containers.filter(x => !x.init), ...containers.filter(x => x.init)]) {
    for (const p of asArray(c.container.ports)) {
      const po = asObject(p);
      const port = Number(po.containerPort);
      if (!Number.isInteger(port) || port < 1 || port > 65535) continue;
      const protocol = readProtocol(po.protocol);
      if (!protocol) {
        warnings.push(`${where}: container port ${port}${po.name ? ` (${asString(po.name)})` : ''} ${invalidProtocol(po.protocol)}; the port is ignored`);
        continue;
      }
      ports.push({ name: asString(po.name), port, protocol });
    }
  }
  return { namespace, workloadName, workloadKind, labels, ports, ips, hostNetwork: spec.hostNetwork === true };
}

/**
 * `TCP`, `UDP` or `SCTP`, TCP when absent; undefined for anything else. Like the API server, which
 * rejects the object, this is case-sensitive: `udp` is not UDP.
 */
export function readProtocol(x: unknown): Protocol | undefined {
  if (x === undefined || x === null) return Protocol.TCP;
  return x === 'TCP' ? Protocol.TCP : x === 'UDP' ? Protocol.UDP : x === 'SCTP' ? Protocol.SCTP : undefined;
}

/** Why a protocol is invalid, for a warning. */
function invalidProtocol(x: unknown): string {
  const upper = typeof x === 'string' ? x.toUpperCase() : '';
  const hint = upper === 'TCP' || upper === 'UDP' || upper === 'SCTP' ? ` (protocols are case-sensitive: write ${upper})` : '';
  return `has protocol '${String(x)}', which is not TCP, UDP or SCTP${hint}; the API server rejects the object`;
}

/** What the API server would reject in a NetworkPolicy port entry (besides the protocol), or undefined. */
function policyPortProblem(p: Json): string | undefined {
  const { port, endPort } = p;
  if (typeof port === 'string' && /^\d+$/.test(port)) return `port ${quote(port)} is a string of digits, not a number or a port name`;
  if (typeof port === 'string' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(port) && port !== '') return `port ${quote(port)} is not a port name`;
  if (port !== undefined && port !== null && typeof port !== 'string' && !(typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535)) {
    return `port ${quote(JSON.stringify(port) ?? String(port))} is not a port number 1-65535`;
  }
  if (endPort !== undefined && endPort !== null) {
    if (typeof endPort !== 'number' || !Number.isInteger(endPort) || endPort < 1 || endPort > 65535) return `endPort ${quote(JSON.stringify(endPort) ?? String(endPort))} is not a port number 1-65535`;
    if (typeof port !== 'number') return `endPort ${endPort} needs a numeric port`;
  }
  return undefined;
}

function readIntOrString(x: unknown): number | string | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && x.length > 0) return /^\d+$/.test(x) ? Number(x) : x;
  return undefined;
}

function readService(spec: Json, namespace: string, name: string, warnings: string[]): ServiceModel {
  const ports: ServicePortModel[] = [];
  for (const p of asArray(spec.ports).map(asObject)) {
    const port = Number(p.port);
    const protocol = readProtocol(p.protocol);
    if (!protocol) {
      warnings.push(`Service ${namespace}/${name}: port ${p.name ? asString(p.name) : port} ${invalidProtocol(p.protocol)}; the port is ignored`);
      continue;
    }
    ports.push({ name: asString(p.name), port, targetPort: readIntOrString(p.targetPort) ?? port, protocol });
  }
  const selector = spec.selector && typeof spec.selector === 'object' ? stringMap(spec.selector) : undefined;
  return { namespace, name, selector, ports };
}

function readIngress(spec: Json, namespace: string, name: string): BackendRef[] {
  const via = `Ingress ${namespace}/${name}`;
  const out: BackendRef[] = [];
  const add = (backend: unknown) => {
    const b = asObject(backend);
    const svc = asObject(b.service);
    const serviceName = asString(svc.name) ?? asString(b.serviceName);
    if (!serviceName) return; // a `resource` backend: no pods to reach
    const port = asObject(svc.port);
    const ref = asString(svc.name) !== undefined
      ? (typeof port.number === 'number' ? port.number : readIntOrString(port.name))
      : readIntOrString(b.servicePort);
    out.push({ via, namespace, service: serviceName, port: ref, isRoute: false });
  };
  add(spec.defaultBackend ?? spec.backend);
  for (const rule of asArray(spec.rules)) {
    for (const path of asArray(asObject(asObject(rule).http).paths)) {
      add(asObject(path).backend);
    }
  }
  return out;
}

function readRoute(spec: Json, namespace: string, name: string): BackendRef[] {
  const via = `Route ${namespace}/${name}`;
  const port = readIntOrString(asObject(spec.port).targetPort);
  return [spec.to, ...asArray(spec.alternateBackends)].map(asObject)
    .filter(t => (asString(t.kind) ?? 'Service') === 'Service' && asString(t.name))
    .map(t => ({ via, namespace, service: asString(t.name)!, port, isRoute: true }));
}

function readPolicy(spec: Json, namespace: string, name: string, warnings: string[]): PolicyModel {
  const where = `NetworkPolicy ${namespace}/${name}`;
  const podSelector = LabelSelector.parse(spec.podSelector);
  if (podSelector.problem) warnings.push(`${where}: podSelector ${podSelector.problem}; it selects no pods`);
  const ingressRaw = asArray(spec.ingress);
  const egressRaw = asArray(spec.egress);
  // policyTypes defaulting (the API server's SetDefaults_NetworkPolicy): when the list is absent OR empty,
  // Ingress always, Egress when the policy has egress rules.
  const listed = Array.isArray(spec.policyTypes) ? spec.policyTypes.map(t => String(t)) : [];
  const types = listed.length > 0 ? listed : undefined;
  const invalidTypes = listed.filter(t => t !== 'Ingress' && t !== 'Egress');
  // The API server rejects any other entry (it is case-sensitive); reading the list as written would
  // isolate less than meant, so such a policy is read as isolating both directions.
  if (invalidTypes.length > 0) {
    warnings.push(`${where}: policyTypes ${invalidTypes.map(t => quote(t)).join(', ')} ${invalidTypes.length === 1 ? 'is' : 'are'} not Ingress or Egress `
      + '(the API server rejects the policy); it is read as isolating both directions');
  }
  const affectsIngress = invalidTypes.length > 0 || (types ? types.includes('Ingress') : true);
  const affectsEgress = invalidTypes.length > 0 || (types ? types.includes('Egress') : egressRaw.length > 0);
  return {
    namespace,
    name,
    podSelector,
    affectsIngress,
    affectsEgress,
    ingress: ingressRaw.map((r, i) => readRule(asObject(r), i, 'from', `${where} ingress rule ${i}`, warnings)),
    egress: egressRaw.map((r, i) => readRule(asObject(r), i, 'to', `${where} egress rule ${i}`, warnings)),
  };
}

function readRule(rule: Json, index: number, peersField: 'from' | 'to', where: string, warnings: string[]): PolicyRuleModel {
  const rawPeers = asArray(rule[peersField]);
  const rawPorts = asArray(rule.ports);
  const peers: PolicyPeer[] = [];
  for (const rp of rawPeers.map(asObject)) {
    if (rp.ipBlock !== undefined && rp.ipBlock !== null) {
      const ib = asObject(rp.ipBlock);
      const text = asString(ib.cidr) ?? '';
      let cidr = parseCidrBlock(text);
      if (!cidr || !text.includes('/')) {
        warnings.push(`${where}: ipBlock cidr ${quote(text)} is not a valid CIDR; the peer matches nothing`);
        continue;
      }
      const mapped = isIpv4Mapped(cidr);
      if (mapped) {
        // Go's net.ParseCIDR, and so the network plugins, read an IPv4-mapped block as IPv4.
        const v4 = ipv4OfMapped(cidr);
        warnings.push(`${where}: ipBlock cidr ${quote(text)} is an IPv4-mapped IPv6 block, which the network plugins read as ${v4.text}; it is read as ${v4.text}`);
        cidr = v4;
      }
      const except: Cidr[] = [];
      let badExcept: string | undefined;
      for (const e of asArray(ib.except)) {
        let r = parseCidrBlock(String(e));
        // Exceptions of a mapped block are mapped with it; inside an IPv6 block they stay IPv6.
        if (r && mapped && isIpv4Mapped(r)) r = ipv4OfMapped(r);
        if (!r) badExcept = `ipBlock except ${quote(String(e))} is not a valid CIDR`;
        else if (!rangeContains(cidr, r) || r.prefix <= cidr.prefix) badExcept = `ipBlock except ${quote(String(e))} is not strictly inside cidr ${quote(text)} (the API server rejects it)`;
        else except.push(r);
        if (badExcept) break;
      }
      if (badExcept) {
        // Taking the block without the exception would admit what the exception meant to leave out.
        warnings.push(`${where}: ${badExcept}; the peer matches nothing`);
        continue;
      }
      peers.push(ipBlockPeer(cidr, except));
      continue;
    }
    const hasPod = rp.podSelector !== undefined && rp.podSelector !== null;
    const hasNs = rp.namespaceSelector !== undefined && rp.namespaceSelector !== null;
    if (!hasPod && !hasNs) {
      warnings.push(`${where}: a peer without podSelector, namespaceSelector or ipBlock is invalid; it matches nothing`);
      continue;
    }
    const podSelector = hasPod ? LabelSelector.parse(rp.podSelector) : undefined;
    const namespaceSelector = hasNs ? LabelSelector.parse(rp.namespaceSelector) : undefined;
    for (const s of [podSelector, namespaceSelector]) {
      if (s?.problem) warnings.push(`${where}: selector ${s.problem}; it matches nothing`);
    }
    peers.push({ podSelector, namespaceSelector });
  }
  const ports: Port[] = [];
  for (const p of rawPorts.map(asObject)) {
    const protocol = readProtocol(p.protocol);
    const port = readIntOrString(p.port);
    const portProblem = policyPortProblem(p);
    if (portProblem) {
      warnings.push(`${where}: ${portProblem} (the API server rejects it); the port entry matches nothing`);
      continue;
    }
    if (!protocol) {
      warnings.push(`${where}: port ${port ?? '(any)'} ${invalidProtocol(p.protocol)}; the port entry matches nothing`);
      continue;
    }
    if (typeof port === 'string') {
      ports.push(Port._of(protocol, port));
    } else {
      const endPort = typeof p.endPort === 'number' ? p.endPort : undefined;
      if (endPort !== undefined && port !== undefined && endPort < port) {
        warnings.push(`${where}: endPort ${endPort} is below port ${port}; the port entry matches nothing`);
        continue;
      }
      ports.push(Port._of(protocol, port, port === undefined ? undefined : endPort));
    }
  }
  return {
    index,
    peers: rawPeers.length === 0 ? undefined : peers,
    ports: rawPorts.length === 0 ? undefined : ports,
  };
}

/** Fields of a container the engine never reads (it reads `ports` and `name`). */
const CONTAINER_FIELDS_UNREAD = ['env', 'envFrom', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe',
  'resources', 'securityContext', 'command', 'args', 'lifecycle', 'workingDir'];
/** Fields of a pod spec the engine never reads (it reads `hostNetwork` and the containers). */
const POD_FIELDS_UNREAD = ['volumes', 'affinity', 'tolerations', 'topologySpreadConstraints', 'securityContext', 'imagePullSecrets',
  'nodeSelector', 'dnsConfig', 'readinessGates', 'resourceClaims'];

/**
 * The object with the parts the engine never reads removed, in place: annotations, managed fields,
 * the data of ConfigMaps and Secrets, and of pods and pod templates everything but labels, host
 * network, container names and ports (List items too). The CLI applies it to each document as it
 * is read, so that `analyze` and `diff` never hold a big input whole (test/analysis/analysis-view.test.ts
 * checks that the analysis is the same).
 */
export function analysisView(object: Json): Json {
  const meta = object.metadata as Json | undefined;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    delete meta.annotations;
    delete meta.managedFields;
  }
  if (object.kind === 'ConfigMap' || object.kind === 'Secret') {
    delete object.data;
    delete object.stringData;
    delete object.binaryData;
  }
  const template = podTemplateOf(object);
  if (template) {
    for (const field of POD_FIELDS_UNREAD) delete template.spec[field];
    for (const { container } of containersOf(template.spec)) {
      for (const field of CONTAINER_FIELDS_UNREAD) delete container[field];
    }
  }
  if (Array.isArray(object.items)) {
    object.items.forEach(item => {
      if (item && typeof item === 'object' && !Array.isArray(item)) analysisView(item as Json);
    });
  }
  return object;
}
