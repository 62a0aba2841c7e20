import { IConstruct } from 'constructs';
import { PlatformGateway } from './gateway';
import { IngressController } from './ingress-controller';
import { ClusterProfile, PlatformWorkload } from '../../analysis/cluster-profile';
import { ClusterNetwork } from '../../kube/address-blocks';
import { ipBlockPeer, namespaceSelector } from '../../kube/peers';
import { WELKIN, workloadCopy } from '../../kube/platform';
import { Port } from '../../kube/port';
import { LabelSelector } from '../../kube/selectors';
import { checkCidrs, checkNetworkFacts } from '../../kube/validation/cidr';
import { checkHost, checkDnsLabel } from '../../kube/validation/dns';
import { checkLabels } from '../../kube/validation/labels';
import { fail } from '../core/errors';
import { knownCidr, Peer } from '../network/peer';

/** The cluster DNS: where pods resolve names. */
export interface PlatformDnsProps {
  /**
   * Namespace of the DNS pods.
   * @default "kube-system"
   */
  readonly namespace?: string;
  /**
   * Labels of the DNS pods.
   * @default { "k8s-app": "kube-dns" }
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Extra CIDRs DNS answers from, e.g. the cluster DNS service IP as a /32 where node-local DNS
   * answers on it (kubespray `10.233.0.3/32`, Cluster API `10.233.0.10/32`).
   * @default - none
   */
  readonly cidrs?: string[];
}

/** The platform's Prometheus, which scrapes apps that ask for it. */
export interface PlatformMonitoringProps {
  /**
   * Namespace of the Prometheus pods.
   * @default "monitoring"
   */
  readonly namespace?: string;
  /**
   * Labels of the Prometheus pods.
   * @default { "app.kubernetes.io/name": "prometheus" }
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Prometheus is run by the Prometheus Operator and discovers targets through ServiceMonitors,
   * so apps that ask for scraping get one.
   * @default - true for Platform.welkin, false for Platform.custom
   */
  readonly serviceMonitors?: boolean;
}

/** Everything a Platform knows; used by `Platform.custom` for any cluster. */
export interface PlatformProps {
  /** The ingress controller, by pods or by node CIDRs. */
  readonly ingressController: IngressController;
  /** The IngressClass Ingresses use. */
  readonly ingressClassName: string;
  /** The name public hosts CNAME to (the ingress controller's load balancer), e.g. `app.example.com`. */
  readonly appDomain: string;
  /**
   * The domain internal-only hosts live under (served through the internal load balancer).
   * @default - none: InternalIngress cannot be used
   */
  readonly internalDomain?: string;
  /**
   * The production ClusterIssuer.
   * @default - none: TLS constructs need an explicit issuer
   */
  readonly productionIssuer?: string;
  /**
   * The staging ClusterIssuer (for non-production; generous rate limits, untrusted certificates).
   * @default - none
   */
  readonly stagingIssuer?: string;
  /**
   * The cluster DNS.
   * @default - kube-system pods labelled k8s-app=kube-dns, no extra CIDRs
   */
  readonly dns?: PlatformDnsProps;
  /**
   * The platform's Prometheus.
   * @default - none: SecureApp metrics scraping cannot be used
   */
  readonly monitoring?: PlatformMonitoringProps;
  /**
   * The Gateway (Gateway API) app teams attach HTTPS routes to.
   * @default - none: HttpsRoute cannot be used
   */
  readonly gateway?: PlatformGateway;
  /**
   * The Gateway serving internal-only hosts.
   * @default - the `gateway`
   */
  readonly internalGateway?: PlatformGateway;
  /**
   * The private ranges of the cluster's network (the default allowlist of internal ingresses).
   * @default - RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16
   */
  readonly privateRanges?: string[];
  /**
   * The ranges pods get their addresses from: never "the internet", and peer blocks may not reach
   * them without `allowInternalAddresses`.
   * @default - none beyond the private ranges
   */
  readonly podCidrs?: string[];
  /**
   * The ranges Services get their cluster IPs from (treated like `podCidrs`).
   * @default - none beyond the private ranges
   */
  readonly serviceCidrs?: string[];
}

