/**
 * The logic of the jest matchers (`toAllowConnection`, `toOnlyAllow`), as pure functions from a
 * subject to a verdict and a message, so it is testable without registering anything.
 */
import { App, Chart } from 'cdk8s';
import { NetworkAnalysis } from '../analysis';
import { Cdk8sReachability } from '../cdk8s';
import { ConnectionLine, diffConnections } from '../diff';
import { parseIpRange } from '../kube/ip';
import { parsePortSpec, PortSet, ProtocolPort } from '../kube/ports';

/** A port as matchers take it: `8080` (TCP), `'8080'`, `'TCP 8080'`, `'8080/TCP'`, `'UDP 53'`, `'53/udp'`. */
export type PortSpec = number | string;

export interface MatcherVerdict {
  readonly pass: boolean;
  readonly message: string;
}

/** Turns a chart, an app, a list of plain objects or an analysis into an analysis. */
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
  throw new Error(`expected a cdk8s Chart or App, an array of Kubernetes objects or a NetworkAnalysis, got ${describeValue(subject)}`);
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
export function allowConnection(subject: unknown, from: string, to: string, port?: PortSpec): MatcherVerdict {
  const analysis = analysisOf(subject);
  const wanted = port === undefined ? undefined : parsePortSpec(port);
  const pass = wanted ? analysis.isAllowed(from, to, wanted.port, wanted.protocol) : analysis.isAllowed(from, to);
  const between = analysis.connectionBetween(from, to);
  const what = wanted ? `on ${wanted.protocol} ${wanted.port}` : 'on any port';
  const lines = [
    pass
      ? `expected ${from} NOT to be allowed to reach ${to} ${what}, but it is.`
      : `expected ${from} to be allowed to reach ${to} ${what}, but it is not.`,
    `Allowed from ${from} to ${to}: ${between ? between.description : 'nothing'}`,
  ];
  const example = wanted ?? examplePort(analysis, from, to, between?.description);
  if (example) {
    lines.push('', `Why${wanted ? '' : ` (on ${example.protocol} ${example.port}, as an example)`}:`, analysis.explain(from, to, example.port, example.protocol).text.trimEnd());
  }
  return { pass, message: lines.join('\n') };
}

/**
 * A port worth explaining when the caller gave none: an allowed one when there is one, else one the
 * destination accepts from someone, else one the source may use to anyone.
 */
function examplePort(analysis: NetworkAnalysis, from: string, to: string, allowed?: string): ProtocolPort | undefined {
  const source = peerName(from, analysis);
  const destination = peerName(to, analysis);
  const candidates = [
    allowed,
    ...analysis.connections.filter(c => c.destination === destination).map(c => c.description),
    ...analysis.connections.filter(c => c.source === source).map(c => c.description),
    'TCP 80',
  ];
  for (const description of candidates) {
    const first = description === undefined ? undefined : PortSet.parse(description).first();
    if (first) {
      return first;
    }
  }
  return undefined;
}

/**
 * `expect(subject).toOnlyAllow(lines)`: the whole set of allowed connections is exactly these
 * `SRC => DST : CONN` lines (netpol-analyzer's text form). Peers may be written `ns/name` when
 * that names one workload; outside addresses may be cut into ranges differently.
 */
export function onlyAllow(subject: unknown, expected: readonly string[]): MatcherVerdict {
  const analysis = analysisOf(subject);
  const wanted = expected.map(line => parseLine(line, analysis));
  const diff = diffConnections(wanted, analysis.connections);
  const pass = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (pass) {
    return { pass, message: `expected the allowed connections NOT to be exactly the ${expected.length} listed, but they are.` };
  }
  const lines = [`expected exactly the ${expected.length} listed connection(s) to be allowed, but:`];
  const why = (source: string, destination: string, ports: string) => {
    const first = PortSet.parse(ports).first();
    if (!first) {
      return [];
    }
    const text = analysis.explain(source, destination, first.port, first.protocol).text.trimEnd();
    return [`    why (${first.protocol} ${first.port}):`, ...text.split('\n').map(l => `      ${l}`)];
  };
  if (diff.added.length > 0) {
    lines.push('', 'Allowed but not listed:');
    diff.added.forEach(c => lines.push(`  + ${c.source} => ${c.destination} : ${c.after}`, ...why(c.source, c.destination, c.after)));
  }
  if (diff.removed.length > 0) {
    lines.push('', 'Listed but not allowed:');
    diff.removed.forEach(c => lines.push(`  - ${c.source} => ${c.destination} : ${c.before}`, ...why(c.source, c.destination, c.before)));
  }
  if (diff.changed.length > 0) {
    lines.push('', 'Allowed on other ports than listed:');
    for (const c of diff.changed) {
      lines.push(`  ~ ${c.source} => ${c.destination} : listed ${c.before}, allowed ${c.after}`);
      if (c.opened !== 'No Connections') {
        lines.push(`    allowed but not listed: ${c.opened}`, ...why(c.source, c.destination, c.opened));
      }
      if (c.closed !== 'No Connections') {
        lines.push(`    listed but not allowed: ${c.closed}`, ...why(c.source, c.destination, c.closed));
      }
    }
  }
  lines.push('', 'Allowed connections:', ...analysis.connections.map(c => `  ${c.source} => ${c.destination} : ${c.description}`));
  return { pass, message: lines.join('\n') };
}

function parseLine(line: string, analysis: NetworkAnalysis): ConnectionLine {
  const m = /^\s*(\S+)\s*=>\s*(\S+)\s*:\s*(.+?)\s*$/.exec(line);
  if (!m) {
    throw new Error(`invalid connection '${line}': expected 'SRC => DST : CONN', e.g. 'shop/web[Deployment] => shop/api[Deployment] : TCP 8080'`);
  }
  try {
    PortSet.parse(m[3]);
  } catch (e) {
    throw new Error(`invalid connection '${line}': ${(e as Error).message}`);
  }
  return { source: peerName(m[1], analysis), destination: peerName(m[2], analysis), description: m[3] };
}

/** Completes `ns/name` to the one workload `ns/name[Kind]`; other names are taken as written. */
function peerName(name: string, analysis: NetworkAnalysis): string {
  if (name.endsWith(']') || name.startsWith('{') || parseIpRange(name) || analysis.workloads.includes(name)) {
    return name;
  }
  const matches = analysis.workloads.filter(w => w.startsWith(`${name}[`));
  if (matches.length === 1) {
    return matches[0];
  }
  if (matches.length > 1) {
    throw new Error(`'${name}' names several workloads (${matches.join(', ')}): write the kind too`);
  }
  return name;
}
