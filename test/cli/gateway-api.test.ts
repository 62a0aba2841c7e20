// The CLI on Gateway API input: the route's data plane in the connection list, explain from it,
// refusals as warnings on stderr.
import { runCli } from '../../src/cli/run';

function cli(stdin: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin: () => stdin });
  return { code, stdout, stderr };
}

const INPUT = (hostname: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1, ports: [{containerPort: 8080, name: http}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: gw}
spec:
  gatewayClassName: eg
  listeners: [{name: https, port: 443, protocol: HTTPS, hostname: "${hostname}", allowedRoutes: {namespaces: {from: All}}}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: gw}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`;

test('analyze lists {gateway NS/NAME} => backend on the target port', () => {
  const run = cli(INPUT('*.example.com'), 'analyze', '-');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('{gateway gw/public} => shop/web[Deployment] : TCP 8080');
});

test('explain takes {gateway NS/NAME}', () => {
  const run = cli(INPUT('*.example.com'), 'analyze', '-', '--explain', '{gateway gw/public}', 'shop/web[Deployment]', '8080');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('{gateway gw/public} => shop/web[Deployment] : TCP 8080 is ALLOWED');
});

test('a refused route is a warning, and nothing is exposed', () => {
  const run = cli(INPUT('*.other.org'), 'analyze', '-');
  expect(run.stdout).not.toContain('{gateway');
  expect(run.stderr).toContain('HTTPRoute shop/web: refused by Gateway gw/public');
});
