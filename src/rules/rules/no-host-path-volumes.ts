import { isObj, objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

export const noHostPathVolumes: Rule = {
  id: 'no-host-path-volumes',
  title: 'Pods mount no hostPath volumes',
  severity: Severity.ERROR,
  standsFor: 'R10; Pod Security baseline (HostPath Volumes); kube-linter host-mounts; Checkov CKV_K8S_27; kubeaudit mounts',
  fix: 'Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead of `hostPath`.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const host = objectsOf(t.spec.volumes).filter(v => isObj(v.hostPath));
      if (host.length > 0) {
        out.push({ object: t.owner, message: `${describe(t.owner)} mounts hostPath volume(s) ${host.map(v => `'${String(v.name)}' (${String((v.hostPath as { path?: unknown }).path)})`).join(', ')}` });
      }
    }
    return out;
  },
};
