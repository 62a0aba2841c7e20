/**
 * The network diagram as a graph model (namespaces as groups, workloads, platform peers, named
 * outside blocks, representative exposure peers, entry hosts; one edge per connection group) and its Graphviz DOT text. Pure: the
 * layout into SVG happens in layout.ts.
 */
import { EntryPoint } from './entry-points';
import { AllowedConnection } from '../analysis/connection';
import { ConnectionPeer, PeerKind } from '../analysis/peer';
import { describeBlock, nameAddressBlock } from '../kube/address-blocks';
import { printable } from '../kube/escape';
import { IpRange } from '../kube/ip';
import { PortSet } from '../kube/ports';

export type NodeRole = 'workload' | 'platform' | 'ingress' | 'external' | 'host' | 'namespace' | 'exposure';
export type EdgeChange = 'added' | 'removed' | 'changed' | undefined;

export interface DiagramNode {
  /** Stable id, also the SVG element id (`node-...`). */
  readonly id: string;
  readonly label: string;
  readonly role: NodeRole;
  /** The namespace group it is drawn in, if any. */
  readonly group?: string;
  /** The analysis names this node stands for (for links from the report). */
  readonly peers: readonly string[];
  /** Extra detail (the CIDRs of a named block). */
  readonly title?: string;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly change?: EdgeChange;
  /** An exposure edge: to or from a representative peer (pods the input does not show). */
  readonly exposure?: boolean;
}

export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** True when workloads were grouped into one node per namespace (large inputs). */
  readonly grouped: boolean;
}

/** One connection of the diagram's input, with what changed about it when a base was given. */
export interface DiagramConnection {
  readonly source: ConnectionPeer;
  readonly destination: ConnectionPeer;
  readonly ports: PortSet;
  readonly change?: EdgeChange;
  /** For a changed connection: what was allowed before. */
  readonly before?: PortSet;
}

export function fromConnections(connections: readonly AllowedConnection[]): DiagramConnection[] {
  return connections.map(c => ({ source: c.source, destination: c.destination, ports: c._ports }));
}

/** Above this many workloads, each namespace is drawn as one node. */
export const GROUP_ABOVE_WORKLOADS = 80;

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

export function nodeIdOf(peerName: string): string {
  return `node-${slug(peerName)}`;
}

const INGRESS_LABEL = 'ingress controller';