/** The documented Welkin values; only the domain is required, everything else can be overridden. */
export interface WelkinPlatformProps {
  /** The cluster's domain ($DOMAIN), e.g. `example.com`. */
  readonly domain: string;
  /**
   * The ingress controller.
   * @default - pods in `ingress-nginx` labelled app.kubernetes.io/name=ingress-nginx, component=controller, instance=ingress-nginx
   */
  readonly ingressController?: IngressController;
  /**
   * The IngressClass.
   * @default "nginx"
   */
  readonly ingressClassName?: string;
  /**
   * Where public hosts CNAME to.
   * @default "app.<domain>"
   */
  readonly appDomain?: string;
  /**
   * Where internal hosts live.
   * @default "internal.<domain>"
   */
  readonly internalDomain?: string;
  /**
   * The production ClusterIssuer.
   * @default "letsencrypt-prod"
   */
  readonly productionIssuer?: string;
  /**
   * The staging ClusterIssuer.
   * @default "letsencrypt-staging"
   */
  readonly stagingIssuer?: string;
  /**
   * The cluster DNS.
   * @default - kube-system pods labelled k8s-app=kube-dns, no extra CIDRs
   */
  readonly dns?: PlatformDnsProps;
  /**
   * The platform's Prometheus.
   * @default - pods in `monitoring` labelled app.kubernetes.io/name=prometheus
   */
  readonly monitoring?: PlatformMonitoringProps;
  /**
   * The Gateway (Gateway API) app teams attach HTTPS routes to.
   * @default - none: HttpsRoute cannot be used
   */
  readonly gateway?: PlatformGateway;
  /**
   * The Gateway serving internal-only hosts.
   * @default - the `gateway`
   */
  readonly internalGateway?: PlatformGateway;
  /**
   * The private ranges.
   * @default - RFC 1918
   */
  readonly privateRanges?: string[];
  /**
   * The pod ranges.
   * @default - Kubespray's 10.233.64.0/18
   */
  readonly podCidrs?: string[];
  /**
   * The service ranges.
   * @default - Kubespray's 10.233.0.0/18
   */
  readonly serviceCidrs?: string[];
}

const registry = new WeakMap<IConstruct, Platform>();

/**
 * The facts of the cluster an app lands on: ingress controller, ingress class, cert-manager issuers,
 * DNS, monitoring, domains and private ranges. Pass it to constructs as `platform`, or register it
 * once on a chart (or the app) with `registerOn` and every construct below finds it.
 */
export class Platform {
  /** Welkin (Elastisys Compliant Kubernetes) with its documented defaults. */
  public static welkin(props: WelkinPlatformProps): Platform {
    const domainProblem = checkHost(props.domain, { allowApex: true, what: 'domain' });
    if (domainProblem) throw new Error(`Platform.welkin: ${domainProblem}`);
    return new Platform({
      ingressController: props.ingressController
        ?? IngressController.pods(WELKIN.ingressController.namespace, { ...WELKIN.ingressController.podLabels }),
      ingressClassName: props.ingressClassName ?? WELKIN.ingressController.className,
      appDomain: props.appDomain ?? `${WELKIN.subdomains.app}.${props.domain}`,
      internalDomain: props.internalDomain ?? `${WELKIN.subdomains.internal}.${props.domain}`,
      productionIssuer: props.productionIssuer ?? WELKIN.certManager.productionIssuer,
      stagingIssuer: props.stagingIssuer ?? WELKIN.certManager.stagingIssuer,
      dns: props.dns,
      // Welkin always has Prometheus (Operator); the constructor fills in its namespace and labels.
      monitoring: { ...props.monitoring, serviceMonitors: props.monitoring?.serviceMonitors ?? true },
      privateRanges: props.privateRanges,
      podCidrs: props.podCidrs ?? [...WELKIN.podCidrs],
      serviceCidrs: props.serviceCidrs ?? [...WELKIN.serviceCidrs],
      gateway: props.gateway,
      internalGateway: props.internalGateway,
    }, 'Platform.welkin');
  }

  /** Any other cluster, described fully. */
  public static custom(props: PlatformProps): Platform {
    return new Platform(props, 'Platform.custom');
  }

  /** The platform registered on `scope` or its nearest ancestor that has one; throws if there is none. */
  public static of(scope: IConstruct): Platform {
    const found = Platform.tryOf(scope);
    if (!found) {
      fail(scope, 'no Platform found; pass `platform` in the props, or register one on the chart first, e.g. '
        + '`Platform.welkin({ domain: \'example.com\' }).registerOn(chart)`');
    }
    return found;
  }

  /** The platform registered on `scope` or an ancestor, or undefined. */
  public static tryOf(scope: IConstruct): Platform | undefined {
    for (const c of [...scope.node.scopes].reverse()) {
      const p = registry.get(c);
      if (p) return p;
    }
    return undefined;
  }

