#!/usr/bin/env node
import { CliIo } from './command';
import { ExitStatus } from './options';
import { commandNamed, oneLine, runCliAsync } from './run';

/**
 * Runs the CLI behind a guard: an error nobody expected (a bug, a stream that fails) becomes one
 * line on stderr and exit status 2, never a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await runCliAsync(argv, io);
  } catch (e) {
    return reportUnexpected(e, argv, io);
  }
}

function reportUnexpected(e: unknown, argv: readonly string[], io: CliIo): number {
  const command = commandNamed(argv[0]);
  const message = e instanceof Error ? e.message : String(e);
  try {
    io.stderr(`cdk8s-netsec${command ? ` ${command}` : ''}: unexpected error (please report it): ${oneLine(message)}\n`);
  } catch {
    // stderr failed too: the exit status is all that is left to say it.
  }
  return ExitStatus.ERROR;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const io: CliIo = {
    stdout: text => process.stdout.write(text),
    stderr: text => process.stderr.write(text),
    // no readStdin: input.ts reads file descriptor 0 itself, as bytes, within the size limit
  };
  // A reader that stops early (`... | head`) is not our error: stop quietly with the status we have.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    process.exit(e.code === 'EPIPE' ? process.exitCode : reportUnexpected(e, argv, io));
  });
  process.on('uncaughtException', e => process.exit(reportUnexpected(e, argv, io)));
  void main(argv, io).then(code => { process.exitCode = code; });
}
