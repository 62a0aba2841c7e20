// The one option module of the CLI: every command declares its options as a table of these
// specs, and parsing, errors and help text all come from the table. Cheap to load on purpose:
// nothing here (or in what it imports) loads the engine, the rule pack or the YAML parser.
import type { CliIo } from './command';
import { readInputText } from './input';
import { load } from './lazy';
import type { ClusterProfile } from '../analysis/cluster-profile';
import { AnalysisOptions, HostNetworkMode } from '../analysis/options';

/** The exit statuses of every command (documented in each `--help` and the README). */
export enum ExitStatus {
  /** Done; nothing to report. */
  OK = 0,
  /** Done, and the answer is "no": lint errors, a denied connection, a changed diff. */
  FINDINGS = 1,
  /** Bad usage, input that cannot be read or is not valid manifests, or an unexpected error. */
  ERROR = 2,
}

/** A command line the command cannot run: printed as one line with a hint to `--help`, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One option of a command, as its table declares it. */
export interface CliOption<V> {
  /** The long name without dashes: `output` for `--output`. */
  readonly name: string;
  /** The one-letter short form without the dash: `o` for `-o`. */
  readonly short?: string;
  /** Other long names for the same option. */
  readonly aliases: readonly string[];
  /** The names of the values it takes, in order (`FORMAT`); none for a flag. */
  readonly values: readonly string[];
  readonly help: string;
  /** May be given more than once; otherwise a second occurrence is a usage error. */
  readonly repeatable: boolean;
  /** Given alone, the command needs no operands (`--list-rules`). */
  readonly standalone: boolean;
  /** The option's value when it is not given. */
  readonly absent: () => V;
  /** Reads one occurrence's values into the option's value; throws on a bad value. */
  readonly read: (values: readonly string[], previous: V) => V;
}

// A table holds options of different value types; `any` stays inside this module's typing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionTable = Readonly<Record<string, CliOption<any>>>;

/** What a table's options parse to: `{ output: ReportFormat, platform: ... | undefined, ... }`. */
export type OptionValues<T extends OptionTable> = { readonly [K in keyof T]: T[K] extends CliOption<infer V> ? V : never };

/** The operands (non-option arguments) a command takes. */
export interface OperandSpec {
  /** How the usage line shows them: `PATH...`, `OLD NEW`. */
  readonly usage: string;
  /** One paragraph for the help. */
  readonly help: string;
  readonly min: number;
  /** @default - no limit */
  readonly max?: number;
  /** The message when there are too few or too many (`no PATH given`). */
  readonly countError: (count: number) => string;
}

/** The parsed command line of a command. */
export interface ParsedArgs<T extends OptionTable> {
  readonly options: OptionValues<T>;
  readonly operands: readonly string[];
}

/** The names and help every kind of option has. */
export interface OptionText {
  /** The long name without dashes. */
  readonly name: string;
  /** The one-letter short form without the dash. */
  readonly short?: string;
  /** Other long names. */
  readonly aliases?: readonly string[];
  readonly help: string;
}

/** An option with one value. Either `parse` or `choices` reads it. */
export interface ValueOptionSpec<T> extends OptionText {
  /** The value's name in the help (`FORMAT`). */
  readonly value: string;
  /** Turns the value into what the command uses; throws (any Error) on a bad value. */
  readonly parse?: (text: string) => T;
  /** The valid values and what each stands for; help lists them. */
  readonly choices?: Readonly<Record<string, T>>;
}

/** A flag: `true` when given. */
export function flag(spec: OptionText & { readonly standalone?: boolean }): CliOption<boolean> {
  return {
    ...names(spec),
    values: [],
    repeatable: false,
    standalone: spec.standalone ?? false,
    absent: () => false,
    read: () => true,
  };
}

/** An option with one value, given at most once; `default` (a value as typed) applies when it is not given. */
export function option<T = string>(spec: ValueOptionSpec<T> & { readonly default: string }): CliOption<T>;
export function option<T = string>(spec: ValueOptionSpec<T>): CliOption<T | undefined>;
export function option<T = string>(spec: ValueOptionSpec<T> & { readonly default?: string }): CliOption<T | undefined> {
  const parse = valueParser(spec);
  const help = helpWithChoices(spec) + (spec.default !== undefined ? ` (default: ${spec.default})` : '');
  return {
    ...names(spec),
    help,
    values: [spec.value],
    repeatable: false,
    standalone: false,
    absent: () => (spec.default !== undefined ? parse(spec.default) : undefined),
    read: ([text]) => parse(text),
  };
}