  /** The ingress controller. */
  public readonly ingressController: IngressController;
  /** The IngressClass name. */
  public readonly ingressClassName: string;
  /** Where public hosts CNAME to. */
  public readonly appDomain: string;
  /** Where internal hosts live, if the platform has an internal ingress. */
  public readonly internalDomain?: string;
  /** The production ClusterIssuer, if any. */
  public readonly productionIssuer?: string;
  /** The staging ClusterIssuer, if any. */
  public readonly stagingIssuer?: string;
  /** Namespace of the DNS pods. */
  public readonly dnsNamespace: string;
  /** Labels of the DNS pods. */
  public readonly dnsPodLabels: { [key: string]: string };
  /** Extra CIDRs DNS answers from. */
  public readonly dnsCidrs: string[];
  /** Namespace of Prometheus, if the platform has one. */
  public readonly monitoringNamespace?: string;
  /** Labels of the Prometheus pods, if the platform has one. */
  public readonly monitoringPodLabels?: { [key: string]: string };
  /** Whether apps that ask for scraping get a ServiceMonitor (Prometheus Operator). */
  public readonly monitoringServiceMonitors: boolean;
  /** The private ranges. */
  public readonly privateRanges: string[];
  /** The pod ranges. */
  public readonly podCidrs: string[];
  /** The service ranges. */
  public readonly serviceCidrs: string[];
  /** The Gateway app teams attach HTTPS routes to, if any. */
  public readonly gateway?: PlatformGateway;
  /** The Gateway serving internal-only hosts, if any (default: `gateway`). */
  public readonly internalGateway?: PlatformGateway;

  private readonly origin: string;

  private constructor(props: PlatformProps, origin: string) {
    this.origin = origin;
    this.ingressController = props.ingressController;
    this.ingressClassName = props.ingressClassName;
    this.appDomain = props.appDomain;
    this.internalDomain = props.internalDomain;
    this.productionIssuer = props.productionIssuer;
    this.stagingIssuer = props.stagingIssuer;
    // The cluster DNS, Prometheus and private ranges default to Welkin's, which are Kubernetes' usual ones.
    this.dnsNamespace = props.dns?.namespace ?? WELKIN.dns.namespace;
    this.dnsPodLabels = { ...(props.dns?.podLabels ?? WELKIN.dns.podLabels) };
    this.dnsCidrs = [...(props.dns?.cidrs ?? WELKIN.dns.cidrs)];
    this.monitoringNamespace = props.monitoring ? props.monitoring.namespace ?? WELKIN.monitoring.namespace : undefined;
    this.monitoringPodLabels = props.monitoring ? { ...(props.monitoring.podLabels ?? WELKIN.monitoring.podLabels) } : undefined;
    this.monitoringServiceMonitors = props.monitoring?.serviceMonitors ?? false;
    this.privateRanges = [...(props.privateRanges ?? WELKIN.privateRanges)];
    this.podCidrs = [...(props.podCidrs ?? [])];
    this.serviceCidrs = [...(props.serviceCidrs ?? [])];
    this.gateway = props.gateway;
    this.internalGateway = props.internalGateway ?? props.gateway;

    const problem = this.ingressController?._problem()
      ?? (this.ingressController === undefined ? 'no ingress controller; describe it with IngressController.pods() or IngressController.hostNetwork()' : undefined)
      ?? checkDnsLabel(this.ingressClassName, 'ingress class name')
      ?? checkHost(this.appDomain, { what: 'app domain', allowApex: true })
      ?? (this.internalDomain !== undefined ? checkHost(this.internalDomain, { what: 'internal domain', allowApex: true }) : undefined)
      ?? (this.productionIssuer !== undefined ? checkDnsLabel(this.productionIssuer, 'production issuer') : undefined)
      ?? (this.stagingIssuer !== undefined ? checkDnsLabel(this.stagingIssuer, 'staging issuer') : undefined)
      ?? checkDnsLabel(this.dnsNamespace, 'DNS namespace')
      ?? checkLabels(this.dnsPodLabels, 'DNS pod labels')
      ?? checkCidrs(this.dnsCidrs, 'DNS CIDR')
      ?? (this.monitoringNamespace !== undefined ? checkDnsLabel(this.monitoringNamespace, 'monitoring namespace') : undefined)
      ?? (this.monitoringPodLabels !== undefined ? checkLabels(this.monitoringPodLabels, 'monitoring pod labels') : undefined)
      ?? (this.privateRanges.length === 0 ? 'private ranges are empty; list the cluster network\'s ranges, e.g. the RFC 1918 blocks' : undefined)
      ?? checkNetworkFacts({
        privateRanges: this.privateRanges,
        podCidrs: this.podCidrs,
        serviceCidrs: this.serviceCidrs,
        inside: [{ what: 'DNS CIDR', cidrs: this.dnsCidrs, linkLocal: true }, { what: 'node CIDR', cidrs: this.ingressController.nodeCidrs ?? [] }],
      })
      ?? gatewayProblem('gateway', this.gateway)
      ?? gatewayProblem('internal gateway', props.internalGateway);
    if (problem) throw new Error(`${origin}: ${problem}`);
  }

