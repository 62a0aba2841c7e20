// Workload hardening rules (R8, R9 and the platform's workload safeguards): each with a failing
// mutation of the good fixture and passing variants.
import { findingsOf, goodObjects, lint, ruleIds, web } from './helpers';
import { NetworkAnalysis } from '../../src/analysis';
import { Obj } from '../../src/kube/objects';

describe('the good fixture', () => {
  test('has no findings at all', () => {
    const result = lint(goodObjects());
    expect(result.findings).toEqual([]);
    expect(result.objectCount).toBe(10);
  });
});

describe('image-tag-pinned', () => {
  test.each([
    ['quay.io/oauth2-proxy/oauth2-proxy:latest', 'with the tag latest'],
    ['nginx', 'without a tag'],
    ['registry.example.com:5000/team/app', 'without a tag'],
  ])('flags %s', (image, reason) => {
    const objects = goodObjects();
    web(objects).container.image = image;
    const [f, ...rest] = findingsOf(objects, 'image-tag-pinned');
    expect(rest).toEqual([]);
    expect(f.message).toContain(`'${image}' ${reason}`);
    expect(f.object).toEqual({ kind: 'Deployment', name: 'web', namespace: 'demo', apiVersion: 'apps/v1' });
  });

  test.each([
    'registry.example.com:5000/team/app:1.2.3',
    'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ])('accepts %s', image => {
    const objects = goodObjects();
    web(objects).container.image = image;
    expect(findingsOf(objects, 'image-tag-pinned')).toEqual([]);
  });

  test('checks init containers too', () => {
    const objects = goodObjects();
    web(objects).pod.initContainers = [{ ...structuredClone(web(objects).container), name: 'migrate', image: 'busybox:latest' }];
    expect(findingsOf(objects, 'image-tag-pinned').map(f => f.message)).toEqual([
      "Deployment demo/web: init container 'migrate' uses image 'busybox:latest' with the tag latest",
    ]);
  });
});

describe('allowed-registries', () => {
  test('is off unless a registry is configured', () => {
    expect(findingsOf(goodObjects(), 'allowed-registries')).toEqual([]);
    const objects = goodObjects();
    web(objects).container.image = 'docker.io/library/nginx:1.27';
    expect(findingsOf(objects, 'allowed-registries')).toEqual([]);
  });

  test('warns on images outside the configured registry', () => {
    const objects = goodObjects();
    web(objects).container.image = 'docker.io/library/nginx:1.27';
    const findings = findingsOf(objects, 'allowed-registries', { allowedRegistries: ['harbor.example.com/'] });
    expect(findings.map(f => [f.severity, f.message])).toEqual([[
      'warning', "Deployment demo/web: container 'web' uses image 'docker.io/library/nginx:1.27', which is not from an allowed registry (harbor.example.com/)",
    ]]);
  });

  test('accepts images from the configured registry', () => {
    expect(findingsOf(goodObjects(), 'allowed-registries', { allowedRegistries: ['harbor.example.com/'] })).toEqual([]);
  });
});

describe('resource-requests and resource-limits', () => {
  test('flag each missing request and limit', () => {
    const objects = goodObjects();
    web(objects).container.resources = { requests: { cpu: '100m' }, limits: { memory: '128Mi' } };
    expect(findingsOf(objects, 'resource-requests').map(f => f.message)).toEqual(["Deployment demo/web: container 'web' has no resources.requests.memory"]);
    expect(findingsOf(objects, 'resource-limits').map(f => f.message)).toEqual(["Deployment demo/web: container 'web' has no resources.limits.cpu"]);
  });

  test('flag a container with no resources at all', () => {
    const objects = goodObjects();
    delete web(objects).container.resources;
    expect(ruleIds(lint(objects))).toEqual(['resource-limits', 'resource-requests']);
  });
});

describe('probes', () => {
  test('flags a missing readiness probe', () => {
    const objects = goodObjects();
    delete web(objects).container.readinessProbe;
    expect(findingsOf(objects, 'probes').map(f => f.message)).toEqual(["Deployment demo/web: container 'web' has no readinessProbe"]);
  });

  test('does not apply to Jobs or init containers', () => {
    const objects = goodObjects();
    const { deployment, pod } = web(objects);
    pod.initContainers = [{ ...structuredClone(pod.containers[0]), name: 'init' }];
    delete pod.initContainers[0].readinessProbe;
    expect(findingsOf(objects, 'probes')).toEqual([]);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'demo' }, spec: { template: structuredClone(deployment.spec.template) } };
    delete job.spec.template.spec.containers[0].livenessProbe;
    expect(findingsOf([...objects, job], 'probes')).toEqual([]);
  });
});

