#!/usr/bin/env node
// Writes test/upstream/cases/<name>/ from the case table below: the upstream Kubernetes NetworkPolicy
// e2e model (namespaces x, y, z; pods a, b, c serving 80 and 81 on TCP, UDP and SCTP), each case's
// policies (the final state after any update), and the expected connectivity in netpol-analyzer's
// text form.
//
// The expectations are NOT computed from the policies: like upstream's Reachability truth tables,
// each case starts from "everything allowed" and lists, in order, the overrides that the upstream
// test asserts, extended by hand from the probed port/protocol to every port and protocol and to
// addresses outside the cluster. Later overrides win. This script only turns those hand-written
// tables into text lines (and cuts the address space where the hand-written ranges say).
//
// usage: node test/upstream/generate.mjs   (rewrites every case directory it owns)
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const ALL = 'All Connections';
const NONE = '';
const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];
// x/a 10.1.1.1, x/b 10.1.1.2, ..., z/c 10.1.3.3
// (a case with more namespaces numbers them on: the 4th is 10.1.4.x, and so on)
const ip = (pod, namespaces = NAMESPACES) => {
  const [ns, name] = pod.split('/');
  return `10.1.${namespaces.indexOf(ns) + 1}.${PODS.indexOf(name) + 1}`;
};
// and, for dual-stack cases, fd00:1:0:0:0:0:1:1 ... fd00:1:0:0:0:0:3:3
const ip6 = (pod, namespaces = NAMESPACES) => {
  const [ns, name] = pod.split('/');
  return `fd00:1:0:0:0:0:${namespaces.indexOf(ns) + 1}:${PODS.indexOf(name) + 1}`;
};
// kase.namespaces: the model's namespaces (default x, y, z); kase.pods: its pods (default a, b, c in each)
const namespacesOf = (kase) => kase.namespaces ?? NAMESPACES;
const podsOf = (kase) => kase.pods ?? namespacesOf(kase).flatMap(ns => PODS.map(p => `${ns}/${p}`));

// --- manifests -------------------------------------------------------------------------------
// kase.namespaceLabels: extra labels; kase.withoutNameLabel: namespaces written without the
// kubernetes.io/metadata.name label (the API server adds it); kase.omitNamespaces: no Namespace object.
function namespaceDocs(kase) {
  const extraLabels = kase.namespaceLabels ?? {};
  return namespacesOf(kase).filter(ns => !(kase.omitNamespaces ?? []).includes(ns)).map(ns => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns,
      labels: {
        'ns': ns,
        ...((kase.withoutNameLabel ?? []).includes(ns) ? {} : { 'kubernetes.io/metadata.name': ns }),
        ...(extraLabels[ns] ?? {}),
      },
    },
  }));
}

// kase.model: { ports, protocols } of the upstream test (default: 80, 81 on TCP, UDP, SCTP);
// kase.containerPorts: { 'x/a': [{ name, containerPort, protocol }] } replaces a pod's containers.
function podDocs(kase) {
  const extraLabels = kase.podLabels ?? {};
  return podsOf(kase).map(p => {
    const [ns, name] = p.split('/');
    let containers = [];
    for (const port of kase.model?.ports ?? [80, 81]) {
      for (const proto of kase.model?.protocols ?? ['TCP', 'UDP', 'SCTP']) {
        containers.push({
          name: `cont-${port}-${proto.toLowerCase()}`,
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.47',
          ports: [{ containerPort: port, name: `serve-${port}-${proto.toLowerCase()}`, protocol: proto }],
        });
      }
    }
    if (kase.containerPorts?.[p]) {
      containers = [{ name: 'server', image: 'registry.k8s.io/e2e-test-images/agnhost:2.47', ports: kase.containerPorts[p] }];
    }
    const nss = namespacesOf(kase);
    const podIPs = kase.dualStack ? [{ ip: ip(p, nss) }, { ip: ip6(p, nss) }] : [{ ip: ip(p, nss) }];
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: kase.podLabelsReplace?.[p] ?? { pod: name, ...(extraLabels[p] ?? {}) } },
      spec: { containers },
      // status.podIP as the hidden corpus has it; podIPs too for dual-stack pods, podIPs alone with omitPodIP
      status: kase.ipv6Only ? { phase: 'Running', podIP: ip6(p, namespacesOf(kase)) }
        : kase.omitPodIP ? { phase: 'Running', podIPs }
        : kase.dualStack ? { phase: 'Running', podIP: ip(p, namespacesOf(kase)), podIPs }
          : { phase: 'Running', podIP: ip(p, namespacesOf(kase)) },
    };
  });
}

