// The one place the CLI reads its input. Every failure to read (a missing file, a bad document,
// standard input that cannot be read) leaves here as an InputError: one line naming the path and,
// for a bad document, its index; exit status 2.
import * as fs from 'fs';
import { CliIo } from './command';
import { load } from './lazy';
import type { LoadedManifest } from '../kube/manifests';

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
export function readManifests(paths: readonly string[], io: CliIo): LoadedManifest[] {
  const manifests = load.manifests();
  const skipped: string[] = [];
  try {
    const read = paths.flatMap(p => (p === STDIN
      ? manifests.parseManifestText(readStdin(io), STDIN_SOURCE)
      : manifests.loadManifestFiles([p], skipped)));
    for (const s of skipped) io.stderr(`warning: ${s}\n`);
    return read;
  } catch (e) {
    if (e instanceof manifests.ManifestLoadError) throw new InputError(e.message);
    throw e;
  }
}

/** Reads one file named on the command line (e.g. `--config FILE`), or standard input for `-`. */
export function readInputText(file: string, io: CliIo): string {
  if (file === STDIN) return readStdin(io);
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as Error).message}`);
  }
}

function readStdin(io: CliIo): string {
  try {
    return io.readStdin ? io.readStdin() : fs.readFileSync(0, 'utf-8');
  } catch (e) {
    throw new InputError(`${STDIN_SOURCE}: cannot read: ${(e as Error).message}`);
  }
}
