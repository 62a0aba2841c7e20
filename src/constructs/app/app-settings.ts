import { k8s } from 'cdk8s-plus-28';
import { AppProbe } from './app-probe';
import type { SecureAppProps } from './secure-app';
import { WELKIN } from '../../kube/platform';
import { checkDnsSubdomain } from '../../kube/validation/dns';
import { checkImage } from '../../kube/validation/image';
import { checkLabelValue, checkLabels } from '../../kube/validation/labels';
import { checkHttpPath } from '../../kube/validation/path';
import { checkPort, checkPortName } from '../../kube/validation/port';
import { checkQuantity, checkRequestWithinLimit } from '../../kube/validation/quantity';
import { firstProblem } from '../core/errors';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** SecureApp props with every default applied. */
export interface AppSettings {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly portName: string;
  readonly servicePort: number;
  readonly replicas: number;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
  readonly probe: AppProbe;
  readonly metricsPort?: number;
  readonly metricsPath: string;
}

/** Apply the documented defaults (the user demo's 100m / 128Mi, 2 replicas, UID/GID 10000). */
export function appSettings(name: string, props: SecureAppProps): AppSettings {
  const cpuRequest = props.cpuRequest ?? '100m';
  const memoryRequest = props.memoryRequest ?? '128Mi';
  return {
    name,
    image: props.image,
    port: props.port,
    portName: props.portName ?? 'http',
    servicePort: props.servicePort ?? props.port,
    replicas: props.replicas ?? 2,
    runAsUser: props.runAsUser ?? WELKIN.minimumUserId,
    runAsGroup: props.runAsGroup ?? WELKIN.minimumUserId,
    cpuRequest,
    cpuLimit: props.cpuLimit ?? cpuRequest,
    memoryRequest,
    memoryLimit: props.memoryLimit ?? memoryRequest,
    probe: props.probe ?? AppProbe.http('/'),
    metricsPort: props.metrics ? props.metrics.port ?? props.port : undefined,
    metricsPath: props.metrics?.path ?? '/metrics',
  };
}

/** The first problem with the settings, or undefined. Pure, so nothing is emitted for bad input. */
export function checkAppSettings(s: AppSettings, props: SecureAppProps): string | undefined {
  return firstProblem([
    () => checkImage(s.image),
    () => checkPort(s.port, 'port'),
    () => checkPort(s.servicePort, 'service port'),
    () => checkPortName(s.portName, 'port name'),
    () => !Number.isInteger(s.replicas) || s.replicas < 1
      ? `replicas ${JSON.stringify(s.replicas)} is not a positive integer; use 2 or more (1 opts out of the PodDisruptionBudget and spreading)`
      : undefined,
    () => checkId('runAsUser', s.runAsUser) ?? checkId('runAsGroup', s.runAsGroup),
    () => checkQuantity(s.cpuRequest, 'cpu', 'cpuRequest') ?? checkQuantity(s.cpuLimit, 'cpu', 'cpuLimit')
      ?? checkQuantity(s.memoryRequest, 'memory', 'memoryRequest') ?? checkQuantity(s.memoryLimit, 'memory', 'memoryLimit')
      ?? checkRequestWithinLimit(s.cpuRequest, s.cpuLimit, 'cpu') ?? checkRequestWithinLimit(s.memoryRequest, s.memoryLimit, 'memory'),
    () => s.probe._problem(),
    () => [...Object.keys(props.env ?? {}), ...(props.secretEnv ?? []).map(e => e.name)]
      .filter(n => !ENV_NAME.test(n))
      .map(n => `environment variable name ${JSON.stringify(n)} is invalid; use letters, digits and '_', not starting with a digit`)[0],
    () => [...Object.keys(props.env ?? {}), ...(props.secretEnv ?? []).map(e => e.name)]
      .filter((n, i, all) => all.indexOf(n) !== i)
      .map(n => `environment variable ${JSON.stringify(n)} is set twice (in env and secretEnv, or twice in secretEnv); set each variable once`)[0],
    () => (props.secretEnv ?? []).map(e => checkDnsSubdomain(e.secretName, 'secret name')
      ?? (SECRET_KEY.test(e.key) ? undefined : `secret key ${JSON.stringify(e.key)} is invalid; use letters, digits, '-', '_' and '.'`))
      .find(p => p !== undefined),
    () => checkLabels(props.podLabels ?? {}, 'pod labels'),
    () => ([['instance', props.instance], ['component', props.component], ['partOf', props.partOf]] as const)
      // Empty is a valid label value, but these labels are dropped when empty while selectors keep them.
      .map(([what, v]) => v === undefined ? undefined
        : v === '' ? `${what} is empty; give a value (at most 63 letters, digits, '-', '_' or '.') or leave it out` : checkLabelValue(v, what))
      .find(p => p !== undefined),
    () => s.metricsPort === undefined ? undefined : checkPort(s.metricsPort, 'metrics port') ?? checkHttpPath(s.metricsPath, 'metrics path'),
    () => checkMetricsPortClash(s),
  ]);
}

