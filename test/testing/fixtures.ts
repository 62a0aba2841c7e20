import { ApiObject, App, Chart } from 'cdk8s';

/** A shop: web -> api on TCP 8080 (named port `http`), api -> db on TCP 5432, everything else denied. */
export function shopChart(app: App = new App(), id = 'shop'): Chart {
  const chart = new Chart(app, id, { namespace: 'shop' });
  new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', namespace: undefined } });
  for (const [name, port] of [['web', 80], ['api', 8080], ['db', 5432]] as const) {
    new ApiObject(chart, name, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'x', ports: [{ name: 'http', containerPort: port }] }] } },
      },
    });
  }
  new ApiObject(chart, 'deny', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  allow(chart, 'web', 'api', 'http');
  allow(chart, 'api', 'db', 5432);
  return chart;
}

/** Ingress to `to` from `from` on the port, and (same namespace) the matching egress. */
export function allow(chart: Chart, from: string, to: string, port: string | number, fromNamespace?: string): void {
  const peer = fromNamespace
    ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': fromNamespace } }, podSelector: { matchLabels: { app: from } } }
    : { podSelector: { matchLabels: { app: from } } };
  new ApiObject(chart, `${from}-to-${to}`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${from}-to-${to}` },
    spec: { podSelector: { matchLabels: { app: to } }, policyTypes: ['Ingress'], ingress: [{ from: [peer], ports: [{ port }] }] },
  });
  if (!fromNamespace) {
    new ApiObject(chart, `${from}-egress-${to}`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${from}-egress-${to}` },
      spec: { podSelector: { matchLabels: { app: from } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: to } } }], ports: [{ port }] }] },
    });
  }
}

/** Egress from `from` (in this chart's namespace) to `to` in another namespace. */
export function allowEgress(chart: Chart, from: string, to: string, toNamespace: string): void {
  new ApiObject(chart, `${from}-egress-${to}`, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${from}-egress-${to}` },
    spec: {
      podSelector: { matchLabels: { app: from } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': toNamespace } }, podSelector: { matchLabels: { app: to } } }] }],
    },
  });
}
