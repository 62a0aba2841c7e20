import { App, Chart } from 'cdk8s';
import { DefaultDenyNamespace, OAuth2Proxy, Peer, Platform, SecureApp, TlsIngress } from '../../../src';
import { all, find, indexOf, synth, unreached, welkinChart } from '../helpers';

const OIDC = { issuerUrl: 'https://dex.example.com', clientId: 'demo', secretName: 'demo-oauth2' };
const CONTROLLER = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx' } },
};

function setup() {
  const chart = welkinChart();
  const ns = new DefaultDenyNamespace(chart, 'namespace', { name: 'demo' });
  // Unreached until a test puts an ingress in front; bad-input tests synthesize it alone.
  const app = unreached(new SecureApp(chart, 'demo', { namespace: ns, image: 'ghcr.io/acme/demo:1.0.0', port: 3000 }));
  return { chart, ns, app };
}

describe('TlsIngress with oauth2-proxy (the user demo variant)', () => {
  const { chart, app } = setup();
  const ingress = new TlsIngress(chart, 'ingress', { app, host: 'demo.example.com', allowSourceRanges: ['203.0.113.0/24'], oauth2Proxy: OIDC });
  const objs = synth(chart);
  const main = find(objs, 'Ingress', 'demo');
  const oauth = find(objs, 'Ingress', 'demo-oauth2');

  test('the protected Ingress carries the three auth annotations, the allowlist and the issuer', () => {
    expect(main.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
      'nginx.ingress.kubernetes.io/whitelist-source-range': '203.0.113.0/24',
      'nginx.ingress.kubernetes.io/auth-url': 'https://$host/oauth2/auth',
      'nginx.ingress.kubernetes.io/auth-signin': 'https://$host/oauth2/start?rd=$escaped_request_uri',
      'nginx.ingress.kubernetes.io/auth-response-headers': 'authorization',
    });
  });
  test('an /oauth2 Ingress on the same host and secret, without auth (it would loop) and without a second certificate request', () => {
    expect(oauth.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/whitelist-source-range': '203.0.113.0/24' });
    expect(oauth.spec.rules).toEqual([{
      host: 'demo.example.com',
      http: { paths: [{ path: '/oauth2', pathType: 'Prefix', backend: { service: { name: 'demo-oauth2-proxy', port: { number: 4180 } } } }] },
    }]);
    expect(oauth.spec.tls).toEqual(main.spec.tls);
  });
  test('oauth2-proxy is a SecureApp on 4180 with a pinned image, probes on /ping and secrets only referenced', () => {
    const d = find(objs, 'Deployment', 'demo-oauth2-proxy', 'demo');
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe('quay.io/oauth2-proxy/oauth2-proxy:v7.8.1');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 4180, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ping', port: 'http' });
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.args).toEqual(expect.arrayContaining([
      '--http-address=0.0.0.0:4180', '--provider=oidc', '--oidc-issuer-url=https://dex.example.com', '--client-id=demo',
      '--redirect-url=https://demo.example.com/oauth2/callback', '--email-domain=*', '--reverse-proxy=true', '--upstream=static://202',
    ]));
    expect(c.env).toEqual([
      { name: 'OAUTH2_PROXY_CLIENT_SECRET', valueFrom: { secretKeyRef: { name: 'demo-oauth2', key: 'client-secret' } } },
      { name: 'OAUTH2_PROXY_COOKIE_SECRET', valueFrom: { secretKeyRef: { name: 'demo-oauth2', key: 'cookie-secret' } } },
    ]);
    expect(all(objs, 'Secret')).toEqual([]);
  });
  test('policies: controller to proxy on 4180; proxy to the identity provider over HTTPS only (plus DNS)', () => {
    const p = find(objs, 'NetworkPolicy', 'demo-oauth2-proxy').spec;
    expect(p.ingress).toEqual([{ from: [CONTROLLER], ports: [{ protocol: 'TCP', port: 4180 }] }]);
    expect(p.egress).toHaveLength(2);
    expect(p.egress[1].ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    expect(p.egress[1].to[0].ipBlock.cidr).toBe('0.0.0.0/0');
    expect(p.egress[1].to[0].ipBlock.except).toContain('169.254.0.0/16');
  });
  test('the protected app still admits only the controller', () => {
    expect(find(objs, 'NetworkPolicy', 'demo').spec.ingress).toEqual([{ from: [CONTROLLER], ports: [{ protocol: 'TCP', port: 3000 }] }]);
  });
  test('the proxy is exposed and ordered before the protected Ingress', () => {
    expect(ingress.oauth2Proxy?.app.name).toBe('demo-oauth2-proxy');
    expect(indexOf(objs, 'Deployment', 'demo-oauth2-proxy')).toBeLessThan(indexOf(objs, 'Ingress', 'demo'));
    expect(indexOf(objs, 'NetworkPolicy', 'demo-oauth2-proxy')).toBeLessThan(indexOf(objs, 'Deployment', 'demo-oauth2-proxy'));
  });
});

