import '../../src/testing/jest';
import { App, Chart } from 'cdk8s';
import { shopChart } from './fixtures';
import { Cdk8sReachability, DefaultDenyNamespace, Platform, Port, SecureApp, TlsIngress } from '../../src';

/** The message a failing expectation throws. */
function failure(assertion: () => void): string {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the assertion to fail');
}

describe('toAllowConnection', () => {
  const chart = shopChart();

  test('passes for an allowed connection, with or without a port, workloads named in full or as ns/name', () => {
    expect(chart).toAllowConnection('shop/web[Deployment]', 'shop/api[Deployment]', 8080);
    expect(chart).toAllowConnection('shop/web', 'shop/api', 'TCP 8080');
    expect(chart).toAllowConnection('shop/web', 'shop/api', '8080/tcp');
    expect(chart).toAllowConnection('shop/web', 'shop/api');
  });

  test('.not passes for a denied connection: other port, other protocol, other direction, nothing at all', () => {
    expect(chart).not.toAllowConnection('shop/web', 'shop/api', 8081);
    expect(chart).not.toAllowConnection('shop/web', 'shop/api', 'UDP 8080');
    expect(chart).not.toAllowConnection('shop/api', 'shop/web', 80);
    expect(chart).not.toAllowConnection('shop/web', 'shop/db');
    expect(chart).not.toAllowConnection('203.0.113.7', 'shop/web', 80);
  });

  test('a failure says what is allowed between the two and includes the engine\'s explanation', () => {
    const message = failure(() => expect(chart).toAllowConnection('shop/web', 'shop/db', 5432));
    expect(message).toContain('expected shop/web to be allowed to reach shop/db on TCP 5432, but it is not.');
    expect(message).toContain('Allowed from shop/web to shop/db: nothing');
    expect(message).toContain('shop/web[Deployment] => shop/db[Deployment] : TCP 5432 is DENIED');
    expect(message).toMatch(/egress of shop\/web\[Deployment\]: denies/);
    expect(message).toMatch(/ingress of shop\/db\[Deployment\]: denies: isolated by .*shop\/api-to-db/);
  });

  test('without a port, a failure explains a port the destination does accept from someone', () => {
    const message = failure(() => expect(chart).toAllowConnection('shop/web', 'shop/db'));
    expect(message).toContain('expected shop/web to be allowed to reach shop/db on any port, but it is not.');
    expect(message).toContain('Why (on TCP 5432, as an example):');
  });

  test('a .not failure shows the allowed ports and explains the first of them when no port was given', () => {
    const message = failure(() => expect(chart).not.toAllowConnection('shop/web', 'shop/api'));
    expect(message).toContain('expected shop/web NOT to be allowed to reach shop/api on any port, but it is.');
    expect(message).toContain('Allowed from shop/web to shop/api: TCP 8080');
    expect(message).toContain('Why (on TCP 8080, as an example):');
    expect(message).toContain('allowed by shop/web-to-api (ingress rule 0)');
  });

  test('works on an App, on plain objects and on an analysis', () => {
    const app = new App();
    shopChart(app);
    expect(app).toAllowConnection('shop/api', 'shop/db', 5432);
    expect(chart.toJson()).toAllowConnection('shop/api', 'shop/db', 5432);
    expect(Cdk8sReachability.fromChart(chart)).not.toAllowConnection('shop/db', 'shop/api');
  });

  test('bad arguments are clear errors, not failed expectations', () => {
    expect(() => expect(chart).toAllowConnection('shop/web', 'shop/api', 'TCP eighty')).toThrow(/invalid port 'TCP eighty'/);
    expect(() => expect(chart).toAllowConnection('shop/web', 'shop/api', 70000)).toThrow(/invalid port '70000'/);
    expect(() => expect(chart).toAllowConnection('shop/nope', 'shop/api')).toThrow(/unknown peer 'shop\/nope'/);
    expect(() => expect({ kind: 'Pod' }).toAllowConnection('a', 'b')).toThrow(/expected a cdk8s Chart or App, an array of Kubernetes objects, YAML or JSON manifests as a string, or a NetworkAnalysis/);
  });
});