export function buildDiagram(connections: readonly DiagramConnection[], workloads: readonly ConnectionPeer[],
  entryPoints: readonly EntryPoint[], groupAbove = GROUP_ABOVE_WORKLOADS): Diagram {
  const ownWorkloads = workloads.filter(w => w.kind === PeerKind.WORKLOAD);
  const grouped = ownWorkloads.length > groupAbove;
  const nodes = new Map<string, DiagramNode>();
  const nodeOfPeer = (peer: ConnectionPeer): string => {
    if (peer.kind === PeerKind.INGRESS_CONTROLLER) {
      return add({ id: nodeIdOf(peer.name), label: INGRESS_LABEL, role: 'ingress', peers: [peer.name] });
    }
    if (peer.kind === PeerKind.GATEWAY) {
      return add({ id: nodeIdOf(peer.name), label: peer.name, role: 'ingress', peers: [peer.name], title: 'the data plane of a Gateway the input does not describe' });
    }
    if (peer.kind === PeerKind.REPRESENTATIVE && grouped) {
      return add({ id: 'node-rep-outside-input', label: 'pods outside the input', role: 'exposure', peers: [], title: 'pods the input does not show that the policies admit (exposure)' }, peer.name);
    }
    if (peer.kind === PeerKind.REPRESENTATIVE) {
      return add({ id: `node-rep-${slug(peer.name)}`, label: peer.name, role: 'exposure', peers: [peer.name], title: 'pods the input does not show that the policies admit (exposure)' });
    }
    const w = peer.workload!;
    if (grouped && peer.kind === PeerKind.WORKLOAD) {
      const count = ownWorkloads.filter(o => o.workload!.namespace === w.namespace).length;
      return add({ id: `node-ns-${slug(w.namespace)}`, label: `${w.namespace}\n${count} workload${count === 1 ? '' : 's'}`, role: 'namespace', peers: [] }, peer.name);
    }
    return add({
      id: nodeIdOf(peer.name),
      label: `${w.name}\n${w.kind}`,
      role: peer.kind === PeerKind.PLATFORM_WORKLOAD ? 'platform' : 'workload',
      group: w.namespace,
      peers: [peer.name],
    });
  };
  function add(node: DiagramNode, peer?: string): string {
    const existing = nodes.get(node.id) ?? node;
    nodes.set(node.id, peer && !existing.peers.includes(peer) ? { ...existing, peers: [...existing.peers, peer] } : existing);
    return node.id;
  }
  for (const w of ownWorkloads) nodeOfPeer(w); // every workload is drawn, connected or not

  // Edges between known peers: one per pair; outside addresses: one named block per workload,
  // direction, ports and change, so "the internet" is one node however many ranges make it up.
  const edges = new Map<string, DiagramEdge>();
  type OutsideGroup = { inner: ConnectionPeer; outward: boolean; ports: PortSet; change: EdgeChange; ranges: IpRange[]; label: string };
  const outside = new Map<string, OutsideGroup>();
  for (const c of connections) {
    const srcRange = c.source._range;
    const dstRange = c.destination._range;
    if (srcRange || dstRange) {
      const outward = dstRange !== undefined;
      const inner = outward ? c.source : c.destination;
      const label = edgeLabel(c);
      const key = `${inner.name}\u0000${outward}\u0000${label}\u0000${c.change ?? ''}`;
      const group = outside.get(key) ?? { inner, outward, ports: c.ports, change: c.change, ranges: [], label };
      group.ranges.push((outward ? dstRange : srcRange)!);
      outside.set(key, group);
      continue;
    }
    const from = nodeOfPeer(c.source);
    const to = nodeOfPeer(c.destination);
    const exposure = c.source.kind === PeerKind.REPRESENTATIVE || c.destination.kind === PeerKind.REPRESENTATIVE;
    addEdge(edges, exposure ? { from, to, label: edgeLabel(c), change: c.change, exposure } : { from, to, label: edgeLabel(c), change: c.change });
  }
  for (const g of outside.values()) {
    const block = nameAddressBlock(g.ranges);
    // Large inputs: blocks only their CIDRs name are one node, so the layout stays small.
    const unnamed = grouped && block.cidrs.length > 0 && block.name.startsWith(block.cidrs[0]);
    const id = unnamed ? 'node-ext-other' : `node-ext-${slug(block.name)}`;
    add(unnamed
      ? { id, label: 'other outside addresses', role: 'external', peers: [], title: 'address blocks the connection list names' }
      : { id, label: block.name, role: 'external', peers: [], title: describeBlock(block) });
    const inner = nodeOfPeer(g.inner);
    addEdge(edges, g.outward ? { from: inner, to: id, label: g.label, change: g.change } : { from: id, to: inner, label: g.label, change: g.change });
  }
  // Entry points: the host, into the ingress controller (Ingress) or the platform workloads that reach
  // its backends (ingress controller, Gateway data plane) when the analysis has them, else its backends.
  const reachesBackends = (n: DiagramNode, e: EntryPoint) => (n.role === 'platform' || n.role === 'ingress')
    && connections.some(c => (c.source.kind === PeerKind.PLATFORM_WORKLOAD || c.source.kind === PeerKind.GATEWAY)
      && nodeIdOf(c.source.name) === n.id && e.workloads.includes(c.destination.name));
  const nodeList = [...nodes.values()];
  for (const e of entryPoints) {
    const id = `node-host-${slug(e.host)}`;
    add({ id, label: `${e.tls ? 'https' : 'http'}://${e.host}`, role: 'host', peers: [], title: e.via });
    const fronts = nodeList.filter(n => (n.role === 'ingress' && e.via.startsWith('Ingress ')) || reachesBackends(n, e));
    const targets = fronts.length ? fronts.map(n => n.id) : e.workloads.map(w => nodeOfPeer(ConnectionPeer.parse(w)));
    for (const t of targets) addEdge(edges, { from: id, to: t, label: e.tls ? 'HTTPS' : 'HTTP' });
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.label.localeCompare(b.label)),
    grouped,
  };
}

function edgeLabel(c: DiagramConnection): string {
  if (c.change === 'changed' && c.before) return `${c.before.describe()} → ${c.ports.describe()}`;
  return c.ports.describe();
}

