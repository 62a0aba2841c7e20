/**
 * The logic of the jest matchers (`toAllowConnection`, `toOnlyAllow`), as pure functions from a
 * subject to a verdict and a message, so it is testable without registering anything. They work on
 * the analysis's values (peers, port sets, the structured diff); text is read only where the user
 * wrote text (peer names, port specs, `SRC => DST : CONN` lines).
 */
import { App, Chart } from 'cdk8s';
import { AllowedConnection, ConnectionPeer, IWorkloadRef, NetworkAnalysis } from '../analysis';
import { Cdk8sReachability } from '../cdk8s';
import { ConnectionChange, diffConnections } from '../diff';
import { printable } from '../kube/escape';
import { Port } from '../kube/port';
import { parsePortSpec, PortSet, ProtocolPort } from '../kube/ports';
import { Protocol } from '../kube/protocol';

/**
 * A port as matchers take it: a Port (`Port.tcp(8080)`, `Port.udpRange(...)`, `Port.named('http')`, which
 * resolves on the destination's pods), or as people type it: `8080` (TCP), `'8080'`, `'TCP 8080'`,
 * `'8080/TCP'`, `'UDP 53'`, `'53/udp'`.
 */
export type PortSpec = number | string | Port;

/**
 * A peer as matchers take it: a name (`ns/name[Kind]`, `ns/name` when that names one workload, an
 * IP address, CIDR or range, `{ingress-controller}`), a workload construct (`SecureApp`, anything
 * implementing `IWorkloadRef`), or a peer of a connection.
 */
export type PeerSpec = string | IWorkloadRef | ConnectionPeer;

/** One connection of a `toOnlyAllow` list, given as values. */
export interface ConnectionSpec {
  readonly from: PeerSpec;
  readonly to: PeerSpec;
  /**
   * The ports: one port (`Port.tcp(8080)`, `8080`, `'UDP 53'`), several, or a connection string as
   * netpol-analyzer prints it (`'TCP 80,443,UDP 53'`, `'All Connections'`).
   */
  readonly ports: PortSpec | readonly PortSpec[];
}

/** An entry of a `toOnlyAllow` list: a line `SRC => DST : CONN`, a ConnectionSpec, or a connection of another analysis. */
export type ExpectedConnection = string | ConnectionSpec | AllowedConnection;

export interface MatcherVerdict {
  readonly pass: boolean;
  readonly message: string;
}

/** Turns a chart, an app, a list of plain objects, manifest text or an analysis into an analysis. */
export function analysisOf(subject: unknown): NetworkAnalysis {
  if (subject instanceof NetworkAnalysis) {
    return subject;
  }
  if (Chart.isChart(subject)) {
    return Cdk8sReachability.fromChart(subject);
  }
  if (subject instanceof App) {
    return Cdk8sReachability.fromApp(subject);
  }
  if (Array.isArray(subject)) {
    return NetworkAnalysis.fromManifests(subject);
  }
  if (typeof subject === 'string') {
    return NetworkAnalysis.fromYaml(subject); // read as kubectl reads it, by the one manifest reader
  }
  throw new Error(`expected a cdk8s Chart or App, an array of Kubernetes objects, YAML or JSON manifests as a string, or a NetworkAnalysis, got ${describeValue(subject)}`);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'object') {
    return `an object of class ${(value as object).constructor?.name ?? 'Object'}`;
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}

export { parsePortSpec };

/** `expect(subject).toAllowConnection(from, to, port?)`: is that connection (or, without a port, any connection) allowed? */
export function allowConnection(subject: unknown, from: PeerSpec, to: PeerSpec, port?: PortSpec): MatcherVerdict {
  const analysis = analysisOf(subject);
  const source = analysis.peer(from);
  const destination = analysis.peer(to);
  const wanted = port === undefined ? undefined : portsAsked(analysis, destination, port);
  const between = analysis.connectionBetween(source, destination);
  const allowed = between?._ports ?? PortSet.NONE;
  const missing = wanted?.minus(allowed);
  const pass = missing ? missing.isEmpty : !allowed.isEmpty;
  const what = port === undefined ? 'on any port' : `on ${portText(port, wanted!)}`;
  // Names as the user wrote them; constructs by their workload names.
  const [fromText, toText] = [from, to].map((p, i) => printable(typeof p === 'string' ? p : [source, destination][i].name));
  const lines = [
    pass
      ? `expected ${fromText} NOT to be allowed to reach ${toText} ${what}, but it is.`
      : `expected ${fromText} to be allowed to reach ${toText} ${what}, but it is not.`,
    `Allowed from ${fromText} to ${toText}: ${between ? between.description : 'nothing'}`,
  ];
  // The port to explain: the one asked; of several, the first not allowed (or the first); else an example.
  const one = wanted && wanted.equals(onePort(wanted.first()!)) ? wanted.first() : undefined;
  const example = one ?? (wanted ? (missing!.first() ?? wanted.first()) : examplePort(analysis, source, destination, between));
  // A representative peer's connection comes from the rules that name it, not from an explanation.
  if (example && !source.isRepresentative && !destination.isRepresentative) {
    const why = one ? '' : wanted ? ` (on ${example.protocol} ${example.port}, ${pass ? 'the first of them' : 'the first not allowed'})`
      : ` (on ${example.protocol} ${example.port}, as an example)`;
    lines.push('', `Why${why}:`, analysis.explain(source, destination, example.port, example.protocol).text.trimEnd());
  }
  return { pass, message: lines.join('\n') };
}

