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
const POD_STRINGS = NAMESPACES.flatMap(ns => PODS.map(p => `${ns}/${p}`));
// x/a 10.1.1.1, x/b 10.1.1.2, ..., z/c 10.1.3.3
const ip = (pod) => `10.1.${NAMESPACES.indexOf(pod[0]) + 1}.${PODS.indexOf(pod[2]) + 1}`;

// --- manifests -------------------------------------------------------------------------------
function namespaceDocs(extraLabels = {}) {
  return NAMESPACES.map(ns => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels: { 'ns': ns, 'kubernetes.io/metadata.name': ns, ...(extraLabels[ns] ?? {}) } },
  }));
}

function podDocs(extraLabels = {}) {
  return POD_STRINGS.map(p => {
    const [ns, name] = p.split('/');
    const containers = [];
    for (const port of [80, 81]) {
      for (const proto of ['TCP', 'UDP', 'SCTP']) {
        containers.push({
          name: `cont-${port}-${proto.toLowerCase()}`,
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.47',
          ports: [{ containerPort: port, name: `serve-${port}-${proto.toLowerCase()}`, protocol: proto }],
        });
      }
    }
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: ns, labels: { pod: name, ...(extraLabels[p] ?? {}) } },
      spec: { containers },
      status: { phase: 'Running', podIP: ip(p), podIPs: [{ ip: ip(p) }] },
    };
  });
}

function policyDoc(ns, name, spec) {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

// --- expectation tables ----------------------------------------------------------------------
// A peer pattern: {} = any pod, { ns } = the pods of a namespace, 'x/a' = one pod.
function matches(pattern, pod) {
  if (typeof pattern === 'string') return pattern === pod;
  if (pattern.ns && pattern.ns !== pod[0]) return false;
  if (pattern.pod && pattern.pod !== pod[2]) return false;
  return true;
}

function ipToNum(s) { return s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0); }
function numToIp(n) { return [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join('.'); }
function cidrRange(cidr) {
  if (cidr.includes('-')) { const [a, b] = cidr.split('-'); return [ipToNum(a), ipToNum(b)]; }
  const [addr, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits ?? 32));
  const lo = Math.floor(ipToNum(addr) / size) * size;
  return [lo, lo + size - 1];
}

// segments: [[cidr or 'a.b.c.d-e.f.g.h', conn], ...], later ones win; the default is ALL
function addressLines(segments) {
  const all = [['0.0.0.0/0', ALL], ...segments].map(([c, conn]) => [...cidrRange(c), conn]);
  const cuts = [...new Set(all.flatMap(([lo, hi]) => [lo, hi + 1]))].sort((a, b) => a - b).filter(x => x <= 0xffffffff);
  const out = [];
  for (let i = 0; i < cuts.length; i++) {
    const lo = cuts[i];
    const hi = (i + 1 < cuts.length ? cuts[i + 1] : 0x100000000) - 1;
    let conn = ALL;
    for (const [a, b, c] of all) if (a <= lo && hi <= b) conn = c;
    const last = out[out.length - 1];
    if (last && last[2] === conn && last[1] + 1 === lo) last[1] = hi;
    else out.push([lo, hi, conn]);
  }
  return out.filter(([, , c]) => c !== NONE).map(([lo, hi, c]) => [`${numToIp(lo)}-${numToIp(hi)}`, c]);
}

function expectedText(kase) {
  const lines = [];
  const name = (p) => `${p}[Pod]`;
  for (const src of POD_STRINGS) {
    for (const dst of POD_STRINGS) {
      if (src === dst) continue; // netpol-analyzer does not list a pod's connections to itself
      let conn = ALL;
      for (const [from, to, c] of kase.pairs ?? []) if (matches(from, src) && matches(to, dst)) conn = c;
      if (conn !== NONE) lines.push(`${name(src)} => ${name(dst)} : ${conn}`);
    }
  }
  for (const pod of POD_STRINGS) {
    const inSegs = (kase.fromOutside ?? []).filter(([p]) => matches(p, pod)).flatMap(([, segs]) => segs);
    for (const [range, c] of addressLines(inSegs)) lines.push(`${range}[External] => ${name(pod)} : ${c}`);
    const outSegs = (kase.toOutside ?? []).filter(([p]) => matches(p, pod)).flatMap(([, segs]) => segs);
    for (const [range, c] of addressLines(outSegs)) lines.push(`${name(pod)} => ${range}[External] : ${c}`);
  }
  return lines.sort().join('\n') + '\n';
}

// --- the cases ---------------------------------------------------------------------------------
const NOWHERE = [['0.0.0.0/0', NONE]];
const only = (conn) => [['0.0.0.0/0', conn]];
const sel = (labels) => ({ matchLabels: labels });
const nsName = (n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } });
const expr = (key, operator, values) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
const tcp = (port, extra = {}) => ({ protocol: 'TCP', port, ...extra });
const DNS = { protocol: 'UDP', port: 53 };
import { CASES } from './cases.mjs';

const owned = new Set();
for (const kase of CASES({ ALL, NONE, NOWHERE, only, sel, nsName, expr, tcp, DNS, ip, policyDoc })) {
  const dir = join(here, kase.pending ? 'pending' : 'cases', kase.name);
  for (const other of ['cases', 'pending']) {
    const d = join(here, other, kase.name);
    if (d !== dir && existsSync(d)) rmSync(d, { recursive: true });
  }
  owned.add(kase.name);
  mkdirSync(dir, { recursive: true });
  const dump = (docs) => docs.map(d => YAML.stringify(d)).join('---\n');
  writeFileSync(join(dir, 'namespaces.yaml'), dump(namespaceDocs(kase.namespaceLabels)));
  writeFileSync(join(dir, 'pods.yaml'), dump(podDocs(kase.podLabels)));
  if (kase.policies.length > 0) writeFileSync(join(dir, 'policies.yaml'), dump(kase.policies));
  else rmSync(join(dir, 'policies.yaml'), { force: true });
  writeFileSync(join(dir, 'expected.txt'), expectedText(kase));
  writeFileSync(join(dir, 'README.md'), `# ${kase.name}\n\nUpstream: kubernetes/kubernetes test/e2e/network/netpol, ${kase.upstream}\n\n${kase.why.trim()}\n`);
}
console.log(`${owned.size} cases written`);
