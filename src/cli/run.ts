import { CliCommand, CliIo } from './command';
import { analyzeCommand } from './commands/analyze';
import { diffCommand } from './commands/diff';
import { lintCommand } from './commands/lint';
import { reportCommand } from './commands/report';
import { InputError } from './input';
import { ExitStatus, HELP_OPTION, UsageError, VERSION_OPTION, parseArgs, renderHelp } from './options';
import { packageVersion } from './version';
import { printable } from '../kube/escape';

// Each command lives in its own file under ./commands and is registered here.
export const COMMANDS: readonly CliCommand[] = [analyzeCommand, diffCommand, lintCommand, reportCommand];

const TOP_LEVEL = { help: HELP_OPTION, version: VERSION_OPTION };

/**
 * Dispatches `cdk8s-netsec <command> ...` and returns the exit status. Usage errors and input
 * errors are printed here, as one line each; anything else is a bug and is thrown (main.ts
 * turns it into one line and exit status 2).
 */
export function runCli(argv: readonly string[], io: CliIo): number {
  const status = dispatch(argv, io);
  if (typeof status !== 'number') {
    status.catch(() => undefined);
    throw new Error(`'${argv[0]}' runs asynchronously: call runCliAsync`);
  }
  return status;
}

/** `runCli` for every command, those that wait (report: WebAssembly layout) included. */
export async function runCliAsync(argv: readonly string[], io: CliIo): Promise<number> {
  return dispatch(argv, io);
}

function dispatch(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [first, ...rest] = argv;
  const command = COMMANDS.find(c => c.name === first);
  if (command) {
    return printingErrors(`cdk8s-netsec ${command.name}`, io, () => command.run(rest, io));
  }
  return printingErrors('cdk8s-netsec', io, () => {
    if (first === 'help') {
      const about = COMMANDS.find(c => c.name === rest[0]);
      if (rest.length > 0 && !about) throw new UsageError(`unknown command '${rest[0]}' (valid: ${commandNames()})`);
      io.stdout(about ? about.help() : topLevelHelp());
      return ExitStatus.OK;
    }
    if (first === undefined) throw new UsageError(`no command given (valid: ${commandNames()})`);
    if (first.startsWith('-')) {
      const parsed = parseArgs(TOP_LEVEL, NO_OPERANDS, argv);
      if (parsed.kind === 'version') {
        io.stdout(`cdk8s-netsec ${packageVersion()}\n`);
        return ExitStatus.OK;
      }
      if (parsed.kind === 'help') {
        io.stdout(topLevelHelp());
        return ExitStatus.OK;
      }
    }
    throw new UsageError(`unknown command '${first}' (valid: ${commandNames()})`);
  });
}

/** The name of the command `name` names, if any. */
export function commandNamed(name: string | undefined): string | undefined {
  return COMMANDS.find(c => c.name === name)?.name;
}

const NO_OPERANDS = { usage: '', help: '', min: 0, max: 0, countError: () => 'a command comes first' };

function commandNames(): string {
  return COMMANDS.map(c => c.name).join(', ');
}

/** Runs a command; a usage or input error becomes one line on stderr and exit status 2. */
function printingErrors(who: string, io: CliIo, run: () => number | Promise<number>): number | Promise<number> {
  try {
    const status = run();
    return typeof status === 'number' ? status : status.catch(e => printError(who, io, e));
  } catch (e) {
    return printError(who, io, e);
  }
}

function printError(who: string, io: CliIo, e: unknown): number {
  if (e instanceof UsageError) {
    io.stderr(`${who}: ${oneLine(e.message)}; see '${who} --help'\n`);
    return ExitStatus.ERROR;
  }
  if (e instanceof InputError) {
    io.stderr(`${who}: ${oneLine(e.message)}\n`);
    return ExitStatus.ERROR;
  }
  throw e;
}

/**
 * A message as one line: line breaks and other control characters (which a file name or a
 * manifest may carry) are shown escaped, so a message can never forge further lines.
 */
export function oneLine(message: string): string {
  return printable(message);
}

function topLevelHelp(): string {
  return renderHelp({
    usage: ['cdk8s-netsec <command> [options] [arguments]', 'cdk8s-netsec help <command>'],
    description: 'Reachability analysis and guardrails for Kubernetes manifests. '
      + 'Run `cdk8s-netsec <command> --help` for a command\'s options.',
    sections: [{ title: 'Commands', lines: COMMANDS.map(c => `  ${c.name.padEnd(10)} ${c.summary}`) }],
    findings: 'the command\'s findings: lint errors, a denied connection (analyze --explain), a change (diff --exit-code)',
  }, TOP_LEVEL);
}
