/**
 * Jest matchers for reachability, one import away:
 *
 *     import 'cdk8s-netsec/testing/jest';
 *
 *     expect(chart).toAllowConnection('shop/web[Deployment]', 'shop/api[Deployment]', 8080);
 *     expect(chart).not.toAllowConnection('shop/web', 'shop/db', 'TCP 5432');
 *     expect(chart).toOnlyAllow(['shop/web[Deployment] => shop/api[Deployment] : TCP 8080']);
 *     expect(chart).toAllowConnection(web, api, Port.tcp(8080));      // SecureApp constructs, Port
 *     expect(chart).toOnlyAllow([{ from: web, to: api, ports: Port.tcp(8080) }]);
 *
 * The subject may be a cdk8s Chart or App, an array of plain Kubernetes objects, or a
 * NetworkAnalysis. Failure messages include the engine's explanation of the connection.
 * Importing this file registers the matchers with jest's global `expect`, so it is not part of the
 * library's main entry point.
 */
import { allowConnection, ExpectedConnection, onlyAllow, OnlyAllowOptions, PeerSpec, PortSpec } from './matchers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The subject allows `from` to open a connection to `to` on the port (a Port, or a number or
       * text, TCP unless given, e.g. `'UDP 53'`), or on any port when none is given. Peers are names
       * (`ns/name[Kind]`, `ns/name`, addresses) or workload constructs such as a SecureApp.
       */
      toAllowConnection(from: PeerSpec, to: PeerSpec, port?: PortSpec): R;
      /**
       * The subject's whole set of allowed connections is exactly these: `SRC => DST : CONN` lines,
       * `{ from, to, ports }` entries (peers as names or workload constructs) or connections. Exposure to
       * pods the subject does not show counts too (`W => entire-cluster : UDP 53`), unless `{ exposure: false }`.
       */
      toOnlyAllow(connections: readonly ExpectedConnection[], options?: OnlyAllowOptions): R;
    }
  }
}

expect.extend({
  toAllowConnection(received: unknown, from: PeerSpec, to: PeerSpec, port?: PortSpec) {
    const verdict = allowConnection(received, from, to, port);
    return { pass: verdict.pass, message: () => verdict.message };
  },
  toOnlyAllow(received: unknown, connections: readonly ExpectedConnection[], options?: OnlyAllowOptions) {
    const verdict = onlyAllow(received, connections, options);
    return { pass: verdict.pass, message: () => verdict.message };
  },
});