/** An option with one value that may be given several times; its value is the list, in order. */
export function repeatableOption<T = string>(spec: ValueOptionSpec<T>): CliOption<T[]> {
  const parse = valueParser(spec);
  return {
    ...names(spec),
    help: `${helpWithChoices(spec)} (repeatable)`,
    values: [spec.value],
    repeatable: true,
    standalone: false,
    absent: () => [],
    read: ([text], previous) => [...previous, parse(text)],
  };
}

/** An option with several values in a row (`--explain FROM TO PORT`), given at most once. */
export function multiValueOption<T>(spec: OptionText & {
  readonly values: readonly string[];
  readonly parse: (values: readonly string[]) => T;
}): CliOption<T | undefined> {
  return {
    ...names(spec),
    values: spec.values,
    repeatable: false,
    standalone: false,
    absent: () => undefined,
    read: values => spec.parse(values),
  };
}

function names(spec: OptionText): Pick<CliOption<unknown>, 'name' | 'short' | 'aliases' | 'help'> {
  return { name: spec.name, short: spec.short, aliases: spec.aliases ?? [], help: spec.help };
}

function valueParser<T>(spec: ValueOptionSpec<T>): (text: string) => T {
  const { parse, choices } = spec;
  if (choices) {
    return text => {
      if (!Object.prototype.hasOwnProperty.call(choices, text)) {
        throw new UsageError(`invalid value '${text}' (valid: ${Object.keys(choices).join(', ')})`);
      }
      return choices[text];
    };
  }
  if (parse) return parse;
  return text => text as unknown as T; // a plain string value
}

function helpWithChoices(spec: ValueOptionSpec<unknown>): string {
  return spec.choices ? `${spec.help}; ${spec.value}: ${Object.keys(spec.choices).join(', ')}` : spec.help;
}

// ---------------------------------------------------------------------------------------------
// The options every command has, and the ones several share: each defined here, once.

/** `-h, --help`: in every command's table. */
export const HELP_OPTION = flag({ name: 'help', short: 'h', help: 'show this help and exit', standalone: true });
/** `--version`: in every command's table and at the top level. */
export const VERSION_OPTION = flag({ name: 'version', help: 'print the version and exit', standalone: true });

/**
 * `-o, --output FORMAT`: each command passes its own formats (name -> what the command needs to
 * write it), so a format one command lacks is an error naming that command's valid formats.
 */
export function outputOption<T>(formats: Readonly<Record<string, T>>, defaultFormat: string, help = 'output format'): CliOption<T> {
  return option({ name: 'output', short: 'o', value: 'FORMAT', help, choices: formats, default: defaultFormat });
}

/** `--platform NAME`: the platform whose ingress controller, DNS and monitoring are real peers. */
export const PLATFORM_OPTION = option({
  name: 'platform',
  value: 'NAME',
  help: 'take the platform\'s ingress controller, DNS and monitoring into account as real peers',
  // Profiles are built when the command runs: the option table stays cheap to load.
  choices: { welkin: (): ClusterProfile => load.analysis().ClusterProfile.welkin() },
});

/** `--host-network MODE`: how pods with `hostNetwork: true` are treated. */
export const HOST_NETWORK_OPTION = option({
  name: 'host-network',
  value: 'MODE',
  help: 'how pods with hostNetwork: true are treated: as any pod (as netpol-analyzer), or as node traffic '
    + 'that no policy applies to (as with most network plugins)',
  choices: { 'as-pods': HostNetworkMode.AS_PODS, 'as-node-traffic': HostNetworkMode.AS_NODE_TRAFFIC },
  default: 'as-pods',
});

/** `--profile FILE`: a cluster profile read from a file (docs/cluster-profile.md). */
export const PROFILE_OPTION = option({
  name: 'profile',
  value: 'FILE',
  help: 'a cluster profile (YAML or JSON: name, ingressController, dns, monitoring, otherWorkloads; see docs/cluster-profile.md) '
    + 'whose workloads are real peers; with --platform, it replaces the platform\'s workloads it names and adds its otherWorkloads',
});