function serviceDocs(kase) {
  return podsOf(kase).map(p => {
    const [ns, name] = p.split('/');
    const ports = [];
    for (const port of kase.model?.ports ?? [80, 81]) {
      for (const proto of kase.model?.protocols ?? ['TCP', 'UDP', 'SCTP']) {
        ports.push({ name: `service-port-${proto.toLowerCase()}-${port}`, protocol: proto, port });
      }
    }
    return { apiVersion: 'v1', kind: 'Service', metadata: { name: `s-${ns}-${name}`, namespace: ns }, spec: { selector: { pod: name }, ports } };
  });
}

function policyDoc(ns, name, spec) {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

// --- expectation tables ----------------------------------------------------------------------
// A peer pattern: {} = any pod, { ns } = the pods of a namespace, { pod } = the pods with that name,
// { notNs } = the pods outside a namespace, { nsPrefix } = the pods of namespaces so named, 'x/a' = one pod.
function matches(pattern, pod) {
  const [ns, name] = pod.split('/');
  if (typeof pattern === 'string') return pattern === pod;
  if (pattern.ns && pattern.ns !== ns) return false;
  if (pattern.notNs && pattern.notNs === ns) return false;
  if (pattern.nsPrefix && !ns.startsWith(pattern.nsPrefix)) return false;
  if (pattern.pod && pattern.pod !== name) return false;
  return true;
}

function parseIp(s) {
  if (!s.includes(':')) return { fam: 4, v: s.split('.').reduce((acc, o) => acc * 256n + BigInt(o), 0n) };
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : null;
  const groups = t === null ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return { fam: 6, v: groups.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g || '0', 16)), 0n) };
}
function formatIp(v, fam) {
  if (fam === 4) return [24n, 16n, 8n, 0n].map(sh => ((v >> sh) & 255n).toString()).join('.');
  return [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map(sh => ((v >> sh) & 65535n).toString(16)).join(':');
}
// 'a.b.c.d/n', 'a.b.c.d' (a /32), 'lo-hi' -> { fam, lo, hi }
function cidrRange(cidr) {
  if (cidr.includes('-')) {
    const [a, b] = cidr.split('-').map(parseIp);
    return { fam: a.fam, lo: a.v, hi: b.v };
  }
  const [addr, bits] = cidr.split('/');
  const a = parseIp(addr);
  const width = a.fam === 4 ? 32n : 128n;
  const host = width - BigInt(bits ?? width);
  const lo = (a.v >> host) << host;
  return { fam: a.fam, lo, hi: lo + (1n << host) - 1n };
}

// segments: [[cidr or 'lo-hi', conn], ...] of one family, later ones win; the default is ALL over
// the family's whole space. Returns [['lo-hi', conn]] for the ranges with some connection.
function addressLines(segments, fam) {
  const whole = fam === 4 ? '0.0.0.0/0' : '::/0';
  const all = [[whole, ALL], ...segments].map(([c, conn]) => ({ ...cidrRange(c), conn })).filter(r => r.fam === fam);
  const end = fam === 4 ? 1n << 32n : 1n << 128n;
  const cuts = [...new Set(all.flatMap(r => [r.lo, r.hi + 1n]))].filter(x => x < end).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = [];
  for (let i = 0; i < cuts.length; i++) {
    const lo = cuts[i];
    const hi = (i + 1 < cuts.length ? cuts[i + 1] : end) - 1n;
    let conn = ALL;
    for (const r of all) if (r.lo <= lo && hi <= r.hi) conn = r.conn;
    const last = out[out.length - 1];
    if (last && last.conn === conn && last.hi + 1n === lo) last.hi = hi;
    else out.push({ lo, hi, conn });
  }
  return out.filter(r => r.conn !== NONE).map(r => [`${formatIp(r.lo, fam)}-${formatIp(r.hi, fam)}`, r.conn]);
}

function expectedText(kase) {
  const lines = [];
  const name = (p) => `${p}[Pod]`;
  const pods = podsOf(kase);
  for (const src of pods) {
    for (const dst of pods) {
      if (src === dst) continue; // netpol-analyzer does not list a pod's connections to itself
      let conn = ALL;
      for (const [from, to, c] of kase.pairs ?? []) if (matches(from, src) && matches(to, dst)) conn = c;
      if (conn !== NONE) lines.push(`${name(src)} => ${name(dst)} : ${conn}`);
    }
  }
  // IPv6 ranges are listed only when the input names IPv6 addresses (dual-stack and IPv6 cases)
  const families = kase.dualStack || kase.dualStackListing || kase.ipv6Only ? [4, 6] : [4];
  for (const pod of pods) {
    for (const fam of families) {
      const inSegs = (kase.fromOutside ?? []).filter(([p]) => matches(p, pod)).flatMap(([, segs]) => segs);
      for (const [range, c] of addressLines(inSegs, fam)) lines.push(`${range}[External] => ${name(pod)} : ${c}`);
      const outSegs = (kase.toOutside ?? []).filter(([p]) => matches(p, pod)).flatMap(([, segs]) => segs);
      for (const [range, c] of addressLines(outSegs, fam)) lines.push(`${name(pod)} => ${range}[External] : ${c}`);
    }
  }
  return lines.sort().join('\n') + '\n';
}

// --- the cases ---------------------------------------------------------------------------------
const NOWHERE = [['0.0.0.0/0', NONE], ['::/0', NONE]];
const only = (conn) => [['0.0.0.0/0', conn], ['::/0', conn]];
const sel = (labels) => ({ matchLabels: labels });
const nsName = (n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } });
const expr = (key, operator, values) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
const tcp = (port, extra = {}) => ({ protocol: 'TCP', port, ...extra });
const DNS = { protocol: 'UDP', port: 53 };
import { CASES } from './cases.mjs';