describe('toOnlyAllow', () => {
  const chart = shopChart();

  test('passes when the listed connections are exactly the allowed ones, in any order, peers as ns/name', () => {
    expect(chart).toOnlyAllow([
      'shop/web[Deployment] => shop/api[Deployment] : TCP 8080',
      'shop/api => shop/db : TCP 5432',
    ]);
  });

  test('.not passes when the list is incomplete', () => {
    expect(chart).not.toOnlyAllow(['shop/web => shop/api : TCP 8080']);
  });

  test('a failure lists what is allowed but not listed, listed but not allowed, and port differences, each explained', () => {
    const message = failure(() => expect(chart).toOnlyAllow([
      'shop/web => shop/api : TCP 8080-8081',
      'shop/web => shop/db : TCP 5432',
    ]));
    expect(message).toContain('expected exactly the 2 listed connection(s) to be allowed, but:');
    expect(message).toContain('Allowed but not listed:\n  + shop/api[Deployment] => shop/db[Deployment] : TCP 5432');
    expect(message).toContain('allowed by shop/api-to-db (ingress rule 0)');
    expect(message).toContain('Listed but not allowed:\n  - shop/web[Deployment] => shop/db[Deployment] : TCP 5432');
    expect(message).toContain('shop/web[Deployment] => shop/db[Deployment] : TCP 5432 is DENIED');
    expect(message).toContain('~ shop/web[Deployment] => shop/api[Deployment] : listed TCP 8080-8081, allowed TCP 8080');
    expect(message).toContain('listed but not allowed: TCP 8081');
    expect(message).toContain('shop/web[Deployment] => shop/api[Deployment] : TCP 8081 is DENIED');
    expect(message).toContain('Allowed connections:\n  shop/api[Deployment] => shop/db[Deployment] : TCP 5432\n  shop/web[Deployment] => shop/api[Deployment] : TCP 8080');
  });

  test('an empty list asserts that nothing at all is allowed', () => {
    const closed = new Chart(new App(), 'closed');
    expect(closed).toOnlyAllow([]);
    expect(chart).not.toOnlyAllow([]);
  });

  test('outside addresses may be listed cut into other ranges than the engine prints', () => {
    const open = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a', labels: { app: 'p' } }, spec: { containers: [] } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'p', namespace: 'a' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }] },
      },
    ];
    expect(open).toOnlyAllow(['0.0.0.0-127.255.255.255 => a/p[Pod] : TCP 443', '128.0.0.0-255.255.255.255 => a/p[Pod] : TCP 443']);
  });

  test('a malformed line or a kind-less name of several workloads is a clear error', () => {
    expect(() => expect(chart).toOnlyAllow(['shop/web -> shop/api'])).toThrow(/invalid connection 'shop\/web -> shop\/api': expected 'SRC => DST : CONN'/);
    expect(() => expect(chart).toOnlyAllow(['shop/web => shop/api : HTTP 80'])).toThrow(/unknown protocol 'HTTP'/);
  });
});

