import { AnalysisOptions, ClusterProfile, HostNetworkMode, NetworkAnalysis, ReportFormat } from '../../analysis';
import { loadManifestFiles, ManifestLoadError } from '../../kube/manifests';
import { parsePortSpec, ProtocolPort } from '../../kube/ports';
import { CliCommand, CliIo } from '../command';

const USAGE = `Usage: cdk8s-netsec analyze PATH... [options]

Computes which workload can reach which, on which ports, from Kubernetes manifests: files and
directories (recursive; .yaml, .yml, .json; multi-document; List objects are expanded).

Options:
  -o, --output FORMAT        text (default; netpol-analyzer's "SRC => DST : CONN" lines), json, md,
                             csv, dot or mermaid
  --platform NAME            take the platform's ingress controller, DNS and monitoring into account
                             as real peers; NAME: welkin
  --explain FROM TO PORT[/PROTO]
                             explain one connection instead (PROTO: TCP (default), UDP, SCTP);
                             FROM/TO: ns/name[Kind], an IP address, or {ingress-controller}
  --host-network MODE        as-pods (default, as netpol-analyzer) or as-node-traffic (policies do
                             not apply to host-network pods, as with most network plugins)
  -h, --help                 show this help

Warnings (host-network pods, invalid selectors, ...) go to stderr. Exit status: 0 on success,
1 when the input cannot be read (the file, document index and reason are printed), 2 on bad usage.
`;

const PLATFORMS: Record<string, () => ClusterProfile> = { welkin: () => ClusterProfile.welkin() };

interface ParsedArgs {
  readonly paths: string[];
  readonly format: ReportFormat;
  readonly options: AnalysisOptions;
  readonly explain?: { from: string; to: string } & ProtocolPort;
}

class UsageError extends Error {}

/** Reads an option's value with a parser that throws on a bad value; its message becomes a usage error. */
function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}

function parseArgs(args: readonly string[]): ParsedArgs | 'help' {
  const paths: string[] = [];
  let format = ReportFormat.TEXT;
  let profile: ClusterProfile | undefined;
  let hostNetwork: HostNetworkMode | undefined;
  let explain: ParsedArgs['explain'];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '-o':
      case '--output':
        format = asUsage(() => ReportFormat.of(value()));
        break;
      case '--platform': {
        const name = value();
        const make = PLATFORMS[name];
        if (!make) throw new UsageError(`unknown platform '${name}' (valid: ${Object.keys(PLATFORMS).join(', ')})`);
        profile = make();
        break;
      }
      case '--host-network':
        hostNetwork = asUsage(() => HostNetworkMode.of(value()));
        break;
      case '--explain': {
        const [from, to, portText] = [args[i + 1], args[i + 2], args[i + 3]];
        if (portText === undefined) throw new UsageError('--explain needs FROM TO PORT[/PROTO]');
        i += 3;
        explain = { from, to, ...asUsage(() => parsePortSpec(portText)) };
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        paths.push(arg);
    }
  }
  if (paths.length === 0) throw new UsageError('no PATH given');
  return { paths, format, options: { profile, hostNetwork }, explain };
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'list the connections manifests allow (netpol-analyzer format), or explain one',
  usage: USAGE,
  run(args: readonly string[], io: CliIo): number {
    let parsed: ParsedArgs | 'help';
    try {
      parsed = parseArgs(args);
    } catch (e) {
      io.stderr(`cdk8s-netsec analyze: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (parsed === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    let analysis: NetworkAnalysis;
    try {
      // fromManifests expands List objects itself.
      analysis = NetworkAnalysis.fromManifests(loadManifestFiles(parsed.paths).map(m => m.object), parsed.options);
    } catch (e) {
      if (e instanceof ManifestLoadError) {
        io.stderr(`cdk8s-netsec analyze: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
    let output: string;
    if (parsed.explain) {
      try {
        output = analysis.explain(parsed.explain.from, parsed.explain.to, parsed.explain.port, parsed.explain.protocol).text;
      } catch (e) {
        io.stderr(`cdk8s-netsec analyze: ${(e as Error).message}\n`);
        return 2;
      }
    } else {
      output = analysis.render(parsed.format);
    }
    // The markdown report carries these itself; other formats keep stdout machine-readable.
    if (parsed.format !== ReportFormat.MARKDOWN || parsed.explain) {
      for (const w of analysis.warnings) io.stderr(`warning: ${w}\n`);
      if (analysis.ignoredKinds.length > 0) {
        io.stderr(`note: not analysed (kinds that play no part): ${analysis.ignoredKinds.map(k => `${k.kind} (${k.count})`).join(', ')}\n`);
      }
    }
    io.stdout(output);
    return 0;
  },
};
