/**
 * Realistic manifest streams for the YAML reader's benchmark and tests: the benchmark cluster of
 * generateLargeCluster (Namespaces, default-deny and per-workload NetworkPolicies, Deployments)
 * with Deployments filled in as real ones are (probes, resources, security context, env, volumes),
 * plus a Service per workload and an Ingress per namespace, written as one multi-document YAML.
 */
import { stringify } from 'yaml';
import { generateLargeCluster, seededRandom } from './generators';

type Obj = { [key: string]: any };

export interface ManifestStream {
  readonly objects: Obj[];
  /** The objects as YAML documents separated by `---`. */
  readonly yaml: string;
}

export function generateManifestStream(workloads: number, namespaces: number, seed = 20261121): ManifestStream {
  const rnd = seededRandom(seed + 1);
  const objects: Obj[] = [];
  const servicesByNamespace = new Map<string, Obj[]>();
  for (const o of generateLargeCluster({ workloads, namespaces, seed }).objects) {
    if (o.kind !== 'Deployment') {
      objects.push(o);
      continue;
    }
    const name: string = o.metadata.name;
    const namespace: string = o.metadata.namespace;
    const labels = o.metadata.labels;
    const container = o.spec.template.spec.containers[0];
    const deployment = {
      ...o,
      metadata: {
        ...o.metadata,
        annotations: { 'deployment.kubernetes.io/revision': String(1 + Math.floor(rnd() * 9)) },
      },
      spec: {
        ...o.spec,
        revisionHistoryLimit: 5,
        template: {
          metadata: { labels, annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' } },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              ...container,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${name}-db`, key: 'url' } } },
              ],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: '/livez', port: 'http' }, periodSeconds: 20 },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/app', readOnly: true }],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'config', configMap: { name: `${name}-config` } }],
          },
        },
      },
    };
    objects.push(deployment);
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace, labels },
      spec: { type: 'ClusterIP', selector: o.spec.selector.matchLabels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    };
    objects.push(service);
    servicesByNamespace.set(namespace, [...(servicesByNamespace.get(namespace) ?? []), service]);
  }
  for (const [namespace, services] of servicesByNamespace) {
    const hosts = services.map(s => `${s.metadata.name}.${namespace}.apps.example.com`);
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: `${namespace}-web`, namespace, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts, secretName: `${namespace}-web-tls` }],
        rules: services.map((s, i) => ({
          host: hosts[i],
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: s.metadata.name, port: { name: 'http' } } } }] },
        })),
      },
    });
  }
  // Deep copies: objects that share a sub-object would be written with anchors and aliases, which real manifests seldom use.
  return { objects, yaml: objects.map(o => stringify(JSON.parse(JSON.stringify(o)))).join('---\n') };
}
