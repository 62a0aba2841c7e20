import { annotationsOf, objectsOf } from '../../kube/objects';
import { describe } from '../object-index';
import { Rule, Violation } from '../rule';
import { Severity } from '../severity';

const LOCAL_VOLUMES = 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes';
const POD = 'cluster-autoscaler.kubernetes.io/safe-to-evict';

export const emptydirSafeToEvict: Rule = {
  id: 'emptydir-safe-to-evict',
  title: 'Pods with emptyDir volumes say the cluster-autoscaler may discard them',
  severity: Severity.ERROR,
  standsFor: 'Welkin Gatekeeper elastisys-reject-local-storage-emptydir (deny or warn); cluster-autoscaler scale-down',
  fix: `Annotate the pod template \`${LOCAL_VOLUMES}: "<emptyDir volume names, comma-separated>"\` (or \`${POD}: "true"\`). `
    + 'SecureApp does this for its /tmp; AdoptedWorkload does it for existing workloads.',
  check: ({ index }) => {
    const out: Violation[] = [];
    for (const t of index.podTemplates) {
      const emptyDirs = objectsOf(t.spec.volumes).filter(v => v.emptyDir !== undefined).map(v => String(v.name));
      if (emptyDirs.length === 0) continue;
      // The template's annotations (a bare Pod's are its own).
      const annotations = t.owner.kind === 'Pod' ? annotationsOf(t.owner) : templateAnnotations(t.owner);
      if (annotations[POD] === 'true') continue;
      const listed = new Set((annotations[LOCAL_VOLUMES] ?? '').split(',').map(s => s.trim()));
      const missing = emptyDirs.filter(n => !listed.has(n));
      if (missing.length > 0) {
        out.push({ object: t.owner, message: `${describe(t.owner)}: emptyDir volume(s) ${missing.map(n => JSON.stringify(n)).join(', ')} not listed in ${LOCAL_VOLUMES}` });
      }
    }
    return out;
  },
};

function templateAnnotations(owner: { [key: string]: any }): Record<string, string> {
  const spec = owner.kind === 'CronJob' ? owner.spec?.jobTemplate?.spec : owner.spec;
  return annotationsOf({ metadata: spec?.template?.metadata ?? {} });
}
