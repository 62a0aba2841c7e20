/**
 * SecureApp: one workload made safe, and the centre of the library's API. Usage:
 *
 * ```ts
 * import { App, Chart } from 'cdk8s';
 * import { DefaultDenyNamespace, ManagedService, Peer, Platform, Port, SecureApp, TlsIngress } from 'cdk8s-netsec';
 *
 * const app = new App();
 * const chart = new Chart(app, 'shop');
 * Platform.welkin({ domain: 'example.com' }).registerOn(chart);   // or pass `platform` to each construct
 *
 * const ns = new DefaultDenyNamespace(chart, 'shop');              // default-deny + allow-dns, PSS restricted
 * const web = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.4.2', port: 3000 }); // inside ns: lands in it
 * const api = new SecureApp(ns, 'api', { image: 'ghcr.io/acme/api:2.0.1', port: 8080, metrics: {} });
 *
 * web.allowTo(api);                                               // egress on web's policy AND ingress on api's
 * api.allowTo(ManagedService.postgresql('postgresql1'));         // egress to postgres-system on TCP 5432
 * api.allowTo(Peer.internet(), Port.tcp(443));                    // never 10/8, 172.16/12, 192.168/16, 169.254/16
 * const ingress = new TlsIngress(chart, 'web-ingress', { app: web, host: 'shop.example.com' });
 * ingress.dnsRecord;                                              // 'shop.example.com. 900 CNAME app.example.com.'
 * app.synth();
 * ```
 *
 * Each SecureApp emits, in its namespace and named after the app: a NetworkPolicy (first), a
 * ServiceAccount, the workload (a Deployment by default; a StatefulSet, Job or CronJob with
 * `workload`), a ClusterIP Service when it has ports (headless for a StatefulSet) and, when
 * replicas > 1, a PodDisruptionBudget (and a HorizontalPodAutoscaler with `autoscaling`).
 *
 * A worker (no `port`/`ports`) and every Job and CronJob get no Service, and a policy that admits
 * nothing, annotated `cdk8s-netsec.io/ingress: none` so the rule pack knows it is on purpose.
 *
 * DNS: the app's own policy always carries the DNS egress rule (one element combining
 * `namespaceSelector kube-system` AND `podSelector k8s-app=kube-dns`, UDP and TCP 53, plus the
 * platform's DNS CIDRs). The namespace's `allow-dns` policy carries the same rule for every other
 * pod (cert-manager solvers, sidecar-less helpers). Keeping it in the app's policy too makes the
 * policy self-contained (the app still resolves names in a namespace this library did not create)
 * and gives every app policy at least one egress rule (R3). Nothing else leaves the pod unless
 * declared with `allowTo`.
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { AppProbe } from './app-probe';
import { appSettings, AppSettings, checkAppSettings, podTemplate } from './app-settings';
import { _NetworkedWorkload, WorkloadNetwork } from './workload-network';
import { AppPort, AppVolume, AutoscalingOptions, ContainerOptions, EnvFrom, WorkloadKind } from './workload-options';
import { IWorkloadRef, WorkloadIdentity } from '../../analysis/peer';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { APP_LABELS, standardLabels } from '../../kube/labels';
import { Port } from '../../kube/port';
import { Protocol } from '../../kube/protocol';
import { checkDnsLabel } from '../../kube/validation/dns';
import { assertValid, fail } from '../core/errors';
import { claimNames } from '../core/name-registry';
import { INamespaceRef, namespaceRefOf, resolveNamespace } from '../namespace/namespace-ref';
import { IPeer, Peer } from '../network/peer';
import { Platform } from '../platform/platform';

/** An environment variable read from a key of an existing Secret (the Secret is only referenced). */
export interface SecretEnvVar {
  /** The environment variable's name. */
  readonly name: string;
  /** The Secret's name, in the app's namespace. */
  readonly secretName: string;
  /** The key within the Secret. */
  readonly key: string;
}

/** Scraping of the app's metrics by the platform's Prometheus. */
export interface MetricsOptions {
  /**
   * The port metrics are served on (TCP); one of the app's ports, or a separate port named `metrics`.
   * @default - the app's default port
   */
  readonly port?: number;
  /**
   * The metrics path.
   * @default "/metrics"
   */
  readonly path?: string;
}