describe('construct objects and values as peers', () => {
  const CONTROLLER = 'ingress-nginx/ingress-nginx-controller[Deployment]';

  /** A shop of SecureApps on Welkin: the ingress controller -> web on 3000, web -> api on 8080 (the api's port), both to DNS. */
  function appShop() {
    const chart = new Chart(new App(), 'apps');
    Platform.welkin({ domain: 'example.com' }).registerOn(chart);
    const ns = new DefaultDenyNamespace(chart, 'store');
    const web = new SecureApp(chart, 'web', { namespace: ns, image: 'harbor.example.com/shop/web:1.0.0', port: 3000 });
    const api = new SecureApp(chart, 'api', { namespace: ns, image: 'harbor.example.com/shop/api:1.0.0', port: 8080 });
    web.allowTo(api);
    new TlsIngress(chart, 'web-ingress', { app: web, host: 'shop.example.com' });
    return { chart, web, api };
  }

  test('toAllowConnection takes SecureApps, alone or with names', () => {
    const { chart, web, api } = appShop();
    expect(chart).toAllowConnection(web, api, 8080);
    expect(chart).toAllowConnection(web, api);
    expect(chart).toAllowConnection(web, 'kube-system/coredns', 'UDP 53');
    expect(chart).not.toAllowConnection(api, web);
    expect(chart).not.toAllowConnection(web, api, 3000);
  });

  test('ports may be the constructs\' Port: a number, a range (every port of it), a name on the destination\'s pods', () => {
    const { chart, web, api } = appShop();
    expect(chart).toAllowConnection(web, api, Port.tcp(8080));
    expect(chart).toAllowConnection(web, api, Port.named('http')); // the api's container port, 8080
    expect(chart).not.toAllowConnection(web, api, Port.udp(8080));
    expect(chart).not.toAllowConnection(web, api, Port.tcpRange(8080, 8081));
    const message = failure(() => expect(chart).toAllowConnection(web, api, Port.tcpRange(8080, 8081)));
    expect(message).toContain('expected store/web[Deployment] to be allowed to reach store/api[Deployment] on TCP 8080-8081, but it is not.');
    expect(message).toContain('Why (on TCP 8081, the first not allowed):');
    expect(message).toContain('store/web[Deployment] => store/api[Deployment] : TCP 8081 is DENIED');
    const named = failure(() => expect(chart).not.toAllowConnection(web, api, Port.named('http')));
    expect(named).toContain('expected store/web[Deployment] NOT to be allowed to reach store/api[Deployment] on TCP http (TCP 8080), but it is.');
    expect(() => expect(chart).toAllowConnection(web, api, Port.named('grpc'))).toThrow(/store\/api\[Deployment\] has no container port named 'grpc'/);
  });

  test('a failure names the apps by their workloads and explains', () => {
    const { chart, web, api } = appShop();
    const message = failure(() => expect(chart).toAllowConnection(api, web, 3000));
    expect(message).toContain('expected store/api[Deployment] to be allowed to reach store/web[Deployment] on TCP 3000, but it is not.');
    expect(message).toContain('store/api[Deployment] => store/web[Deployment] : TCP 3000 is DENIED');
    expect(message).toContain('ingress of store/web[Deployment]: denies: isolated by store/default-deny, store/web');
  });

  test('toOnlyAllow takes { from, to, ports } entries with apps, connection values and lines, mixed', () => {
    const { chart, web, api } = appShop();
    const dns = 'kube-system/coredns[Deployment]';
    const nodeLocalDns = 'kube-system/node-local-dns[DaemonSet]';
    expect(chart).toOnlyAllow([
      `${CONTROLLER} => store/web : TCP 3000`,
      { from: web, to: api, ports: Port.named('http') },
      { from: web, to: dns, ports: [Port.tcp(53), 'UDP 53'] },
      `store/api[Deployment] => ${dns} : TCP 53,UDP 53`,
      // Welkin's node-local DNS, on the cluster DNS service IP.
      { from: web, to: nodeLocalDns, ports: 'TCP 53,UDP 53' },
      { from: api, to: nodeLocalDns, ports: 'TCP 53,UDP 53' },
      { from: web, to: '10.233.0.3/32', ports: 'TCP 53,UDP 53' },
      { from: api, to: '10.233.0.3/32', ports: 'TCP 53,UDP 53' },
    ]);
    // The analysis's own connections are the exact list; another chart's are not.
    const analysis = Cdk8sReachability.fromChart(chart);
    expect(chart).toOnlyAllow(analysis.connections);
    expect(shopChart()).not.toOnlyAllow(analysis.connections);
  });

  test('a toOnlyAllow failure lists what differs, explained, with the apps\' names', () => {
    const { chart, web, api } = appShop();
    const message = failure(() => expect(chart).toOnlyAllow([
      { from: web, to: api, ports: 'TCP 8080-8081' },
      { from: api, to: web, ports: 3000 },
    ]));
    expect(message).toContain('~ store/web[Deployment] => store/api[Deployment] : listed TCP 8080-8081, allowed TCP 8080');
    expect(message).toContain('listed but not allowed: TCP 8081');
    expect(message).toContain('Listed but not allowed:\n  - store/api[Deployment] => store/web[Deployment] : TCP 3000');
    expect(message).toContain('store/api[Deployment] => store/web[Deployment] : TCP 3000 is DENIED');
    expect(message).toContain('  + store/api[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53');
  });

  test('an app of another chart is not a peer of this one; a listed workload the subject lacks is a failure, not an error', () => {
    const { web } = appShop();
    const chart = shopChart();
    expect(() => expect(chart).toAllowConnection(web, 'shop/api')).toThrow(/unknown peer 'store\/web\[Deployment\]'/);
    const message = failure(() => expect(chart).toOnlyAllow([
      'shop/web => shop/api : TCP 8080',
      'shop/api => shop/db : TCP 5432',
      { from: 'shop/cache[StatefulSet]', to: 'shop/api', ports: 6379 },
    ]));
    expect(message).toContain('- shop/cache[StatefulSet] => shop/api[Deployment] : TCP 6379');
    expect(message).toContain('why: shop/cache[StatefulSet] is not a workload of the subject');
  });

  test('bad entries are clear errors', () => {
    const chart = shopChart();
    expect(() => expect(chart).toOnlyAllow([{ from: 'shop/web', to: 'shop/api', ports: 'TCP eighty' }])).toThrow(/invalid ports 'TCP eighty': expected one port/);
    expect(() => expect(chart).toOnlyAllow([{ from: 'shop/web', to: 'shop/api' } as never])).toThrow(/invalid connection an object of class Object: expected 'SRC => DST : CONN', \{ from, to, ports \} or an AllowedConnection/);
    expect(() => expect(chart).toOnlyAllow([{ from: 'shop/nope', to: 'shop/api', ports: 80 }])).toThrow(/unknown peer 'shop\/nope'/);
    expect(() => expect(chart).toOnlyAllow([{ from: {} as never, to: 'shop/api', ports: 80 }])).toThrow(/invalid peer \(an object of class Object\)/);
  });
});

