/**
 * Jest matchers for reachability, one import away:
 *
 *     import 'cdk8s-netsec/testing/jest';
 *
 *     expect(chart).toAllowConnection('shop/web[Deployment]', 'shop/api[Deployment]', 8080);
 *     expect(chart).not.toAllowConnection('shop/web', 'shop/db', 'TCP 5432');
 *     expect(chart).toOnlyAllow(['shop/web[Deployment] => shop/api[Deployment] : TCP 8080']);
 *
 * The subject may be a cdk8s Chart or App, an array of plain Kubernetes objects, or a
 * NetworkAnalysis. Failure messages include the engine's explanation of the connection.
 * Importing this file registers the matchers with jest's global `expect`, so it is not part of the
 * library's main entry point.
 */
import { allowConnection, onlyAllow, PortSpec } from './matchers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The subject allows `from` to open a connection to `to` on the port (TCP unless given, e.g.
       * `'UDP 53'`), or on any port when none is given.
       */
      toAllowConnection(from: string, to: string, port?: PortSpec): R;
      /** The subject's whole set of allowed connections is exactly these `SRC => DST : CONN` lines. */
      toOnlyAllow(connections: readonly string[]): R;
    }
  }
}

expect.extend({
  toAllowConnection(received: unknown, from: string, to: string, port?: PortSpec) {
    const verdict = allowConnection(received, from, to, port);
    return { pass: verdict.pass, message: () => verdict.message };
  },
  toOnlyAllow(received: unknown, connections: readonly string[]) {
    const verdict = onlyAllow(received, connections);
    return { pass: verdict.pass, message: () => verdict.message };
  },
});
