/**
 * AdoptedWorkload: a network identity for a workload the library did not create (a cdk8s-plus-28
 * Deployment, StatefulSet, DaemonSet, Job or CronJob; an ApiObject; an object brought in with cdk8s
 * `Include` or `Helm`): one NetworkPolicy named after it, `allowFrom`/`allowTo` with SecureApps and
 * other adopted workloads, and (unless `harden: false`) the hardening the rule pack asks for,
 * applied as JSON patches so no YAML is written by hand.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { SAFE_TO_EVICT_LOCAL_VOLUMES } from './app-settings';
import { _NetworkedWorkload, registerAdoption, WorkloadNetwork } from './workload-network';
import { AppPort } from './workload-options';
import { IWorkloadRef, WorkloadIdentity } from '../../analysis/peer';
import { attachGuardrails } from '../../cdk8s/platform-facts';
import { standardLabels } from '../../kube/labels';
import { asObject, isObj, Obj, objectsOf, stringMap } from '../../kube/objects';
import { WELKIN } from '../../kube/platform';
import { Port } from '../../kube/port';
import { Protocol } from '../../kube/protocol';
import { checkPort, checkPortName } from '../../kube/validation/port';
import { POD_TEMPLATE_KINDS } from '../../kube/workloads';
import { assertValid, fail } from '../core/errors';
import { claimNames } from '../core/name-registry';
import { IPeer } from '../network/peer';
import { Platform } from '../platform/platform';

/** Props of AdoptedWorkload. */
export interface AdoptedWorkloadProps {
  /**
   * The workload: a cdk8s-plus workload, an ApiObject with a pod template, or a construct (an
   * `Include`, a `Helm` chart) holding exactly one object with a pod template.
   */
  readonly workload: IConstruct;
  /**
   * The ports peers connect to (the first, or `defaultPort`, when a rule names none).
   * @default - the container ports of the pod template; none makes it a workload that receives nothing
   */
  readonly ports?: AppPort[];
  /**
   * The name of the port peers use when a rule names none.
   * @default - the first port
   */
  readonly defaultPort?: string;
  /**
   * The platform.
   * @default - `Platform.of(this)`
   */
  readonly platform?: Platform;
  /**
   * Patch the pod template as SecureApp writes it: restricted security contexts (runAsNonRoot, UID/GID
   * 10000 where unset, no privilege escalation, capabilities drop ALL, seccomp RuntimeDefault), no
   * service account token, the safe-to-evict annotation for emptyDir volumes, and for 2 or more
   * replicas a PodDisruptionBudget and spreading across nodes. Values already set are kept.
   * Adopt after the containers are configured: the patches are computed when adopting.
   * @default true
   */
  readonly harden?: boolean;
}

const adopted = new WeakMap<ApiObject, AdoptedWorkload>();
const REPLICATED = ['Deployment', 'StatefulSet'];
const SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/**
 * A network identity for an existing workload: one NetworkPolicy named after it (both policyTypes,
 * DNS egress), written before it; `allowFrom`/`allowTo` in both directions with SecureApps and
 * other adopted workloads. Passing a workload construct where a peer is expected adopts it with
 * the defaults (`AdoptedWorkload.of`).
 *
 * ```ts
 * const legacy = new kplus.Deployment(chart, 'legacy', { containers: [{ image: 'ghcr.io/acme/legacy:1.0.0', portNumber: 8080 }] });
 * api.allowFrom(legacy);                         // adopts it: a policy named after it, egress to api
 * AdoptedWorkload.of(legacy).allowTo(Peer.internet(), Port.tcp(443));
 * ```
 */
export class AdoptedWorkload extends _NetworkedWorkload implements IPeer, IWorkloadRef {
  /**
   * The network identity of `workload`: the one it has, or a new one with default props (created
   * next to the workload, with id `<id>-network`).
   */
  public static of(workload: IConstruct): AdoptedWorkload {
    const object = targetObject(workload, workload);
    const existing = adopted.get(object);
    if (existing) return existing;
    return new AdoptedWorkload(workload.node.scope ?? workload, `${workload.node.id}-network`, { workload });
  }

  /** The workload's name (and the policy's). */
  public readonly name: string;
  /** Its namespace. */
  public readonly namespace: string;
  /** The object that carries the pod template. */
  public readonly apiObject: ApiObject;
  /** The labels that select its pods. */
  public readonly selectorLabels: { [key: string]: string };
  /** The NetworkPolicy named after it. */
  public readonly networkPolicy: ApiObject;
  /** The PodDisruptionBudget added by hardening, for 2 or more replicas. */
  public readonly podDisruptionBudget?: ApiObject;
  /** @internal */
  protected readonly _network: WorkloadNetwork;

