import { k8s } from 'cdk8s-plus-28';
import { AppProbe } from './app-probe';
import type { SecureAppProps } from './secure-app';
import { AppPort, AppVolume, ContainerOptions, EnvFrom, WorkloadKind } from './workload-options';
import { WELKIN } from '../../kube/platform';
import { Protocol } from '../../kube/protocol';
import { checkDnsLabel, checkDnsSubdomain } from '../../kube/validation/dns';
import { checkImage } from '../../kube/validation/image';
import { checkLabelValue, checkLabels } from '../../kube/validation/labels';
import { checkHttpPath } from '../../kube/validation/path';
import { checkPort, checkPortName } from '../../kube/validation/port';
import { checkQuantity, checkRequestWithinLimit } from '../../kube/validation/quantity';
import { firstProblem } from '../core/errors';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** The annotation the cluster-autoscaler (and Welkin's `reject-local-storage-emptydir` constraint) reads. */
export const SAFE_TO_EVICT_LOCAL_VOLUMES = 'cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes';

/** A port with every default applied. */
export interface ResolvedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly servicePort: number;
  /** The container that serves it (index into the pod's containers, 0 = the main one). */
  readonly container: number;
  /** How messages name it: `port` (the single `port` prop), `metrics port` or `port "grpc"`. */
  readonly what?: string;
}

/** SecureApp props with every default applied. */
export interface AppSettings {
  readonly name: string;
  readonly image: string;
  readonly kind: WorkloadKind;
  /** Every port of the pod (main container, its metrics port, sidecars), in Service order. */
  readonly ports: ResolvedPort[];
  /** The port peers use when a rule names none; undefined for a worker. */
  readonly defaultPort?: ResolvedPort;
  readonly replicas: number;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
  /** Undefined for Jobs and CronJobs. */
  readonly probe?: AppProbe;
  readonly metricsPort?: number;
  /** The name of the port metrics are served on. */
  readonly metricsPortName?: string;
  readonly metricsPath: string;
  readonly tmpSize: string;
  readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number; readonly cpuUtilization: number };
}

function resolvePorts(props: SecureAppProps): { ports: AppPort[]; problem?: string } {
  if (props.ports !== undefined) {
    if (props.port !== undefined || props.portName !== undefined || props.servicePort !== undefined) {
      return { ports: [], problem: '`port`, `portName` and `servicePort` describe a single port; with `ports`, give each port\'s name and servicePort there' };
    }
    return { ports: [...props.ports] };
  }
  if (props.port === undefined) {
    if (props.portName !== undefined || props.servicePort !== undefined) {
      return { ports: [], problem: '`portName` and `servicePort` need `port`; give `port` (or `ports`), or leave them out for a worker with no port' };
    }
    return { ports: [] };
  }
  return { ports: [{ name: props.portName ?? 'http', port: props.port, servicePort: props.servicePort }] };
}

/** Apply the documented defaults (the user demo's 100m / 128Mi, 2 replicas, UID/GID 10000). */
export function appSettings(name: string, props: SecureAppProps): { settings: AppSettings; problem?: string } {
  const kind = props.workload ?? WorkloadKind.deployment();
  const { ports: declared, problem } = resolvePorts(props);
  const ports: ResolvedPort[] = declared.map(p => ({
    name: p?.name, port: p?.port, protocol: p?.protocol ?? Protocol.TCP, servicePort: p?.servicePort ?? p?.port, container: 0,
  }));
  const defaultPort = props.defaultPort !== undefined ? ports.find(p => p.name === props.defaultPort) : ports[0];
  const metricsPort = props.metrics ? props.metrics.port ?? defaultPort?.port : undefined;
  const metricsOn = metricsPort !== undefined ? ports.find(p => p.port === metricsPort && p.protocol === Protocol.TCP) : undefined;
  if (props.ports === undefined && ports.length === 1) Object.assign(ports[0], { what: 'port' });
  if (metricsPort !== undefined && !metricsOn) {
    ports.push({ name: 'metrics', port: metricsPort, protocol: Protocol.TCP, servicePort: metricsPort, container: 0, what: 'metrics port' });
  }
  (props.sidecars ?? []).forEach((c, i) => (c?.ports ?? []).forEach(p => ports.push({
    name: p?.name, port: p?.port, protocol: p?.protocol ?? Protocol.TCP, servicePort: p?.servicePort ?? p?.port, container: i + 1,
  })));
  const runsToCompletion = kind._runsToCompletion;
  const minReplicas = props.autoscaling ? props.autoscaling.minReplicas ?? props.replicas ?? 2 : undefined;
  const settings: AppSettings = {
    name,
    image: props.image,
    kind,
    ports,
    defaultPort,
    replicas: minReplicas ?? props.replicas ?? 2,
    runAsUser: props.runAsUser ?? WELKIN.minimumUserId,
    runAsGroup: props.runAsGroup ?? WELKIN.minimumUserId,
    ...resources(props, '100m', '128Mi'),
    probe: runsToCompletion ? undefined : props.probe ?? (defaultPort?.protocol === Protocol.TCP ? AppProbe.http('/') : undefined),
    metricsPort,
    metricsPortName: metricsPort === undefined ? undefined : metricsOn?.name ?? 'metrics',
    metricsPath: props.metrics?.path ?? '/metrics',
    tmpSize: props.tmpSize ?? '256Mi',
    autoscaling: props.autoscaling && {
      minReplicas: minReplicas!,
      maxReplicas: props.autoscaling.maxReplicas,
      cpuUtilization: props.autoscaling.cpuUtilization ?? 80,
    },
  };
  return { settings, problem };
}

