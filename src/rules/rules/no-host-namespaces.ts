import { objectsOf } from '../../kube/objects';
import { containersOf } from '../../kube/workloads';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const noHostNamespaces: Rule = {
  id: 'no-host-namespaces',
  title: 'Pods use no host network, PID or IPC namespace and no host ports',
  severity: Severity.ERROR,
  standsFor: 'R10; Pod Security baseline; kube-linter host-network/host-pid/host-ipc; Checkov CKV_K8S_17/CKV_K8S_18/CKV_K8S_19; kubeaudit hostns',
  fix: 'Remove `hostNetwork`, `hostPID`, `hostIPC` and `ports[].hostPort`; expose the pod through a ClusterIP Service.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const problems = ['hostNetwork', 'hostPID', 'hostIPC'].filter(f => t.spec[f] === true).map(f => `${f}: true`);
      for (const c of containersOf(t.spec)) {
        for (const p of objectsOf(c.container.ports)) {
          if (p.hostPort !== undefined && p.hostPort !== null && p.hostPort !== 0) {
            problems.push(`container '${c.name}' hostPort ${JSON.stringify(p.hostPort)}`);
          }
        }
      }
      if (problems.length > 0) {
        out.push({ object: t.owner, message: `${describe(t.owner)} uses ${problems.join(', ')}` });
      }
    }
    return out;
  },
};
