import { AnalysisOptions, ClusterProfile, HostNetworkMode } from '../../analysis';
import { diffConnections, renderDiffMarkdown, renderDiffText } from '../../diff';
import { connectionsOfManifests } from '../../diff/analyze-paths';
import { ManifestLoadError } from '../../kube/manifests';
import { CliCommand, CliIo } from '../command';

const USAGE = `Usage: cdk8s-netsec diff OLD NEW [-o|--output text|md] [--platform welkin] [--host-network MODE]

Compares the connections two sets of manifests allow, for reviewing a change: which peer pairs
gained a connection, lost it, or changed ports. OLD and NEW are each a manifest file or a
directory (read recursively: .yaml, .yml, .json). Outside addresses are compared over the
address space, however each side's policies cut it.

Options:
  -o, --output FORMAT   text (default), or md: markdown for a pull request comment
  --platform welkin     take the platform's ingress controller, DNS and monitoring as real peers
  --host-network MODE   as-pods (default) or as-node-traffic, as for \`analyze\`
  -h, --help            this help

Exit status: 0 whether or not anything changed; 1 when a manifest cannot be read; 2 on bad usage.
`;

/** Each option's valid values, and what it sets. */
const OPTIONS: Record<string, { values: string[]; apply: (value: string, into: ParsedOptions) => void }> = {
  'output': { values: ['text', 'md'], apply: (v, into) => (into.output = v) },
  'platform': { values: ['welkin'], apply: (_, into) => (into.analysis.profile = ClusterProfile.welkin()) },
  'host-network': { values: ['as-pods', 'as-node-traffic'], apply: (v, into) => (into.analysis.hostNetwork = HostNetworkMode.of(v)) },
};

interface ParsedOptions {
  output: string;
  analysis: { -readonly [K in keyof AnalysisOptions]: AnalysisOptions[K] };
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'Connections added, removed and changed between two sets of manifests',
  usage: USAGE,
  run(args: readonly string[], io: CliIo): number {
    const paths: string[] = [];
    const parsed: ParsedOptions = { output: 'text', analysis: {} };
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-h' || arg === '--help') {
        io.stdout(USAGE);
        return 0;
      }
      const long = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
      const name = arg === '-o' ? 'output' : long?.[1];
      if (name !== undefined && OPTIONS[name]) {
        const value = (arg === '-o' ? undefined : long?.[2]) ?? args[++i];
        if (value === undefined) {
          return usageError(io, `--${name} needs a value`);
        }
        const { values, apply } = OPTIONS[name];
        if (!values.includes(value)) {
          return usageError(io, `unknown --${name} '${value}' (valid: ${values.join(', ')})`);
        }
        apply(value, parsed);
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
      before = connectionsOfManifests([paths[0]], parsed.analysis);
      after = connectionsOfManifests([paths[1]], parsed.analysis);
    } catch (e) {
      if (e instanceof ManifestLoadError) {
        io.stderr(`cdk8s-netsec diff: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    const diff = diffConnections(before, after);
    io.stdout(parsed.output === 'md' ? renderDiffMarkdown(diff) : renderDiffText(diff));
    return 0;
  },
};

function usageError(io: CliIo, message: string): number {
  io.stderr(`cdk8s-netsec diff: ${message}\n\n${USAGE}`);
  return 2;
}