  constructor(scope: Construct, id: string, props: AdoptedWorkloadProps) {
    super(scope, id);
    // Bad input leaves nothing behind: not even this construct in the tree.
    const checked = (() => {
      try {
        return inspect(this, props);
      } catch (e) {
        scope.node.tryRemoveChild(id);
        throw e;
      }
    })();
    const { object, templatePath, template, podSpec, namespace, def, platform, replicated, harden } = checked;
    this.apiObject = object;
    this.name = object.name;
    this.namespace = namespace;
    this.selectorLabels = checked.selectorLabels;
    attachGuardrails(this, platform);
    adopted.set(object, this);

    this._network = new WorkloadNetwork(this, {
      name: this.name,
      namespace,
      platform,
      selectorLabels: this.selectorLabels,
      policyLabels: standardLabels({ name: this.name }),
      defaultPorts: def ? [Port._of(def.protocol ?? Protocol.TCP, def.port)] : [],
      noIngress: def === undefined,
      addPodLabels: labels => {
        for (const [k, v] of Object.entries(labels)) object.addJsonPatch(JsonPatch.add(`${templatePath}/metadata/labels/${escape(k)}`, v));
      },
    });
    this.networkPolicy = this._network.policy.apiObject;
    // Kyverno require-netpol checks at create time: the policy must exist before the pods.
    object.node.addDependency(this.networkPolicy);

    if (harden) {
      for (const patch of hardeningPatches(templatePath, template)) object.addJsonPatch(patch);
      if (replicated) {
        this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
          metadata: { name: this.name, namespace, labels: standardLabels({ name: this.name }) },
          spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: { ...this.selectorLabels } } },
        });
        if (!Array.isArray(podSpec.topologySpreadConstraints) && !isObj(podSpec.affinity)) {
          object.addJsonPatch(JsonPatch.add(`${templatePath}/spec/topologySpreadConstraints`, [{
            maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...this.selectorLabels } },
          }]));
        }
      }
    }
  }

  /** The workload as a reachability analysis names it (`shop/legacy[Deployment]`). */
  public get workloadIdentity(): WorkloadIdentity {
    return { namespace: this.namespace, name: this.name, kind: this.apiObject.kind };
  }
}

/** Everything adoption reads from the workload, checked; throws `<path>: <problem>` for bad input. */
function inspect(self: Construct, props: AdoptedWorkloadProps) {
  const object = targetObject(self, props.workload);
  const other = adopted.get(object);
  if (other) fail(self, `${object.node.path} already has a network identity (${other.node.path}); use AdoptedWorkload.of() to get it`);
  const kind = object.kind;
  if (!POD_TEMPLATE_KINDS.includes(kind)) {
    fail(self, `${kind} ${object.name} (${object.node.path}) has no pod template; adopt a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod`);
  }
  const json = object.toJson() as Obj;
  const templatePath = kind === 'Pod' ? '' : kind === 'CronJob' ? '/spec/jobTemplate/spec/template' : '/spec/template';
  const template = at(json, templatePath);
  const podSpec = asObject(template.spec);
  if (!isObj(template.spec) || objectsOf(podSpec.containers).length === 0) {
    fail(self, `${kind} ${object.name} (${object.node.path}) has no pod template with containers; add its containers before adopting it`);
  }
  const namespace = object.metadata.namespace ?? Chart.of(object).namespace;
  if (!namespace) {
    fail(self, `${kind} ${object.name} has no namespace; set one on it (metadata.namespace) or on its chart, so its policy lands next to it`);
  }
  const selector = asObject(asObject(json.spec).selector);
  const selectorLabels = SELECTOR_KINDS.includes(kind) && isObj(selector.matchLabels) && !Array.isArray(selector.matchExpressions)
    ? stringMap(selector.matchLabels) : stringMap(asObject(template.metadata).labels);
  if (Object.keys(selectorLabels).length === 0) {
    fail(self, `the pods of ${kind} ${object.name} carry no labels, so no policy can select them alone; give its pod template a label (e.g. app.kubernetes.io/name)`);
  }
  const ports = props.ports ?? containerPorts(podSpec);
  assertValid(self, ports.map(p => checkPortName(p.name, 'port name') ?? checkPort(p.port, `port ${JSON.stringify(p.name)}`)).find(p => p)
    ?? (props.defaultPort !== undefined && !ports.some(p => p.name === props.defaultPort)
      ? `default port ${JSON.stringify(props.defaultPort)} is not one of its ports (${ports.map(p => JSON.stringify(p.name)).join(', ') || 'none'})` : undefined));
  const def = props.defaultPort !== undefined ? ports.find(p => p.name === props.defaultPort) : ports[0];
  const platform = props.platform ?? Platform.of(self);
  const replicas = asObject(json.spec).replicas;
  const replicated = REPLICATED.includes(kind) && typeof replicas === 'number' && replicas >= 2;
  const harden = props.harden ?? true;
  claimNames(self, [
    { kind: 'NetworkPolicy', namespace, name: object.name },
    ...(harden && replicated ? [{ kind: 'PodDisruptionBudget', namespace, name: object.name }] : []),
  ]);
  return { object, json, kind, templatePath, template, podSpec, namespace, selectorLabels, ports, def, platform, replicated, harden };
}

