/**
 * The value types of SecureApp's workload shapes: named ports, the workload kind (Deployment,
 * StatefulSet, Job, CronJob), volumes, `envFrom` sources, extra containers and autoscaling.
 */
import { AppProbe } from './app-probe';
import { Protocol } from '../../kube/protocol';
import { checkDnsLabel, checkDnsSubdomain } from '../../kube/validation/dns';
import { checkQuantity } from '../../kube/validation/quantity';
import { firstProblem } from '../core/errors';

/** A named port the app serves on. */
export interface AppPort {
  /** The container and Service port name (IANA service name, e.g. `http`, `grpc`). */
  readonly name: string;
  /** The container port. */
  readonly port: number;
  /**
   * The protocol.
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
  /**
   * The Service's port.
   * @default - the container port
   */
  readonly servicePort?: number;
}

/** A PersistentVolumeClaim template of a StatefulSet: one volume per pod, kept across restarts. */
export interface VolumeClaim {
  /** The volume's name (a DNS label); the claims are named `<name>-<app>-<ordinal>`. */
  readonly name: string;
  /** Where the volume is mounted in the main container. */
  readonly mountPath: string;
  /** The requested size, e.g. `10Gi`. */
  readonly size: string;
  /**
   * The StorageClass.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Options of a Job. */
export interface JobOptions {
  /**
   * Retries before the Job is marked failed.
   * @default 3
   */
  readonly backoffLimit?: number;
  /**
   * The longest a run may take, in seconds.
   * @default - no deadline
   */
  readonly activeDeadlineSeconds?: number;
  /**
   * Seconds after which a finished Job (and its pods) is deleted.
   * @default 86400
   */
  readonly ttlSecondsAfterFinished?: number;
}

/** Options of a CronJob (runs never overlap: `concurrencyPolicy: Forbid`). */
export interface CronJobOptions extends JobOptions {
  /** The schedule in cron format, e.g. `0 3 * * *` (03:00 every night) or `@daily`. */
  readonly schedule: string;
  /**
   * The time zone of the schedule, e.g. `Europe/Stockholm`.
   * @default - the controller's (usually UTC)
   */
  readonly timeZone?: string;
}

const CRON_FIELD = /^(\*|\?|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?)*$/;
const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** Which controller runs the app's pods. */
export class WorkloadKind {
  /** A Deployment: long-running, interchangeable replicas (the default). */
  public static deployment(): WorkloadKind {
    return new WorkloadKind('Deployment', [], undefined);
  }

  /**
   * A StatefulSet: stable pod names (`<app>-0`, `<app>-1`, ...) with a DNS name each through a
   * headless Service, and a volume per pod from each claim template.
   * @param volumeClaims the per-pod volumes (each with a size)
   */
  public static statefulSet(volumeClaims: VolumeClaim[]): WorkloadKind {
    return new WorkloadKind('StatefulSet', [...(volumeClaims ?? [])], undefined);
  }

  /** A Job: runs to completion; no Service, no PodDisruptionBudget, egress only. */
  public static job(options?: JobOptions): WorkloadKind {
    return new WorkloadKind('Job', [], { ...options });
  }

  /** A CronJob: a Job on a schedule; no Service, no PodDisruptionBudget, egress only. */
  public static cronJob(options: CronJobOptions): WorkloadKind {
    return new WorkloadKind('CronJob', [], { ...options });
  }

  /** `Deployment`, `StatefulSet`, `Job` or `CronJob`. */
  public readonly kind: string;
  /** @internal */
  public readonly _volumeClaims: VolumeClaim[];
  /** @internal */
  public readonly _job?: JobOptions & { schedule?: string; timeZone?: string };

  private constructor(kind: string, volumeClaims: VolumeClaim[], job: (JobOptions & { schedule?: string; timeZone?: string }) | undefined) {
    this.kind = kind;
    this._volumeClaims = volumeClaims;
    this._job = job;
  }

  /** Runs to completion (Job, CronJob): no ports, no Service, no replicas. @internal */
  public get _runsToCompletion(): boolean {
    return this.kind === 'Job' || this.kind === 'CronJob';
  }

