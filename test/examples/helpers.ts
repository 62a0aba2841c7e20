import { App, Testing } from 'cdk8s';
import { BuiltExample, Example } from '../../examples/example';
import { Manifest, validateManifest } from '../constructs/helpers';

/** Builds an example into a fresh test app. */
export function build<T extends BuiltExample>(buildFn: (app: App) => T): { app: App; built: T } {
  const app = Testing.app();
  return { app, built: buildFn(app) };
}

/** Every object of every chart of the example, each validated against its schema. */
export function synthValidated(built: BuiltExample): Manifest[] {
  const objects = built.charts.flatMap(chart => Testing.synth(chart) as Manifest[]);
  objects.forEach(validateManifest);
  return objects;
}

/** `ns/name[Kind]` of each of the profile's workloads. */
export function platformPeers(example: Example): string[] {
  return example.profile.workloads.map(w => `${w.namespace}/${w.name}[${w.kind ?? 'Deployment'}]`);
}

/**
 * What the platform's own workloads allow: no policy in the example's manifests selects them, so
 * each reaches each other and every outside address on everything, and is reached from everywhere
 * outside. The example must leave exactly this unchanged. `outside` lists the address families
 * present (IPv6 appears only when the manifests name an IPv6 block).
 */
export function platformBaseline(peers: string[], outside: string[]): string[] {
  const lines: string[] = [];
  for (const a of peers) {
    for (const o of outside) lines.push(`${o} => ${a} : All Connections`, `${a} => ${o} : All Connections`);
    for (const b of peers) if (a !== b) lines.push(`${a} => ${b} : All Connections`);
  }
  return lines;
}

export const IPV4 = '0.0.0.0-255.255.255.255';
export const IPV6 = '::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';