/** The first problem with the settings, or undefined. Pure, so nothing is emitted for bad input. */
export function checkAppSettings(s: AppSettings, props: SecureAppProps): string | undefined {
  const kind = s.kind.kind;
  const main = s.ports.filter(p => p.container === 0);
  return firstProblem([
    () => checkImage(s.image),
    () => s.kind._problem(),
    () => checkWorkloadShape(s, props),
    () => s.ports.map(p => checkPortName(p.name, 'port name') ?? checkPort(p.port, p.what ?? `port ${JSON.stringify(p.name)}`)
      ?? checkPort(p.servicePort, p.what === 'port' ? 'service port' : `service port of ${JSON.stringify(p.name)}`)
      ?? (Object.values(Protocol).includes(p.protocol) ? undefined : `port ${JSON.stringify(p.name)} has protocol ${JSON.stringify(p.protocol)}; use Protocol.TCP, Protocol.UDP or Protocol.SCTP`))
      .find(p => p !== undefined),
    () => duplicate(s.ports.map(p => p.name), n => n === 'metrics' && s.metricsPort !== undefined
      ? `port name "metrics" is also the name of the separate metrics port ${s.metricsPort}; port names must be unique, so name the app's port differently (e.g. "http") or serve metrics on one of the app's ports`
      : `two ports are named ${JSON.stringify(n)}; port names must be unique in the pod, so give each port its own name`),
    () => duplicate(s.ports.map(p => `${p.protocol} ${p.port}`), k => `two ports use container port ${k}; each container port and protocol may be used once in the pod`),
    () => duplicate(s.ports.map(p => `${p.protocol} ${p.servicePort}`), k => s.metricsPort !== undefined && k === `TCP ${s.metricsPort}`
      ? `metrics port ${s.metricsPort} is also the Service port; the Service would list port ${s.metricsPort} twice, so choose another metrics port or servicePort`
      : `two ports use Service port ${k}; the Service lists each port and protocol once, so give one of them another servicePort`),
    () => props.defaultPort !== undefined && !main.some(p => p.name === props.defaultPort)
      ? `default port ${JSON.stringify(props.defaultPort)} is not one of the app's ports (${main.map(p => JSON.stringify(p.name)).join(', ') || 'none'}); name one of them` : undefined,
    () => !Number.isInteger(s.replicas) || s.replicas < 1
      ? `replicas ${JSON.stringify(s.replicas)} is not a positive integer; use 2 or more (1 opts out of the PodDisruptionBudget and spreading)`
      : undefined,
    () => checkAutoscaling(s),
    () => checkId('runAsUser', s.runAsUser) ?? checkId('runAsGroup', s.runAsGroup),
    () => checkResources(s, ''),
    () => s.probe?._problem(),
    () => s.probe !== undefined && s.probe._needsPort && s.defaultPort?.protocol !== Protocol.TCP
      ? `the ${s.probe.kind} probe needs a TCP default port, and ${s.defaultPort ? `the default port ${JSON.stringify(s.defaultPort.name)} is ${s.defaultPort.protocol}` : 'the app has no port'}; `
        + 'give `probe: AppProbe.exec([...])` (a command that checks the app), or a TCP port as `defaultPort`'
      : undefined,
    () => !s.kind._runsToCompletion && s.probe === undefined
      ? `a long-running ${kind} needs readiness and liveness probes, and ${s.defaultPort ? `its default port ${JSON.stringify(s.defaultPort.name)} is ${s.defaultPort.protocol}` : 'a worker has no port to probe'}; `
        + 'give `probe: AppProbe.exec([...])` with a command that checks the app'
      : undefined,
    () => checkEnv(props.env, props.secretEnv, props.envFrom, 'environment'),
    () => [...(props.volumes ?? []), ...[...(props.sidecars ?? []), ...(props.initContainers ?? [])].flatMap(c => c?.volumes ?? [])]
      .map(v => v._problem()).find(p => p !== undefined),
    () => duplicate([...(props.volumes ?? []).map(v => v.mountPath), ...s.kind._volumeClaims.map(c => c.mountPath), '/tmp'],
      p => `two volumes are mounted at ${JSON.stringify(p)} in the main container; mount each volume at its own path (/tmp is the app's scratch space)`),
    () => checkExtraContainers(s, props),
    () => checkLabels(props.podLabels ?? {}, 'pod labels'),
    () => ([['instance', props.instance], ['component', props.component], ['partOf', props.partOf]] as const)
      // Empty is a valid label value, but these labels are dropped when empty while selectors keep them.
      .map(([what, v]) => v === undefined ? undefined
        : v === '' ? `${what} is empty; give a value (at most 63 letters, digits, '-', '_' or '.') or leave it out` : checkLabelValue(v, what))
      .find(p => p !== undefined),
    () => s.metricsPort === undefined ? undefined : checkPort(s.metricsPort, 'metrics port') ?? checkHttpPath(s.metricsPath, 'metrics path'),
    () => checkQuantity(s.tmpSize, 'memory', 'tmpSize'),
  ]);
}

