/**
 * The network identity shared by SecureApp and AdoptedWorkload: one NetworkPolicy named after the
 * workload, DNS egress, and `allowFrom`/`allowTo` written on both sides. Internal.
 */
import { Construct, IConstruct } from 'constructs';
import { podsPeer } from '../../kube/peers';
import { Port } from '../../kube/port';
import { NO_INGRESS_ANNOTATION } from '../../rules/rules/app-network-policy';
import { assertValid, fail } from '../core/errors';
import { ManagedService } from '../network/managed-service';
import { AppEndpoint, IPeer, Peer } from '../network/peer';
import { PolicyObject } from '../network/policy-object';
import { Platform } from '../platform/platform';

/** The value of NO_INGRESS_ANNOTATION: the workload the policy selects receives no connections, by design. */
const NO_INGRESS_VALUE = 'none';

/** Something that resolves a construct that is not a peer itself (a cdk8s-plus workload, an ApiObject) to one. */
let adopt: ((target: IConstruct) => IPeer) | undefined;

/** Registered by AdoptedWorkload, which would otherwise be imported in a cycle. */
export function registerAdoption(fn: (target: IConstruct) => IPeer): void {
  adopt = fn;
}

/** A peer as given: a Peer-like object, or a workload construct that gets a network identity. */
export function peerOf(scope: IConstruct, peer: IPeer | IConstruct, method: string): Peer {
  if (peer !== null && typeof peer === 'object' && typeof (peer as IPeer).toPeer === 'function') return (peer as IPeer).toPeer();
  if (peer !== null && typeof peer === 'object' && Construct.isConstruct(peer) && adopt) return adopt(peer).toPeer();
  return fail(scope, `${method}(${describeValue(peer)}): not a peer; pass a Peer, a SecureApp, a ManagedService, an AdoptedWorkload or a workload construct (cdk8s-plus Deployment, ApiObject with a pod template)`);
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'object' && Construct.isConstruct(v)) return (v as IConstruct).node.path;
  return typeof v;
}

/** What a workload's network identity needs to know. */
export interface WorkloadNetworkProps {
  readonly name: string;
  readonly namespace: string;
  readonly platform: Platform;
  readonly selectorLabels: { [key: string]: string };
  readonly policyLabels?: { [key: string]: string };
  /** The ports peers use when a rule names none; empty for a workload that receives nothing. */
  readonly defaultPorts: Port[];
  /** Mark the policy as ingress-isolated by design (no ingress rule will be added). */
  readonly noIngress: boolean;
  /** Adds labels to the pods (a managed service's access label). */
  readonly addPodLabels: (labels: { [key: string]: string }) => void;
}

/** One NetworkPolicy for one workload, with the rules its connections need. */
export class WorkloadNetwork {
  public readonly policy: PolicyObject;

  constructor(private readonly owner: Construct, private readonly props: WorkloadNetworkProps) {
    this.policy = new PolicyObject(owner, 'NetworkPolicy', {
      name: props.name,
      namespace: props.namespace,
      podSelector: props.selectorLabels,
      policyTypes: ['Ingress', 'Egress'],
      labels: props.policyLabels,
      network: props.platform._network(),
    });
    if (props.noIngress) {
      // Ingress-isolated on purpose: the rule pack reads this instead of asking for an ingress rule.
      this.policy.apiObject.metadata.addAnnotation(NO_INGRESS_ANNOTATION, NO_INGRESS_VALUE);
    }
    const dns = props.platform.dnsPeer();
    this.policy.add('egress', [dns], dns._definition.defaultPorts!);
  }

  /** Receives connections at all (has a port). */
  public get receives(): boolean {
    return this.props.defaultPorts.length > 0;
  }

  public allowFrom(peer: IPeer | IConstruct, port: Port | undefined): void {
    const p = this.checkedPeer(peer, port, 'allowFrom');
    if (p._definition.egressOnly) {
      fail(this.owner, `allowFrom(${p.description}): ${p.description} is only a destination; use allowTo(${p.description}) for connections to it`);
    }
    const ports = port ? [port] : this.props.defaultPorts;
    this.addIngressRule(p, ports);
    p._definition.endpoint?._addEgressRule(this.toPeer(), ports);
  }