const owned = new Set();
for (const kase of CASES({ ALL, NONE, NOWHERE, only, sel, nsName, expr, tcp, DNS, ip, ip6, policyDoc })) {
  const dir = join(here, kase.pending ? 'pending' : 'cases', kase.name);
  for (const other of ['cases', 'pending']) {
    const d = join(here, other, kase.name);
    if (d !== dir && existsSync(d)) rmSync(d, { recursive: true });
  }
  owned.add(kase.name);
  mkdirSync(dir, { recursive: true });
  // YAML 1.1 output: kubectl reads manifests as YAML 1.1, where an unquoted y (namespace y) is the boolean true.
  // kase.asLists: write each file as one JSON List, as `kubectl get -o json` prints it
  const dump = kase.asLists
    ? (docs) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }, null, 2) + '\n'
    : (docs) => docs.map(d => YAML.stringify(d, { version: '1.1' })).join('---\n');
  writeFileSync(join(dir, `namespaces.${kase.asLists ? 'json' : 'yaml'}`), dump(namespaceDocs(kase)));
  writeFileSync(join(dir, `pods.${kase.asLists ? 'json' : 'yaml'}`), dump(podDocs(kase)));
  // upstream also creates one Service per pod (s-x-a, ...); they play no part in pod-to-pod policy
  if (kase.withServices) writeFileSync(join(dir, `services.${kase.asLists ? 'json' : 'yaml'}`), dump(serviceDocs(kase)));
  else rmSync(join(dir, `services.${kase.asLists ? 'json' : 'yaml'}`), { force: true });
  if (kase.policies.length > 0) writeFileSync(join(dir, `policies.${kase.asLists ? 'json' : 'yaml'}`), dump(kase.policies));
  else rmSync(join(dir, `policies.${kase.asLists ? 'json' : 'yaml'}`), { force: true });
  writeFileSync(join(dir, 'expected.txt'), expectedText(kase));
  writeFileSync(join(dir, 'README.md'), `# ${kase.name}\n\nUpstream: kubernetes/kubernetes test/e2e/network/netpol, ${kase.upstream}\n\n${kase.why.trim()}\n`);
}
console.log(`${owned.size} cases written`);