registerAdoption(target => AdoptedWorkload.of(target));

/** The ApiObject with the pod template behind a construct, or an error naming the construct. */
function targetObject(scope: IConstruct, target: IConstruct): ApiObject {
  if (!target || !Construct.isConstruct(target)) fail(scope, 'workload is not a construct; pass a cdk8s-plus workload, an ApiObject or an Include/Helm construct');
  if (ApiObject.isApiObject(target)) return target;
  const own = (target as unknown as { apiObject?: unknown }).apiObject;
  if (own !== undefined && ApiObject.isApiObject(own)) return own;
  const objects = target.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const withTemplate = objects.filter(o => POD_TEMPLATE_KINDS.includes(o.kind));
  if (withTemplate.length === 1) return withTemplate[0];
  if (withTemplate.length === 0) {
    return fail(scope, `${target.node.path} holds no object with a pod template (${objects.length ? objects.slice(0, 5).map(o => `${o.kind} ${o.name}`).join(', ') : 'no objects'}); `
      + 'adopt a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod');
  }
  return fail(scope, `${target.node.path} holds ${withTemplate.length} objects with a pod template (${withTemplate.slice(0, 5).map(o => `${o.kind} ${o.name}`).join(', ')}); `
    + 'adopt each one: pass the ApiObject, e.g. include.apiObjects.find(o => o.name === \'...\')');
}

function at(json: Obj, path: string): Obj {
  return path.split('/').filter(Boolean).reduce((o, key) => asObject(o[key]), json as Obj) as Obj;
}

function containerPorts(podSpec: Obj): AppPort[] {
  return objectsOf(podSpec.containers).flatMap(c => objectsOf(c.ports)).filter(p => typeof p.containerPort === 'number')
    .map((p, i) => ({
      name: typeof p.name === 'string' ? p.name : `port-${i}`,
      port: p.containerPort as number,
      protocol: (['TCP', 'UDP', 'SCTP'].includes(String(p.protocol)) ? p.protocol : 'TCP') as Protocol,
    }));
}

/** A JSON pointer segment. */
function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Patches that make the pod template pass the rule pack's workload rules, keeping values already set. */
function hardeningPatches(templatePath: string, template: Obj): JsonPatch[] {
  const spec = asObject(template.spec);
  const id = WELKIN.minimumUserId;
  const pod = asObject(spec.securityContext);
  const patches = [
    JsonPatch.add(`${templatePath}/spec/automountServiceAccountToken`, false),
    JsonPatch.add(`${templatePath}/spec/securityContext`, {
      ...pod,
      runAsNonRoot: true,
      runAsUser: pod.runAsUser ?? id,
      runAsGroup: pod.runAsGroup ?? id,
      fsGroup: pod.fsGroup ?? pod.runAsGroup ?? id,
      seccompProfile: pod.seccompProfile ?? { type: 'RuntimeDefault' },
    }),
  ];
  for (const field of ['initContainers', 'containers']) {
    objectsOf(spec[field]).forEach((c, i) => {
      const sc = asObject(c.securityContext);
      const caps = asObject(sc.capabilities);
      patches.push(JsonPatch.add(`${templatePath}/spec/${field}/${i}/securityContext`, {
        ...sc,
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: sc.readOnlyRootFilesystem ?? true,
        capabilities: { ...caps, drop: ['ALL'] },
        seccompProfile: sc.seccompProfile ?? { type: 'RuntimeDefault' },
      }));
    });
  }
  const emptyDirs = objectsOf(spec.volumes).filter(v => v.emptyDir !== undefined).map(v => String(v.name));
  const annotations = stringMap(asObject(template.metadata).annotations);
  if (emptyDirs.length > 0 && annotations['cluster-autoscaler.kubernetes.io/safe-to-evict'] !== 'true') {
    const listed = (annotations[SAFE_TO_EVICT_LOCAL_VOLUMES] ?? '').split(',').map(s => s.trim()).filter(Boolean);
    const all = [...new Set([...listed, ...emptyDirs])];
    patches.push(JsonPatch.add(`${templatePath}/metadata/annotations`, { ...annotations, [SAFE_TO_EVICT_LOCAL_VOLUMES]: all.join(',') }));
  }
  return patches;
}