/** Props of SecureApp. */
export interface SecureAppProps {
  /** The container image, pinned by a tag other than `latest` or by a digest. */
  readonly image: string;
  /**
   * The port the container serves on (TCP), named `portName`. For several ports use `ports`.
   * @default - no port: a worker that receives no connections (unless `ports` is given)
   */
  readonly port?: number;
  /**
   * Named ports (TCP, UDP, SCTP); the Service, probes and metrics follow them. Not with `port`.
   * @default - the single `port`
   */
  readonly ports?: AppPort[];
  /**
   * The name of the port peers use when a rule names none (and the probes use).
   * @default - the first port
   */
  readonly defaultPort?: string;
  /**
   * Which controller runs the pods.
   * @default WorkloadKind.deployment()
   */
  readonly workload?: WorkloadKind;
  /**
   * Volumes from existing ConfigMaps, Secrets and PersistentVolumeClaims, mounted in the main container.
   * @default - none
   */
  readonly volumes?: AppVolume[];
  /**
   * Every key of ConfigMaps or Secrets as environment variables.
   * @default - none
   */
  readonly envFrom?: EnvFrom[];
  /**
   * Sidecar containers, hardened like the main one.
   * @default - none
   */
  readonly sidecars?: ContainerOptions[];
  /**
   * Init containers, hardened like the main one.
   * @default - none
   */
  readonly initContainers?: ContainerOptions[];
  /**
   * A HorizontalPodAutoscaler (Deployments and StatefulSets); `replicas` becomes its minimum.
   * @default - a fixed number of replicas
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Size limit of the writable `/tmp` (a disk-backed emptyDir the cluster-autoscaler may discard:
   * the pods carry `cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes: tmp`).
   * @default "256Mi"
   */
  readonly tmpSize?: string;
  /**
   * The app's name: the name of every object it emits, and `app.kubernetes.io/name`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The namespace.
   * @default - the chart's namespace (an error if the chart has none)
   */
  readonly namespace?: INamespaceRef;
  /**
   * The platform.
   * @default - `Platform.of(this)`
   */
  readonly platform?: Platform;
  /**
   * The name of `port`.
   * @default "http"
   */
  readonly portName?: string;
  /**
   * The Service's port for `port`.
   * @default - the container port
   */
  readonly servicePort?: number;
  /**
   * Replicas. With more than one, a PodDisruptionBudget (maxUnavailable 1) is emitted and pods
   * are spread across nodes; 1 is the explicit opt-out.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * CPU request.
   * @default "100m"
   */
  readonly cpuRequest?: string;
  /**
   * CPU limit.
   * @default - the CPU request
   */
  readonly cpuLimit?: string;
  /**
   * Memory request.
   * @default "128Mi"
   */
  readonly memoryRequest?: string;
  /**
   * Memory limit.
   * @default - the memory request
   */
  readonly memoryLimit?: string;
  /**
   * Readiness and liveness probe.
   * @default AppProbe.http('/')
   */
  readonly probe?: AppProbe;
  /**
   * UID the container runs as (>= 10000).
   * @default 10000
   */
  readonly runAsUser?: number;
  /**
   * GID the container runs as (>= 10000), also the fsGroup.
   * @default 10000
   */
  readonly runAsGroup?: number;
  /**
   * Container arguments.
   * @default - the image's
   */
  readonly args?: string[];
  /**
   * Container command.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Plain environment variables.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Environment variables from Secrets.
   * @default - none
   */
  readonly secretEnv?: SecretEnvVar[];
  /**
   * Scraping by the platform's Prometheus: admits it on the metrics port, annotates the pods and,
   * where the platform uses the Prometheus Operator (Welkin), emits a ServiceMonitor.
   * @default - not scraped
   */
  readonly metrics?: MetricsOptions;
  /**
   * `app.kubernetes.io/instance`.
   * @default - the app's name
   */
  readonly instance?: string;
  /**
   * `app.kubernetes.io/component`, e.g. `frontend`.
   * @default - none
   */
  readonly component?: string;
  /**
   * `app.kubernetes.io/part-of`, e.g. the product's name.
   * @default - none
   */
  readonly partOf?: string;
  /**
   * Extra pod labels (not used in selectors).
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
}

/**
 * One workload made safe: the workload (Deployment by default), ServiceAccount, ClusterIP Service
 * with named ports, PodDisruptionBudget when replicas > 1, and exactly ONE NetworkPolicy named after
 * the app holding every ingress and egress rule it needs (rules added later by `allowFrom`,
 * `allowTo` or a TlsIngress land in it at synth). Its egress always includes DNS and nothing else
 * unless declared.
 *
 * ```ts
 * const web = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.4.2', port: 3000 }); // inside ns: lands in it
 * web.allowTo(api);                              // egress here AND ingress on api's policy
 * web.allowTo(Peer.internet(), Port.tcp(443));   // never private ranges or 169.254.169.254
 * ```
 */
export class SecureApp extends _NetworkedWorkload implements IPeer, IWorkloadRef {
  /** The app's name (of every object it emits). */
  public readonly name: string;
  /** The namespace the app lives in. */
  public readonly namespace: string;
  /**
   * The default port's container port.
   * @default - undefined for a worker, Job or CronJob
   */
  public readonly port?: number;
  /**
   * The default port's name.
   * @default - undefined for a worker, Job or CronJob
   */
  public readonly portName?: string;
  /**
   * The default port's Service port.
   * @default - undefined for a worker, Job or CronJob
   */
  public readonly servicePort?: number;
  /** Every port of the pod, with defaults applied (protocol, service port). */
  public readonly ports: AppPort[];
  /** The labels that select the app's pods (workload, Service and NetworkPolicy selectors). */
  public readonly selectorLabels: { [key: string]: string };
  /** The platform the app runs on. */
  public readonly platform: Platform;
  /** The NetworkPolicy named after the app. */
  public readonly networkPolicy: ApiObject;
  /** The ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The Deployment, StatefulSet, Job or CronJob. */
  public readonly workload: ApiObject;
  /**
   * The Service (headless for a StatefulSet).
   * @default - undefined for a worker, Job or CronJob
   */
  public readonly service?: ApiObject;
  /** The ServiceMonitor, when metrics are scraped on a platform that uses them. */
  public readonly serviceMonitor?: ApiObject;
  /** The PodDisruptionBudget, when replicas > 1. */
  public readonly podDisruptionBudget?: ApiObject;
  /** The HorizontalPodAutoscaler, with `autoscaling`. */
  public readonly horizontalPodAutoscaler?: ApiObject;

