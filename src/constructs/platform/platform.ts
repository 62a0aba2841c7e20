import { IConstruct } from 'constructs';
import { ClusterDnsIp } from './cluster-dns';
import { PlatformGateway } from './gateway';
import { IngressController } from './ingress-controller';
import { ClusterProfile, PlatformWorkload } from '../../analysis/cluster-profile';
import { hostNetworkIngressController, nodeLocalDns } from '../../analysis/profile-workloads';
import { ClusterNetwork } from '../../kube/address-blocks';
import { ipBlockPeer, namespaceSelector } from '../../kube/peers';
import { WELKIN, workloadCopy } from '../../kube/platform';
import { Port } from '../../kube/port';
import { LabelSelector } from '../../kube/selectors';
import { checkCidrs, checkNetworkFacts } from '../../kube/validation/cidr';
import { checkHost, checkDnsLabel } from '../../kube/validation/dns';
import { checkLabels } from '../../kube/validation/labels';
import { CertIssuer } from '../cert-manager/cert-issuer';
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
   * answers on it (kubespray `10.233.0.3/32`, Cluster API `10.233.0.10/32`). The analysis profile
   * models them as node-local DNS: a host-network DaemonSet at these addresses.
   * @default - none for Platform.custom; Platform.welkin: the `clusterDns` address
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
  /**
   * Labels the platform's user Prometheus selects PrometheusRules by (its `ruleSelector`).
   * @default - none (Welkin's documentation names none)
   */
  readonly ruleLabels?: { [key: string]: string };
  /**
   * TLS entry points emit a PrometheusRule per host alerting on certificate expiry and
   * not-ready (Prometheus Operator).
   * @default - the value of `serviceMonitors`
   */
  readonly certificateAlerts?: boolean;
}

/** The platform services both `Platform.custom` and `Platform.welkin` take, each optional. */
export interface PlatformServicesProps {
  /**
   * The domain internal-only hosts live under (served through the internal load balancer).
   * @default - Platform.custom: none (InternalIngress cannot be used); Platform.welkin: "internal.<domain>"
   */
  readonly internalDomain?: string;
  /**
   * The production ClusterIssuer.
   * @default - Platform.custom: none (TLS constructs need an explicit issuer); Platform.welkin: "letsencrypt-prod"
   */
  readonly productionIssuer?: string;
  /**
   * The staging ClusterIssuer (for non-production; generous rate limits, untrusted certificates).
   * @default - Platform.custom: none; Platform.welkin: "letsencrypt-staging"
   */
  readonly stagingIssuer?: string;
  /**
   * The cluster DNS.
   * @default - kube-system pods labelled k8s-app=kube-dns, no extra CIDRs
   */
  readonly dns?: PlatformDnsProps;
  /**
   * The platform's Prometheus.
   * @default - Platform.custom: none (SecureApp metrics scraping cannot be used); Platform.welkin: pods in `monitoring` labelled app.kubernetes.io/name=prometheus
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
  /**
   * The cluster runs HNC (hierarchical namespaces) propagating NetworkPolicies, so a
   * DefaultDenyNamespace with a `parent` is created as a subnamespace.
   * @default false
   */
  readonly hierarchicalNamespaces?: boolean;
  /**
   * The platform offers the internal load balancer that serves the internal domain (on Welkin
   * only on some infrastructure providers, and on request); InternalIngress needs it.
   * @default - true when `internalDomain` is given
   */
  readonly internalLoadBalancer?: boolean;
  /**
   * The load balancer keeps the client's address (`externalTrafficPolicy: Local` or PROXY
   * protocol), so a source allowlist sees real clients. When false, source allowlists are errors.
   * @default true
   */
  readonly clientAddressPreserved?: boolean;
  /**
   * The environment: outside production, TLS constructs without an explicit issuer use the
   * staging issuer (untrusted certificates, generous rate limits).
   * @default DeploymentEnvironment.PRODUCTION
   */
  readonly environment?: DeploymentEnvironment;
}

/** Everything a Platform knows; used by `Platform.custom` for any cluster. */
export interface PlatformProps extends PlatformServicesProps {
  /** The ingress controller, by pods or by node CIDRs. */
  readonly ingressController: IngressController;
  /** The IngressClass Ingresses use. */
  readonly ingressClassName: string;
  /** The name public hosts CNAME to (the ingress controller's load balancer), e.g. `app.example.com`. */
  readonly appDomain: string;
}

