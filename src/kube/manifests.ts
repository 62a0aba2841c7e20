// The one manifest reader: files and folders are found and read here, within bounds, and their text
// is read by the YAML reader (./yaml), which reads it as kubectl does. The CLI, the rule pack,
// NetworkAnalysis.fromYaml and the matchers all come through here.
import * as fs from 'fs';
import * as path from 'path';
import { KubeObject } from './objects';
import { JsonObject, readYamlStream, YamlError } from './yaml';

/** One object read from a file, with where it came from (for messages). */
export interface LoadedManifest {
  /** The file it was read from, as given (or a label such as `<stdin>`). */
  readonly source: string;
  /** Zero-based index of the document in the file (YAML documents, or JSON values one after another). */
  readonly documentIndex: number;
  /** One-based line where the document's content starts. */
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

/** A file larger than the per-file limit. */
export class FileTooLargeError extends ManifestLoadError {
  constructor(source: string, public readonly limit: number) {
    super(source, undefined, `larger than the limit of ${formatSize(limit)} per file`);
    this.name = 'FileTooLargeError';
  }
}

/** The default per-file size limit: 64 MiB. */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/** How much the reader reads at most, and what it keeps. */
export interface ReadLimits {
  /** The largest file (or standard input) read, in bytes. @default DEFAULT_MAX_FILE_SIZE */
  readonly maxFileSize?: number;
  /**
   * What to keep of each object, applied as soon as its document is read, so that a caller that
   * needs part of each object (the engine) never holds the whole input at once. @default - all of it
   */
  readonly keep?: (object: KubeObject) => KubeObject;
  /** Receives a message per file skipped because none of its documents is a Kubernetes object. @default - not told */
  readonly skipped?: string[];
}

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Lists the manifest files under the given paths: files as given, directories recursively
 * (`.yaml`, `.yml`, `.json`, following symbolic links), sorted so output never depends on directory
 * order. A folder that cannot be read, a broken link and a link that leads back into its own folder
 * are errors.
 */
export function findManifestFiles(paths: readonly string[], fromDirectories?: Set<string>): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const stat = statOrThrow(p);
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(p, [realPath(p)], found);
      for (const f of found) fromDirectories?.add(f);
      files.push(...found);
    } else {
      files.push(p);
    }
  }
  return files;
}

function walk(dir: string, ancestors: readonly string[], out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new ManifestLoadError(dir, undefined, `cannot read the folder: ${describeError(e)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      isDirectory = statOrThrow(full).isDirectory();
    }
    if (isDirectory) {
      const real = realPath(full);
      if (ancestors.includes(real)) {
        throw new ManifestLoadError(full, undefined, 'a symbolic link loop (it leads back to a folder that contains it)');
      }
      walk(full, [...ancestors, real], out);
    } else if (MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      out.push(full); // whether it is a regular file is checked when it is read
    }
  }
}

function statOrThrow(p: string): fs.Stats {
  try {
    return fs.statSync(p);
  } catch (e) {
    throw new ManifestLoadError(p, undefined, `cannot read: ${describeError(e)}`);
  }
}

function realPath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch (e) {
    throw new ManifestLoadError(p, undefined, `cannot read: ${describeError(e)}`);
  }
}

/**
 * Reads every manifest under the paths. Throws ManifestLoadError on the first bad file or document,
 * except that a file found in a directory none of whose documents is a Kubernetes object (e.g. a JSON
 * report lying beside the manifests) is skipped, with a message in `limits.skipped`, as netpol-analyzer does.
 */
export function loadManifestFiles(paths: readonly string[], limits: ReadLimits = {}): LoadedManifest[] {
  const loaded: LoadedManifest[] = [];
  const fromDirectories = new Set<string>();
  for (const file of findManifestFiles(paths, fromDirectories)) {
    const text = readManifestFile(file, limits);
    try {
      loaded.push(...parseManifestText(text, file, limits.keep));
    } catch (e) {
      if (!(e instanceof NotAnObjectError) || !fromDirectories.has(file) || holdsAnObject(text)) throw e;
      limits.skipped?.push(`${e.message}; the file is skipped`);
    }
  }
  return loaded;
}

/**
 * Reads one file's text: only a regular file (a FIFO would block, a device never end), at most
 * the size limit, and only UTF-8 text without NUL bytes.
 */
export function readManifestFile(file: string, limits: ReadLimits = {}): string {
  const limit = limits.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const before = statOrThrow(file);
  checkRegular(file, before, limit);
  let fd: number;
  try {
    // Non-blocking, in case the file was swapped for a FIFO since the check: opening must not wait for a writer.
    // eslint-disable-next-line no-bitwise
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ManifestLoadError(file, undefined, `cannot read: ${describeError(e)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    checkRegular(file, stat, limit);
    // Reads to the end, but never more than one byte past the limit (a file may grow after the check).
    let buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw new FileTooLargeError(file, limit);
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limit) throw new FileTooLargeError(file, limit);
    return decodeManifestBytes(buffer.subarray(0, length), file);
  } catch (e) {
    if (e instanceof ManifestLoadError) throw e;
    throw new ManifestLoadError(file, undefined, `cannot read: ${describeError(e)}`);
  } finally {
    fs.closeSync(fd);
  }
}

