import { ExitStatus, OptionTable, OperandSpec, ParsedArgs, VERSION_OPTION, HELP_OPTION, parseArgs, renderHelp } from './options';
import { packageVersion } from './version';

/** Where a command reads and writes; tests pass buffers, `main.ts` passes the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for the `-` operand). @default - file descriptor 0 is read */
  readonly readStdin?: () => string;
}

/** One `cdk8s-netsec <name> ...` command, as the dispatcher sees it. */
export interface CliCommand {
  readonly name: string;
  /** One line for `cdk8s-netsec --help`. */
  readonly summary: string;
  /** Its option table, `--help` and `--version` included. */
  readonly options: OptionTable;
  /** The full help, generated from the option table. */
  help(): string;
  /**
   * Runs the command on its own arguments and returns the exit status. Throws UsageError on bad
   * usage and InputError on bad input; the dispatcher prints them.
   */
  run(args: readonly string[], io: CliIo): number | Promise<number>;
}

/** A command as declared: its option table, operands and help, and what it does with them. */
export interface CommandSpec<T extends OptionTable> {
  readonly name: string;
  readonly summary: string;
  /** Paragraphs after the usage line. */
  readonly description: string;
  readonly operands: OperandSpec;
  /** The command's own options; `--help` and `--version` are added. */
  readonly options: T;
  /** Paragraphs after the options. */
  readonly notes?: string;
  /** What exit status 1 means for this command (see ExitStatus.FINDINGS). */
  readonly findings?: string;
  /** Does the work on parsed arguments; returns an ExitStatus (a promise of one for commands that wait, e.g. on WebAssembly). */
  readonly run: (args: ParsedArgs<T>, io: CliIo) => ExitStatus | Promise<ExitStatus>;
}

/** Makes a command from its declaration: parsing, `--help` and `--version` come from here. */
export function defineCommand<T extends OptionTable>(spec: CommandSpec<T>): CliCommand {
  const table = { ...spec.options, help: HELP_OPTION, version: VERSION_OPTION };
  const help = () => renderHelp({
    usage: [`cdk8s-netsec ${spec.name} [options] ${spec.operands.usage}`],
    description: `${spec.description}\n\n${spec.operands.help}`,
    notes: spec.notes,
    findings: spec.findings,
  }, table);
  return {
    name: spec.name,
    summary: spec.summary,
    options: table,
    help,
    run(args, io) {
      const parsed = parseArgs(table, spec.operands, args);
      switch (parsed.kind) {
        case 'help':
          io.stdout(help());
          return ExitStatus.OK;
        case 'version':
          io.stdout(`cdk8s-netsec ${packageVersion()}\n`);
          return ExitStatus.OK;
        default:
          return spec.run({ options: parsed.options, operands: parsed.operands }, io);
      }
    },
  };
}