/** The documented Welkin values; only the domain is required, everything else can be overridden. */
export interface WelkinPlatformProps extends PlatformServicesProps {
  /** The cluster's domain ($DOMAIN), e.g. `example.com`. */
  readonly domain: string;
  /**
   * The ingress controller.
   * @default - pods in `ingress-nginx` labelled app.kubernetes.io/name=ingress-nginx, component=controller, instance=ingress-nginx
   */
  readonly ingressController?: IngressController;
  /**
   * The cluster's `ingressNginx.controller.ingressUsingHostNetwork`: the controller runs on the
   * host network, so policies admit it by the nodes' addresses (`nodeCidrs`), not by its pods.
   * @default false
   */
  readonly ingressUsingHostNetwork?: boolean;
  /**
   * The CIDRs of the nodes' addresses; required with `ingressUsingHostNetwork`.
   * @default - none
   */
  readonly nodeCidrs?: string[];
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
   * The cluster DNS service IP node-local DNS answers on, allowed as an ipBlock in `allow-dns`
   * and every app policy (`dns.cidrs` replaces it).
   * @default ClusterDnsIp.kubespray() (10.233.0.3/32); Cluster API clusters: ClusterDnsIp.clusterApi()
   */
  readonly clusterDns?: ClusterDnsIp;
}

/** Where the apps run: production, or an environment for testing. */
export enum DeploymentEnvironment {
  /** Real users: trusted certificates (the production issuer). */
  PRODUCTION = 'production',
  /** Development, test, staging: the staging issuer (untrusted certificates, generous rate limits). */
  NON_PRODUCTION = 'non-production',
}

const registry = new WeakMap<IConstruct, Platform>();

