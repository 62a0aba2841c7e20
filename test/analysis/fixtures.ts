import { AnalysisOptions, NetworkAnalysis, ReportFormat } from '../../src/analysis';

/** Small builders for plain Kubernetes objects, as a test would write them in YAML. */
export type Obj = { [key: string]: any };

export function namespace(name: string, labels: Record<string, string> = {}): Obj {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface ContainerPortSpec {
  readonly containerPort: number;
  readonly name?: string;
  readonly protocol?: string;
}

export function deployment(ns: string, name: string, labels: Record<string, string>, ports: ContainerPortSpec[] = [], kind = 'Deployment'): Obj {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'registry.example/app:1.0', ports }] } },
    },
  };
}

export interface PodExtras {
  readonly ip?: string;
  readonly hostNetwork?: boolean;
  readonly owner?: Obj;
}

export function pod(ns: string | undefined, name: string, labels: Record<string, string>, extra: PodExtras = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(ns ? { namespace: ns } : {}), labels, ...(extra.owner ? { ownerReferences: [extra.owner] } : {}) },
    spec: { containers: [{ name: 'main', image: 'x' }], ...(extra.hostNetwork ? { hostNetwork: true } : {}) },
    ...(extra.ip ? { status: { podIP: extra.ip, podIPs: [{ ip: extra.ip }] } } : {}),
  };
}

export function policy(ns: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

export function service(ns: string, name: string, selector: Record<string, string>, ports: Obj[]): Obj {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector, ports } };
}

export function analyze(objects: Obj[], options?: AnalysisOptions): NetworkAnalysis {
  return NetworkAnalysis.fromManifests(objects, options);
}

/** The text report as lines. */
export function lines(analysis: NetworkAnalysis): string[] {
  return analysis.render(ReportFormat.TEXT).split('\n').filter(l => l.length > 0);
}

/** The connection string between two peers, or undefined. */
export function conn(analysis: NetworkAnalysis, from: string, to: string): string | undefined {
  return analysis.connections.find(c => c.source.name === from && c.destination.name === to)?.description;
}
