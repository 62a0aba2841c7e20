import { AppProbe, AppVolume, EnvFrom, Platform, Protocol, SecureApp, SecureAppProps, WorkloadKind } from '../../../src';
import { Base, base, expectRejected, IMAGE } from '../bad-input';

// Each row is one bad input to SecureApp's props: the message names the construct path
// (test/api), the value and what would be valid, and nothing reaches the output.
interface Case {
  readonly input: string;
  readonly props: Partial<SecureAppProps>;
  readonly value: string;
  readonly valid: string;
  readonly platform?: Platform;
}

const PORT_RANGE = 'use an integer port number between 1 and 65535';
const IANA = 'use 1-15 lowercase letters, digits and single \'-\' between them, with at least one letter';
const LABEL_VALUE = 'use at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit';

const cases: Case[] = [
  // names
  { input: 'an app name with uppercase letters', props: { name: 'API' }, value: 'app name "API" is not a DNS label', valid: '(e.g. "api")' },
  { input: 'an app name of 64 characters', props: { name: 'a'.repeat(64) }, value: `app name "${'a'.repeat(64)}"`, valid: 'use 1-63 lowercase letters' },
  { input: 'an app name already used in the namespace', props: { name: 'web' }, value: 'NetworkPolicy "web" in namespace "demo" is already emitted by test/web', valid: 'give one of them another name' },
  { input: 'a namespace that is not a DNS label', props: { namespace: { name: 'Shop' } }, value: 'namespace "Shop" is not a DNS label', valid: '(e.g. "shop")' },
  { input: 'the namespace default', props: { namespace: { name: 'default' } }, value: 'namespace "default" is not allowed', valid: 'use a dedicated namespace such as a DefaultDenyNamespace' },
  // images
  { input: 'an image without a tag', props: { image: 'ghcr.io/acme/api' }, value: 'image "ghcr.io/acme/api" has no tag', valid: 'pin a version tag or a digest (e.g. "ghcr.io/acme/api:1.0.0"' },
  { input: 'an image with the tag latest', props: { image: 'ghcr.io/acme/api:latest' }, value: 'image "ghcr.io/acme/api:latest" uses the tag "latest"', valid: '(e.g. "ghcr.io/acme/api:1.0.0")' },
  { input: 'an image with a trailing space', props: { image: 'ghcr.io/acme/api:1.0 ' }, value: 'image "ghcr.io/acme/api:1.0 " is not a valid image reference', valid: 'use [registry/]repository:tag' },
  { input: 'an image with an uppercase repository', props: { image: 'ghcr.io/Acme/api:1.0.0' }, value: '"ghcr.io/Acme/api:1.0.0" is not a valid image reference', valid: 'with a lowercase repository' },
  { input: 'an image with a malformed digest', props: { image: 'ghcr.io/acme/api@sha256:xyz' }, value: 'has digest "sha256:xyz", which no registry serves', valid: 'use sha256:<64 lowercase hex digits>' },
  { input: 'an image with an md5 digest', props: { image: `ghcr.io/acme/api@md5:${'a'.repeat(32)}` }, value: `has digest "md5:${'a'.repeat(32)}"`, valid: 'or sha512:<128 lowercase hex digits>' },
  { input: 'an image with a short sha256 digest', props: { image: `ghcr.io/acme/api@sha256:${'a'.repeat(32)}` }, value: 'which no registry serves', valid: 'use sha256:<64 lowercase hex digits>' },
  { input: 'a memory request of half a byte', props: { memoryRequest: '0.5' }, value: 'memoryRequest "0.5" is below 4Mi', valid: 'use e.g. "128Mi" or "1Gi"' },
  { input: 'a memory limit of 1Mi', props: { memoryLimit: '1Mi' }, value: 'memoryLimit "1Mi" is below 4Mi', valid: 'use e.g. "128Mi"' },
  { input: 'a CPU request below a millicore', props: { cpuRequest: '0.0001' }, value: 'cpuRequest "0.0001" is below 1m', valid: 'use e.g. "100m" or "0.5"' },
  { input: 'an empty image', props: { image: '' }, value: 'image "" is not a valid image reference', valid: '(e.g. "ghcr.io/acme/web:1.4.2")' },
  { input: 'an image tag of 129 characters', props: { image: `ghcr.io/acme/api:${'a'.repeat(129)}` }, value: `"ghcr.io/acme/api:${'a'.repeat(83)}"... (146 characters)`, valid: 'use [registry/]repository:tag' },
  { input: 'no image at all (from JavaScript)', props: { image: undefined }, value: 'image is missing', valid: 'give a pinned image such as "ghcr.io/acme/web:1.4.2"' },
  // ports
  { input: 'no port and no probe (a worker must say how it is checked)', props: { port: undefined }, value: 'a worker has no port to probe', valid: 'give `probe: AppProbe.exec([...])`' },
  { input: 'port 0', props: { port: 0 }, value: 'port 0 is outside 1-65535', valid: PORT_RANGE },
  { input: 'port 65536', props: { port: 65536 }, value: 'port 65536 is outside 1-65535', valid: PORT_RANGE },
  { input: 'a fractional port', props: { port: 80.5 }, value: 'port 80.5', valid: PORT_RANGE },
  { input: 'a negative port', props: { port: -1 }, value: 'port -1', valid: PORT_RANGE },
  { input: 'a NaN port', props: { port: NaN }, value: 'port NaN', valid: PORT_RANGE },
  { input: 'a service port of 70000', props: { servicePort: 70000 }, value: 'service port 70000', valid: PORT_RANGE },
  // named ports
  { input: 'a port name of 16 characters', props: { portName: 'http-with-a-long' }, value: 'port name "http-with-a-long" is not an IANA service name', valid: IANA },
  { input: 'a port name without a letter', props: { portName: '8080' }, value: 'port name "8080"', valid: 'with at least one letter' },
  { input: 'a port name with uppercase letters', props: { portName: 'HTTP' }, value: 'port name "HTTP"', valid: IANA },
  { input: 'a port name with a leading hyphen', props: { portName: '-http' }, value: 'port name "-http"', valid: IANA },
  { input: 'a port name with a trailing hyphen', props: { portName: 'http-' }, value: 'port name "http-"', valid: IANA },
  { input: 'a port name with a double hyphen', props: { portName: 'http--alt' }, value: 'port name "http--alt"', valid: IANA },
  {
    input: 'a port name that duplicates the metrics port\'s',
    props: { portName: 'metrics', metrics: { port: 9090 } },
    value: 'port name "metrics" is also the name of the separate metrics port 9090',
    valid: 'name the app\'s port differently (e.g. "http")',
  },
  {
    input: 'a metrics port equal to the Service port',
    props: { servicePort: 9090, metrics: { port: 9090 } },
    value: 'metrics port 9090 is also the Service port',
    valid: 'choose another metrics port or servicePort',
  },
  { input: 'a metrics port of 99999', props: { metrics: { port: 99999 } }, value: 'metrics port 99999', valid: PORT_RANGE },
  // replicas
  { input: 'negative replicas', props: { replicas: -1 }, value: 'replicas -1 is not a positive integer', valid: 'use 2 or more (1 opts out' },
  { input: 'fractional replicas', props: { replicas: 1.5 }, value: 'replicas 1.5', valid: 'use 2 or more' },
  { input: 'zero replicas', props: { replicas: 0 }, value: 'replicas 0', valid: 'use 2 or more' },
  // resources
  { input: 'a CPU request with a space', props: { cpuRequest: '100 m' }, value: 'cpuRequest "100 m" is not a Kubernetes quantity', valid: 'use e.g. "100m" or "0.5"' },
  { input: 'a CPU request with a binary suffix', props: { cpuRequest: '1Ki' }, value: 'cpuRequest "1Ki" uses a binary suffix', valid: 'millicores such as "500m"' },
  { input: 'a zero CPU request', props: { cpuRequest: '0' }, value: 'cpuRequest "0" is zero', valid: 'use a positive amount such as "100m"' },
  { input: 'a memory request in millibytes', props: { memoryRequest: '128m' }, value: 'memoryRequest "128m" is in thousandths of a byte', valid: 'write mebibytes as "128Mi"' },
  { input: 'a memory request in MB', props: { memoryRequest: '128MB' }, value: 'memoryRequest "128MB" is not a Kubernetes quantity', valid: 'use e.g. "128Mi" or "1Gi"' },
  { input: 'a memory limit that does not parse', props: { memoryLimit: 'lots' }, value: 'memoryLimit "lots"', valid: 'use e.g. "128Mi" or "1Gi"' },
  { input: 'a CPU request above its limit', props: { cpuRequest: '500m', cpuLimit: '250m' }, value: 'cpuRequest "500m" is above cpuLimit "250m"', valid: 'raise the limit to at least "500m" or lower the request' },
  { input: 'a memory request above its limit', props: { memoryRequest: '1Gi', memoryLimit: '512Mi' }, value: 'memoryRequest "1Gi" is above memoryLimit "512Mi"', valid: 'raise the limit to at least "1Gi"' },
  // identities, probes, environment, secrets
  { input: 'runAsUser 0 (root)', props: { runAsUser: 0 }, value: 'runAsUser 0 is below 10000', valid: 'use an ID >= 10000' },
  { input: 'a fractional runAsGroup', props: { runAsGroup: 10000.5 }, value: 'runAsGroup 10000.5', valid: 'use an ID >= 10000' },
  { input: 'a relative probe path', props: { probe: AppProbe.http('healthz') }, value: 'probe path "healthz" does not start with \'/\'', valid: 'use an absolute path such as "/"' },
  { input: 'a probe path with a semicolon', props: { probe: AppProbe.http('/healthz;rm') }, value: 'probe path "/healthz;rm"', valid: 'use a plain path such as "/api/v1"' },
  { input: 'a metrics path without a slash', props: { metrics: { path: 'metrics' } }, value: 'metrics path "metrics"', valid: 'use an absolute path' },
  { input: 'a metrics path with a quote', props: { metrics: { path: '/metrics"' } }, value: 'metrics path "/metrics\\""', valid: 'use a plain path' },
  { input: 'an environment variable name with a hyphen', props: { env: { 'MY-VAR': 'x' } }, value: 'environment variable name "MY-VAR" is invalid', valid: 'use letters, digits and \'_\'' },
  {
    input: 'an environment variable set twice',
    props: { env: { TOKEN: 'x' }, secretEnv: [{ name: 'TOKEN', secretName: 'api', key: 'token' }] },
    value: 'environment variable "TOKEN" is set twice',
    valid: 'set each variable once',
  },
  {
    input: 'a secret name with uppercase letters',
    props: { secretEnv: [{ name: 'TOKEN', secretName: 'API_Secret', key: 'token' }] },
    value: 'secret name "API_Secret" is not a DNS subdomain',
    valid: 'use dot-separated DNS labels',
  },
  { input: 'a secret key with a slash', props: { secretEnv: [{ name: 'TOKEN', secretName: 'api', key: 'a/b' }] }, value: 'secret key "a/b" is invalid', valid: 'use letters, digits, \'-\', \'_\' and \'.\'' },
  // labels
  { input: 'a pod label key with two slashes', props: { podLabels: { 'team/name/x': 'a' } }, value: 'key "team/name/x" has an invalid prefix "team/name"', valid: 'a lowercase DNS subdomain' },
  { input: 'a pod label value with a leading hyphen', props: { podLabels: { team: '-a' } }, value: 'value of "team" "-a"', valid: LABEL_VALUE },
  { input: 'a pod label value of 64 characters', props: { podLabels: { team: 'a'.repeat(64) } }, value: `"${'a'.repeat(64)}" is not a valid label value`, valid: LABEL_VALUE },
  { input: 'a component with a space', props: { component: 'front end' }, value: 'component "front end"', valid: LABEL_VALUE },
  { input: 'a partOf with punctuation', props: { partOf: 'shop!' }, value: 'partOf "shop!"', valid: LABEL_VALUE },
  { input: 'an instance starting with an underscore', props: { instance: '_x' }, value: 'instance "_x"', valid: LABEL_VALUE },
  { input: 'an empty instance (dropped from the pod labels but kept in the selectors)', props: { instance: '' }, value: 'instance is empty', valid: 'give a value (at most 63 letters' },
  // workload shapes (named ports, kinds, extra containers, volumes, autoscaling)
  {
    input: 'two ports with the same name',
    props: { port: undefined, ports: [{ name: 'http', port: 8080 }, { name: 'http', port: 8081 }] },
    value: 'two ports are named "http"',
    valid: 'give each port its own name',
  },
  {
    input: 'a sidecar port named like an app port',
    props: { sidecars: [{ name: 'proxy', image: IMAGE, ports: [{ name: 'http', port: 15001 }] }] },
    value: 'two ports are named "http"',
    valid: 'give each port its own name',
  },
  {
    input: 'two ports on one container port and protocol',
    props: { port: undefined, ports: [{ name: 'a', port: 8080 }, { name: 'b', port: 8080 }] },
    value: 'two ports use container port TCP 8080',
    valid: 'each container port and protocol may be used once',
  },
  {
    input: 'two ports on one Service port',
    props: { port: undefined, ports: [{ name: 'a', port: 8080, servicePort: 80 }, { name: 'b', port: 8081, servicePort: 80 }] },
    value: 'two ports use Service port TCP 80',
    valid: 'give one of them another servicePort',
  },
  { input: 'port and ports together', props: { ports: [{ name: 'grpc', port: 9000 }] }, value: '`port`, `portName` and `servicePort` describe a single port', valid: 'with `ports`, give each port\'s name' },
  { input: 'an unknown default port', props: { port: undefined, ports: [{ name: 'http', port: 8080 }], defaultPort: 'grpc' }, value: 'default port "grpc" is not one of the app\'s ports ("http")', valid: 'name one of them' },
  { input: 'a port with an unknown protocol (from JavaScript)', props: { port: undefined, ports: [{ name: 'x', port: 1, protocol: 'ICMP' as Protocol }] }, value: 'port "x" has protocol "ICMP"', valid: 'use Protocol.TCP' },
  {
    input: 'a CronJob given a Service port',
    props: { workload: WorkloadKind.cronJob({ schedule: '0 3 * * *' }) },
    value: 'a CronJob runs to completion and serves nobody: it has no Service, ports, replicas, probes or metrics, but port was given',
    valid: 'leave them out (connections it makes are declared with allowTo)',
  },
  {
    input: 'a Job given replicas and metrics',
    props: { port: undefined, replicas: 3, metrics: {}, workload: WorkloadKind.job() },
    value: 'a Job runs to completion and serves nobody: it has no Service, ports, replicas, probes or metrics, but replicas, metrics were given',
    valid: 'leave them out',
  },
  { input: 'a CronJob with a bad schedule', props: { port: undefined, workload: WorkloadKind.cronJob({ schedule: '0 3 * *' }) }, value: 'schedule "0 3 * *" is not five cron fields', valid: 'use e.g. "0 3 * * *"' },
  { input: 'a CronJob without a schedule (from JavaScript)', props: { port: undefined, workload: WorkloadKind.cronJob({} as any) }, value: 'the CronJob has no schedule', valid: 'e.g. "0 3 * * *"' },
  { input: 'a CronJob with a bad time zone', props: { port: undefined, workload: WorkloadKind.cronJob({ schedule: '@daily', timeZone: 'Mars Time' }) }, value: 'time zone "Mars Time"', valid: 'use e.g. "Europe/Stockholm"' },
  { input: 'a negative backoffLimit', props: { port: undefined, workload: WorkloadKind.job({ backoffLimit: -1 }) }, value: 'backoffLimit -1 is not a non-negative integer', valid: 'non-negative integer' },
  {
    input: 'a StatefulSet without storage size',
    props: { workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: '' }]) },
    value: 'volume claim "data" has no storage size',
    valid: 'give `size`, e.g. "10Gi"',
  },
  {
    input: 'a StatefulSet with a storage size in MB',
    props: { workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: '/data', size: '10GB' }]) },
    value: 'volume claim "data" size "10GB"',
    valid: 'use e.g. "128Mi" or "1Gi"',
  },
  { input: 'a volume claim mounted at a relative path', props: { workload: WorkloadKind.statefulSet([{ name: 'data', mountPath: 'data', size: '1Gi' }]) }, value: 'mount path "data"', valid: 'use e.g. "/data"' },
  { input: 'a volume mounted over /tmp', props: { volumes: [AppVolume.configMap('cfg', '/tmp')] }, value: 'two volumes are mounted at "/tmp"', valid: 'mount each volume at its own path' },
  { input: 'a volume path with ..', props: { volumes: [AppVolume.secret('s', '/etc/../root')] }, value: 'mount path "/etc/../root"', valid: 'without \'..\'' },
  { input: 'a ConfigMap name with uppercase letters', props: { volumes: [AppVolume.configMap('Cfg', '/cfg')] }, value: 'ConfigMap name "Cfg"', valid: 'use dot-separated DNS labels' },
  { input: 'an envFrom prefix with a hyphen', props: { envFrom: [EnvFrom.configMap('cfg', 'MY-')] }, value: 'envFrom prefix "MY-" is invalid', valid: 'use letters, digits and \'_\'' },
  { input: 'a sidecar named like the app', props: { sidecars: [{ name: 'api', image: IMAGE, probe: AppProbe.exec(['/ok']) }] }, value: 'two containers are named "api"', valid: 'name each container once' },
  { input: 'a sidecar with a latest image', props: { sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:latest', probe: AppProbe.exec(['/ok']) }] }, value: 'sidecar "proxy": image "ghcr.io/acme/proxy:latest" uses the tag "latest"', valid: '(e.g.' },
  { input: 'a sidecar without a port or probe', props: { sidecars: [{ name: 'logs', image: IMAGE }] }, value: 'sidecar "logs" has no TCP port to probe', valid: 'give `probe: AppProbe.exec([...])`' },
  { input: 'an init container with ports', props: { initContainers: [{ name: 'init', image: IMAGE, ports: [{ name: 'x', port: 1 }] }] }, value: 'init container "init" has ports', valid: 'leave them out' },
  { input: 'an init container memory request above its limit', props: { initContainers: [{ name: 'init', image: IMAGE, memoryRequest: '1Gi', memoryLimit: '512Mi' }] }, value: 'init container "init": memoryRequest "1Gi" is above memoryLimit "512Mi"', valid: 'raise the limit' },
  { input: 'an empty exec probe', props: { probe: AppProbe.exec([]) }, value: 'exec probe has an empty command', valid: 'AppProbe.exec(["/app/healthcheck"])' },
  { input: 'autoscaling with a minimum of 1', props: { autoscaling: { minReplicas: 1, maxReplicas: 5 } }, value: 'autoscaling minReplicas 1 is below 2', valid: 'keep at least 2' },
  { input: 'autoscaling with max below min', props: { autoscaling: { minReplicas: 4, maxReplicas: 3 } }, value: 'autoscaling maxReplicas 3 is below minReplicas 4', valid: 'give a maximum >= the minimum' },
  { input: 'autoscaling on a Job', props: { port: undefined, autoscaling: { maxReplicas: 3 }, workload: WorkloadKind.job() }, value: 'autoscaling', valid: 'leave them out' },
  { input: 'a tmp size that does not parse', props: { tmpSize: 'big' }, value: 'tmpSize "big"', valid: 'use e.g. "128Mi"' },
  // conflicting options
  {
    input: 'metrics on a platform without monitoring',
    props: { metrics: {} },
    platform: Platform.custom({ ingressController: Platform.welkin({ domain: 'example.com' }).ingressController, ingressClassName: 'nginx', appDomain: 'app.example.com' }),
    value: 'metrics scraping needs the platform\'s Prometheus, and this platform has no monitoring',
    valid: 'describe it with `monitoring` in the platform props',
  },
];

describe('SecureApp rejects bad props; nothing is emitted', () => {
  test.each(cases)('$input', c => {
    const b: Base = base();
    expectRejected(b, () => new SecureApp(b.chart, 'api', { namespace: b.ns, image: IMAGE, port: 8080, platform: c.platform, ...c.props }),
      { path: 'test/api', value: c.value, valid: c.valid });
  });
});
