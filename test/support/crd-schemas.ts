// Validates objects against the openAPIV3Schema of the CRDs committed under src/imports/crds/, as the
// API server does structurally: types, required fields, enums, patterns, lengths, bounds, and unknown
// fields (which the API server would prune silently) rejected. CEL rules (x-kubernetes-validations)
// are not evaluated.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv');

const CRDS = path.resolve(__dirname, '../../src/imports/crds');

type Schema = { [key: string]: any };

/** Unknown fields are errors where the schema lists properties and keeps no unknown fields. */
function closed(schema: Schema): Schema {
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = Array.isArray(schema) ? schema.map(closed) : {};
  if (Array.isArray(schema)) return out;
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable') continue;
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, closed(s)]));
    else if (typeof v === 'object' && v !== null) out[k] = closed(v);
    else out[k] = v;
  }
  if (schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

let schemas: Map<string, Schema> | undefined;
const compiled = new Map<string, any>();

function load(): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const bundle of fs.readdirSync(CRDS)) {
    for (const file of fs.readdirSync(path.join(CRDS, bundle)).filter(f => f.endsWith('.yaml'))) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(CRDS, bundle, file), 'utf-8'))) {
        const crd = doc.toJS();
        if (crd?.kind !== 'CustomResourceDefinition') continue;
        for (const v of crd.spec.versions) {
          const schema = closed(v.schema.openAPIV3Schema);
          // metadata is the API server's to check.
          if (schema.properties?.metadata) schema.properties.metadata = { type: 'object' };
          out.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, schema);
        }
      }
    }
  }
  return out;
}

/** Whether a CRD schema is known for `apiVersion/kind`. */
export function hasCrdSchema(gvk: string): boolean {
  schemas ??= load();
  return schemas.has(gvk);
}

/** Throws, naming the field, when `obj` does not validate against its CRD's schema. */
export function validateAgainstCrd(obj: { apiVersion: string; kind: string; metadata?: { name?: string } }): void {
  schemas ??= load();
  const gvk = `${obj.apiVersion}/${obj.kind}`;
  const schema = schemas.get(gvk);
  if (!schema) throw new Error(`no CRD schema for ${gvk}`);
  let validate = compiled.get(gvk);
  if (!validate) {
    validate = new Ajv({ allErrors: false, unknownFormats: 'ignore', schemaId: 'auto', logger: false }).compile(schema);
    compiled.set(gvk, validate);
  }
  if (!validate(JSON.parse(JSON.stringify(obj)))) {
    const e = validate.errors[0];
    throw new Error(`${obj.kind}/${obj.metadata?.name}: ${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