/** The analysis options that `--platform`, `--profile` and `--host-network` (shared by analyze and diff) give. */
export function analysisOptions(values: {
  readonly platform: (() => ClusterProfile) | undefined;
  readonly profile?: string;
  readonly hostNetwork: HostNetworkMode;
}, io?: CliIo): AnalysisOptions {
  const platform = values.platform?.();
  const profile = values.profile === undefined ? platform
    : load.profile().readProfile(readInputText(values.profile, io ?? { stdout: () => undefined, stderr: () => undefined }), values.profile, platform);
  return { profile, hostNetwork: values.hostNetwork };
}

/** The default of `--max-file-size` (the manifest reader's DEFAULT_MAX_FILE_SIZE; kept here so help loads nothing). */
export const DEFAULT_MAX_FILE_SIZE_TEXT = '64M';

/** Reads a size: bytes, or a number with K, M or G (binary multiples, an optional trailing `B` or `iB`). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)(?:i?B)?$/i.exec(text.trim());
  const bytes = m ? Math.floor(Number(m[1]) * 1024 ** ' KMG'.indexOf((m[2] || ' ').toUpperCase())) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`invalid size '${text}' (a number of bytes, or with K, M or G: 64M, 1G)`);
  }
  return bytes;
}

/** `--max-file-size SIZE`: the largest file (or standard input) read, so a huge or endless input fails fast. */
export const MAX_FILE_SIZE_OPTION = option({
  name: 'max-file-size',
  value: 'SIZE',
  help: 'refuse a file (or standard input) larger than SIZE: bytes, or with K, M or G (binary multiples)',
  parse: parseSize,
  default: DEFAULT_MAX_FILE_SIZE_TEXT,
});

/** What a PATH operand may be, in every command. */
export const PATH_FORMS = 'a manifest file, a directory (read recursively: .yaml, .yml, .json; multi-document; '
  + 'List objects are expanded), or - for standard input. YAML is read as kubectl reads it (YAML 1.1); only regular '
  + 'files are read (a FIFO, device or socket is an error)';

/** The PATH operands of `analyze` and `lint`. */
export const PATHS_OPERAND: OperandSpec = {
  usage: 'PATH...',
  help: `PATH: ${PATH_FORMS}.`,
  min: 1,
  countError: () => 'no PATH given',
};

// ---------------------------------------------------------------------------------------------
// Parsing

/** What a command line asks for: the help, the version, or a run with these arguments. */
export type ParseResult<T extends OptionTable> =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | ({ readonly kind: 'run' } & ParsedArgs<T>);

/**
 * Parses a command's arguments against its table. `--opt value`, `--opt=value`, `-o value` and
 * `-ovalue` are the same; `--` ends the options; `-` is an operand (standard input). A value may
 * not start with `-` unless written `--opt=-value`, so a forgotten value is reported, not
 * swallowed. `--help` and `--version` win over everything else on the line, wherever they are.
 */
export function parseArgs<T extends OptionTable>(table: T, operands: OperandSpec, args: readonly string[]): ParseResult<T> {
  const end = args.indexOf('--');
  const optionPart = end < 0 ? args : args.slice(0, end);
  if (optionPart.some(a => a === '--help' || a === '-h')) return { kind: 'help' };
  if (optionPart.includes('--version')) return { kind: 'version' };

  const byLong = new Map<string, [string, CliOption<unknown>]>();
  const byShort = new Map<string, [string, CliOption<unknown>]>();
  for (const [key, spec] of Object.entries(table)) {
    for (const long of [spec.name, ...spec.aliases]) byLong.set(long, [key, spec]);
    if (spec.short) byShort.set(spec.short, [key, spec]);
  }
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  const positional: string[] = [];
  let standalone = false;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!isOptionLike(arg)) {
      positional.push(arg);
      continue;
    }
    // Which option, and a value written in the same argument (`--output=json`, `-ojson`).
    let found: [string, CliOption<unknown>] | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      shown = eq < 0 ? arg : arg.slice(0, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      found = byLong.get(shown.slice(2));
    } else {
      shown = arg.slice(0, 2);
      found = byShort.get(arg[1]);
      inline = arg.length > 2 ? arg.slice(2) : undefined;
      if (found && found[1].values.length === 0 && inline !== undefined) found = undefined; // `-hx`
      if (!found) shown = arg;
    }
    if (!found) throw new UsageError(`unknown option '${shown}'`);
    const [key, spec] = found;
    const label = `--${spec.name}`;
    if (spec.values.length === 0 && inline !== undefined) throw new UsageError(`${label} takes no value`);

    const given: string[] = inline === undefined ? [] : [inline];
    while (given.length < spec.values.length) {
      const next = args[i + 1];
      if (next === undefined || next === '--' || isOptionLike(next)) {
        throw new UsageError(`${label} needs ${spec.values.length > 1 ? spec.values.join(' ') : `a value (${spec.values[0]})`}`);
      }
      given.push(next);
      i++;
    }
    given.forEach((v, n) => {
      if (v === '') throw new UsageError(`${label}: ${spec.values[n]} is empty`);
    });
    if (seen.has(key) && !spec.repeatable) throw new UsageError(`${label} given more than once`);
    seen.add(key);
    standalone ||= spec.standalone;
    try {
      values[key] = spec.read(given, key in values ? values[key] : spec.absent());
    } catch (e) {
      throw new UsageError(`${label}: ${(e as Error).message}`);
    }
  }

  for (const [key, spec] of Object.entries(table)) {
    if (!(key in values)) values[key] = spec.absent();
  }
  const tooFew = positional.length < operands.min;
  const tooMany = operands.max !== undefined && positional.length > operands.max;
  if ((tooFew && !standalone) || tooMany) throw new UsageError(operands.countError(positional.length));
  if (positional.filter(p => p === '-').length > 1) throw new UsageError('- (standard input) can be given only once');
  return { kind: 'run', options: values as OptionValues<T>, operands: positional };
}