/** The ports asked about: a number or text (`'UDP 53'`) read as one port, or a Port (a name resolves on the destination's pods). */
function portsAsked(analysis: NetworkAnalysis, destination: ConnectionPeer, port: PortSpec): PortSet {
  if (port instanceof Port) {
    return analysis._portsAsked(destination, port);
  }
  return onePort(parsePortSpec(port));
}

function onePort(p: ProtocolPort): PortSet {
  return PortSet.port(p.protocol, p.port);
}

/** `TCP 8080`, `TCP 8000-8010`, `TCP http (8080)`: the port as the caller gave it. */
function portText(port: PortSpec, ports: PortSet): string {
  if (port instanceof Port) {
    return port.name === undefined ? String(port) : `${port} (${ports.describe()})`;
  }
  return ports.describe();
}

/**
 * A port worth explaining when the caller gave none: an allowed one when there is one, else one the
 * destination accepts from someone, else one the source may use to anyone.
 */
function examplePort(analysis: NetworkAnalysis, source: ConnectionPeer, destination: ConnectionPeer,
  allowed?: AllowedConnection): ProtocolPort | undefined {
  const candidates = [
    allowed,
    ...analysis.connections.filter(c => c.destination.sameAs(destination)),
    ...analysis.connections.filter(c => c.source.sameAs(source)),
  ];
  for (const c of candidates) {
    const first = c?._ports.first();
    if (first) {
      return first;
    }
  }
  return { port: 80, protocol: Protocol.TCP };
}

/** Options of `toOnlyAllow`. */
export interface OnlyAllowOptions {
  /**
   * Whether exposure counts: what workloads may reach, or be reached by, among pods the subject does not
   * show (`W => entire-cluster : TCP 53`, `[namespace with {purpose=frontend}]/[all pods] => W : TCP 8080`).
   * @default true
   */
  readonly exposure?: boolean;
}

/**
 * `expect(subject).toOnlyAllow(entries)`: the whole set of allowed connections is exactly these,
 * exposure to pods the subject does not show included (representative peers such as `entire-cluster`
 * or `[namespace with {...}]/[all pods]`; `{ exposure: false }` leaves it out).
 * Entries are `SRC => DST : CONN` lines (netpol-analyzer's text form; peers may be written `ns/name`
 * when that names one workload), `{ from, to, ports }` with workload constructs or names, or
 * connections. Outside addresses may be cut into ranges differently than the engine cuts them.
 */
export function onlyAllow(subject: unknown, expected: readonly ExpectedConnection[], options: OnlyAllowOptions = {}): MatcherVerdict {
  const analysis = analysisOf(subject);
  const wanted = expected.map(entry => expectedConnection(entry, analysis));
  const actual = options.exposure === false ? analysis.connections : [...analysis.connections, ...analysis.exposure];
  const diff = diffConnections(wanted, actual);
  const pass = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (pass) {
    return { pass, message: `expected the allowed connections NOT to be exactly the ${expected.length} listed, but they are.` };
  }
  const lines = [`expected exactly the ${expected.length} listed connection(s) to be allowed, but:`];
  const why = (c: ConnectionChange, ports: PortSet) => {
    const first = ports.first();
    if (!first) {
      return [];
    }
    const unknown = [c.source, c.destination].find(p => p.isWorkload && !analysis.workloads.some(w => w.sameAs(p)));
    if (unknown) {
      return [`    why: ${printable(unknown.name)} is not a workload of the subject`];
    }
    if (c.source.isRepresentative || c.destination.isRepresentative) {
      return ['    why: exposure to pods the subject does not show, from the rules that name them'];
    }
    const text = analysis.explain(c.source, c.destination, first.port, first.protocol).text.trimEnd();
    return [`    why (${first.protocol} ${first.port}):`, ...text.split('\n').map(l => `      ${l}`)];
  };
  const pair = (c: ConnectionChange) => `${printable(c.source.name)} => ${printable(c.destination.name)}`;
  if (diff.added.length > 0) {
    lines.push('', 'Allowed but not listed:');
    diff.added.forEach(c => lines.push(`  + ${pair(c)} : ${c.after.describe()}`, ...why(c, c.after)));
  }
  if (diff.removed.length > 0) {
    lines.push('', 'Listed but not allowed:');
    diff.removed.forEach(c => lines.push(`  - ${pair(c)} : ${c.before.describe()}`, ...why(c, c.before)));
  }
  if (diff.changed.length > 0) {
    lines.push('', 'Allowed on other ports than listed:');
    for (const c of diff.changed) {
      lines.push(`  ~ ${pair(c)} : listed ${c.before.describe()}, allowed ${c.after.describe()}`);
      if (!c.opened.isEmpty) {
        lines.push(`    allowed but not listed: ${c.opened.describe()}`, ...why(c, c.opened));
      }
      if (!c.closed.isEmpty) {
        lines.push(`    listed but not allowed: ${c.closed.describe()}`, ...why(c, c.closed));
      }
    }
  }
  lines.push('', 'Allowed connections:', ...analysis.connections.map(c => `  ${c}`));
  if (options.exposure !== false && analysis.exposure.length > 0) {
    lines.push('', 'Exposure (pods the subject does not show):', ...analysis.exposure.map(c => `  ${c}`));
  }
  return { pass, message: lines.join('\n') };
}

