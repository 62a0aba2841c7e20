import { ApiObject, Chart, Testing } from 'cdk8s';
import { DefaultDenyNamespace, Platform, SecureApp } from '../../src';
import { claimsOf } from '../../src/constructs/core/name-registry';

/** A pinned image for valid apps. */
export const IMAGE = 'ghcr.io/acme/web:1.4.2';

/** A valid, complete chart with zero guardrail findings; each test adds one bad input to it. */
export interface Base {
  readonly chart: Chart;
  readonly platform: Platform;
  /** The namespace `demo`. */
  readonly ns: DefaultDenyNamespace;
  /** An app `web` (port 3000) in `demo`, admitted from the ingress controller. */
  readonly web: SecureApp;
}

export function base(platform: Platform = Platform.welkin({ domain: 'example.com' })): Base {
  const chart = new Chart(Testing.app(), 'test');
  platform.registerOn(chart);
  const ns = new DefaultDenyNamespace(chart, 'ns', { name: 'demo' });
  const web = new SecureApp(chart, 'web', { namespace: ns, image: IMAGE, port: 3000 });
  web.allowFrom(platform.ingressController);
  return { chart, platform, ns, web };
}

/** What the error message of a bad input must say. */
export interface Expected {
  /** The construct path the message starts with, e.g. `test/ingress`. */
  readonly path: string;
  /** The offending value as the message shows it, e.g. `"Demo.example.com"`. */
  readonly value: string;
  /** What would be valid, as the message says it. */
  readonly valid: string;
}

/** The construct paths of every ApiObject in the chart. */
function objectPaths(chart: Chart): string[] {
  return chart.node.findAll().filter(ApiObject.isApiObject).map(o => o.node.path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Asserts that `build` (adding one bad input to a valid chart) throws a message that starts with the
 * construct path, shows the value and says what would be valid, and that nothing was emitted: the
 * chart holds the same ApiObjects and synthesizes (guardrails included) to the same output, and no
 * object name was claimed (a corrected retry would not clash with the rejected attempt).
 */
export function expectRejected(b: Base, build: () => unknown, expected: Expected): string {
  const before = Testing.synth(b.chart);
  const objectsBefore = objectPaths(b.chart);
  const claimsBefore = claimsOf(b.chart);
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).toMatch(new RegExp(`^${escapeRegExp(expected.path)}: `));
  expect(message).toContain(expected.value);
  expect(message).toContain(expected.valid);
  expect(objectPaths(b.chart)).toEqual(objectsBefore);
  expect(claimsOf(b.chart)).toEqual(claimsBefore);
  expect(Testing.synth(b.chart)).toEqual(before);
  return message;
}