/** What each workload kind allows: Jobs take no ports, replicas, autoscaling or metrics. */
function checkWorkloadShape(s: AppSettings, props: SecureAppProps): string | undefined {
  const kind = s.kind.kind;
  if (s.kind._runsToCompletion) {
    const given = [
      ['port', props.port], ['ports', props.ports?.length ? props.ports : undefined], ['servicePort', props.servicePort],
      ['replicas', props.replicas], ['autoscaling', props.autoscaling], ['metrics', props.metrics], ['probe', props.probe],
      ['sidecar ports', (props.sidecars ?? []).some(c => c?.ports?.length) ? true : undefined],
    ].filter(([, v]) => v !== undefined).map(([k]) => k);
    if (given.length > 0) {
      return `a ${kind} runs to completion and serves nobody: it has no Service, ports, replicas, probes or metrics, but ${given.join(', ')} ${given.length > 1 ? 'were' : 'was'} given; `
        + 'leave them out (connections it makes are declared with allowTo), or use WorkloadKind.deployment() for a server';
    }
  }
  return undefined;
}

function checkAutoscaling(s: AppSettings): string | undefined {
  const a = s.autoscaling;
  if (!a) return undefined;
  if (!['Deployment', 'StatefulSet'].includes(s.kind.kind)) return `autoscaling applies to Deployments and StatefulSets, not to a ${s.kind.kind}`;
  if (!Number.isInteger(a.minReplicas) || a.minReplicas < 2) {
    return `autoscaling minReplicas ${JSON.stringify(a.minReplicas)} is below 2; the PodDisruptionBudget lets one pod go at a time, so keep at least 2`;
  }
  if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < a.minReplicas) {
    return `autoscaling maxReplicas ${JSON.stringify(a.maxReplicas)} is below minReplicas ${a.minReplicas} (or not an integer); give a maximum >= the minimum`;
  }
  if (!Number.isInteger(a.cpuUtilization) || a.cpuUtilization < 1 || a.cpuUtilization > 100) {
    return `autoscaling cpuUtilization ${JSON.stringify(a.cpuUtilization)} is not a percentage 1-100`;
  }
  return undefined;
}

function checkResources(r: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string }, of: string): string | undefined {
  return checkQuantity(r.cpuRequest, 'cpu', `${of}cpuRequest`) ?? checkQuantity(r.cpuLimit, 'cpu', `${of}cpuLimit`)
    ?? checkQuantity(r.memoryRequest, 'memory', `${of}memoryRequest`) ?? checkQuantity(r.memoryLimit, 'memory', `${of}memoryLimit`)
    ?? checkRequestWithinLimit(r.cpuRequest, r.cpuLimit, 'cpu') ?? checkRequestWithinLimit(r.memoryRequest, r.memoryLimit, 'memory');
}

