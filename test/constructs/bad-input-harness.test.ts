import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { base, expectRejected, IMAGE } from './bad-input';
import { SecureApp } from '../../src';
import { claimNames } from '../../src/constructs/core/name-registry';

// The bad-input tests are only as good as expectRejected: it must fail when the input is accepted,
// when the message lacks the path, value or valid form, and when something was emitted first.
class EmitsThenThrows extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'Leak', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'leak', namespace: 'demo' } });
    throw new Error(`${this.node.path}: value "x" is bad; use "y"`);
  }
}

class ClaimsThenThrows extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    claimNames(this, [{ kind: 'ConfigMap', namespace: 'demo', name: 'leak' }]);
    throw new Error(`${this.node.path}: value "x" is bad; use "y"`);
  }
}

describe('expectRejected', () => {
  test('fails when the input is accepted', () => {
    const b = base();
    expect(() => expectRejected(b, () => new SecureApp(b.chart, 'api', { namespace: b.ns, image: IMAGE, port: 8080 }),
      { path: 'test/api', value: 'x', valid: 'y' })).toThrow();
  });
  test('fails when the message does not start with the construct path, or lacks the value or the valid form', () => {
    const bad = { image: 'ghcr.io/acme/api:latest' };
    const build = (b: ReturnType<typeof base>) => () => new SecureApp(b.chart, 'api', { namespace: b.ns, port: 8080, ...bad });
    let b = base();
    expect(() => expectRejected(b, build(b), { path: 'test/other', value: '"ghcr.io/acme/api:latest"', valid: 'pin a version tag' })).toThrow();
    b = base();
    expect(() => expectRejected(b, build(b), { path: 'test/api', value: '"ghcr.io/acme/api:2"', valid: 'pin a version tag' })).toThrow();
    b = base();
    expect(() => expectRejected(b, build(b), { path: 'test/api', value: '"ghcr.io/acme/api:latest"', valid: 'use a digest only' })).toThrow();
    b = base();
    expect(() => expectRejected(b, build(b), { path: 'test/api', value: '"ghcr.io/acme/api:latest"', valid: 'pin a version tag' })).not.toThrow();
  });
  test('fails when a name was claimed before the error', () => {
    const b = base();
    expect(() => expectRejected(b, () => new ClaimsThenThrows(b.chart, 'claims'), { path: 'test/claims', value: '"x"', valid: 'use "y"' })).toThrow();
  });
  test('fails when an object was emitted before the error', () => {
    const b = base();
    expect(() => expectRejected(b, () => new EmitsThenThrows(b.chart, 'leaky'), { path: 'test/leaky', value: '"x"', valid: 'use "y"' })).toThrow();
  });
});
