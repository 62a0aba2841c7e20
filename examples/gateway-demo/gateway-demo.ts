/**
 * The platform's reference user demo on the Gateway API with Envoy Gateway (the migration target
 * after ingress-nginx), in two variants, each a chart with its own namespace:
 *
 * - `gateway-demo` (namespace `demo`): the app on port 3000 behind HTTPS on `demo.example.com`:
 *   an HTTPRoute attached to the team's ListenerSet on the platform's Gateway, the certificate from
 *   cert-manager. Only Envoy's data-plane pods of that Gateway reach the app.
 * - `gateway-demo-protected` (namespace `demo-protected`): the same app on
 *   `protected-demo.example.com`, behind a source allowlist and OIDC single sign-on, both enforced
 *   by Envoy Gateway (one SecurityPolicy; no oauth2-proxy pods).
 */
import { App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, GatewayImplementation, Guardrails, HttpsRoute, Platform, PlatformGateway, SecureApp } from '../../src';
import { BuiltExample, DOMAIN, Example, LINT_CONFIG } from '../example';
import { OFFICE_RANGE, USER_DEMO_IMAGE } from '../user-demo/user-demo';

/** The platform's shared Gateway: teams bring their own host and certificate in a ListenerSet. */
export const PUBLIC_GATEWAY = PlatformGateway.listenerSets({
  name: 'public',
  namespace: 'gateway-system',
  implementation: GatewayImplementation.envoyGateway(),
});

/** Welkin with Envoy Gateway serving the shared Gateway. */
export function gatewayPlatform(): Platform {
  return Platform.welkin({ domain: DOMAIN, gateway: PUBLIC_GATEWAY });
}

/** The charts of the Gateway API demo. */
export interface GatewayDemo extends BuiltExample {
  /** The open variant's app. */
  readonly demo: SecureApp;
  /** The protected variant's app. */
  readonly protectedDemo: SecureApp;
  /** The open variant's route. */
  readonly route: HttpsRoute;
  /** The protected variant's route. */
  readonly protectedRoute: HttpsRoute;
}

/** Builds both variants into `app`. */
export function buildGatewayDemo(app: App): GatewayDemo {
  const platform = gatewayPlatform();

  const open = new Chart(app, 'gateway-demo');
  platform.registerOn(open);
  Guardrails.apply(open, LINT_CONFIG);
  const demoNs = new DefaultDenyNamespace(open, 'demo');
  const demo = new SecureApp(open, 'user-demo', { namespace: demoNs, image: USER_DEMO_IMAGE, port: 3000 });
  // HTTPRoute + ListenerSet (cert-manager, letsencrypt-prod) + the rule admitting Envoy's data plane.
  const route = new HttpsRoute(open, 'route', { app: demo, host: `demo.${DOMAIN}` });

  const protectedChart = new Chart(app, 'gateway-demo-protected');
  platform.registerOn(protectedChart);
  Guardrails.apply(protectedChart, LINT_CONFIG);
  const protectedNs = new DefaultDenyNamespace(protectedChart, 'demo-protected');
  const protectedDemo = new SecureApp(protectedChart, 'user-demo', { namespace: protectedNs, image: USER_DEMO_IMAGE, port: 3000 });
  const protectedRoute = new HttpsRoute(protectedChart, 'route', {
    app: protectedDemo,
    host: `protected-demo.${DOMAIN}`,
    // Envoy rejects other clients (needs the client address preserved: the platform's ClientTrafficPolicy).
    allowSourceRanges: [OFFICE_RANGE],
    // Envoy runs the OIDC login itself; the Secret (key `client-secret`) is created out of band.
    oidc: { issuerUrl: `https://dex.${DOMAIN}`, clientId: 'user-demo', clientSecretName: 'user-demo-oidc' },
  });

  return {
    charts: [open, protectedChart],
    demo,
    protectedDemo,
    route,
    protectedRoute,
    dnsRecords: [route.dnsRecord, protectedRoute.dnsRecord],
  };
}

/** The Gateway API demo, as `npm run synth` and the tests see it. */
export const gatewayDemo: Example = {
  name: 'gateway-demo',
  title: 'the user demo on the Gateway API (Envoy Gateway): HTTPRoute + ListenerSet on demo.example.com, and a variant behind an allowlist and OIDC',
  build: buildGatewayDemo,
  // Welkin's workloads plus Envoy's data plane of the public Gateway, from the same facts.
  profile: gatewayPlatform().clusterProfile(),
  lintConfig: LINT_CONFIG,
};