/** A separate metrics port adds a container and Service port named `metrics`: neither its name nor its number may clash. */
function checkMetricsPortClash(s: AppSettings): string | undefined {
  if (s.metricsPort === undefined || s.metricsPort === s.port) return undefined;
  if (s.portName === 'metrics') {
    return `port name "metrics" is also the name of the separate metrics port ${s.metricsPort}; `
      + 'port names must be unique, so name the app\'s port differently (e.g. "http") or serve metrics on the app\'s port';
  }
  if (s.metricsPort === s.servicePort) {
    return `metrics port ${s.metricsPort} is also the Service port; the Service would list port ${s.metricsPort} twice, `
      + 'so choose another metrics port or servicePort';
  }
  return undefined;
}

function checkId(what: string, id: number): string | undefined {
  const min = WELKIN.minimumUserId;
  return !Number.isInteger(id) || id < min || id > 2147483647
    ? `${what} ${JSON.stringify(id)} is below ${min} or not an integer; use an ID >= ${min} so it cannot collide with a host user`
    : undefined;
}

/** The hardened pod template: restricted security contexts, probes, resources, writable /tmp, spreading. */
export function podTemplate(s: AppSettings, props: SecureAppProps, labels: { [key: string]: string },
  selector: { [key: string]: string }): k8s.PodTemplateSpec {
  const ports: k8s.ContainerPort[] = [{ name: s.portName, containerPort: s.port, protocol: 'TCP' }];
  if (s.metricsPort !== undefined && s.metricsPort !== s.port) ports.push({ name: 'metrics', containerPort: s.metricsPort, protocol: 'TCP' });
  const env: k8s.EnvVar[] = [
    ...Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value })),
    ...(props.secretEnv ?? []).map(e => ({ name: e.name, valueFrom: { secretKeyRef: { name: e.secretName, key: e.key } } })),
  ];
  return {
    metadata: {
      labels,
      annotations: s.metricsPort !== undefined
        ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(s.metricsPort), 'prometheus.io/path': s.metricsPath }
        : undefined,
    },
    spec: {
      serviceAccountName: s.name,
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: s.runAsUser, runAsGroup: s.runAsGroup, fsGroup: s.runAsGroup, seccompProfile: { type: 'RuntimeDefault' } },
      topologySpreadConstraints: s.replicas > 1 ? [{
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        // Soft, so a rollout still schedules on a cluster with fewer nodes than replicas.
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { ...selector } },
      }] : undefined,
      containers: [{
        name: s.name,
        image: s.image,
        command: props.command,
        args: props.args,
        env: env.length ? env : undefined,
        ports,
        resources: {
          requests: { cpu: k8s.Quantity.fromString(s.cpuRequest), memory: k8s.Quantity.fromString(s.memoryRequest) },
          limits: { cpu: k8s.Quantity.fromString(s.cpuLimit), memory: k8s.Quantity.fromString(s.memoryLimit) },
        },
        readinessProbe: s.probe._toProbe(s.portName, 5),
        livenessProbe: s.probe._toProbe(s.portName, 10),
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
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  };
}