function checkEnv(env: { [name: string]: string } | undefined, secretEnv: SecureAppProps['secretEnv'], envFrom: EnvFrom[] | undefined, what: string): string | undefined {
  const names = [...Object.keys(env ?? {}), ...(secretEnv ?? []).map(e => e.name)];
  return names.filter(n => !ENV_NAME.test(n))
    .map(n => `${what} variable name ${JSON.stringify(n)} is invalid; use letters, digits and '_', not starting with a digit`)[0]
    ?? names.filter((n, i, all) => all.indexOf(n) !== i)
      .map(n => `environment variable ${JSON.stringify(n)} is set twice (in env and secretEnv, or twice in secretEnv); set each variable once`)[0]
    ?? (secretEnv ?? []).map(e => checkDnsSubdomain(e.secretName, 'secret name')
      ?? (SECRET_KEY.test(e.key) ? undefined : `secret key ${JSON.stringify(e.key)} is invalid; use letters, digits, '-', '_' and '.'`))
      .find(p => p !== undefined)
    ?? (envFrom ?? []).map(e => e._problem()).find(p => p !== undefined);
}

function checkExtraContainers(s: AppSettings, props: SecureAppProps): string | undefined {
  const extra = [...(props.sidecars ?? []).map(c => ({ c, init: false })), ...(props.initContainers ?? []).map(c => ({ c, init: true }))];
  return firstProblem([
    () => duplicate([s.name, ...extra.map(e => e.c?.name)], n => `two containers are named ${JSON.stringify(n)} (the main container is named after the app); name each container once`),
    ...extra.map(({ c, init }) => () => {
      const what = `${init ? 'init container' : 'sidecar'} ${JSON.stringify(c?.name)}`;
      const problem = checkDnsLabel(c?.name, `${init ? 'init container' : 'sidecar'} name`)
        ?? checkImage(c.image)
        ?? checkResources(containerResources(c), `${what} `)
        ?? checkEnv(c.env, undefined, c.envFrom, what)
        ?? (init && c.ports?.length ? `${what} has ports; init containers run before the app and serve nobody, so leave them out` : undefined)
        ?? (init && c.probe ? `${what} has a probe; init containers run to completion and have none` : undefined)
        ?? c.probe?._problem()
        ?? (!init && !c.probe && !c.ports?.some(p => (p.protocol ?? Protocol.TCP) === Protocol.TCP)
          ? `${what} has no TCP port to probe; give \`probe: AppProbe.exec([...])\`` : undefined);
      return problem && !problem.startsWith(what) ? `${what}: ${problem}` : problem;
    }),
  ]);
}

function duplicate(values: string[], message: (value: string) => string): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return message(v);
    seen.add(v);
  }
  return undefined;
}

function checkId(what: string, id: number): string | undefined {
  const min = WELKIN.minimumUserId;
  return !Number.isInteger(id) || id < min || id > 2147483647
    ? `${what} ${JSON.stringify(id)} is below ${min} or not an integer; use an ID >= ${min} so it cannot collide with a host user`
    : undefined;
}

/** A sidecar's or init container's resources: requests default to 50m CPU and 64Mi memory. */
function containerResources(c: ContainerOptions) {
  return resources(c, '50m', '64Mi');
}

/** A container's requests as given or the defaults; each limit defaults to its request. */
function resources(c: SecureAppProps | ContainerOptions, cpu: string, memory: string) {
  const cpuRequest = c.cpuRequest ?? cpu;
  const memoryRequest = c.memoryRequest ?? memory;
  return { cpuRequest, cpuLimit: c.cpuLimit ?? cpuRequest, memoryRequest, memoryLimit: c.memoryLimit ?? memoryRequest };
}

interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly env: k8s.EnvVar[];
  readonly envFrom?: EnvFrom[];
  readonly ports: ResolvedPort[];
  readonly volumes: AppVolume[];
  readonly extraMounts?: k8s.VolumeMount[];
  readonly resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  readonly probe?: AppProbe;
  readonly probePort?: string;
}