  public allowTo(peer: IPeer | IConstruct, port: Port | undefined): void {
    const p = this.checkedPeer(peer, port, 'allowTo');
    const ports = port ? [port] : p._definition.defaultPorts;
    if (!ports || ports.length === 0) {
      fail(this.owner, `allowTo(${p.description}) has no port; name the destination port, e.g. allowTo(peer, Port.tcp(443)), because ${p.description} has no port of its own`);
    }
    // The other side first: a workload that receives nothing refuses before anything is written.
    p._definition.endpoint?._addIngressRule(this.toPeer(), ports);
    this.addEgressRule(p, ports);
    if (p._definition.clientLabels) this.props.addPodLabels(p._definition.clientLabels);
    // a managed service joins the chart's cluster profile as a named peer
    if (p._definition.platformWorkload) ManagedService._record(this.owner, p._definition.platformWorkload);
  }

  public toPeer(): Peer {
    const { selectorLabels: labels, namespace, name } = this.props;
    const endpoint: AppEndpoint = {
      path: this.owner.node.path,
      namespaceName: namespace,
      selectorLabels: labels,
      defaultPorts: this.props.defaultPorts,
      _addIngressRule: (peer, ports) => this.addIngressRule(peer, ports),
      _addEgressRule: (peer, ports) => this.addEgressRule(peer, ports),
    };
    return Peer._of({
      description: `app ${namespace}/${name}`,
      peers: policyNamespace => [podsPeer(labels, namespace, policyNamespace)],
      defaultPorts: this.receives ? this.props.defaultPorts : undefined,
      endpoint,
    });
  }

  public addIngressRule(peer: Peer, ports: Port[]): void {
    if (!this.receives) {
      fail(this.owner, `${peer.description} cannot connect to ${this.props.namespace}/${this.props.name}: it declares no port and receives no connections; `
        + 'give it `ports` (or `port`) if it serves something');
    }
    this.policy.add('ingress', [peer], ports);
  }

  public addEgressRule(peer: Peer, ports: Port[]): void {
    this.policy.add('egress', [peer], ports);
  }

  private checkedPeer(peer: IPeer | IConstruct, port: Port | undefined, method: string): Peer {
    const p = peerOf(this.owner, peer, method);
    assertValid(this.owner, p._problem() ?? port?._problem() ?? p._problemOn(this.props.platform._network()), `${method}(${p.description})`);
    if (p._definition.endpoint?.path === this.owner.node.path) {
      fail(this.owner, `${method}(${p.description}): an app cannot be its own peer; replicas of one app reach each other only if you add Peer.pods() with its labels`);
    }
    return p;
  }
}

/**
 * The public face of a workload with its own network identity (SecureApp, AdoptedWorkload): the
 * delegations to its WorkloadNetwork, written once. Not exported from the package: jsii blends
 * these members into each subclass.
 * @internal
 */
export abstract class _NetworkedWorkload extends Construct implements IPeer {
  /** @internal */
  protected abstract readonly _network: WorkloadNetwork;

  /**
   * Admit traffic from `peer`. For a SecureApp or an adopted workload the rule is written on both
   * sides: ingress on this workload's policy and egress on the other's, each in its own namespace.
   * @param peer who may connect: a Peer, SecureApp, AdoptedWorkload or workload construct (e.g. a cdk8s-plus Deployment)
   * @param port the port on this workload; default its default port
   */
  public allowFrom(peer: IPeer | IConstruct, port?: Port): void {
    this._network.allowFrom(peer, port);
  }

  /**
   * Allow connections to `peer`. For a SecureApp or an adopted workload the rule is written on both
   * sides; for a managed service the pods also get its access label.
   * @param peer where this workload may connect
   * @param port the destination port; default the peer's own ports (required for pods, namespaces, CIDRs and the internet)
   */
  public allowTo(peer: IPeer | IConstruct, port?: Port): void {
    this._network.allowTo(peer, port);
  }

  /** The workload's pods as a peer (port: its default port). */
  public toPeer(): Peer {
    return this._network.toPeer();
  }
}