  /**
   * The namespace as given (a construct when it is one), so helpers can order after it too.
   * @internal
   */
  public readonly _namespaceRef: INamespaceRef;
  /** @internal */
  protected readonly _network: WorkloadNetwork;
  private readonly podLabels: { [key: string]: string };
  private readonly defaultPorts: Port[];

  constructor(scope: Construct, id: string, props: SecureAppProps) {
    super(scope, id);
    this.name = props.name ?? id;
    assertValid(this, checkDnsLabel(this.name, 'app name'));
    this.namespace = resolveNamespace(this, props.namespace, this);
    this._namespaceRef = namespaceRefOf(this, props.namespace) ?? { name: this.namespace };
    this.platform = props.platform ?? Platform.of(this);
    const { settings, problem } = appSettings(this.name, props);
    // Validate everything and claim the names before emitting anything.
    assertValid(this, problem ?? checkAppSettings(settings, props));
    if (settings.metricsPort !== undefined && this.platform.monitoringNamespace === undefined) {
      fail(this, 'metrics scraping needs the platform\'s Prometheus, and this platform has no monitoring; describe it with `monitoring` in the platform props');
    }
    const kind = settings.kind.kind;
    // A StatefulSet always has its governing (headless) Service: it gives each pod a stable DNS name.
    const hasService = settings.ports.length > 0 || kind === 'StatefulSet';
    const monitoring = settings.metricsPort !== undefined ? this.platform.monitoringPeer() : undefined;
    const serviceMonitor = monitoring !== undefined && this.platform.monitoringServiceMonitors;
    const kinds = ['NetworkPolicy', 'ServiceAccount', kind, ...(hasService ? ['Service'] : []), ...(serviceMonitor ? ['ServiceMonitor'] : []),
      ...(settings.autoscaling ? ['HorizontalPodAutoscaler'] : [])];
    claimNames(this, kinds.map(k => ({ kind: k, namespace: this.namespace, name: this.name })));
    attachGuardrails(this, this.platform);
    const def = settings.defaultPort;
    this.port = def?.port;
    this.portName = def?.name;
    this.servicePort = def?.servicePort;
    this.ports = settings.ports.map(p => ({ name: p.name, port: p.port, protocol: p.protocol, servicePort: p.servicePort }));
    this.defaultPorts = def ? [Port._of(def.protocol, def.port)] : [];

    const labels = standardLabels({ name: this.name, instance: props.instance ?? this.name, component: props.component, partOf: props.partOf });
    this.selectorLabels = { [APP_LABELS.name]: this.name, [APP_LABELS.instance]: props.instance ?? this.name };
    // Mutable on purpose: allowTo(managed service) adds its access label before synth.
    this.podLabels = { ...props.podLabels, ...labels };
    const metadata = { name: this.name, namespace: this.namespace, labels };

    this._network = new WorkloadNetwork(this, {
      name: this.name,
      namespace: this.namespace,
      platform: this.platform,
      selectorLabels: this.selectorLabels,
      policyLabels: labels,
      defaultPorts: this.defaultPorts,
      noIngress: def === undefined && monitoring === undefined,
      addPodLabels: l => Object.assign(this.podLabels, l),
    });
    this.networkPolicy = this._network.policy.apiObject;
    if (monitoring) this._network.policy.add('ingress', [monitoring], [Port.tcp(settings.metricsPort!)]);

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata, automountServiceAccountToken: false });
    const template = podTemplate(settings, props, this.podLabels, this.selectorLabels);
    this.workload = workloadObject(this, settings, metadata, template, this.selectorLabels);
    // Kyverno require-netpol checks at create time: the policy must exist before the pods.
    this.workload.node.addDependency(this.networkPolicy);
    this.serviceAccount.node.addDependency(this.networkPolicy);

