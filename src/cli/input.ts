// The one place the CLI reads its input. Every failure to read (a missing file, a FIFO, a file over
// the size limit, binary data, a bad document, standard input that cannot be read) leaves here as
// an InputError: one line naming the path and, for a bad document, its index and line; exit status 2.
import * as fs from 'fs';
import { CliIo } from './command';
import { load } from './lazy';
import type { LoadedManifest, ReadLimits } from '../kube/manifests';

/** The operand that stands for standard input. */
export const STDIN = '-';
/** How standard input is named in messages and reports. */
export const STDIN_SOURCE = '<stdin>';

/** Input that cannot be read or is not valid manifests. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Reads the manifests under the PATH operands, in order: files, directories (recursively) and `-`
 * (standard input). Throws InputError on the first path or document that cannot be read; a file in a
 * directory that holds no Kubernetes objects is skipped with a warning on stderr.
 */
export function readManifests(paths: readonly string[], io: CliIo, limits: ReadLimits = {}): LoadedManifest[] {
  const manifests = load.manifests();
  const skipped: string[] = [];
  try {
    const read = paths.flatMap(p => (p === STDIN
      ? manifests.parseManifestText(readStdin(io, limits), STDIN_SOURCE)
      : manifests.loadManifestFiles([p], { ...limits, skipped })));
    for (const s of skipped) io.stderr(`warning: ${s}\n`);
    return read;
  } catch (e) {
    if (e instanceof manifests.FileTooLargeError) throw new InputError(`${e.message} (raise it with --max-file-size)`);
    if (e instanceof manifests.ManifestLoadError) throw new InputError(e.message);
    throw e;
  }
}

/** Reads one file named on the command line (e.g. `--config FILE`), or standard input for `-`. */
export function readInputText(file: string, io: CliIo, limits: ReadLimits = {}): string {
  const manifests = load.manifests();
  try {
    return file === STDIN ? readStdin(io, limits) : manifests.readManifestFile(file, limits);
  } catch (e) {
    if (e instanceof manifests.ManifestLoadError) throw new InputError(e.message);
    throw e;
  }
}

/** All of standard input, at most the size limit, as UTF-8 text. */
function readStdin(io: CliIo, limits: ReadLimits): string {
  const manifests = load.manifests();
  const limit = limits.maxFileSize ?? manifests.DEFAULT_MAX_FILE_SIZE;
  if (io.readStdin) {
    let text: string;
    try {
      text = io.readStdin();
    } catch (e) {
      throw new InputError(`${STDIN_SOURCE}: cannot read: ${(e as Error).message}`);
    }
    if (Buffer.byteLength(text) > limit) throw new manifests.FileTooLargeError(STDIN_SOURCE, limit);
    return text;
  }
  return manifests.decodeManifestBytes(readFd(0, limit, manifests), STDIN_SOURCE);
}

/** Reads a descriptor to its end, throwing once it passes `limit` bytes (a pipe has no size to check first). */
function readFd(fd: number, limit: number, manifests: typeof import('../kube/manifests')): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') { // a non-blocking pipe with nothing yet: wait a little
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // Windows: the writer closed the pipe
      throw new InputError(`${STDIN_SOURCE}: cannot read: ${code ?? (e as Error).message}`);
    }
    if (n === 0) break;
    length += n;
    if (length > limit) throw new manifests.FileTooLargeError(STDIN_SOURCE, limit);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, length);
}