describe('run-as-non-root', () => {
  test('flags root, missing and low ids', () => {
    const objects = goodObjects();
    web(objects).pod.securityContext = { runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } };
    expect(findingsOf(objects, 'run-as-non-root').map(f => f.message)).toEqual([
      "Deployment demo/web: container 'web' runAsNonRoot is not true; runAsUser is 1000 (must be >= 10000); runAsGroup is not set (must be >= 10000)",
    ]);
  });

  test('lets the container override the pod, and honours the configured minimum', () => {
    const objects = goodObjects();
    web(objects).container.securityContext.runAsUser = 5000;
    expect(findingsOf(objects, 'run-as-non-root')).toHaveLength(1);
    expect(findingsOf(objects, 'run-as-non-root', { minimumUserId: 1000 })).toEqual([]);
  });
});

describe('container securityContext rules', () => {
  test.each([
    ['read-only-root-filesystem', 'does not set securityContext.readOnlyRootFilesystem: true', (sc: any) => { sc.readOnlyRootFilesystem = false; }],
    ['no-privilege-escalation', 'does not set securityContext.allowPrivilegeEscalation: false', (sc: any) => { delete sc.allowPrivilegeEscalation; }],
    ['no-privilege-escalation', 'is privileged', (sc: any) => { sc.privileged = true; }],
    ['drop-all-capabilities', 'does not drop ALL capabilities', (sc: any) => { sc.capabilities = { drop: ['NET_RAW'] }; }],
    ['drop-all-capabilities', 'adds capabilities SYS_ADMIN', (sc: any) => { sc.capabilities.add = ['SYS_ADMIN']; }],
    ['seccomp-runtime-default', 'runs with seccomp profile "Unconfined"', (sc: any) => { sc.seccompProfile = { type: 'Unconfined' }; }],
  ])('%s: a container that %s', (ruleId, message, mutate) => {
    const objects = goodObjects();
    mutate(web(objects).container.securityContext);
    expect(findingsOf(objects, ruleId).map(f => f.message)).toEqual([`Deployment demo/web: container 'web' ${message}`]);
  });

  test('drop-all-capabilities allows adding back NET_BIND_SERVICE only', () => {
    const objects = goodObjects();
    web(objects).container.securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    expect(findingsOf(objects, 'drop-all-capabilities')).toEqual([]);
  });

  test('seccomp-runtime-default reads the pod-level profile and flags its absence', () => {
    const objects = goodObjects();
    delete web(objects).pod.securityContext.seccompProfile;
    expect(findingsOf(objects, 'seccomp-runtime-default')[0].message).toContain('unset');
    web(objects).container.securityContext.seccompProfile = { type: 'RuntimeDefault' };
    expect(findingsOf(objects, 'seccomp-runtime-default')).toEqual([]);
  });
});

describe('no-service-account-token', () => {
  test('flags a pod that mounts the token', () => {
    const objects = goodObjects();
    web(objects).pod.automountServiceAccountToken = true;
    expect(findingsOf(objects, 'no-service-account-token').map(f => f.message)).toEqual([
      'Deployment demo/web mounts a service account token (automountServiceAccountToken is true)',
    ]);
  });

  test('accepts a pod that inherits false from its ServiceAccount in the output', () => {
    const objects = goodObjects();
    delete web(objects).pod.automountServiceAccountToken;
    expect(findingsOf(objects, 'no-service-account-token')).toEqual([]);
    web(objects).pod.serviceAccountName = 'other';
    expect(findingsOf(objects, 'no-service-account-token')).toHaveLength(1);
  });
});

describe('no-host-namespaces', () => {
  test('flags hostNetwork, hostPID, hostIPC and hostPort', () => {
    const objects = goodObjects();
    Object.assign(web(objects).pod, { hostNetwork: true, hostPID: true, hostIPC: true });
    web(objects).container.ports[0].hostPort = 3000;
    expect(findingsOf(objects, 'no-host-namespaces').map(f => f.message)).toEqual([
      "Deployment demo/web uses hostNetwork: true, hostPID: true, hostIPC: true, container 'web' hostPort 3000",
    ]);
  });

  test('accepts explicit false', () => {
    const objects = goodObjects();
    Object.assign(web(objects).pod, { hostNetwork: false, hostPID: false, hostIPC: false });
    expect(findingsOf(objects, 'no-host-namespaces')).toEqual([]);
  });
});

