import '../../src/testing/jest';
import { build, synthValidated } from './helpers';
import { buildWorkloads, workloads } from '../../examples/workloads/workloads';
import { AdoptedWorkload, Cdk8sReachability, RulePack } from '../../src';
import { expectNoFindings } from '../../src/testing';
import { find } from '../constructs/helpers';

function built() {
  return build(buildWorkloads);
}

function analysis() {
  const { app } = built();
  return Cdk8sReachability.fromApp(app, { profile: workloads.profile });
}

const CONTROLLER = 'ingress-nginx/ingress-nginx-controller[Deployment]';
const DNS = 'kube-system/coredns[Deployment]';
/** Welkin's DNS: CoreDNS, node-local DNS on the host network, and the cluster DNS service IP it answers on. */
const DNS_ALL = [DNS, 'kube-system/node-local-dns[DaemonSet]', '10.233.0.3-10.233.0.3'];
const PROMETHEUS = 'monitoring/prometheus[StatefulSet]';
const RABBITMQ = 'rabbitmq-system/events[StatefulSet]';
const WEB = 'store/web[Deployment]';
const API = 'store/api[Deployment]';
const WORKER = 'store/worker[Deployment]';
const CACHE = 'store/cache[StatefulSet]';
const REPORT = 'store/report[CronJob]';
const PRICING = 'store/pricing[Deployment]';

describe('examples/workloads', () => {
  test('snapshot of the full YAML', () => {
    expect(built().app.synthYaml()).toMatchSnapshot();
  });

  test('every object is valid against the Kubernetes schemas', () => {
    const objects = synthValidated(built().built);
    expect(objects.map(o => o.kind).filter((k, i, all) => all.indexOf(k) === i).sort()).toEqual([
      'CronJob', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Namespace', 'NetworkPolicy', 'PodDisruptionBudget',
      'PrometheusRule', 'Service', 'ServiceAccount', 'ServiceMonitor', 'StatefulSet',
    ]);
  });

  test('the rule pack finds nothing, on the chart and on the written YAML, with no suppression', () => {
    const { app, built: b } = built();
    expectNoFindings(b.chart, workloads.lintConfig);
    const yaml = app.synthYaml();
    expect(new RulePack(workloads.lintConfig).lintText(yaml, 'workloads.yaml').findings).toEqual([]);
    expect(yaml).not.toContain('cdk8s-netsec.io/suppress');
  });

  test('the shapes: a worker and a CronJob without Service, a headless cache, the adopted Deployment hardened', () => {
    const objects = synthValidated(built().built);
    expect(objects.filter(o => o.kind === 'Service').map(o => o.metadata.name).sort()).toEqual(['api', 'cache', 'web']);
    expect(find(objects, 'Service', 'cache').spec.clusterIP).toBe('None');
    expect(find(objects, 'NetworkPolicy', 'worker').metadata.annotations).toEqual({ 'cdk8s-netsec.io/ingress': 'none' });
    expect(find(objects, 'NetworkPolicy', 'report').metadata.annotations).toEqual({ 'cdk8s-netsec.io/ingress': 'none' });
    const pricing = find(objects, 'Deployment', 'pricing').spec.template.spec;
    expect(pricing.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    expect(find(objects, 'PodDisruptionBudget', 'pricing').spec.maxUnavailable).toBe(1);
  });

  test('exactly these connections are allowed', () => {
    const { built: b } = built();
    expect(analysis()).toOnlyAllow([
      `${CONTROLLER} => ${WEB} : TCP 8080`,
      `${PROMETHEUS} => ${WEB} : TCP 8080`,
      `${PROMETHEUS} => ${API} : TCP 9102`,
      `${WEB} => ${API} : TCP 8080`,
      `${WORKER} => ${API} : TCP 9000`,
      `${REPORT} => ${API} : TCP 8080`,
      `${API} => ${CACHE} : TCP 6379`,
      `${WORKER} => ${CACHE} : TCP 6379`,
      { from: b.api, to: AdoptedWorkload.of(b.pricing), ports: 'TCP 8080' },
      `${WORKER} => ${RABBITMQ} : TCP 5672`,
      // The egress rule names the broker's namespace: any pod there, shown or not.
      `${WORKER} => rabbitmq-system/[all pods] : TCP 5672`,
      ...[WEB, API, WORKER, CACHE, REPORT, PRICING].flatMap(w => DNS_ALL.map(d => `${w} => ${d} : TCP 53,UDP 53`)),
    ]);
  });

  test('no shortcut: nothing reaches the worker or the CronJob; web never reaches the cache or pricing', () => {
    const a = analysis();
    for (const target of [WORKER, REPORT]) {
      for (const source of [WEB, API, CACHE, CONTROLLER, PROMETHEUS]) expect(a).not.toAllowConnection(source, target);
    }
    expect(a).not.toAllowConnection(WEB, CACHE);
    expect(a).not.toAllowConnection(WEB, PRICING);
    expect(a).not.toAllowConnection(CONTROLLER, API);
    expect(a).not.toAllowConnection(PRICING, '8.8.8.8');
  });
});