/** The host-network switch and the node CIDRs go together, and never with a hand-built controller. */
function welkinIngressProblem(props: WelkinPlatformProps): string | undefined {
  const hostNetwork = props.ingressUsingHostNetwork ?? false;
  if (hostNetwork && props.ingressController !== undefined) {
    return 'ingressUsingHostNetwork and ingressController both describe the ingress controller; give one of them';
  }
  if (hostNetwork && (props.nodeCidrs === undefined || props.nodeCidrs.length === 0)) {
    return 'ingressUsingHostNetwork needs nodeCidrs: the controller\'s traffic comes from the nodes\' addresses; list their CIDRs, e.g. ["10.0.0.0/24"]';
  }
  if (!hostNetwork && props.nodeCidrs !== undefined) {
    return 'nodeCidrs are only used with ingressUsingHostNetwork: true; set it if the controller runs on the host network, or leave nodeCidrs out';
  }
  return undefined;
}

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
    const clusterDns = props.clusterDns ?? ClusterDnsIp.kubespray();
    const dnsProblem = clusterDns._problem();
    if (dnsProblem) throw new Error(`Platform.welkin: ${dnsProblem}`);
    const switchProblem = welkinIngressProblem(props);
    if (switchProblem) throw new Error(`Platform.welkin: ${switchProblem}`);
    return new Platform({
      ingressController: props.ingressController ?? (props.ingressUsingHostNetwork
        ? IngressController.hostNetwork(props.nodeCidrs!)
        : IngressController.pods(WELKIN.ingressController.namespace, { ...WELKIN.ingressController.podLabels })),
      ingressClassName: props.ingressClassName ?? WELKIN.ingressController.className,
      appDomain: props.appDomain ?? `${WELKIN.subdomains.app}.${props.domain}`,
      internalDomain: props.internalDomain ?? `${WELKIN.subdomains.internal}.${props.domain}`,
      productionIssuer: props.productionIssuer ?? WELKIN.certManager.productionIssuer,
      stagingIssuer: props.stagingIssuer ?? WELKIN.certManager.stagingIssuer,
      dns: { ...props.dns, cidrs: props.dns?.cidrs ?? [clusterDns.cidr] },
      // Welkin always has Prometheus (Operator); the constructor fills in its namespace and labels.
      monitoring: { ...props.monitoring, serviceMonitors: props.monitoring?.serviceMonitors ?? true },
      privateRanges: props.privateRanges,
      hierarchicalNamespaces: props.hierarchicalNamespaces ?? true,
      internalLoadBalancer: props.internalLoadBalancer ?? false,
      clientAddressPreserved: props.clientAddressPreserved,
      environment: props.environment,
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
  /** Labels the user Prometheus selects PrometheusRules by. */
  public readonly monitoringRuleLabels: { [key: string]: string };
  /** Whether TLS entry points emit certificate alerts (PrometheusRule) by default. */
  public readonly certificateAlerts: boolean;
  /** The private ranges. */
  public readonly privateRanges: string[];
  /** Whether the cluster runs HNC with NetworkPolicy propagation. */
  public readonly hierarchicalNamespaces: boolean;
  /** Whether the internal load balancer exists. */
  public readonly internalLoadBalancer: boolean;
  /** Whether the load balancer keeps the client address (source allowlists work). */
  public readonly clientAddressPreserved: boolean;
  /** The environment. */
  public readonly environment: DeploymentEnvironment;
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
    this.dnsCidrs = [...(props.dns?.cidrs ?? [])];
    this.monitoringNamespace = props.monitoring ? props.monitoring.namespace ?? WELKIN.monitoring.namespace : undefined;
    this.monitoringPodLabels = props.monitoring ? { ...(props.monitoring.podLabels ?? WELKIN.monitoring.podLabels) } : undefined;
    this.monitoringServiceMonitors = props.monitoring?.serviceMonitors ?? false;
    this.monitoringRuleLabels = { ...(props.monitoring?.ruleLabels ?? {}) };
    this.certificateAlerts = props.monitoring?.certificateAlerts ?? this.monitoringServiceMonitors;
    this.privateRanges = [...(props.privateRanges ?? WELKIN.privateRanges)];
    this.hierarchicalNamespaces = props.hierarchicalNamespaces ?? false;
    this.internalLoadBalancer = props.internalLoadBalancer ?? props.internalDomain !== undefined;
    this.clientAddressPreserved = props.clientAddressPreserved ?? true;
    this.environment = props.environment ?? DeploymentEnvironment.PRODUCTION;
    this.podCidrs = [...(props.podCidrs ?? [])];
    this.serviceCidrs = [...(props.serviceCidrs ?? [])];
    this.gateway = props.gateway;
    this.internalGateway = props.internalGateway ?? props.gateway;

    const problem = (Object.values(DeploymentEnvironment).includes(this.environment) ? undefined
      : `environment ${JSON.stringify(String(this.environment).slice(0, 100))} is not one; use DeploymentEnvironment.PRODUCTION or NON_PRODUCTION`)
      ?? this.ingressController?._problem()
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
      ?? checkLabels(this.monitoringRuleLabels, 'monitoring rule labels')
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
   * The issuer TLS constructs use when given none: the production issuer in production, the
   * staging issuer elsewhere (Let's Encrypt's advice: staging for non-production).
   */
  public defaultIssuer(): CertIssuer {
    return this.environment === DeploymentEnvironment.PRODUCTION ? CertIssuer.production() : CertIssuer.staging();
  }

  /**
   * Why a source allowlist cannot work on this platform, or undefined.
   * @internal
   */
  public _sourceAllowlistProblem(): string | undefined {
    if (this.clientAddressPreserved) return undefined;
    return 'a source allowlist needs the client address, and the platform\'s load balancer does not keep it (clientAddressPreserved: false): '
      + 'nginx would see the load balancer\'s or a node\'s address, so the allowlist would block everyone or admit everyone. '
      + 'Check what the app receives in the x-forwarded-for and x-real-ip headers, ask the platform administrators for '
      + 'externalTrafficPolicy: Local or PROXY protocol, then set clientAddressPreserved: true; or authenticate users instead (oauth2Proxy)';
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
      ? hostNetworkIngressController(controller.nodeCidrs)
      // Named after its namespace, as Welkin's `ingress-nginx/ingress-nginx-controller`.
      : { ...workloadCopy(WELKIN.ingressController), namespace: controller.namespace!, name: `${controller.namespace}-controller`, podLabels: { ...controller.podLabels } };
    const monitoring: PlatformWorkload | undefined = this.monitoringNamespace && this.monitoringPodLabels
      ? { ...workloadCopy(WELKIN.monitoring), namespace: this.monitoringNamespace, podLabels: { ...this.monitoringPodLabels } }
      : undefined;
    return new ClusterProfile({
      name: this.origin === 'Platform.welkin' ? WELKIN.name : 'custom',
      ingressController,
      dns: { ...workloadCopy(WELKIN.dns), namespace: this.dnsNamespace, podLabels: { ...this.dnsPodLabels } },
      // Node-local DNS answers on the DNS CIDRs from the host network: pod selectors miss it, ipBlocks reach it.
      nodeLocalDns: this.dnsCidrs.length > 0 ? { ...nodeLocalDns(this.dnsCidrs), namespace: this.dnsNamespace } : undefined,
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
