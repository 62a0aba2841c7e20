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
 * ServiceAccount, a Deployment, a ClusterIP Service and, when replicas > 1, a PodDisruptionBudget.
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
import { Construct } from 'constructs';
import { AppProbe } from './app-probe';
import { appSettings, checkAppSettings, podTemplate } from './app-settings';
import { IWorkloadRef, WorkloadIdentity } from '../../analysis/peer';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { APP_LABELS, standardLabels } from '../../kube/labels';
import { podsPeer } from '../../kube/peers';
import { Port } from '../../kube/port';
import { checkDnsLabel } from '../../kube/validation/dns';
import { assertValid, fail } from '../core/errors';
import { claimNames } from '../core/name-registry';
import { INamespaceRef, namespaceRefOf, resolveNamespace } from '../namespace/namespace-ref';
import { AppEndpoint, IPeer, Peer } from '../network/peer';
import { PolicyObject } from '../network/policy-object';
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
   * The port metrics are served on.
   * @default - the app's port
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
  /** The port the container serves on (TCP). */
  readonly port: number;
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
   * The name of the container and Service port.
   * @default "http"
   */
  readonly portName?: string;
  /**
   * The Service's port.
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
 * One workload made safe: Deployment, ServiceAccount, ClusterIP Service with a named port,
 * PodDisruptionBudget when replicas > 1, and exactly ONE NetworkPolicy named after the app holding
 * every ingress and egress rule it needs (rules added later by `allowFrom`, `allowTo` or a
 * TlsIngress land in it at synth). Its egress always includes DNS and nothing else unless declared.
 *
 * ```ts
 * const web = new SecureApp(ns, 'web', { image: 'ghcr.io/acme/web:1.4.2', port: 3000 }); // inside ns: lands in it
 * web.allowTo(api);                              // egress here AND ingress on api's policy
 * web.allowTo(Peer.internet(), Port.tcp(443));   // never private ranges or 169.254.169.254
 * ```
 */
export class SecureApp extends Construct implements IPeer, IWorkloadRef {
  /** The app's name (of every object it emits). */
  public readonly name: string;
  /** The namespace the app lives in. */
  public readonly namespace: string;
  /** The container port. */
  public readonly port: number;
  /** The container and Service port name. */
  public readonly portName: string;
  /** The Service port. */
  public readonly servicePort: number;
  /** The labels that select the app's pods (Deployment, Service and NetworkPolicy selectors). */
  public readonly selectorLabels: { [key: string]: string };
  /** The platform the app runs on. */
  public readonly platform: Platform;
  /** The NetworkPolicy named after the app. */
  public readonly networkPolicy: ApiObject;
  /** The ServiceAccount. */
  public readonly serviceAccount: ApiObject;
  /** The Deployment. */
  public readonly deployment: ApiObject;
  /** The Service. */
  public readonly service: ApiObject;
  /** The ServiceMonitor, when metrics are scraped on a platform that uses them. */
  public readonly serviceMonitor?: ApiObject;
  /** The PodDisruptionBudget, when replicas > 1. */
  public readonly podDisruptionBudget?: ApiObject;

  /**
   * The namespace as given (a construct when it is one), so helpers can order after it too.
   * @internal
   */
  public readonly _namespaceRef: INamespaceRef;
  private readonly policy: PolicyObject;
  private readonly podLabels: { [key: string]: string };

