import { CliCommand, CliIo } from './command';
import { analyzeCommand } from './commands/analyze';
import { diffCommand } from './commands/diff';
import { lintCommand } from './commands/lint';

// Each subcommand lives in its own file under ./commands and is registered here.
const COMMANDS: CliCommand[] = [analyzeCommand, diffCommand, lintCommand];

/** Dispatches `cdk8s-netsec <command> ...`; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find(c => c.name === name);
  if (!command) {
    io.stderr(`cdk8s-netsec: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

function usage(): string {
  const lines = ['Usage: cdk8s-netsec <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) {
    lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  }
  lines.push('', 'Run `cdk8s-netsec <command> --help` for a command\'s options.');
  return lines.join('\n') + '\n';
}
