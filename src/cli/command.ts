/** Where a CLI command writes; tests pass buffers, `main.ts` passes the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** One `cdk8s-netsec <name> ...` subcommand. */
export interface CliCommand {
  readonly name: string;
  /** One line for `cdk8s-netsec --help`. */
  readonly summary: string;
  /** Full usage text. */
  readonly usage: string;
  /** Runs the command on its own arguments; returns the process exit code. */
  run(args: readonly string[], io: CliIo): number;
}
