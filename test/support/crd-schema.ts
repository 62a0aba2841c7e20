/**
 * Validates custom resources against a structural schema written out here (no CRD file under
 * src/imports/crds/; those go through crd-schemas.ts), as the API server checks one: types, required fields, enums, patterns, lengths, bounds, and no field the
 * schema does not declare (the API server prunes those silently; here they are errors, since an
 * unknown field is always a mistake in what we emit).
 */

type Schema = { [key: string]: any };

/** Go's `(?i)` prefix as a JavaScript flag. */
function regex(pattern: string): RegExp {
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
}

/** The problems of `value` against `schema`, each with its path. */
export function schemaProblems(value: unknown, schema: Schema, where = ''): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties) return [];
  if (schema['x-kubernetes-int-or-string']) {
    return typeof value === 'string' || Number.isInteger(value) ? [] : [`${where}: ${JSON.stringify(value)} is not an int or string`];
  }
  const problems: string[] = [];
  const type = schema.type;
  const is = (t: string) => (t === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
    : t === 'array' ? Array.isArray(value) : t === 'integer' ? Number.isInteger(value) : t === 'number' ? typeof value === 'number'
      : typeof value === t);
  if (type && !is(type)) return [`${where}: ${JSON.stringify(value)} is not of type ${type}`];
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.pattern && !regex(schema.pattern).test(value)) problems.push(`${where}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${where}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${where}: longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${where}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${where}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${where}: fewer than ${schema.minItems} items`);
    value.forEach((item, i) => problems.push(...schemaProblems(item, schema.items ?? {}, `${where}[${i}]`)));
  } else if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) problems.push(`${where}: missing required field ${r}`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (sub) problems.push(...schemaProblems(v, sub, `${where}.${k}`));
      else if (schema.properties && !(where === '' && k === 'status')) problems.push(`${where}.${k}: not a field of the schema`);
    }
  }
  return problems;
}
