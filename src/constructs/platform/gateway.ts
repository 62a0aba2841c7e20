import { PlatformWorkload } from '../../analysis/cluster-profile';
import { ipBlockPeer, namespaceSelector } from '../../kube/peers';
import { ENVOY_GATEWAY, envoyProxyLabels, GATEWAY_NAME_LABEL } from '../../kube/platform/gateway';
import { LabelSelector } from '../../kube/selectors';
import { checkCidrs } from '../../kube/validation/cidr';
import { checkDnsLabel, checkHost } from '../../kube/validation/dns';
import { IPeer, knownCidr, Peer } from '../network/peer';

/** Envoy Gateway's deployment choices. */
export interface EnvoyGatewayProps {
  /**
   * The controller's namespace, where the data plane runs by default.
   * @default "envoy-gateway-system"
   */
  readonly controllerNamespace?: string;
  /**
   * "Gateway namespace mode": the data plane runs in the Gateway's own namespace.
   * @default false
   */
  readonly gatewayNamespaceMode?: boolean;
}

type DataPlaneWhere = { namespace: string; podLabels: { [key: string]: string } } | { nodeCidrs: string[] };

type DataPlane =
  | { readonly kind: 'envoy'; readonly controllerNamespace?: string }
  | { readonly kind: 'generic' }
  | { readonly kind: 'host-network'; readonly nodeCidrs: string[] };

/**
 * The Gateway API implementation serving the platform's Gateway: who its data-plane pods are (what
 * an app's NetworkPolicy must admit) and which optional policies it offers.
 */
export class GatewayImplementation {
  /**
   * Envoy Gateway (v1.9): data-plane pods labelled `app.kubernetes.io/name: envoy`,
   * `component: proxy`, `managed-by: envoy-gateway` and the owning Gateway's name and namespace;
   * offers a source allowlist and OIDC through `SecurityPolicy`.
   */
  public static envoyGateway(props: EnvoyGatewayProps = {}): GatewayImplementation {
    const ns = props.gatewayNamespaceMode ? undefined : props.controllerNamespace ?? ENVOY_GATEWAY.controllerNamespace;
    const problem = props.gatewayNamespaceMode && props.controllerNamespace !== undefined
      ? 'controllerNamespace and gatewayNamespaceMode exclude each other: in Gateway namespace mode the data plane runs in the Gateway\'s namespace'
      : ns !== undefined ? checkDnsLabel(ns, 'Envoy Gateway controller namespace') : undefined;
    return new GatewayImplementation('Envoy Gateway', { kind: 'envoy', controllerNamespace: ns }, true, true, problem);
  }

  /**
   * Any implementation that follows the in-cluster deployment convention (Istio, NGINX Gateway
   * Fabric, ...): data-plane pods labelled `gateway.networking.k8s.io/gateway-name: <gateway>` in
   * the Gateway's namespace. No optional policies.
   */
  public static generic(): GatewayImplementation {
    return new GatewayImplementation('a generic Gateway API implementation', { kind: 'generic' }, false, false, undefined);
  }

  /**
   * A data plane on the nodes' network (e.g. Cilium's node-level Envoy), recognised by the nodes'
   * addresses. No optional policies.
   * @param nodeCidrs the CIDRs the nodes' addresses come from
   */
  public static hostNetwork(nodeCidrs: string[]): GatewayImplementation {
    const cidrs = [...(nodeCidrs ?? [])];
    const problem = cidrs.length === 0 ? 'a host-network data plane needs the nodes\' CIDRs; list at least one, e.g. "10.0.0.0/24"' : checkCidrs(cidrs, 'node CIDR');
    return new GatewayImplementation(`a host-network data plane (${cidrs.join(', ')})`, { kind: 'host-network', nodeCidrs: cidrs }, false, false, problem);
  }

  /** What this is, for messages. */
  public readonly description: string;
  /** Offers a source allowlist (client CIDRs) on routes. */
  public readonly sourceAllowlist: boolean;
  /** Offers OIDC single sign-on on routes. */
  public readonly oidc: boolean;

  private constructor(description: string, private readonly dataPlane: DataPlane, sourceAllowlist: boolean, oidc: boolean,
    private readonly problem: string | undefined) {
    this.description = description;
    this.sourceAllowlist = sourceAllowlist;
    this.oidc = oidc;
  }

  /** @internal */
  public _problem(): string | undefined {
    return this.problem;
  }

  /** @internal The data plane of one Gateway: its pods (namespace, labels) or the nodes' CIDRs. */
  public _dataPlane(gatewayNamespace: string, gatewayName: string): DataPlaneWhere {
    switch (this.dataPlane.kind) {
      case 'envoy': return { namespace: this.dataPlane.controllerNamespace ?? gatewayNamespace, podLabels: envoyProxyLabels(gatewayNamespace, gatewayName) };
      case 'generic': return { namespace: gatewayNamespace, podLabels: { [GATEWAY_NAME_LABEL]: gatewayName } };
      default: return { nodeCidrs: [...this.dataPlane.nodeCidrs] };
    }
  }

