import { diffConnections, renderDiffMarkdown, renderDiffText } from '../../analysis-diff';
import { connectionsOfManifests } from '../../analysis-diff/analyze-paths';
import { ManifestLoadError } from '../../manifests/load';
import { CliCommand, CliIo } from '../command';

const USAGE = `Usage: cdk8s-netsec diff OLD NEW [-o|--output text|md] [--platform welkin]

Compares the connections two sets of manifests allow, for reviewing a change: which peer pairs
gained a connection, lost it, or changed ports. OLD and NEW are each a manifest file or a
directory (read recursively: .yaml, .yml, .json). Outside addresses are compared over the
address space, however each side's policies cut it.

Options:
  -o, --output FORMAT text (default), or md: markdown for a pull request comment
  --platform welkin   take the platform's ingress controller, DNS and monitoring as real peers
  -h, --help          this help

Exit status: 0 whether or not anything changed; 1 when a manifest cannot be read; 2 on bad usage.
`;

const OUTPUTS = ['text', 'md'];
const PLATFORMS = ['welkin'];

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Connections added, removed and changed between two sets of manifests',
  usage: USAGE,
  run(args: readonly string[], io: CliIo): number {
    const paths: string[] = [];
    let output = 'text';
    let platform: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-h' || arg === '--help') {
        io.stdout(USAGE);
        return 0;
      }
      const option = /^--(output|platform)(?:=(.*))?$/.exec(arg) ?? (arg === '-o' ? [arg, 'output', undefined] : null);
      if (option) {
        const value = option[2] ?? args[++i];
        if (value === undefined) {
          return usageError(io, `--${option[1]} needs a value`);
        }
        const valid = option[1] === 'output' ? OUTPUTS : PLATFORMS;
        if (!valid.includes(value)) {
          return usageError(io, `unknown --${option[1]} '${value}' (valid: ${valid.join(', ')})`);
        }
        if (option[1] === 'output') {
          output = value;
        } else {
          platform = value;
        }
      } else if (arg.startsWith('-') && arg !== '-') {
        return usageError(io, `unknown option '${arg}'`);
      } else {
        paths.push(arg);
      }
    }
    if (paths.length !== 2) {
      return usageError(io, `expected OLD and NEW, got ${paths.length} path${paths.length === 1 ? '' : 's'}`);
    }
    let before;
    let after;
    try {
      before = connectionsOfManifests([paths[0]], platform);
      after = connectionsOfManifests([paths[1]], platform);
    } catch (e) {
      if (e instanceof ManifestLoadError) {
        io.stderr(`cdk8s-netsec diff: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const diff = diffConnections(before, after);
    io.stdout(output === 'md' ? renderDiffMarkdown(diff) : renderDiffText(diff));
    return 0;
  },
};

function usageError(io: CliIo, message: string): number {
  io.stderr(`cdk8s-netsec diff: ${message}\n\n${USAGE}`);
  return 2;
}