describe('oauth2-proxy options', () => {
  test('image, name, email domains and an in-cluster identity provider', () => {
    const { chart, ns, app } = setup();
    const dex = new SecureApp(chart, 'dex', { namespace: ns, image: 'ghcr.io/dexidp/dex:v2.41.1', port: 5556 });
    new TlsIngress(chart, 'ingress', {
      app,
      host: 'demo.example.com',
      oauth2Proxy: { ...OIDC, image: 'quay.io/oauth2-proxy/oauth2-proxy:v7.6.0', name: 'auth', emailDomains: ['example.com'], identityProvider: dex, identityProviderPort: 5556 },
    });
    const objs = synth(chart);
    const c = find(objs, 'Deployment', 'auth').spec.template.spec.containers[0];
    expect(c.image).toBe('quay.io/oauth2-proxy/oauth2-proxy:v7.6.0');
    expect(c.args).toContain('--email-domain=example.com');
    expect(find(objs, 'NetworkPolicy', 'auth').spec.egress[1]).toEqual({
      to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'dex', 'app.kubernetes.io/instance': 'dex' } } }],
      ports: [{ protocol: 'TCP', port: 5556 }],
    });
    expect(find(objs, 'NetworkPolicy', 'dex').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 5556 }]);
  });
  test('the OAuth2Proxy construct on its own', () => {
    const { chart, ns } = setup();
    const proxy = new OAuth2Proxy(chart, 'proxy', { ...OIDC, host: 'demo.example.com', namespace: ns, tlsSecretName: 'demo.example.com-tls', identityProvider: Peer.cidr('198.51.100.0/24') });
    expect(Object.keys(proxy.annotations)).toHaveLength(3);
    expect(find(synth(chart), 'Ingress', 'oauth2-proxy').spec.tls[0].secretName).toBe('demo.example.com-tls');
  });
});

describe('oauth2-proxy bad input', () => {
  function rejects(oauth: any, message: string) {
    const { chart, app } = setup();
    const before = synth(chart).length;
    expect(() => new TlsIngress(chart, 'ingress', { app, host: 'demo.example.com', oauth2Proxy: { ...OIDC, ...oauth } })).toThrow(message);
    expect(synth(chart).length).toBe(before);
  }
  test('an http issuer URL', () => rejects({ issuerUrl: 'http://dex.example.com' }, 'test/ingress/OAuth2Proxy: issuer URL "http://dex.example.com" does not use https'));
  test('an issuer URL with quotes', () => rejects({ issuerUrl: 'https://dex.example.com/"x' }, 'issuer URL "https://dex.example.com/\\"x" contains whitespace, quotes'));
  test('a client id with spaces', () => rejects({ clientId: 'my client' }, 'test/ingress/OAuth2Proxy: client id "my client" contains characters other than'));
  test('a bad secret name', () => rejects({ secretName: 'Demo_Secret' }, 'test/ingress/OAuth2Proxy: secret name "Demo_Secret" is not a DNS subdomain'));
  test('an image with latest', () => rejects({ image: 'quay.io/oauth2-proxy/oauth2-proxy:latest' }, 'test/ingress/OAuth2Proxy: oauth2-proxy image "quay.io/oauth2-proxy/oauth2-proxy:latest" uses the tag "latest"'));
  test('an identity provider CIDR that does not parse', () => rejects({ identityProvider: Peer.cidr('idp') }, 'test/ingress/OAuth2Proxy: identity provider idp: CIDR "idp" does not parse'));
  test('no email domains', () => rejects({ emailDomains: [] }, 'emailDomains is empty'));
  test('"*" needs allowAnyEmailDomain, and with it lets every authenticated user in', () => {
    rejects({ emailDomains: ['*'] }, 'emailDomains contains "*"');
    const app = new App();
    const chart = new Chart(app, 'test');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const ns = new DefaultDenyNamespace(chart, 'ns', { name: 'demo' });
    const web = new SecureApp(chart, 'web', { namespace: ns, image: 'ghcr.io/acme/web:1.4.2', port: 3000 });
    const ingress = new TlsIngress(chart, 'ingress', { app: web, host: 'demo.example.com', oauth2Proxy: { ...OIDC, emailDomains: ['*'], allowAnyEmailDomain: true } });
    expect(JSON.stringify(ingress.oauth2Proxy!.app.deployment.toJson())).toContain('--email-domain=*');
  });
  test('an identity provider port out of range', () => rejects({ identityProviderPort: 0 }, 'test/ingress/OAuth2Proxy: identity provider port 0 is outside 1-65535'));
  test('a path under /oauth2 on the protected Ingress', () => {
    const { chart, app } = setup();
    expect(() => new TlsIngress(chart, 'ingress', { app, host: 'demo.example.com', oauth2Proxy: OIDC, paths: [{ path: '/oauth2/x' }] }))
      .toThrow('test/ingress: path "/oauth2/x" is reserved for oauth2-proxy; choose another path');
  });
});

describe('OAuth2Proxy on a load balancer that does not keep the client address', () => {
  test('a source allowlist is an error citing the headers to check', () => {
    const chart = welkinChart({ platform: Platform.welkin({ domain: 'example.com', clientAddressPreserved: false }) });
    const ns = new DefaultDenyNamespace(chart, 'namespace', { name: 'demo' });
    expect(() => new OAuth2Proxy(chart, 'proxy', { ...OIDC, host: 'demo.example.com', namespace: ns, tlsSecretName: 'demo.example.com-tls', allowSourceRanges: ['203.0.113.0/24'] }))
      .toThrow(/^test\/proxy: a source allowlist needs the client address.*x-forwarded-for and x-real-ip/);
    expect(new OAuth2Proxy(chart, 'open', { ...OIDC, name: 'open', host: 'demo.example.com', namespace: ns, tlsSecretName: 'demo.example.com-tls' }).app).toBeDefined();
  });
});