    if (hasService) {
      this.service = new k8s.KubeService(this, 'Service', {
        metadata,
        spec: {
          type: 'ClusterIP',
          // A StatefulSet's governing Service is headless: each pod gets its own DNS name.
          clusterIp: kind === 'StatefulSet' ? 'None' : undefined,
          selector: { ...this.selectorLabels },
          ports: settings.ports.length
            ? settings.ports.map(p => ({ name: p.name, port: p.servicePort, targetPort: k8s.IntOrString.fromString(p.name), protocol: p.protocol }))
            : undefined,
        },
      });
      this.service.node.addDependency(this.workload);
    }

    if (serviceMonitor) {
      // Prometheus Operator discovery; no typed class is generated for it, so a plain ApiObject.
      this.serviceMonitor = new ApiObject(this, 'ServiceMonitor', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata,
        spec: {
          selector: { matchLabels: { ...this.selectorLabels } },
          endpoints: [{ port: settings.metricsPortName, path: settings.metricsPath }],
        },
      });
      if (this.service) this.serviceMonitor.node.addDependency(this.service);
    }

    if (!settings.kind._runsToCompletion && settings.replicas > 1) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata,
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: { ...this.selectorLabels } } },
      });
    }
    if (settings.autoscaling) {
      const a = settings.autoscaling;
      this.horizontalPodAutoscaler = new k8s.KubeHorizontalPodAutoscalerV2(this, 'HorizontalPodAutoscaler', {
        metadata,
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind, name: this.name },
          minReplicas: a.minReplicas,
          maxReplicas: a.maxReplicas,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.cpuUtilization } } }],
        },
      });
      this.horizontalPodAutoscaler.node.addDependency(this.workload);
    }
  }

  /**
   * The workload.
   * @deprecated use `workload` (a StatefulSet, Job or CronJob is not a Deployment)
   */
  public get deployment(): ApiObject {
    return this.workload;
  }

  /**
   * The app's workload as a reachability analysis names it (`shop/api[Deployment]`), so the app
   * itself can be passed to `NetworkAnalysis.isAllowed`, `explain` and the jest matchers.
   */
  public get workloadIdentity(): WorkloadIdentity {
    return { namespace: this.namespace, name: this.name, kind: this.workload.kind };
  }

  /** The Service's in-cluster DNS name, e.g. `api.shop.svc.cluster.local`. */
  public get serviceHost(): string {
    return `${this.name}.${this.namespace}.svc.cluster.local`;
  }

  /**
   * The stable DNS name of one pod of a StatefulSet, e.g. `cache-0.cache.shop.svc.cluster.local`.
   * @param ordinal the pod's ordinal (0 for the first)
   */
  public podHost(ordinal: number): string {
    if (this.workload.kind !== 'StatefulSet' || !Number.isInteger(ordinal) || ordinal < 0) {
      fail(this, `podHost(${ordinal}): only a StatefulSet's pods have stable names, numbered from 0`);
    }
    return `${this.name}-${ordinal}.${this.name}.${this.namespace}.svc.cluster.local`;
  }

  /**
   * Add an ingress rule to this app's policy (no reverse rule).
   * @internal
   */
  public _addIngressRule(peer: Peer, ports: Port[]): void {
    this._network.addIngressRule(peer, ports);
  }

  /**
   * Add an egress rule to this app's policy (no reverse rule).
   * @internal
   */
  public _addEgressRule(peer: Peer, ports: Port[]): void {
    this._network.addEgressRule(peer, ports);
  }

  /**
   * The default port as an Ingress backend (TCP), or an error naming `what` (e.g. a TlsIngress).
   * @internal
   */
  public _httpBackend(scope: IConstruct): { servicePort: number; port: Port } {
    const p = this.ports.find(x => x.name === this.portName);
    if (!p || p.protocol !== Protocol.TCP) {
      fail(scope, `app ${this.namespace}/${this.name} has no TCP default port for an Ingress to route to; `
        + 'give it `port` (or `ports` with a TCP `defaultPort`)');
    }
    return { servicePort: p.servicePort!, port: Port.tcp(p.port) };
  }
}

