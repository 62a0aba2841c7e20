import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { KubeObject } from './objects';

/** One object read from a file, with where it came from (for messages). */
export interface LoadedManifest {
  /** The file it was read from, as given (or a label such as `<chart>`). */
  readonly source: string;
  /** Zero-based index of the YAML document in the file (0 for JSON). */
  readonly documentIndex: number;
  /** One-based line where the document's content starts (YAML only; for SARIF regions). */
  readonly line?: number;
  readonly object: KubeObject;
}

/** Input that cannot be read: names the file, the document index and the reason. */
export class ManifestLoadError extends Error {
  constructor(
    public readonly source: string,
    public readonly documentIndex: number | undefined,
    public readonly reason: string,
  ) {
    super(`${source}${documentIndex === undefined ? '' : ` (document ${documentIndex})`}: ${reason}`);
    this.name = 'ManifestLoadError';
  }
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Lists the manifest files under the given paths: files as given, directories recursively
 * (`.yaml`, `.yml`, `.json`), sorted so output never depends on directory order.
 */
export function findManifestFiles(paths: readonly string[], fromDirectories?: Set<string>): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      throw new ManifestLoadError(p, undefined, `cannot read: ${(e as Error).message}`);
    }
    if (stat.isDirectory()) {
      const found = walk(p);
      for (const f of found) fromDirectories?.add(f);
      files.push(...found);
    } else {
      files.push(p);
    }
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...walk(full));
    } else if (MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

/**
 * Reads every manifest under the paths. Throws ManifestLoadError on the first bad file or document,
 * except that a file found in a directory none of whose documents is a Kubernetes object (e.g. a JSON
 * report lying beside the manifests) is skipped, with a message in `skipped`, as netpol-analyzer does.
 */
export function loadManifestFiles(paths: readonly string[], skipped?: string[]): LoadedManifest[] {
  const loaded: LoadedManifest[] = [];
  const fromDirectories = new Set<string>();
  for (const file of findManifestFiles(paths, fromDirectories)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      throw new ManifestLoadError(file, undefined, `cannot read: ${(e as Error).message}`);
    }
    try {
      loaded.push(...parseManifestText(text, file));
    } catch (e) {
      if (!(e instanceof NotAnObjectError) || !fromDirectories.has(file) || holdsAnObject(text)) throw e;
      skipped?.push(`${e.message}; the file is skipped`);
    }
  }
  return loaded;
}

/**
 * Parses one file's text: JSON (one object, or an array of objects) or multi-document YAML.
 * Empty documents are skipped; every other document must be an object with a `kind`.
 */
export function parseManifestText(text: string, source: string): LoadedManifest[] {
  const isJsonFile = source.toLowerCase().endsWith('.json');
  const trimmed = text.trimStart();
  if (!isJsonFile && !trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    return parseYamlDocuments(text, source);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (isJsonFile) {
      throw new ManifestLoadError(source, 0, `JSON syntax error: ${(e as Error).message}`);
    }
    // Not JSON after all: YAML flow style starts with { or [ too.
    return parseYamlDocuments(text, source);
  }
  const docs = Array.isArray(value) ? value : [value];
  return docs.flatMap((doc, index) => (doc === null || doc === undefined ? [] : [toManifest(doc, source, index)]));
}

function parseYamlDocuments(text: string, source: string): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  // The LineCounter records newline offsets once while parsing, so each document's line is a
  // binary search, not a rescan of the text (which made big files quadratic).
  const lineCounter = new LineCounter();
  parseAllDocuments(text, { lineCounter }).forEach((doc, index) => {
    const errors = 'errors' in doc ? doc.errors : [];
    if (errors.length > 0) {
      const first = errors[0];
      const where = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : '';
      throw new ManifestLoadError(source, index, `YAML syntax error${where}: ${first.message.split('\n')[0]}`);
    }
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) {
      return; // an empty document (e.g. a trailing `---`)
    }
    const start = doc.contents?.range?.[0];
    const line = start === undefined ? undefined : lineCounter.linePos(start).line;
    out.push({ ...toManifest(value, source, index), ...(line !== undefined ? { line } : {}) });
  });
  return out;
}

/** Whether some document of a file is a mapping with a kind (the file is meant as manifests). */
function holdsAnObject(text: string): boolean {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as KubeObject).kind === 'string';
  try {
    const value: unknown = JSON.parse(text);
    return (Array.isArray(value) ? value : [value]).some(isObject);
  } catch {
    return parseAllDocuments(text).some(doc => isObject(doc.toJS()));
  }
}

/** A document that is not a Kubernetes object (not a mapping, or without kind). */
class NotAnObjectError extends ManifestLoadError {}

function toManifest(value: unknown, source: string, index: number): LoadedManifest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NotAnObjectError(source, index, `expected a Kubernetes object (a mapping with apiVersion and kind), got ${Array.isArray(value) ? 'a list' : typeof value}`);
  }
  const kind = (value as KubeObject).kind;
  if (typeof kind !== 'string' || kind.length === 0) {
    throw new NotAnObjectError(source, index, 'object has no `kind`');
  }
  return { source, documentIndex: index, object: value as KubeObject };
}