function hardenedContainer(s: AppSettings, spec: ContainerSpec): k8s.Container {
  const r = spec.resources;
  const mounts: k8s.VolumeMount[] = [
    { name: 'tmp', mountPath: '/tmp' },
    ...spec.volumes.map(v => ({ name: v._volumeName, mountPath: v.mountPath, readOnly: v.readOnly ? true : undefined })),
    ...(spec.extraMounts ?? []),
  ];
  return {
    name: spec.name,
    image: spec.image,
    command: spec.command,
    args: spec.args,
    env: spec.env.length ? spec.env : undefined,
    envFrom: spec.envFrom?.length ? spec.envFrom.map(e => e.source === 'secret'
      ? { secretRef: { name: e.sourceName }, prefix: e.prefix }
      : { configMapRef: { name: e.sourceName }, prefix: e.prefix }) : undefined,
    ports: spec.ports.length ? spec.ports.map(p => ({ name: p.name, containerPort: p.port, protocol: p.protocol })) : undefined,
    resources: {
      requests: { cpu: k8s.Quantity.fromString(r.cpuRequest), memory: k8s.Quantity.fromString(r.memoryRequest) },
      limits: { cpu: k8s.Quantity.fromString(r.cpuLimit), memory: k8s.Quantity.fromString(r.memoryLimit) },
    },
    readinessProbe: spec.probe?._toProbe(spec.probePort, 5),
    livenessProbe: spec.probe?._toProbe(spec.probePort, 10),
    securityContext: {
      runAsNonRoot: true,
      runAsUser: s.runAsUser,
      runAsGroup: s.runAsGroup,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    volumeMounts: mounts,
  };
}

/**
 * The hardened pod template: restricted security contexts for every container, probes, resources,
 * a size-limited writable /tmp the cluster-autoscaler may discard, spreading.
 */
export function podTemplate(s: AppSettings, props: SecureAppProps, labels: { [key: string]: string },
  selector: { [key: string]: string }): k8s.PodTemplateSpec {
  const env: k8s.EnvVar[] = [
    ...Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value })),
    ...(props.secretEnv ?? []).map(e => ({ name: e.name, valueFrom: { secretKeyRef: { name: e.secretName, key: e.key } } })),
  ];
  const mainVolumes = props.volumes ?? [];
  const sidecars = props.sidecars ?? [];
  const inits = props.initContainers ?? [];
  const extra = (c: ContainerOptions, index: number | undefined) => hardenedContainer(s, {
    name: c.name,
    image: c.image,
    command: c.command,
    args: c.args,
    env: Object.entries(c.env ?? {}).map(([name, value]) => ({ name, value })),
    envFrom: c.envFrom,
    ports: index === undefined ? [] : s.ports.filter(p => p.container === index),
    volumes: c.volumes ?? [],
    resources: containerResources(c),
    probe: index === undefined ? undefined : c.probe ?? AppProbe.tcp(),
    probePort: index === undefined ? undefined : s.ports.find(p => p.container === index && p.protocol === Protocol.TCP)?.name,
  });
  const volumes = new Map<string, k8s.Volume>();
  for (const v of [...mainVolumes, ...[...sidecars, ...inits].flatMap(c => c.volumes ?? [])]) {
    volumes.set(v._volumeName, v.source === 'configMap' ? { name: v._volumeName, configMap: { name: v.sourceName } }
      : v.source === 'secret' ? { name: v._volumeName, secret: { secretName: v.sourceName, defaultMode: 0o400 } }
        : { name: v._volumeName, persistentVolumeClaim: { claimName: v.sourceName, readOnly: v.readOnly ? true : undefined } });
  }
  const annotations: { [key: string]: string } = {
    // Welkin's Gatekeeper constraint elastisys-reject-local-storage-emptydir: the scratch volume may be discarded.
    [SAFE_TO_EVICT_LOCAL_VOLUMES]: 'tmp',
    ...(s.metricsPort !== undefined
      ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(s.metricsPort), 'prometheus.io/path': s.metricsPath }
      : {}),
  };
  const longRunning = !s.kind._runsToCompletion;
  return {
    metadata: { labels, annotations },
    spec: {
      serviceAccountName: s.name,
      automountServiceAccountToken: false,
      restartPolicy: longRunning ? undefined : 'OnFailure',
      securityContext: { runAsNonRoot: true, runAsUser: s.runAsUser, runAsGroup: s.runAsGroup, fsGroup: s.runAsGroup, seccompProfile: { type: 'RuntimeDefault' } },
      topologySpreadConstraints: longRunning && s.replicas > 1 ? [{
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        // Soft, so a rollout still schedules on a cluster with fewer nodes than replicas.
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...selector } },
      }] : undefined,
      initContainers: inits.length ? inits.map(c => extra(c, undefined)) : undefined,
      containers: [
        hardenedContainer(s, {
          name: s.name,
          image: s.image,
          command: props.command,
          args: props.args,
          env,
          envFrom: props.envFrom,
          ports: s.ports.filter(p => p.container === 0),
          volumes: mainVolumes,
          extraMounts: s.kind._volumeClaims.map(c => ({ name: c.name, mountPath: c.mountPath })),
          resources: s,
          probe: s.probe,
          probePort: s.defaultPort?.name,
        }),
        ...sidecars.map((c, i) => extra(c, i + 1)),
      ],
      // Disk-backed and size-limited; listed in the safe-to-evict annotation above.
      volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString(s.tmpSize) } }, ...volumes.values()],
    },
  };
}
