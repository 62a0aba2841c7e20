import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { App, Chart, ChartProps, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { DefaultDenyNamespace, IPeer, Platform, SecureApp, TlsIngress } from '../../src';
import { peerToKube } from '../../src/constructs/network/to-kube';
import { SUPPRESS_ANNOTATION } from '../../src/rules/suppressions';
import { schemaProblems } from '../support/crd-schema';
import { hasCrdSchema, validateAgainstCrd } from '../support/crd-schemas';
import { PROMETHEUS_RULE_SCHEMA } from '../support/prometheus-rule-schema';

/** A synthesized manifest. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: any }; [k: string]: any };

/** No schema package for the Prometheus Operator is installed: check the fields we emit by hand. */
class ServiceMonitor {
  constructor(private readonly obj: any) {}
  validate(): void {
    const spec = this.obj.spec;
    const known = new Set(['selector', 'endpoints']);
    if (!spec?.selector?.matchLabels || Object.keys(spec.selector.matchLabels).length === 0) throw new Error('ServiceMonitor: empty selector');
    if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0) throw new Error('ServiceMonitor: no endpoints');
    for (const e of spec.endpoints) {
      if (typeof e.port !== 'string' || typeof e.path !== 'string' || Object.keys(e).some(k => !['port', 'path'].includes(k))) throw new Error('ServiceMonitor: bad endpoint');
    }
    if (Object.keys(spec).some(k => !known.has(k))) throw new Error('ServiceMonitor: unknown spec field');
  }
}

const MODELS: { [gvk: string]: new (obj: any) => { validate(): void } } = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'batch/v1/Job': Job,
  'batch/v1/CronJob': CronJob,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'cert-manager.io/v1/Certificate': Certificate,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

/** Schemas of custom resources with no CRD under src/imports/crds/: PrometheusRule's is written out in test/support. */
const CRD_SCHEMAS = new Map<string, any>([
  ['monitoring.coreos.com/v1/PrometheusRule', PROMETHEUS_RULE_SCHEMA],
]);

/** Checks an object against its CRD's openAPIV3Schema. */
class CrdModel {
  constructor(private readonly obj: any) {}
  validate(): void {
    const problems = schemaProblems(this.obj, CRD_SCHEMAS.get(`${this.obj.apiVersion}/${this.obj.kind}`)!);
    if (problems.length > 0) throw new Error(`${this.obj.kind}/${this.obj.metadata?.name}: ${problems.join('; ')}`);
  }
}
for (const gvk of CRD_SCHEMAS.keys()) MODELS[gvk] = CrdModel;

const PORT_KEYS = new Set(['port', 'containerPort', 'targetPort', 'endPort']);

/** Numbers the schema models let through: every numeric port must be 1-65535. */
function checkPortsInRange(value: unknown, where: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkPortsInRange(v, `${where}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (PORT_KEYS.has(k) && typeof v === 'number' && (!Number.isInteger(v) || v < 1 || v > 65535)) {
        throw new Error(`${where}.${k}: port ${v} outside 1-65535`);
      }
      checkPortsInRange(v, `${where}.${k}`);
    }
  }
}

/** Validate one manifest against its schema (kubernetes-models) plus the checks the models skip. */
export function validateManifest(obj: Manifest): void {
  const gvk = `${obj.apiVersion}/${obj.kind}`;
  const Model = MODELS[gvk];
  // Gateway API and Envoy Gateway objects: their CRDs' schemas (src/imports/crds).
  if (!Model && hasCrdSchema(gvk)) validateAgainstCrd(obj);
  else if (!Model) throw new Error(`no schema model for ${gvk} (${obj.metadata?.name})`);
  else new Model(JSON.parse(JSON.stringify(obj))).validate();
  checkPortsInRange(obj, `${obj.kind}/${obj.metadata.name}`);
  if (obj.kind !== 'Namespace' && (!obj.metadata.namespace || obj.metadata.namespace === 'default')) {
    throw new Error(`${obj.kind}/${obj.metadata.name} has no explicit namespace (or "default")`);
  }
  if (obj.kind === 'Namespace' && obj.metadata.namespace !== undefined) {
    throw new Error(`Namespace/${obj.metadata.name} carries metadata.namespace`);
  }
}

/** Synthesize a chart and validate every object it emits. */
export function synth(chart: Chart): Manifest[] {
  const objs = Testing.synth(chart) as Manifest[];
  for (const obj of objs) validateManifest(obj);
  return objs;
}

/** A chart with the Welkin platform (domain example.com) registered on it. */
export function welkinChart(props: ChartProps & { platform?: Platform } = {}): Chart {
  const chart = new Chart(Testing.app(), 'test', props);
  (props.platform ?? Platform.welkin({ domain: 'example.com' })).registerOn(chart);
  return chart;
}

/** A fresh app, for tests with several charts. */
export function app(): App {
  return Testing.app();
}

/** The object of a kind and name (and namespace, if given); throws if absent. */
export function find(objs: Manifest[], kind: string, name: string, namespace?: string): Manifest {
  const found = objs.filter(o => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  if (found.length !== 1) throw new Error(`expected one ${kind}/${name}${namespace ? ` in ${namespace}` : ''}, found ${found.length}`);
  return found[0];
}

/** Every object of a kind. */
export function all(objs: Manifest[], kind: string): Manifest[] {
  return objs.filter(o => o.kind === kind);
}

/** The index of an object in the output (to assert ordering). */
export function indexOf(objs: Manifest[], kind: string, name: string): number {
  return objs.findIndex(o => o.kind === kind && o.metadata.name === name);
}

/**
 * Marks an app nobody connects to as intended, for tests that synthesize it on its own. The
 * guardrails the constructs attach fail the synth of an app whose policy has no ingress rule
 * (`app-network-policy`, R3); a real app gets one from allowFrom or an ingress, a worker that
 * serves nobody carries this suppression with its reason.
 */
export function unreached<T extends SecureApp>(secureApp: T): T {
  secureApp.deployment.metadata.addAnnotation(SUPPRESS_ANNOTATION, 'app-network-policy: a test fixture that nobody connects to');
  return secureApp;
}

/** A peer's `from`/`to` elements as a policy in `policyNamespace` writes them (the JSON cdk8s emits). */
export function kubePeers(peer: IPeer, policyNamespace: string): unknown[] {
  return peer.toPeer()._policyPeers(policyNamespace).map(p => k8s.toJson_NetworkPolicyPeer(peerToKube(p)));
}

/** The user demo's shape on a platform: a default-deny namespace, one app on 3000, HTTPS for it. */
export function webDemoChart(platform: Platform, image = 'harbor.example.com/demo/user-demo:1.0.0'): Chart {
  const chart = new Chart(Testing.app(), 'demo');
  platform.registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'demo');
  const web = new SecureApp(ns, 'web', { image, port: 3000 });
  new TlsIngress(ns, 'ingress', { app: web, host: 'web.example.com' });
  return chart;
}