describe('min-replicas and high-availability', () => {
  test('min-replicas warns on a single replica, explicit or defaulted', () => {
    const objects = goodObjects();
    web(objects).deployment.spec.replicas = 1;
    expect(findingsOf(objects, 'min-replicas').map(f => [f.severity, f.message])).toEqual([['warning', 'Deployment demo/web has replicas 1']]);
    delete web(objects).deployment.spec.replicas;
    expect(findingsOf(objects, 'min-replicas')[0].message).toBe('Deployment demo/web has replicas 1 (unset, defaults to 1)');
  });

  test('high-availability wants a PDB and spreading across nodes when replicated', () => {
    const objects = goodObjects().filter(o => o.kind !== 'PodDisruptionBudget');
    delete web(objects).pod.topologySpreadConstraints;
    expect(findingsOf(objects, 'high-availability').map(f => f.message)).toEqual([
      'Deployment demo/web runs 2 replicas but no PodDisruptionBudget selects its pods and its pods do not spread across nodes '
      + '(no topologySpreadConstraint or podAntiAffinity on kubernetes.io/hostname)',
    ]);
  });

  test('high-availability accepts podAntiAffinity on the hostname', () => {
    const objects = goodObjects();
    const { pod } = web(objects);
    delete pod.topologySpreadConstraints;
    pod.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } };
    expect(findingsOf(objects, 'high-availability')).toEqual([]);
  });
});

describe('pdb-allows-disruption', () => {
  test.each([
    [{ maxUnavailable: 0 }, 'sets maxUnavailable 0'],
    [{ maxUnavailable: '0%' }, 'sets maxUnavailable "0%"'],
    [{ minAvailable: 2 }, 'sets minAvailable 2 >= the 2 replicas of Deployment demo/web'],
    [{ minAvailable: '100%' }, 'sets minAvailable "100%"'],
  ])('rejects %j', (budget, message) => {
    const objects = goodObjects();
    const pdb = objects.find(o => o.kind === 'PodDisruptionBudget')!;
    delete pdb.spec.maxUnavailable;
    Object.assign(pdb.spec, budget);
    expect(findingsOf(objects, 'pdb-allows-disruption').map(f => f.message)).toEqual([expect.stringContaining(`PodDisruptionBudget demo/web ${message}`)]);
  });

  test('accepts minAvailable below the replicas', () => {
    const objects = goodObjects();
    const pdb = objects.find(o => o.kind === 'PodDisruptionBudget')!;
    pdb.spec = { minAvailable: 1, selector: pdb.spec.selector };
    expect(findingsOf(objects, 'pdb-allows-disruption')).toEqual([]);
  });
});

describe('pod template kinds', () => {
  /** A workload of the kind in namespace demo running `nginx:latest`, with the good fixture's pod labels unless given. */
  function latestOfKind(kind: string, labels?: Record<string, string>): Obj {
    const template = structuredClone(web(goodObjects()).deployment.spec.template);
    template.spec.containers[0].image = 'nginx:latest';
    if (labels) template.metadata.labels = labels;
    const spec = kind === 'Pod' ? template.spec : kind === 'CronJob' ? { schedule: '@daily', jobTemplate: { spec: { template } } } : { template };
    return { kind, metadata: { name: 'extra', namespace: 'demo', labels: template.metadata.labels }, spec };
  }

  test.each(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'])('%s is checked', kind => {
    expect(findingsOf([...goodObjects(), latestOfKind(kind)], 'image-tag-pinned').map(f => f.object.kind)).toEqual([kind]);
  });

  test('a ReplicationController running nginx:latest that no app policy selects has findings (issue 7)', () => {
    const rc = latestOfKind('ReplicationController', { app: 'legacy' });
    const ids = ruleIds(lint([...goodObjects(), rc]));
    expect(ids).toEqual(expect.arrayContaining(['app-network-policy', 'image-tag-pinned']));
  });

  test('every kind the reachability engine analyses as a workload is linted, and no other', () => {
    const kinds = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate', 'Service'];
    const objects = kinds.map((kind, i) => ({ ...latestOfKind(kind, { app: `w${i}` }), metadata: { name: `w${i}`, namespace: 'demo', labels: { app: `w${i}` } } }));
    const analysed = NetworkAnalysis.fromManifests(objects).workloads.map(w => w.workload!.kind).sort();
    const linted = findingsOf(objects, 'image-tag-pinned').map(f => f.object.kind).sort();
    expect(linted).toEqual(analysed);
    expect(linted).toContain('ReplicationController');
  });
});
