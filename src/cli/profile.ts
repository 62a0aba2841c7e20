// `--profile FILE`: a cluster profile read from YAML or JSON, checked field by field so that a bad
// file is one clear line (file, field, value, what would be valid) and exit status 2.
import { InputError } from './input';
import { ClusterProfile, ClusterProfileProps, PlatformWorkload, PlatformWorkloadPort } from '../analysis/cluster-profile';
import { Protocol } from '../kube/protocol';
import { readYamlStream } from '../kube/yaml/stream';

const WORKLOAD_FIELDS = ['ingressController', 'dns', 'monitoring'] as const;
const TOP_KEYS = ['name', ...WORKLOAD_FIELDS, 'otherWorkloads'];
const WORKLOAD_KEYS = ['namespace', 'name', 'kind', 'podLabels', 'namespaceLabels', 'ports', 'hostNetwork', 'hostCidrs'];
const PORT_KEYS = ['port', 'protocol', 'name'];

/**
 * Reads a cluster profile file's text (see docs/cluster-profile.md). With `base` (`--platform welkin`),
 * the file's ingress controller, DNS and monitoring replace the base's and its other workloads add to them.
 * Throws InputError naming the file and the field.
 */
export function readProfile(text: string, file: string, base?: ClusterProfile): ClusterProfile {
  // Read as kubectl reads manifests (the package's own reader: `yaml` is not one of its dependencies).
  let documents: ReturnType<typeof readYamlStream>;
  try {
    documents = readYamlStream(text);
  } catch (e) {
    throw new InputError(`${file}: not YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (documents.length > 1) throw new InputError(`${file}: ${documents.length} documents; a profile is one YAML or JSON document`);
  const raw: unknown = documents[0]?.value ?? null;
  const bad = (where: string, what: string) => new InputError(`${file}: ${where}: ${what}`);
  if (!isMap(raw)) throw bad('the profile', `expected a mapping with ${TOP_KEYS.join(', ')}, got ${describe(raw)}`);
  checkKeys(raw, TOP_KEYS, 'the profile', bad);
  if (raw.name !== undefined && typeof raw.name !== 'string') throw bad('name', `expected a string, got ${describe(raw.name)}`);
  const props: { -readonly [K in keyof ClusterProfileProps]: ClusterProfileProps[K] } = {
    name: (raw.name as string | undefined) ?? base?.name,
    ingressController: base?.ingressController,
    dns: base?.dns,
    monitoring: base?.monitoring,
    otherWorkloads: [...base?.otherWorkloads ?? []],
  };
  for (const field of WORKLOAD_FIELDS) {
    if (raw[field] !== undefined) props[field] = workload(raw[field], field, bad);
  }
  if (raw.otherWorkloads !== undefined) {
    if (!Array.isArray(raw.otherWorkloads)) throw bad('otherWorkloads', `expected a list of workloads, got ${describe(raw.otherWorkloads)}`);
    raw.otherWorkloads.forEach((w, i) => props.otherWorkloads!.push(workload(w, `otherWorkloads[${i}]`, bad)));
  }
  try {
    return new ClusterProfile(props);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
}

type Bad = (where: string, what: string) => InputError;

function workload(raw: unknown, where: string, bad: Bad): PlatformWorkload {
  if (!isMap(raw)) throw bad(where, `expected a workload mapping (namespace, name, podLabels, ...), got ${describe(raw)}`);
  checkKeys(raw, WORKLOAD_KEYS, where, bad);
  for (const key of ['namespace', 'name'] as const) {
    if (typeof raw[key] !== 'string') throw bad(`${where}.${key}`, `required, a string; got ${describe(raw[key])}`);
  }
  if (raw.kind !== undefined && typeof raw.kind !== 'string') throw bad(`${where}.kind`, `expected a string such as Deployment, got ${describe(raw.kind)}`);
  if (raw.hostNetwork !== undefined && typeof raw.hostNetwork !== 'boolean') throw bad(`${where}.hostNetwork`, `expected true or false, got ${describe(raw.hostNetwork)}`);
  const hostCidrs = raw.hostCidrs;
  if (hostCidrs !== undefined && (!Array.isArray(hostCidrs) || hostCidrs.some(c => typeof c !== 'string'))) {
    throw bad(`${where}.hostCidrs`, `expected a list of CIDRs, got ${describe(hostCidrs)}`);
  }
  const ports = raw.ports;
  if (ports !== undefined && !Array.isArray(ports)) throw bad(`${where}.ports`, `expected a list of {port, protocol, name}, got ${describe(ports)}`);
  return {
    namespace: raw.namespace as string,
    name: raw.name as string,
    ...(raw.kind !== undefined ? { kind: raw.kind as string } : {}),
    podLabels: labels(raw.podLabels, `${where}.podLabels`, bad, true)!,
    ...(raw.namespaceLabels !== undefined ? { namespaceLabels: labels(raw.namespaceLabels, `${where}.namespaceLabels`, bad, false) } : {}),
    ...(ports !== undefined ? { ports: (ports as unknown[]).map((p, i) => port(p, `${where}.ports[${i}]`, bad)) } : {}),
    ...(raw.hostNetwork !== undefined ? { hostNetwork: raw.hostNetwork as boolean } : {}),
    ...(hostCidrs !== undefined ? { hostCidrs: hostCidrs as string[] } : {}),
  };
}

function labels(raw: unknown, where: string, bad: Bad, required: boolean): { [key: string]: string } | undefined {
  if (raw === undefined && !required) return undefined;
  if (!isMap(raw)) {
    throw bad(where, `${required ? 'required, ' : ''}a mapping of label keys to string values; got ${describe(raw)}`);
  }
  const notText = Object.entries(raw).find(([, v]) => typeof v !== 'string');
  if (notText !== undefined) {
    // YAML 1.1, as kubectl reads it: unquoted y, yes, on, true, 5 are not strings.
    throw bad(`${where}.${notText[0]}`, `a label value must be a string; got ${describe(notText[1])} (quote it: "...")`);
  }
  return { ...raw as { [key: string]: string } };
}

function port(raw: unknown, where: string, bad: Bad): PlatformWorkloadPort {
  if (!isMap(raw)) throw bad(where, `expected {port, protocol, name}, got ${describe(raw)}`);
  checkKeys(raw, PORT_KEYS, where, bad);
  if (typeof raw.port !== 'number') throw bad(`${where}.port`, `required, a number 1-65535; got ${describe(raw.port)}`);
  const protocols: string[] = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];
  if (raw.protocol !== undefined && !protocols.includes(raw.protocol as string)) {
    throw bad(`${where}.protocol`, `expected TCP, UDP or SCTP, got ${describe(raw.protocol)}`);
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') throw bad(`${where}.name`, `expected a string, got ${describe(raw.name)}`);
  return {
    port: raw.port,
    ...(raw.protocol !== undefined ? { protocol: raw.protocol as Protocol } : {}),
    ...(raw.name !== undefined ? { name: raw.name as string } : {}),
  };
}

function checkKeys(raw: Record<string, unknown>, valid: readonly string[], where: string, bad: Bad): void {
  const unknown = Object.keys(raw).find(k => !valid.includes(k));
  if (unknown !== undefined) throw bad(where, `unknown field '${quoted(unknown)}' (valid: ${valid.join(', ')})`);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function quoted(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} '${quoted(String(v))}'`;
}