  /** @internal The data plane as a workload of a reachability profile, named as the implementation deploys it. */
  public _workload(gatewayNamespace: string, gatewayName: string): PlatformWorkload {
    const where = this._dataPlane(gatewayNamespace, gatewayName);
    if ('nodeCidrs' in where) {
      const name = `gateway-${gatewayNamespace}-${gatewayName}`;
      return { namespace: 'host-network', name, kind: 'DaemonSet', podLabels: {}, hostNetwork: true, hostCidrs: where.nodeCidrs };
    }
    // Envoy Gateway names the Deployment `envoy-<gateway namespace>-<gateway name>-<hash>`.
    const name = this.dataPlane.kind === 'envoy' ? `envoy-${gatewayNamespace}-${gatewayName}` : gatewayName;
    return { namespace: where.namespace, name, kind: 'Deployment', podLabels: where.podLabels };
  }
}

/** A Gateway of the platform. */
export interface PlatformGatewayProps {
  /** The Gateway's name. */
  readonly name: string;
  /** The Gateway's namespace. */
  readonly namespace: string;
  /** The implementation serving it. */
  readonly implementation: GatewayImplementation;
}

/** A Gateway whose shared HTTPS listener app teams attach routes to. */
export interface SharedListenerGatewayProps extends PlatformGatewayProps {
  /**
   * The shared HTTPS listener (`sectionName` of the routes).
   * @default "https"
   */
  readonly listenerName?: string;
  /**
   * The listener's hostname, e.g. `*.example.com`; routes' hosts must match it.
   * @default - any host
   */
  readonly hostname?: string;
}

/**
 * The Gateway app teams attach to, and how they get a hostname and certificate: on the platform's
 * shared HTTPS listener (the platform's certificate), or through their own `ListenerSet` (their
 * own host and a cert-manager certificate in their namespace).
 */
export class PlatformGateway implements IPeer {
  /** Teams attach routes to the Gateway's shared HTTPS listener, which holds the platform's certificate. */
  public static sharedListener(props: SharedListenerGatewayProps): PlatformGateway {
    const listener = props.listenerName ?? 'https';
    return new PlatformGateway(props, false, listener, props.hostname,
      checkDnsLabel(listener, 'listener name')
      ?? (props.hostname !== undefined ? checkHost(props.hostname.startsWith('*.') ? props.hostname.slice(2) : props.hostname, { what: 'listener hostname', allowApex: true }) : undefined));
  }

  /**
   * Teams bring their own hostname and certificate in a `ListenerSet` attached to the Gateway
   * (which must allow it in `spec.allowedListeners`); cert-manager fills the certificate.
   */
  public static listenerSets(props: PlatformGatewayProps): PlatformGateway {
    return new PlatformGateway(props, true, undefined, undefined, undefined);
  }

  /** The Gateway's name. */
  public readonly name: string;
  /** The Gateway's namespace. */
  public readonly namespace: string;
  /** The implementation serving it. */
  public readonly implementation: GatewayImplementation;
  /** Teams attach through their own ListenerSet. */
  public readonly usesListenerSets: boolean;
  /**
   * The shared listener's name.
   * @default - undefined with ListenerSets
   */
  public readonly listenerName?: string;
  /**
   * The shared listener's hostname.
   * @default - any host
   */
  public readonly listenerHostname?: string;
  private readonly problem?: string;

  private constructor(props: PlatformGatewayProps, listenerSets: boolean, listenerName: string | undefined,
    hostname: string | undefined, problem: string | undefined) {
    this.name = props.name;
    this.namespace = props.namespace;
    this.implementation = props.implementation;
    this.usesListenerSets = listenerSets;
    this.listenerName = listenerName;
    this.listenerHostname = hostname;
    this.problem = checkDnsLabel(props.name, 'gateway name') ?? checkDnsLabel(props.namespace, 'gateway namespace')
      ?? (props.implementation === undefined ? 'no implementation; describe it with GatewayImplementation.envoyGateway() or another factory' : props.implementation._problem())
      ?? problem;
  }

  /** The Gateway's data-plane pods (or nodes) as a NetworkPolicy peer. */
  public toPeer(): Peer {
    const problem = this.problem;
    const description = `the data plane of Gateway ${this.namespace}/${this.name}`;
    return Peer._of({
      description,
      problem,
      peers: () => {
        const where = this.implementation._dataPlane(this.namespace, this.name);
        return 'nodeCidrs' in where
          ? where.nodeCidrs.map(c => ipBlockPeer(knownCidr(c)))
          : [{ namespaceSelector: namespaceSelector(where.namespace), podSelector: LabelSelector.matchLabels(where.podLabels) }];
      },
    });
  }

  /** @internal */
  public _problem(): string | undefined {
    return this.problem;
  }
}