function checkRegular(file: string, stat: fs.Stats, limit: number): void {
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'a folder'
      : stat.isFIFO() ? 'a FIFO (named pipe)'
        : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device'
          : stat.isSocket() ? 'a socket' : 'not a file';
    throw new ManifestLoadError(file, undefined, `not a regular file (${kind}); only regular files are read (pipe other input to standard input, -)`);
  }
  if (stat.size > limit) {
    throw new FileTooLargeError(file, limit);
  }
}

/** Whether some document of a file is a mapping with a kind (the file is meant as manifests). */
function holdsAnObject(text: string): boolean {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as KubeObject).kind === 'string';
  try {
    return readYamlStream(text).some(doc => isObject(doc.value));
  } catch {
    return true; // unreadable: report the reader's error, do not skip
  }
}

/** A document that is not a Kubernetes object (not a mapping, or without kind). */
class NotAnObjectError extends ManifestLoadError {}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as manifest text: UTF-8 (a byte order mark is dropped), no NUL bytes (binary data). */
export function decodeManifestBytes(bytes: Uint8Array, source: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ManifestLoadError(source, undefined, `binary data (a NUL byte at offset ${nul}), not YAML or JSON text`);
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new ManifestLoadError(source, undefined, 'not UTF-8 text (manifests are read as UTF-8)');
  }
}

/**
 * Reads one file's text as kubectl does (see docs/reading-yaml.md): a stream of YAML documents or
 * of JSON values. Empty documents are skipped; every other document must be an object with a `kind`.
 */
export function parseManifestText(text: string, source: string, keep?: (object: KubeObject) => KubeObject): LoadedManifest[] {
  let documents;
  try {
    documents = readYamlStream(text, (value, index, line) => {
      const object = checkObject(value, source, index, line);
      return (keep ? keep(object) : object) as JsonObject;
    });
  } catch (e) {
    if (e instanceof YamlError) {
      throw new ManifestLoadError(source, e.documentIndex,
        `line ${e.line}${e.column === undefined ? '' : `, column ${e.column}`}: ${e.reason}`);
    }
    throw e;
  }
  return documents.map(d => ({ source, documentIndex: d.index, line: d.line, object: d.value as KubeObject }));
}

function checkObject(value: unknown, source: string, index: number, line: number): KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list (kubectl reads one object per document; put the items in a `kind: List`)' : typeof value;
    throw new NotAnObjectError(source, index, `line ${line}: expected a Kubernetes object (a mapping with apiVersion and kind), got ${what}`);
  }
  const kind = (value as KubeObject).kind;
  if (typeof kind !== 'string' || kind.length === 0) {
    throw new NotAnObjectError(source, index, `line ${line}: object has no \`kind\``);
  }
  return value as KubeObject;
}

/** An errno error as a few words: `permission denied`, not `EACCES: permission denied, open '...'`. */
function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOENT': return 'no such file or folder (or a broken symbolic link)';
    case 'ELOOP': return 'a symbolic link loop';
    case 'ENOTDIR': return 'not a folder';
    case 'EISDIR': return 'a folder';
    case 'ENXIO': return 'not a regular file (a socket or device)';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'EIO': return 'input/output error';
    default: return code ?? (e instanceof Error ? e.message : String(e));
  }
}

/** A byte count for messages: `64 MiB`, `1.5 KiB`, `12 bytes`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size) return `${+(bytes / size).toFixed(1)} ${unit}`;
  }
  return `${bytes} bytes`;
}