/** One entry of a `toOnlyAllow` list as a connection whose peers are the analysis's where it knows them. */
function expectedConnection(entry: ExpectedConnection, analysis: NetworkAnalysis): AllowedConnection {
  if (entry instanceof AllowedConnection) {
    return entry;
  }
  if (typeof entry === 'string') {
    // Peers may hold spaces and colons (`[namespace with {a=b}]/[all pods]`); CONN holds neither ' : ' nor '=>'.
    const m = /^\s*(.+?)\s*=>\s*(.+)\s+:\s+(.+?)\s*$/.exec(entry) ?? /^\s*(\S+)\s*=>\s*(\S+)\s*:\s*(.+?)\s*$/.exec(entry);
    if (!m) {
      throw new Error(`invalid connection '${entry}': expected 'SRC => DST : CONN', e.g. 'shop/web[Deployment] => shop/api[Deployment] : TCP 8080'`);
    }
    let ports: PortSet;
    try {
      ports = PortSet.parse(m[3]);
    } catch (e) {
      throw new Error(`invalid connection '${entry}': ${(e as Error).message}`);
    }
    return AllowedConnection._of(listedPeer(m[1], analysis), listedPeer(m[2], analysis), ports);
  }
  if (entry === null || typeof entry !== 'object' || !('from' in entry) || !('to' in entry) || !('ports' in entry)) {
    throw new Error(`invalid connection ${describeValue(entry)}: expected 'SRC => DST : CONN', { from, to, ports } or an AllowedConnection`);
  }
  const destination = listedPeer(entry.to, analysis);
  return AllowedConnection._of(listedPeer(entry.from, analysis), destination, portsOf(entry.ports, destination, analysis));
}

/**
 * A listed peer: the analysis's own when it knows it (which completes `ns/name`), else the peer as
 * written (a workload `ns/name[Kind]` that is not in the subject is a connection listed but not allowed).
 */
function listedPeer(spec: PeerSpec, analysis: NetworkAnalysis): ConnectionPeer {
  try {
    return analysis.peer(spec);
  } catch (unknown) {
    if (spec instanceof ConnectionPeer) {
      return spec;
    }
    if (typeof spec !== 'string') {
      if (typeof spec?.workloadIdentity !== 'object') throw unknown;
      return ConnectionPeer.fromWorkload(spec.workloadIdentity);
    }
    try {
      return ConnectionPeer.parse(spec);
    } catch {
      throw unknown;
    }
  }
}

/** The ports of a ConnectionSpec: port specs, Ports, or one connection string. */
function portsOf(spec: PortSpec | readonly PortSpec[], destination: ConnectionPeer, analysis: NetworkAnalysis): PortSet {
  const specs: readonly PortSpec[] = Array.isArray(spec) ? spec : [spec as PortSpec];
  return specs.reduce<PortSet>((set, s) => set.union(portSetOf(s, destination, analysis)), PortSet.NONE);
}

function portSetOf(spec: PortSpec, destination: ConnectionPeer, analysis: NetworkAnalysis): PortSet {
  if (spec instanceof Port) {
    const numbered = spec._portSet();
    if (numbered && !spec._problem()) {
      return numbered;
    }
    return analysis._portsAsked(destination, spec); // a name, on the destination's pods; or the Port's problem
  }
  try {
    return onePort(parsePortSpec(spec));
  } catch (notOnePort) {
    if (typeof spec !== 'string') {
      throw notOnePort;
    }
    try {
      return PortSet.parse(spec);
    } catch {
      throw new Error(`invalid ports '${spec}': expected one port (8080, 'UDP 53', '53/udp'), a Port, or a connection string ('TCP 80,443,UDP 53', 'All Connections')`);
    }
  }
}