  /** @internal */
  public _problem(): string | undefined {
    const job = this._job;
    return firstProblem([
      () => this._volumeClaims.map((c, i) => checkVolumeClaim(c, i)).find(p => p !== undefined),
      () => this._volumeClaims.map(c => c.name).find((n, i, all) => all.indexOf(n) !== i) !== undefined
        ? 'two volume claims have the same name; name each claim once' : undefined,
      () => job === undefined ? undefined
        : (['backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished'] as const)
          .map(k => job[k] === undefined || (Number.isInteger(job[k]) && job[k]! >= (k === 'activeDeadlineSeconds' ? 1 : 0)) ? undefined
            : `${k} ${JSON.stringify(job[k])} is not a ${k === 'activeDeadlineSeconds' ? 'positive' : 'non-negative'} integer`)
          .find(p => p !== undefined),
      () => this.kind !== 'CronJob' ? undefined : checkSchedule(job!.schedule!),
      () => job?.timeZone === undefined || TIME_ZONE.test(job.timeZone) ? undefined
        : `time zone ${JSON.stringify(job.timeZone)} is not a tz database name; use e.g. "Europe/Stockholm" or "UTC"`,
    ]);
  }
}

function checkVolumeClaim(c: VolumeClaim, i: number): string | undefined {
  if (!c || typeof c !== 'object') return `volume claim ${i} is not an object; give { name, mountPath, size }`;
  return checkDnsLabel(c.name, 'volume claim name')
    ?? checkMountPath(c.mountPath)
    ?? (c.size === undefined || c.size === '' ? `volume claim ${JSON.stringify(c.name)} has no storage size; give \`size\`, e.g. "10Gi"` : checkQuantity(c.size, 'memory', `volume claim ${JSON.stringify(c.name)} size`))
    ?? (c.storageClassName !== undefined ? checkDnsSubdomain(c.storageClassName, 'storage class name') : undefined);
}

function checkSchedule(schedule: string): string | undefined {
  const shown = JSON.stringify(schedule);
  if (typeof schedule !== 'string' || schedule.trim() === '') return 'the CronJob has no schedule; give one in cron format, e.g. "0 3 * * *"';
  if (schedule.length > 100) return `schedule ${shown.slice(0, 100)}... is too long; use five cron fields, e.g. "0 3 * * *"`;
  if (CRON_MACROS.includes(schedule)) return undefined;
  const fields = schedule.split(' ');
  if (fields.length !== 5 || !fields.every(f => CRON_FIELD.test(f))) {
    return `schedule ${shown} is not five cron fields (minute hour day-of-month month day-of-week) separated by single spaces; `
      + `use e.g. "0 3 * * *", or one of ${CRON_MACROS.join(', ')}`;
  }
  return undefined;
}

/** An absolute mount path of plain characters. */
export function checkMountPath(path: string, what: string = 'mount path'): string | undefined {
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._/-]*$/.test(path) || path.length > 1024 || /(^|\/)\.\.(\/|$)/.test(path)) {
    return `${what} ${JSON.stringify(typeof path === 'string' ? path.slice(0, 100) : path)} is not an absolute path of letters, digits, '.', '_', '-' and '/' (without '..'); use e.g. "/data"`;
  }
  return undefined;
}

/** A volume mounted into a container, from an existing ConfigMap, Secret or PersistentVolumeClaim. */
export class AppVolume {
  /**
   * The keys of a ConfigMap as files (read-only).
   * @param configMapName the ConfigMap, in the app's namespace
   * @param mountPath where to mount it
   */
  public static configMap(configMapName: string, mountPath: string): AppVolume {
    return new AppVolume('configMap', configMapName, mountPath, true);
  }

  /**
   * The keys of a Secret as files (read-only, mode 0400). The Secret is only referenced.
   * @param secretName the Secret, in the app's namespace
   * @param mountPath where to mount it
   */
  public static secret(secretName: string, mountPath: string): AppVolume {
    return new AppVolume('secret', secretName, mountPath, true);
  }

  /**
   * An existing PersistentVolumeClaim.
   * @param claimName the claim, in the app's namespace
   * @param mountPath where to mount it
   * @param readOnly mount it read-only; default false
   */
  public static persistentVolumeClaim(claimName: string, mountPath: string, readOnly?: boolean): AppVolume {
    return new AppVolume('persistentVolumeClaim', claimName, mountPath, readOnly ?? false);
  }

  /** `configMap`, `secret` or `persistentVolumeClaim`. */
  public readonly source: string;
  /** The ConfigMap, Secret or claim name. */
  public readonly sourceName: string;
  /** Where it is mounted. */
  public readonly mountPath: string;
  /** Mounted read-only. */
  public readonly readOnly: boolean;