  constructor(scope: Construct, id: string, props: SecureAppProps) {
    super(scope, id);
    this.name = props.name ?? id;
    assertValid(this, checkDnsLabel(this.name, 'app name'));
    this.namespace = resolveNamespace(this, props.namespace, this);
    this._namespaceRef = namespaceRefOf(this, props.namespace) ?? { name: this.namespace };
    this.platform = props.platform ?? Platform.of(this);
    const settings = appSettings(this.name, props);
    // Validate everything and claim the names before emitting anything.
    assertValid(this, checkAppSettings(settings, props));
    if (settings.metricsPort !== undefined && this.platform.monitoringNamespace === undefined) {
      fail(this, 'metrics scraping needs the platform\'s Prometheus, and this platform has no monitoring; describe it with `monitoring` in the platform props');
    }
    const monitoring = settings.metricsPort !== undefined ? this.platform.monitoringPeer() : undefined;
    const serviceMonitor = monitoring !== undefined && this.platform.monitoringServiceMonitors;
    const kinds = ['NetworkPolicy', 'ServiceAccount', 'Deployment', 'Service', ...(serviceMonitor ? ['ServiceMonitor'] : [])];
    claimNames(this, kinds.map(kind => ({ kind, namespace: this.namespace, name: this.name })));
    attachGuardrails(this, this.platform);
    this.port = settings.port;
    this.portName = settings.portName;
    this.servicePort = settings.servicePort;

    const labels = standardLabels({ name: this.name, instance: props.instance ?? this.name, component: props.component, partOf: props.partOf });
    this.selectorLabels = { [APP_LABELS.name]: this.name, [APP_LABELS.instance]: props.instance ?? this.name };
    // Mutable on purpose: allowTo(managed service) adds its access label before synth.
    this.podLabels = { ...props.podLabels, ...labels };
    const metadata = { name: this.name, namespace: this.namespace, labels };

    this.policy = new PolicyObject(this, 'NetworkPolicy', {
      name: this.name,
      namespace: this.namespace,
      podSelector: this.selectorLabels,
      policyTypes: ['Ingress', 'Egress'],
      labels,
      network: this.platform._network(),
    });
    this.networkPolicy = this.policy.apiObject;
    const dns = this.platform.dnsPeer();
    this.policy.add('egress', [dns], dns._definition.defaultPorts!);
    if (monitoring) this.policy.add('ingress', [monitoring], [Port.tcp(settings.metricsPort!)]);

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata, automountServiceAccountToken: false });
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        replicas: settings.replicas,
        selector: { matchLabels: { ...this.selectorLabels } },
        template: podTemplate(settings, props, this.podLabels, this.selectorLabels),
      },
    });
    // Kyverno require-netpol checks at create time: the policy must exist before the pods.
    this.deployment.node.addDependency(this.networkPolicy);
    this.serviceAccount.node.addDependency(this.networkPolicy);

    const servicePorts: k8s.ServicePort[] = [{ name: this.portName, port: this.servicePort, targetPort: k8s.IntOrString.fromString(this.portName), protocol: 'TCP' }];
    if (settings.metricsPort !== undefined && settings.metricsPort !== this.port) {
      servicePorts.push({ name: 'metrics', port: settings.metricsPort, targetPort: k8s.IntOrString.fromString('metrics'), protocol: 'TCP' });
    }
    this.service = new k8s.KubeService(this, 'Service', {
      metadata,
      spec: { type: 'ClusterIP', selector: { ...this.selectorLabels }, ports: servicePorts },
    });
    this.service.node.addDependency(this.deployment);

    if (serviceMonitor) {
      // Prometheus Operator discovery; no typed class is generated for it, so a plain ApiObject.
      this.serviceMonitor = new ApiObject(this, 'ServiceMonitor', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata,
        spec: {
          selector: { matchLabels: { ...this.selectorLabels } },
          endpoints: [{ port: settings.metricsPort === this.port ? this.portName : 'metrics', path: settings.metricsPath }],
        },
      });
      this.serviceMonitor.node.addDependency(this.service);
    }

    if (settings.replicas > 1) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata,
        spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: { ...this.selectorLabels } } },
      });
    }
  }

  /**
   * The app's workload as a reachability analysis names it (`shop/api[Deployment]`), so the app
   * itself can be passed to `NetworkAnalysis.isAllowed`, `explain` and the jest matchers.
   */
  public get workloadIdentity(): WorkloadIdentity {
    return { namespace: this.namespace, name: this.name, kind: this.deployment.kind };
  }

  /** The Service's in-cluster DNS name, e.g. `api.shop.svc.cluster.local`. */
  public get serviceHost(): string {
    return `${this.name}.${this.namespace}.svc.cluster.local`;
  }

  /**
   * Admit traffic from `peer`. For another SecureApp the rule is written on both sides: ingress on
   * this app's policy and egress on the other app's policy, each in its own namespace.
   * @param peer who may connect
   * @param port the port on this app; default the app's port (TCP)
   */
  public allowFrom(peer: IPeer, port?: Port): void {
    const p = this.checkedPeer(peer, port, 'allowFrom');
    if (p._definition.egressOnly) {
      fail(this, `allowFrom(${p.description}): ${p.description} is only a destination; use allowTo(${p.description}) for connections to it`);
    }
    const ports = port ? [port] : [Port.tcp(this.port)];
    this._addIngressRule(p, ports);
    p._definition.endpoint?._addEgressRule(this.toPeer(), ports);
  }

  /**
   * Allow connections to `peer`. For another SecureApp the rule is written on both sides; for a
   * managed service the pods also get its access label.
   * @param peer where this app may connect
   * @param port the destination port; default the peer's own ports (required for pods, namespaces, CIDRs and the internet)
   */
  public allowTo(peer: IPeer, port?: Port): void {
    const p = this.checkedPeer(peer, port, 'allowTo');
    const ports = port ? [port] : p._definition.defaultPorts;
    if (!ports) {
      fail(this, `allowTo(${p.description}) has no port; name the destination port, e.g. allowTo(peer, Port.tcp(443)), because ${p.description} has no port of its own`);
    }
    this._addEgressRule(p, ports);
    Object.assign(this.podLabels, p._definition.clientLabels ?? {});
    p._definition.endpoint?._addIngressRule(this.toPeer(), ports);
  }

  /** This app's pods as a peer (port: the app's port, TCP). */
  public toPeer(): Peer {
    const labels = this.selectorLabels;
    const namespace = this.namespace;
    const endpoint: AppEndpoint = {
      path: this.node.path,
      namespaceName: namespace,
      selectorLabels: labels,
      defaultPorts: [Port.tcp(this.port)],
      _addIngressRule: (peer, ports) => this._addIngressRule(peer, ports),
      _addEgressRule: (peer, ports) => this._addEgressRule(peer, ports),
    };
    return Peer._of({
      description: `app ${namespace}/${this.name}`,
      peers: policyNamespace => [podsPeer(labels, namespace, policyNamespace)],
      defaultPorts: endpoint.defaultPorts,
      endpoint,
    });
  }

  /**
   * Add an ingress rule to this app's policy (no reverse rule).
   * @internal
   */
  public _addIngressRule(peer: Peer, ports: Port[]): void {
    this.policy.add('ingress', [peer], ports);
  }

  /**
   * Add an egress rule to this app's policy (no reverse rule).
   * @internal
   */
  public _addEgressRule(peer: Peer, ports: Port[]): void {
    this.policy.add('egress', [peer], ports);
  }

  private checkedPeer(peer: IPeer, port: Port | undefined, method: string): Peer {
    const p = peer.toPeer();
    assertValid(this, p._problem() ?? port?._problem() ?? p._problemOn(this.platform._network()), `${method}(${p.description})`);
    if (p._definition.endpoint?.path === this.node.path) {
      fail(this, `${method}(${p.description}): an app cannot be its own peer; replicas of one app reach each other only if you add Peer.pods() with its labels`);
    }
    return p;
  }
}