/** `--x`, `-x...`; not `-` alone (standard input). */
function isOptionLike(arg: string): boolean {
  return arg.length > 1 && arg.startsWith('-');
}

// ---------------------------------------------------------------------------------------------
// Help

const WIDTH = 100;
const OPTION_COLUMN = 30;

/** What a help text is made of, besides the option table. */
export interface HelpText {
  /** The usage lines, without `Usage: `. */
  readonly usage: readonly string[];
  /** Paragraphs after the usage line. */
  readonly description: string;
  /** Titled blocks of lines before the options (the top level's `Commands:`). */
  readonly sections?: ReadonlyArray<{ readonly title: string; readonly lines: readonly string[] }>;
  /** Paragraphs after the options. */
  readonly notes?: string;
  /** What exit status 1 means here; absent when it never exits 1. */
  readonly findings?: string;
}

/** A help text, its options generated from the table. */
export function renderHelp(text: HelpText, table: OptionTable): string {
  const lines = text.usage.map((u, n) => `${n === 0 ? 'Usage: ' : '       '}${u}`);
  lines.push('', ...paragraphs(text.description), '');
  for (const section of text.sections ?? []) lines.push(`${section.title}:`, ...section.lines, '');
  lines.push('Options:');
  for (const spec of Object.values(table)) {
    const flags = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.values.map(v => ` ${v}`).join('')}`;
    const aliases = spec.aliases.length > 0 ? ` (also ${spec.aliases.map(a => `--${a}`).join(', ')})` : '';
    lines.push(...column(`  ${flags}`, spec.help + aliases));
  }
  if (text.notes) lines.push('', ...paragraphs(text.notes));
  lines.push('', 'Exit status:', ...exitStatusLines(text.findings));
  return lines.join('\n') + '\n';
}

/** The `Exit status:` lines of a help text. */
function exitStatusLines(findings?: string): string[] {
  return [
    ...column(`  ${ExitStatus.OK}`, 'success', 6),
    ...(findings ? column(`  ${ExitStatus.FINDINGS}`, findings, 6) : []),
    ...column(`  ${ExitStatus.ERROR}`, 'bad usage, input that cannot be read or is not valid manifests, or an unexpected error '
      + '(one line on stderr, never a stack trace)', 6),
  ];
}

/** A left label and wrapped text in a column beside it (below it when the label is too long). */
function column(label: string, text: string, at = OPTION_COLUMN): string[] {
  const wrapped = wrap(text, WIDTH - at);
  const pad = ' '.repeat(at);
  if (label.length + 1 > at) return [label, ...wrapped.map(l => pad + l)];
  return wrapped.map((l, n) => (n === 0 ? label.padEnd(at) : pad) + l);
}

/** Paragraphs of prose are re-wrapped; a paragraph whose lines are all indented (an example) is kept as written. */
function paragraphs(text: string): string[] {
  return text.trim().split(/\n\n+/).flatMap((p, n) => {
    const lines = p.split('\n');
    const verbatim = lines.every(l => /^\s/.test(l));
    return [...(n > 0 ? [''] : []), ...(verbatim ? lines : wrap(p, WIDTH))];
  });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(w => w.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  return [...lines, line];
}