/** The Deployment, StatefulSet, Job or CronJob around the pod template. */
function workloadObject(scope: Construct, s: AppSettings, metadata: k8s.ObjectMeta, template: k8s.PodTemplateSpec,
  selector: { [key: string]: string }): ApiObject {
  const kind = s.kind;
  const job = kind._job;
  const jobSpec = (): k8s.JobSpec => ({
    backoffLimit: job?.backoffLimit ?? 3,
    activeDeadlineSeconds: job?.activeDeadlineSeconds,
    ttlSecondsAfterFinished: job?.ttlSecondsAfterFinished ?? 86400,
    template,
  });
  switch (kind.kind) {
    case 'StatefulSet':
      return new k8s.KubeStatefulSet(scope, 'StatefulSet', {
        metadata,
        spec: {
          replicas: s.replicas,
          serviceName: s.name,
          selector: { matchLabels: { ...selector } },
          template,
          volumeClaimTemplates: kind._volumeClaims.length ? kind._volumeClaims.map(c => ({
            metadata: { name: c.name },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: c.storageClassName,
              resources: { requests: { storage: k8s.Quantity.fromString(c.size) } },
            },
          })) : undefined,
        },
      });
    case 'Job':
      return new k8s.KubeJob(scope, 'Job', { metadata, spec: jobSpec() });
    case 'CronJob':
      return new k8s.KubeCronJob(scope, 'CronJob', {
        metadata,
        spec: {
          schedule: job!.schedule ?? '',
          timeZone: job!.timeZone,
          concurrencyPolicy: 'Forbid',
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          jobTemplate: { metadata: { labels: metadata.labels }, spec: jobSpec() },
        },
      });
    default:
      return new k8s.KubeDeployment(scope, 'Deployment', {
        metadata,
        spec: { replicas: s.replicas, selector: { matchLabels: { ...selector } }, template },
      });
  }
}
