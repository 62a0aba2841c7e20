import { IConstruct } from 'constructs';
import { IPeer, Peer } from './peer';
import type { PlatformWorkload } from '../../analysis/cluster-profile';
import { namespacePeer } from '../../kube/peers';
import { ManagedServiceFact, managedServiceAccessLabel, WELKIN } from '../../kube/platform';
import { Port } from '../../kube/port';
import { PortSet } from '../../kube/ports';
import { Protocol } from '../../kube/protocol';
import { checkDnsLabel } from '../../kube/validation/dns';

/** Where a platform-managed service runs, when it differs from the platform's defaults. */
export interface ManagedServiceOptions {
  /**
   * The namespace the service's pods run in.
   * @default - `postgres-system`, `redis-system`, `valkey-system` or `rabbitmq-system`
   */
  readonly namespace?: string;
  /**
   * The ports clients connect to.
   * @default - the service's standard ports (see each factory)
   */
  readonly ports?: Port[];
}

/** Options of a managed RabbitMQ. */
export interface RabbitmqOptions extends ManagedServiceOptions {
  /**
   * Also allow the management API (TCP 15672).
   * @default false
   */
  readonly management?: boolean;
}

/**
 * A service the platform operates for you (Welkin "additional services"). Clients need an egress
 * rule and, for most services, an access label on their pods that the service's own policies
 * check; `SecureApp.allowTo(service)` adds both.
 */
export class ManagedService implements IPeer {
  /**
   * Managed PostgreSQL (TCP 5432). No client label is documented for it.
   * @param cluster the database cluster's name, e.g. `postgresql1` (host `postgresql1.postgres-system.svc.cluster.local`)
   */
  public static postgresql(cluster: string, options: ManagedServiceOptions = {}): ManagedService {
    return ManagedService.of('PostgreSQL', 'postgresql', WELKIN.managedServices.postgresql, cluster, options);
  }

  /**
   * Managed Redis: Sentinel (TCP 26379) to find the primary, then Redis itself (TCP 6379).
   * Client pods get `elastisys.io/redis-<cluster>-access: allow`.
   */
  public static redis(cluster: string, options: ManagedServiceOptions = {}): ManagedService {
    return ManagedService.of('Redis', 'redis', WELKIN.managedServices.redis, cluster, options);
  }

  /**
   * Managed Valkey: Sentinel (TCP 26379) and Valkey itself (TCP 6379).
   * Client pods get `elastisys.io/valkey-<cluster>-access: allow`.
   */
  public static valkey(cluster: string, options: ManagedServiceOptions = {}): ManagedService {
    return ManagedService.of('Valkey', 'valkey', WELKIN.managedServices.valkey, cluster, options);
  }

  /**
   * Managed RabbitMQ: AMQP (TCP 5672), plus management (TCP 15672) if asked for.
   * Client pods get `elastisys.io/rabbitmq-<cluster>-access: allow`.
   */
  public static rabbitmq(cluster: string, options: RabbitmqOptions = {}): ManagedService {
    const facts = WELKIN.managedServices.rabbitmq;
    const ports = options.ports ?? [...facts.ports, ...(options.management ? [facts.managementPort] : [])].map(p => Port.tcp(p));
    return ManagedService.of('RabbitMQ', 'rabbitmq', facts, cluster, { ...options, ports });
  }

  /**
   * The services the apps under `scope` connect to (`allowTo`), as the platform workloads a reachability
   * analysis of them adds to its cluster profile. Only services whose pods are known (their labels).
   * @internal
   */
  public static _usedUnder(scope: IConstruct): PlatformWorkload[] {
    const out = new Map<string, PlatformWorkload>();
    for (const c of scope.node.findAll()) {
      for (const w of USED.get(c) ?? []) out.set(`${w.namespace}/${w.name}`, w);
    }
    return [...out.values()];
  }

  /**
   * Records that a client construct connects to a managed service's pods (`SecureApp.allowTo`).
   * @internal
   */
  public static _record(client: IConstruct, workload: PlatformWorkload): void {
    const list = USED.get(client) ?? [];
    list.push(workload);
    USED.set(client, list);
  }

  /** A service from its platform facts; options override the namespace and ports. */
  private static of(service: string, labelName: string, facts: ManagedServiceFact, cluster: string, options: ManagedServiceOptions): ManagedService {
    const podLabels = facts.podLabels && facts.clusterLabel ? { ...facts.podLabels, [facts.clusterLabel]: cluster } : {};
    return new ManagedService(service, cluster, options.namespace ?? facts.namespace, options.ports ?? facts.ports.map(p => Port.tcp(p)),
      facts.accessLabel ? managedServiceAccessLabel(labelName, cluster) : {}, podLabels, facts.workloadKind ?? 'StatefulSet');
  }


  /** The kind of service, e.g. `PostgreSQL`. */
  public readonly service: string;
  /** The service cluster's name. */
  public readonly cluster: string;
  /** The namespace its pods run in. */
  public readonly namespace: string;
  /** The ports clients connect to. */
  public readonly ports: Port[];
  /** Labels client pods must carry to be admitted. */
  public readonly accessLabels: { [key: string]: string };
  /** Labels the service's pods carry, when the platform documents them (empty otherwise). */
  public readonly podLabels: { [key: string]: string };
  private readonly workloadKind: string;

  private constructor(service: string, cluster: string, namespace: string, ports: Port[], accessLabels: { [key: string]: string },
    podLabels: { [key: string]: string }, workloadKind: string) {
    this.service = service;
    this.cluster = cluster;
    this.namespace = namespace;
    this.ports = ports;
    this.accessLabels = accessLabels;
    this.podLabels = podLabels;
    this.workloadKind = workloadKind;
  }

  /**
   * The service's pods as a platform workload (`postgres-system/shop-db[StatefulSet]`), or undefined when
   * their labels are not known.
   * @internal
   */
  public _platformWorkload(): PlatformWorkload | undefined {
    if (Object.keys(this.podLabels).length === 0 || this._problem()) return undefined;
    const ports = this.ports.flatMap(p => {
      const set = p._portSet();
      const first = set?.first();
      return first && set!.equals(PortSetOfOne(first)) ? [{ port: first.port, protocol: first.protocol }] : [];
    });
    return { namespace: this.namespace, name: this.cluster, kind: this.workloadKind, podLabels: { ...this.podLabels }, ports };
  }

  /** The peer: every pod of the service's namespace, on the service's ports, egress only. */
  public toPeer(): Peer {
    return Peer._of({
      description: `managed ${this.service} ${this.cluster} (namespace ${this.namespace})`,
      problem: this._problem(),
      peers: () => [namespacePeer(this.namespace)],
      defaultPorts: this.ports,
      clientLabels: this.accessLabels,
      egressOnly: true,
      platformWorkload: this._platformWorkload(),
    });
  }

  /**
   * What is wrong with the cluster name, namespace or ports, or undefined. The construct that
   * receives the service (as a peer) checks it.
   * @internal
   */
  public _problem(): string | undefined {
    return checkDnsLabel(this.cluster, `${this.service} cluster name`) ?? checkDnsLabel(this.namespace, 'namespace')
      ?? (this.ports.length === 0 ? `${this.service} has no ports; name at least one port` : undefined)
      ?? this.ports.map(p => p._problem()).find(p => p !== undefined);
  }
}

/** Clients (constructs) and the managed services they connect to. */
const USED = new WeakMap<IConstruct, PlatformWorkload[]>();

function PortSetOfOne(p: { port: number; protocol: Protocol }): PortSet {
  return PortSet.port(p.protocol, p.port);
}