  private constructor(source: string, sourceName: string, mountPath: string, readOnly: boolean) {
    this.source = source;
    this.sourceName = sourceName;
    this.mountPath = mountPath;
    this.readOnly = readOnly;
  }

  /** The pod volume's name: the source kind and name, so one source mounted twice is one volume. @internal */
  public get _volumeName(): string {
    const prefix = { configMap: 'cm', secret: 'secret', persistentVolumeClaim: 'pvc' }[this.source] ?? 'vol';
    return `${prefix}-${this.sourceName}`.replace(/\./g, '-').slice(0, 63).replace(/-+$/, '');
  }

  /** @internal */
  public _problem(): string | undefined {
    const what = { configMap: 'ConfigMap name', secret: 'Secret name', persistentVolumeClaim: 'claim name' }[this.source] ?? 'volume source';
    return checkDnsSubdomain(this.sourceName, what) ?? checkMountPath(this.mountPath);
  }
}

/** All keys of a ConfigMap or Secret as environment variables (`envFrom`). */
export class EnvFrom {
  /**
   * Every key of a ConfigMap.
   * @param configMapName the ConfigMap, in the app's namespace
   * @param prefix prepended to each variable name; default none
   */
  public static configMap(configMapName: string, prefix?: string): EnvFrom {
    return new EnvFrom('configMap', configMapName, prefix);
  }

  /**
   * Every key of a Secret (only referenced).
   * @param secretName the Secret, in the app's namespace
   * @param prefix prepended to each variable name; default none
   */
  public static secret(secretName: string, prefix?: string): EnvFrom {
    return new EnvFrom('secret', secretName, prefix);
  }

  /** `configMap` or `secret`. */
  public readonly source: string;
  /** The ConfigMap or Secret name. */
  public readonly sourceName: string;
  /** The variable name prefix. */
  public readonly prefix?: string;

  private constructor(source: string, sourceName: string, prefix: string | undefined) {
    this.source = source;
    this.sourceName = sourceName;
    this.prefix = prefix;
  }

  /** @internal */
  public _problem(): string | undefined {
    return checkDnsSubdomain(this.sourceName, this.source === 'secret' ? 'envFrom Secret name' : 'envFrom ConfigMap name')
      ?? (this.prefix === undefined || /^[A-Za-z_][A-Za-z0-9_]*$/.test(this.prefix) ? undefined
        : `envFrom prefix ${JSON.stringify(this.prefix)} is invalid; use letters, digits and '_', not starting with a digit`);
  }
}

/** An extra container of the pod (sidecar or init container), hardened like the main one. */
export interface ContainerOptions {
  /** The container's name (a DNS label, unique in the pod). */
  readonly name: string;
  /** The image, pinned by a tag other than `latest` or by a digest. */
  readonly image: string;
  /**
   * Command.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's
   */
  readonly args?: string[];
  /**
   * Plain environment variables.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Every key of ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Volumes mounted into this container (a source mounted by several containers is one volume).
   * @default - none (besides a writable /tmp)
   */
  readonly volumes?: AppVolume[];
  /**
   * Named ports (sidecars only): listed on the container and the Service, reachable with `Port.named`.
   * @default - none
   */
  readonly ports?: AppPort[];
  /**
   * Readiness and liveness probe (sidecars only; init containers have none).
   * @default - a TCP probe on the first port; a sidecar without ports must give one (e.g. `AppProbe.exec`)
   */
  readonly probe?: AppProbe;
  /**
   * CPU request.
   * @default "50m"
   */
  readonly cpuRequest?: string;
  /**
   * CPU limit.
   * @default - the CPU request
   */
  readonly cpuLimit?: string;
  /**
   * Memory request.
   * @default "64Mi"
   */
  readonly memoryRequest?: string;
  /**
   * Memory limit.
   * @default - the memory request
   */
  readonly memoryLimit?: string;
}

/** A HorizontalPodAutoscaler on CPU utilisation. */
export interface AutoscalingOptions {
  /**
   * The fewest replicas (at least 2, so the PodDisruptionBudget always leaves one running).
   * @default 2
   */
  readonly minReplicas?: number;
  /** The most replicas. */
  readonly maxReplicas: number;
  /**
   * The average CPU utilisation to keep, in percent of the request.
   * @default 80
   */
  readonly cpuUtilization?: number;
}
