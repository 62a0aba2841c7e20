/**
 * The platform's reference user demo (Welkin's `user-demo` Helm chart) rebuilt with the library,
 * in two variants, each a chart with its own namespace:
 *
 * - `user-demo` (namespace `demo`): the app on port 3000 behind HTTPS on `demo.example.com`. Only
 *   the ingress controller may reach it (the Helm chart's default admits every source), and it may
 *   reach only the cluster DNS (the Helm chart allows port 53 to anywhere).
 * - `user-demo-protected` (namespace `demo-protected`): the same app on
 *   `protected-demo.example.com`, behind oauth2-proxy (users log in at the identity provider) and
 *   a source allowlist (only the office's addresses get through the ingress controller).
 */
import { App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, Guardrails, OAuth2Proxy, Platform, SecureApp, TlsIngress } from '../../src';
import { BuiltExample, DOMAIN, Example, LINT_CONFIG, REGISTRY, welkinProfile } from '../example';

/** The demo image, pinned (the platform rejects `latest` and untagged images). */
export const USER_DEMO_IMAGE = `${REGISTRY}demo/user-demo:1.0.0`;
/** oauth2-proxy, mirrored into the platform registry and pinned (upstream's example uses `:latest`). */
export const OAUTH2_PROXY_IMAGE = `${REGISTRY}mirror/oauth2-proxy:v7.8.1`;
/** Clients allowed to reach the protected variant: the office (TEST-NET-3 stands in for it). */
export const OFFICE_RANGE = '203.0.113.0/24';

/** The charts of the user demo. */
export interface UserDemo extends BuiltExample {
  /** The open variant: app + TLS ingress. */
  readonly open: Chart;
  /** The protected variant: app + TLS ingress with oauth2-proxy and a source allowlist. */
  readonly protected: Chart;
  /** The open variant's app. */
  readonly demo: SecureApp;
  /** The protected variant's app. */
  readonly protectedDemo: SecureApp;
  /** The protected variant's oauth2-proxy. */
  readonly oauth2Proxy: OAuth2Proxy;
}

/** Builds both variants of the user demo into `app`. */
export function buildUserDemo(app: App): UserDemo {
  const platform = Platform.welkin({ domain: DOMAIN });

  // The open variant: what the Helm chart deploys with its default values, minus its weaknesses.
  const open = new Chart(app, 'user-demo');
  platform.registerOn(open);
  // The constructs attach the rule pack to the chart (an error finding fails the synth); this also
  // turns on the platform's allowed-registry rule.
  Guardrails.apply(open, LINT_CONFIG);
  // default-deny + allow-dns, Pod Security `restricted`.
  const demoNs = new DefaultDenyNamespace(open, 'demo');
  // Two replicas, 100m/128Mi, probes on `/`, non-root, read-only root, one NetworkPolicy.
  const demo = new SecureApp(open, 'user-demo', { namespace: demoNs, image: USER_DEMO_IMAGE, port: 3000 });
  // Ingress + cert-manager (letsencrypt-prod) + the policy rule admitting the ingress controller.
  const demoIngress = new TlsIngress(open, 'ingress', { app: demo, host: `demo.${DOMAIN}` });

  // The protected variant: only authenticated users from the office reach the app.
  const protectedChart = new Chart(app, 'user-demo-protected');
  platform.registerOn(protectedChart);
  Guardrails.apply(protectedChart, LINT_CONFIG);
  const protectedNs = new DefaultDenyNamespace(protectedChart, 'demo-protected');
  const protectedDemo = new SecureApp(protectedChart, 'user-demo', { namespace: protectedNs, image: USER_DEMO_IMAGE, port: 3000 });
  const protectedIngress = new TlsIngress(protectedChart, 'ingress', {
    app: protectedDemo,
    host: `protected-demo.${DOMAIN}`,
    // nginx rejects other clients before authentication (needs the client IP preserved).
    allowSourceRanges: [OFFICE_RANGE],
    oauth2Proxy: {
      issuerUrl: `https://dex.${DOMAIN}`,
      clientId: 'user-demo',
      // Created out of band with `client-secret` and `cookie-secret`: the output only references it.
      secretName: 'user-demo-oauth2-proxy',
      image: OAUTH2_PROXY_IMAGE,
      // The identity provider is reached on the internet over HTTPS (never private ranges or 169.254.169.254).
    },
  });

  return {
    charts: [open, protectedChart],
    open,
    protected: protectedChart,
    demo,
    protectedDemo,
    oauth2Proxy: protectedIngress.oauth2Proxy!,
    dnsRecords: [demoIngress.dnsRecord, protectedIngress.dnsRecord],
  };
}

/** The user demo, as `npm run synth` and the tests see it. */
export const userDemo: Example = {
  name: 'user-demo',
  title: 'the platform\'s reference user demo: app on port 3000, HTTPS on demo.example.com, and a variant behind oauth2-proxy',
  build: buildUserDemo,
  profile: welkinProfile(),
  lintConfig: LINT_CONFIG,
};