  /**
   * The cluster's own ranges, for peers that depend on them (the internet, checks of peer blocks).
   * @internal
   */
  public _network(): ClusterNetwork {
    return { privateRanges: this.privateRanges, podCidrs: this.podCidrs, serviceCidrs: this.serviceCidrs };
  }

  /** Make this platform the one constructs under `scope` (a chart or the app) find with `Platform.of`. */
  public registerOn(scope: IConstruct): Platform {
    const existing = registry.get(scope);
    if (existing && existing !== this) {
      fail(scope, 'a different Platform is already registered here; register one platform per chart');
    }
    registry.set(scope, this);
    return this;
  }

  /**
   * The cluster DNS as ONE peer element (namespace AND pod selector) plus the extra DNS CIDRs.
   * Use with `Port.udp(53)` and `Port.tcp(53)`.
   */
  public dnsPeer(): Peer {
    const ns = this.dnsNamespace;
    const labels = this.dnsPodLabels;
    const cidrs = this.dnsCidrs;
    return Peer._of({
      description: 'the cluster DNS',
      // The platform checked its DNS facts when it was made.
      peers: () => [
        { namespaceSelector: namespaceSelector(ns), podSelector: LabelSelector.matchLabels(labels) },
        ...cidrs.map(cidr => ipBlockPeer(knownCidr(cidr))),
      ],
      defaultPorts: WELKIN.dns.ports.map(fact => Port._of(fact.protocol, fact.port)),
      egressOnly: true,
    });
  }

  /** The platform's Prometheus as a peer (throws if the platform has none). */
  public monitoringPeer(): Peer {
    const ns = this.monitoringNamespace;
    const labels = this.monitoringPodLabels;
    if (ns === undefined || labels === undefined) {
      throw new Error('Platform: this platform has no monitoring; describe it with `monitoring` in the platform props');
    }
    return Peer._of({
      description: `Prometheus (namespace ${ns})`,
      peers: () => [{ namespaceSelector: namespaceSelector(ns), podSelector: LabelSelector.matchLabels(labels) }],
    });
  }

  /**
   * This platform's workloads as a reachability-analysis profile: the ingress controller, DNS and
   * Prometheus take part in the analysis as real peers (e.g.
   * `ingress-nginx/ingress-nginx-controller[Deployment]`), described by the same facts the
   * constructs write into their policies.
   */
  public clusterProfile(): ClusterProfile {
    const controller = this.ingressController;
    const ingressController: PlatformWorkload = controller.nodeCidrs
      ? { namespace: 'host-network', name: 'ingress-controller', kind: 'DaemonSet', podLabels: {}, hostNetwork: true, hostCidrs: [...controller.nodeCidrs] }
      // Named after its namespace, as Welkin's `ingress-nginx/ingress-nginx-controller`.
      : { ...workloadCopy(WELKIN.ingressController), namespace: controller.namespace!, name: `${controller.namespace}-controller`, podLabels: { ...controller.podLabels } };
    const monitoring: PlatformWorkload | undefined = this.monitoringNamespace && this.monitoringPodLabels
      ? { ...workloadCopy(WELKIN.monitoring), namespace: this.monitoringNamespace, podLabels: { ...this.monitoringPodLabels } }
      : undefined;
    return new ClusterProfile({
      name: this.origin === 'Platform.welkin' ? WELKIN.name : 'custom',
      ingressController,
      dns: { ...workloadCopy(WELKIN.dns), namespace: this.dnsNamespace, podLabels: { ...this.dnsPodLabels } },
      monitoring,
      gateways: [...new Set([this.gateway, this.internalGateway])].filter((g): g is PlatformGateway => g !== undefined)
        .map(g => ({ gatewayNamespace: g.namespace, gatewayName: g.name, workload: g.implementation._workload(g.namespace, g.name) })),
    });
  }
}

function gatewayProblem(what: string, gateway: PlatformGateway | undefined): string | undefined {
  const problem = gateway?._problem();
  return problem ? `${what} ${gateway!.namespace}/${gateway!.name}: ${problem}` : undefined;
}
