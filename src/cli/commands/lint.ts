import type { RulePackConfig } from '../../rules/config';
import { OutputFormat } from '../../rules/output-format';
import { CliIo, defineCommand } from '../command';
import { InputError, STDIN, readInputText, readManifests } from '../input';
import { load } from '../lazy';
import { ExitStatus, MAX_FILE_SIZE_OPTION, PATHS_OPERAND, UsageError, flag, option, outputOption, repeatableOption } from '../options';

const OPTIONS = {
  output: outputOption({ text: OutputFormat.TEXT, json: OutputFormat.JSON, sarif: OutputFormat.SARIF }, 'text',
    'report format (sarif: SARIF 2.1.0, for code-scanning tools)'),
  allowedRegistry: repeatableOption({
    name: 'allowed-registry',
    value: 'PREFIX',
    help: 'image prefix of the platform registry; turns on the allowed-registries rule',
  }),
  disable: repeatableOption({ name: 'disable', value: 'RULE-ID', help: 'do not run a rule; prefer suppression annotations' }),
  config: option({
    name: 'config',
    value: 'FILE',
    help: 'a JSON RulePackConfig: severityOverrides, disabledRules, allowedRegistries, dnsNamespace, dnsPodLabels, '
      + 'dnsCidrs, minimumUserId, podSecurityLevel, externallyManagedPodLabels; command-line lists add to its lists',
  }),
  maxFileSize: MAX_FILE_SIZE_OPTION,
  listRules: flag({ name: 'list-rules', help: 'print the rules and exit', standalone: true }),
};

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'check manifests against the guardrails rule pack (text, json or SARIF output)',
  description: 'Checks Kubernetes manifests against the guardrails rule pack: the checkers\' rules (R1-R10, '
    + 'docs/checker-rules.md), the platform\'s safeguards and the library\'s rules (docs/guardrails.md). '
    + 'Rendered charts come in on standard input: `helm template . | cdk8s-netsec lint -`.',
  operands: PATHS_OPERAND,
  options: OPTIONS,
  notes: 'Suppress a finding on one object with the annotation\n\n'
    + '  cdk8s-netsec.io/suppress: "<rule-id>: <reason>"     (several: one per line, or comma-separated)',
  findings: 'error findings (warnings alone exit 0)',
  run({ options, operands }, io) {
    const { RulePack, toLintInputs } = load.rulePack();
    if (options.listRules) {
      for (const r of RulePack.allRules()) {
        io.stdout(`${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.title}\n${' '.repeat(40)}stands for: ${r.standsFor}\n`);
      }
      return ExitStatus.OK;
    }
    if (options.config === STDIN && operands.includes(STDIN)) {
      throw new UsageError('- (standard input) can be given only once: to --config or as a PATH');
    }
    const fileConfig = options.config === undefined ? {} : readConfigFile(options.config, io, options.maxFileSize);
    // Command-line lists add to the config file's lists.
    const config: RulePackConfig = {
      ...fileConfig,
      ...(options.allowedRegistry.length > 0 ? { allowedRegistries: [...(fileConfig.allowedRegistries ?? []), ...options.allowedRegistry] } : {}),
      ...(options.disable.length > 0 ? { disabledRules: [...(fileConfig.disabledRules ?? []), ...options.disable] } : {}),
    };
    try {
      new RulePack(config); // validates the rule ids and values of --disable and the config file
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const manifests = readManifests(operands, io, { maxFileSize: options.maxFileSize });
    const result = load.rulePackRunner().runRulePack(toLintInputs(manifests), config);
    io.stdout(RulePack.render(result, options.output));
    return result.errorCount > 0 ? ExitStatus.FINDINGS : ExitStatus.OK;
  },
});

const CONFIG_KEYS: Record<string, 'strings' | 'string' | 'number' | 'map'> = {
  severityOverrides: 'map',
  disabledRules: 'strings',
  allowedRegistries: 'strings',
  dnsNamespace: 'string',
  dnsPodLabels: 'map',
  dnsCidrs: 'strings',
  minimumUserId: 'number',
  podSecurityLevel: 'string',
  externallyManagedPodLabels: 'strings',
};

/** Reads a JSON RulePackConfig, checking keys and value types (a typo must not silently do nothing). */
function readConfigFile(file: string, io: CliIo, maxFileSize: number): RulePackConfig {
  const fail = (problem: string) => new InputError(`--config ${file}: ${problem}`);
  let value: unknown;
  try {
    value = JSON.parse(readInputText(file, io, { maxFileSize }));
  } catch (e) {
    throw e instanceof InputError ? new InputError(`--config ${e.message}`) : fail((e as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('expected a JSON object');
  }
  for (const [k, v] of Object.entries(value)) {
    const type = CONFIG_KEYS[k];
    const ok = type === 'strings' ? Array.isArray(v) && v.every(x => typeof x === 'string')
      : type === 'map' ? typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(x => typeof x === 'string')
        : type !== undefined && typeof v === type;
    if (!ok) {
      throw fail(type === undefined
        ? `unknown key '${k}' (valid: ${Object.keys(CONFIG_KEYS).join(', ')})`
        : `'${k}' must be ${type === 'strings' ? 'an array of strings' : type === 'map' ? 'an object of strings' : `a ${type}`}`);
    }
  }
  return value as RulePackConfig;
}