/** Grouped nodes merge edges: one per node pair and change, labels joined. */
function addEdge(edges: Map<string, DiagramEdge>, edge: DiagramEdge): void {
  const key = `${edge.from}\u0000${edge.to}\u0000${edge.change ?? ''}`;
  const existing = edges.get(key);
  if (!existing) {
    edges.set(key, edge);
    return;
  }
  if (!existing.label.split(' | ').includes(edge.label)) {
    const labels = existing.label.endsWith(' more') ? existing.label : `${existing.label} | ${edge.label}`;
    edges.set(key, { ...existing, label: labels.split(' | ').length > 3 ? `${labels.split(' | ').slice(0, 3).join(' | ')} | more` : labels });
  }
}

const STYLE: Record<NodeRole, string> = {
  workload: 'shape=box, style="rounded,filled", fillcolor="#e8f0fe", color="#3b6fd8"',
  platform: 'shape=box, style="rounded,filled,dashed", fillcolor="#fff4e0", color="#c77700"',
  ingress: 'shape=hexagon, style=filled, fillcolor="#fff4e0", color="#c77700"',
  external: 'shape=ellipse, style=filled, fillcolor="#fde8e8", color="#c62828"',
  host: 'shape=note, style=filled, fillcolor="#e6f4ea", color="#2e7d32"',
  namespace: 'shape=folder, style=filled, fillcolor="#e8f0fe", color="#3b6fd8"',
  exposure: 'shape=box, style="rounded,filled,dashed", fillcolor="#f3e5f5", color="#7b1fa2"',
};

const CHANGE_STYLE: Record<string, string> = {
  added: 'color="#2e7d32", fontcolor="#2e7d32", penwidth=2.5',
  removed: 'color="#c62828", fontcolor="#c62828", style=dashed, penwidth=2',
  changed: 'color="#c77700", fontcolor="#c77700", penwidth=2',
};

/**
 * A DOT string literal whose line breaks are Graphviz's `\n` (node labels are two lines): each
 * line printable (control characters escaped), backslashes and quotes escaped.
 */
export function dotString(text: string): string {
  return `"${text.split('\n').map(line => printable(line).replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;
}

export function toDot(diagram: Diagram): string {
  const lines = [
    'digraph network {',
    '  rankdir=LR; nodesep=0.35; ranksep=0.9; fontname="Helvetica,Arial,sans-serif";',
    '  node [fontname="Helvetica,Arial,sans-serif", fontsize=11];',
    '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=9, color="#555555", arrowsize=0.7];',
  ];
  // Large inputs: Graphviz's crossing minimisation and spline routing grow steeply with the edges
  // between namespace nodes (minutes at 500 workloads); bounded, with straight edges, it takes seconds.
  if (diagram.grouped) lines.push('  splines=line; mclimit=0.1; nslimit=0.2; nslimit1=0.2;');
  const groups = new Map<string, DiagramNode[]>();
  const loose: DiagramNode[] = [];
  for (const n of diagram.nodes) {
    if (n.group !== undefined) groups.set(n.group, [...(groups.get(n.group) ?? []), n]);
    else loose.push(n);
  }
  const nodeLine = (n: DiagramNode) =>
    `${dotString(n.id)} [id=${dotString(n.id)}, label=${dotString(n.label)}, tooltip=${dotString(n.title ?? (n.peers.join(', ') || n.label))}, ${STYLE[n.role]}];`;
  let i = 0;
  for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  subgraph "cluster_${i++}" {`, `    id=${dotString(`ns-${slug(group)}`)}; label=${dotString(`namespace ${group}`)}; style="rounded"; color="#9e9e9e"; fontsize=12;`);
    for (const n of members) lines.push(`    ${nodeLine(n)}`);
    lines.push('  }');
  }
  for (const n of loose) lines.push(`  ${nodeLine(n)}`);
  diagram.edges.forEach((e, k) => {
    const style = e.change ? `, ${CHANGE_STYLE[e.change]}` : e.exposure ? ', style=dashed, color="#7b1fa2", fontcolor="#7b1fa2"' : '';
    const prefix = e.change === 'added' ? '+ ' : e.change === 'removed' ? '− ' : '';
    // Large inputs: the ports go in the edge's tooltip; a label per edge is a node to place for Graphviz.
    const text = `${diagram.grouped ? 'tooltip' : 'label'}=${dotString(prefix + e.label)}`;
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [id=${dotString(`edge-${k}`)}, ${text}${style}];`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
