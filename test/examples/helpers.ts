import { App, Testing } from 'cdk8s';
import { BuiltExample } from '../../examples/example';
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
