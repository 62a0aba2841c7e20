import { ReportFormat } from '../../analysis/report-format';
import { printable } from '../../kube/escape';
import { parsePortSpec } from '../../kube/ports';
import { defineCommand } from '../command';
import { readManifests } from '../input';
import { load } from '../lazy';
import {
  ExitStatus, HOST_NETWORK_OPTION, MAX_FILE_SIZE_OPTION, PATHS_OPERAND, PLATFORM_OPTION, PROFILE_OPTION, UsageError,
  analysisOptions, flag, multiValueOption, outputOption,
} from '../options';

const OPTIONS = {
  output: outputOption(Object.fromEntries(ReportFormat.all().map(f => [f.name, f])), ReportFormat.TEXT.name,
    'report format (text: netpol-analyzer\'s "SRC => DST : CONN" lines)'),
  platform: PLATFORM_OPTION,
  maxFileSize: MAX_FILE_SIZE_OPTION,
  profile: PROFILE_OPTION,
  exposure: flag({
    name: 'exposure',
    help: 'also report exposure: what each workload may reach, or be reached by, among pods and namespaces '
      + 'not in the manifests (netpol-analyzer\'s "Exposure Analysis Result:" section)',
  }),
  hostNetwork: HOST_NETWORK_OPTION,
  explain: multiValueOption({
    name: 'explain',
    values: ['FROM', 'TO', 'PORT[/PROTO]'],
    help: 'explain one connection instead: the policies and rules on each side. FROM/TO: ns/name[Kind], '
      + 'an IP address, {ingress-controller} or {gateway NS/NAME}; PROTO: TCP (default), UDP or SCTP',
    parse: ([from, to, port]) => ({ from, to, ...parsePortSpec(port) }),
  }),
  strict: flag({
    name: 'strict',
    help: 'exit 1 when the result is partial: the input holds CNI-specific policies the analysis does not evaluate '
      + '(CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, Calico NetworkPolicy and GlobalNetworkPolicy)',
  }),
};

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: 'list the connections manifests allow (netpol-analyzer format), or explain one',
  description: 'Computes which workload can reach which, on which ports, from Kubernetes manifests.\n\n'
    + 'Warnings (host-network pods, invalid selectors, ...) and the kinds that play no part go to stderr, '
    + 'except with --output md, whose report carries them.\n\n'
    + 'AdminNetworkPolicies and the BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) are evaluated: ANPs by '
    + 'priority, then NetworkPolicies, then the BANP. CNI-specific policies (Cilium, Calico) are not: each one is named in a '
    + 'warning and every format says the result is partial; --strict makes that exit 1.',
  operands: PATHS_OPERAND,
  options: OPTIONS,
  findings: 'with --explain: the connection is denied; with --strict: the result is partial (CNI-specific policies not evaluated)',
  run({ options, operands }, io) {
    const manifests = readManifests(operands, io, { maxFileSize: options.maxFileSize, keep: load.analysisModel().analysisView });
    const analysis = load.analysis().NetworkAnalysis.fromManifests(manifests.map(m => m.object), analysisOptions(options, io));
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
      output = analysis.render(options.output, { exposure: options.exposure });
    }
    // The markdown report carries these itself; other formats keep stdout machine-readable.
    if (options.output !== ReportFormat.MARKDOWN || options.explain) {
      for (const w of analysis.warnings) io.stderr(`warning: ${printable(w)}\n`);
      if (analysis.ignoredKinds.length > 0) {
        io.stderr(`note: not analysed (kinds that play no part): ${analysis.ignoredKinds.map(k => `${printable(k.kind)} (${k.count})`).join(', ')}\n`);
      }
    }
    io.stdout(output);
    if (options.strict && analysis.unevaluatedPolicies.length > 0 && status === ExitStatus.OK) {
      io.stderr(`error: --strict: the result is partial: ${analysis.unevaluatedPolicies.length} CNI-specific `
        + `polic${analysis.unevaluatedPolicies.length === 1 ? 'y is' : 'ies are'} not evaluated\n`);
      status = ExitStatus.FINDINGS;
    }
    return status;
  },
});
