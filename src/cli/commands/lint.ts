import * as fs from 'fs';
import { LoadedManifest, ManifestLoadError, loadManifestFiles, parseManifestText } from '../../kube/manifests';
import { RulePackConfig } from '../../rules/config';
import { OutputFormat, RulePack, toLintInputs } from '../../rules/rule-pack';
import { runRulePack } from '../../rules/runner';
import { CliCommand, CliIo } from '../command';

const USAGE = `Usage: cdk8s-netsec lint PATH... [options]

Checks Kubernetes manifests (YAML or JSON files, directories walked recursively, or - for
standard input, e.g. \`helm template . | cdk8s-netsec lint -\`) against the guardrails rule pack:
the checkers' rules (R1-R9), the platform's safeguards and the library's rules.

Options:
  --output, -o text|json|sarif   report format (default: text); sarif is SARIF 2.1.0
  --allowed-registry PREFIX      image prefix of the platform registry (repeatable); turns on
                                 the allowed-registries rule
  --disable RULE-ID              do not run a rule (repeatable; prefer suppression annotations)
  --config FILE                  a JSON RulePackConfig: severityOverrides, disabledRules,
                                 allowedRegistries, dnsNamespace, dnsPodLabels, dnsCidrs,
                                 minimumUserId, podSecurityLevel, externallyManagedPodLabels
  --list-rules                   print the rules and exit
  --help, -h                     show this help

Suppress a finding on one object with the annotation
  cdk8s-netsec.io/suppress: "<rule-id>: <reason>"     (several: one per line, or comma-separated)

Exit status: 0 no errors (warnings allowed), 1 errors found or input unreadable, 2 bad usage.
`;

interface LintArgs {
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly config: RulePackConfig;
  readonly listRules: boolean;
  readonly help: boolean;
}

class UsageError extends Error {}

/** The CLI streams, plus standard input (tests pass a function; by default fd 0 is read). */
interface LintIo extends CliIo {
  readonly readStdin?: () => string;
}

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
function readConfigFile(file: string): RulePackConfig {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    throw new UsageError(`--config ${file}: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--config ${file}: expected a JSON object`);
  }
  for (const [k, v] of Object.entries(value)) {
    const type = CONFIG_KEYS[k];
    const ok = type === 'strings' ? Array.isArray(v) && v.every(x => typeof x === 'string')
      : type === 'map' ? typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(x => typeof x === 'string')
        : type !== undefined && typeof v === type;
    if (!ok) {
      throw new UsageError(type === undefined
        ? `--config ${file}: unknown key '${k}' (valid: ${Object.keys(CONFIG_KEYS).join(', ')})`
        : `--config ${file}: '${k}' must be ${type === 'strings' ? 'an array of strings' : type === 'map' ? 'an object of strings' : `a ${type}`}`);
    }
  }
  return value as RulePackConfig;
}

const FORMATS: Record<string, OutputFormat> = { text: OutputFormat.TEXT, json: OutputFormat.JSON, sarif: OutputFormat.SARIF };

function parseArgs(args: readonly string[]): LintArgs {
  const paths: string[] = [];
  const registries: string[] = [];
  const disabled: string[] = [];
  let fileConfig: RulePackConfig = {};
  let format = OutputFormat.TEXT;
  let listRules = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') {
        throw new UsageError(`${flag} needs a value`);
      }
      return v;
    };
    switch (flag) {
      case '--output': case '-o': {
        const v = value();
        if (!(v in FORMATS)) {
          throw new UsageError(`unknown output format '${v}' (valid: ${Object.keys(FORMATS).join(', ')})`);
        }
        format = FORMATS[v];
        break;
      }
      case '--allowed-registry': registries.push(value()); break;
      case '--disable': disabled.push(value()); break;
      case '--config': fileConfig = readConfigFile(value()); break;
      case '--list-rules': listRules = true; break;
      case '--help': case '-h': help = true; break;
      default:
        if (flag.startsWith('-') && flag !== '-') {
          throw new UsageError(`unknown option '${flag}'`);
        }
        paths.push(arg);
    }
  }
  // Command-line options add to the config file's lists.
  const config: RulePackConfig = {
    ...fileConfig,
    ...(registries.length > 0 ? { allowedRegistries: [...(fileConfig.allowedRegistries ?? []), ...registries] } : {}),
    ...(disabled.length > 0 ? { disabledRules: [...(fileConfig.disabledRules ?? []), ...disabled] } : {}),
  };
  return { paths, format, config, listRules, help };
}

function printRules(io: CliIo): void {
  for (const r of RulePack.allRules()) {
    io.stdout(`${r.id.padEnd(30)} ${r.severity.padEnd(8)} ${r.title}\n${' '.repeat(40)}stands for: ${r.standsFor}\n`);
  }
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check manifests against the guardrails rule pack (text, json or SARIF output)',
  usage: USAGE,
  run(args: readonly string[], io: LintIo): number {
    let parsed: LintArgs;
    try {
      parsed = parseArgs(args);
      if (parsed.help) {
        io.stdout(USAGE);
        return 0;
      }
      if (parsed.listRules) {
        printRules(io);
        return 0;
      }
      if (parsed.paths.length === 0) {
        throw new UsageError('no PATH given');
      }
      new RulePack(parsed.config); // validates rule ids given to --disable
    } catch (e) {
      io.stderr(`cdk8s-netsec lint: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    try {
      const manifests: LoadedManifest[] = [];
      for (const p of parsed.paths) {
        manifests.push(...(p === '-'
          ? parseManifestText(io.readStdin ? io.readStdin() : fs.readFileSync(0, 'utf-8'), '<stdin>')
          : loadManifestFiles([p])));
      }
      const result = runRulePack(toLintInputs(manifests), parsed.config);
      io.stdout(RulePack.render(result, parsed.format));
      return result.errorCount > 0 ? 1 : 0;
    } catch (e) {
      if (e instanceof ManifestLoadError) {
        io.stderr(`cdk8s-netsec lint: cannot read manifests: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
