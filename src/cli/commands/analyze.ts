import { ReportFormat } from '../../analysis/report-format';
import { parsePortSpec } from '../../kube/ports';
import { defineCommand } from '../command';
import { readManifests } from '../input';
import { load } from '../lazy';
import {
  ExitStatus, HOST_NETWORK_OPTION, PATHS_OPERAND, PLATFORM_OPTION, UsageError,
  analysisOptions, multiValueOption, outputOption,
} from '../options';

const OPTIONS = {
  output: outputOption(Object.fromEntries(ReportFormat.all().map(f => [f.name, f])), ReportFormat.TEXT.name,
    'report format (text: netpol-analyzer\'s "SRC => DST : CONN" lines)'),
  platform: PLATFORM_OPTION,
  hostNetwork: HOST_NETWORK_OPTION,
  explain: multiValueOption({
    name: 'explain',
    values: ['FROM', 'TO', 'PORT[/PROTO]'],
    help: 'explain one connection instead: the policies and rules on each side. FROM/TO: ns/name[Kind], '
      + 'an IP address, {ingress-controller} or {gateway NS/NAME}; PROTO: TCP (default), UDP or SCTP',
    parse: ([from, to, port]) => ({ from, to, ...parsePortSpec(port) }),
  }),
};

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: 'list the connections manifests allow (netpol-analyzer format), or explain one',
  description: 'Computes which workload can reach which, on which ports, from Kubernetes manifests.\n\n'
    + 'Warnings (host-network pods, invalid selectors, ...) and the kinds that play no part go to stderr, '
    + 'except with --output md, whose report carries them.',
  operands: PATHS_OPERAND,
  options: OPTIONS,
  findings: 'with --explain: the connection is denied',
  run({ options, operands }, io) {
    const manifests = readManifests(operands, io);
    const analysis = load.analysis().NetworkAnalysis.fromManifests(manifests.map(m => m.object), analysisOptions(options));
    let output: string;
    let status = ExitStatus.OK;
    if (options.explain) {
      const { from, to, port, protocol } = options.explain;
      let explanation;
      try {
        explanation = analysis.explain(from, to, port, protocol);
      } catch (e) {
        throw new UsageError(`--explain: ${(e as Error).message}`); // a peer the manifests do not have
      }
      output = explanation.text;
      status = explanation.allowed ? ExitStatus.OK : ExitStatus.FINDINGS;
    } else {
      output = analysis.render(options.output);
    }
    // The markdown report carries these itself; other formats keep stdout machine-readable.
    if (options.output !== ReportFormat.MARKDOWN || options.explain) {
      for (const w of analysis.warnings) io.stderr(`warning: ${w}\n`);
      if (analysis.ignoredKinds.length > 0) {
        io.stderr(`note: not analysed (kinds that play no part): ${analysis.ignoredKinds.map(k => `${k.kind} (${k.count})`).join(', ')}\n`);
      }
    }
    io.stdout(output);
    return status;
  },
});
