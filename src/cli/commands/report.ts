import * as fs from 'fs';
import { defineCommand } from '../command';
import { InputError, readManifests } from '../input';
import { load } from '../lazy';
import {
  ExitStatus, HOST_NETWORK_OPTION, MAX_FILE_SIZE_OPTION, PATHS_OPERAND, PLATFORM_OPTION, PROFILE_OPTION,
  analysisOptions, option, outputOption, repeatableOption,
} from '../options';

const FORMATS = { html: 'html', json: 'json', dot: 'dot' } as const;

const OPTIONS = {
  output: outputOption(FORMATS, 'html',
    'html: one self-contained file (diagram, connections, compliance, findings); json: the compliance evidence; dot: the diagram'),
  out: option({ name: 'out', value: 'FILE', help: 'write the report to FILE instead of standard output' }),
  base: repeatableOption({ name: 'base', value: 'PATH', help: 'manifests of an earlier version: the report shows what changed, highlighted in the diagram' }),
  title: option({ name: 'title', value: 'TEXT', help: 'the report\'s title', default: 'Network report' }),
  platform: PLATFORM_OPTION,
  profile: PROFILE_OPTION,
  hostNetwork: HOST_NETWORK_OPTION,
  maxFileSize: MAX_FILE_SIZE_OPTION,
};

export const reportCommand = defineCommand({
  name: 'report',
  summary: 'write a network report: diagram, connections, findings and compliance evidence',
  description: 'Analyses the manifests and writes one self-contained HTML file (no network access needed to view it): '
    + 'a diagram of the allowed connections, the connection list and matrix, entry points, warnings, the rule pack\'s '
    + 'findings, and compliance evidence (ISO/IEC 27001:2022, NIST SP 800-53 and 800-171, BSI IT-Grundschutz, HIPAA '
    + 'controls, each with the checks that evidence it).',
  operands: PATHS_OPERAND,
  options: OPTIONS,
  findings: 'a compliance check failed (the report is still written)',
  async run({ options, operands }, io) {
    const limits = { maxFileSize: options.maxFileSize };
    const manifests = readManifests(operands, io, limits);
    const base = options.base.length ? readManifests(options.base, io, limits).map(m => m.object) : undefined;
    const { NetworkReport } = load.report();
    const report = NetworkReport._fromLoaded(manifests, { ...analysisOptions(options, io), base, title: options.title });
    const text = options.output === 'json' ? report.toJson()
      : options.output === 'dot' ? report.toDot()
        : await report.renderHtml();
    if (options.out) {
      try {
        fs.writeFileSync(options.out, text);
      } catch (e) {
        throw new InputError(`cannot write ${options.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const failed = report.checks.filter(c => !c.passed).map(c => c.id);
      io.stderr(`wrote ${options.out}: ${report.controls.filter(c => c.passed).length} of ${report.controls.length} controls evidenced`
        + `${failed.length ? `; failed checks: ${failed.join(', ')}` : ''}\n`);
    } else {
      io.stdout(text);
    }
    return report.checks.every(c => c.passed) ? ExitStatus.OK : ExitStatus.FINDINGS;
  },
});
