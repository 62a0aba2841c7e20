import * as fc from 'fast-check';
import {
  CliOption, ExitStatus, OperandSpec, OptionTable, ParseResult, UsageError,
  flag, multiValueOption, option, outputOption, parseArgs, renderHelp, repeatableOption,
} from '../../src/cli/options';

// A table with one option of every kind, as a command declares it.
const TABLE = {
  output: outputOption({ text: 'T', json: 'J' }, 'text'),
  mode: option({ name: 'mode', short: 'm', aliases: ['style'], value: 'MODE', help: 'a mode', choices: { fast: 1, slow: 2 } }),
  name: option({ name: 'name', value: 'NAME', help: 'a free value' }),
  port: option({
    name: 'port',
    value: 'PORT',
    help: 'a number',
    parse: text => {
      const n = Number(text);
      if (!Number.isInteger(n)) throw new Error(`'${text}' is not a number`);
      return n;
    },
  }),
  tag: repeatableOption({ name: 'tag', short: 't', value: 'TAG', help: 'repeatable' }),
  explain: multiValueOption({ name: 'explain', values: ['FROM', 'TO', 'PORT'], help: 'three values', parse: ([a, b, c]) => `${a}>${b}:${c}` }),
  verbose: flag({ name: 'verbose', short: 'v', help: 'a flag' }),
  list: flag({ name: 'list', help: 'works without operands', standalone: true }),
  help: flag({ name: 'help', short: 'h', help: 'help' }),
  version: flag({ name: 'version', help: 'version' }),
};

const PATHS: OperandSpec = { usage: 'PATH...', help: 'PATH: files', min: 1, countError: () => 'no PATH given' };
const PAIR: OperandSpec = { usage: 'OLD NEW', help: 'two', min: 2, max: 2, countError: n => `expected OLD and NEW, got ${n}` };

function parse(args: string[], operands: OperandSpec = PATHS): ParseResult<typeof TABLE> {
  return parseArgs(TABLE, operands, args);
}

function run(args: string[], operands: OperandSpec = PATHS) {
  const r = parse(args, operands);
  if (r.kind !== 'run') throw new Error(`expected a run, got ${r.kind}`);
  return r;
}

function usageError(args: string[], operands: OperandSpec = PATHS): string {
  try {
    parse(args, operands);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no usage error for ${JSON.stringify(args)}`);
}

describe('parseArgs', () => {
  test('absent options take their defaults: the default format, undefined, [] and false', () => {
    expect(run(['a'])).toEqual({
      kind: 'run',
      operands: ['a'],
      options: { output: 'T', mode: undefined, name: undefined, port: undefined, tag: [], explain: undefined, verbose: false, list: false, help: false, version: false },
    });
  });

  test.each([
    ['--opt value', ['--mode', 'slow', 'a']],
    ['--opt=value', ['--mode=slow', 'a']],
    ['-o value', ['-m', 'slow', 'a']],
    ['-ovalue', ['-mslow', 'a']],
    ['an alias', ['--style', 'slow', 'a']],
    ['an alias with =', ['--style=slow', 'a']],
    ['after the operands', ['a', '--mode', 'slow']],
  ])('%s: the same option', (_how, args) => {
    expect(run(args).options.mode).toBe(2);
    expect(run(args).operands).toEqual(['a']);
  });

  test('values: parsed by parse, by choices, or kept as typed; = splits at the first =', () => {
    expect(run(['--port', '8080', 'a']).options.port).toBe(8080);
    expect(run(['--output', 'json', 'a']).options.output).toBe('J');
    expect(run(['--name=x=y', 'a']).options.name).toBe('x=y');
    expect(run(['--name=-dash', 'a']).options.name).toBe('-dash'); // a value starting with - needs =
  });

  test('repeatable options collect their values in order; multi-value options take several arguments', () => {
    expect(run(['-t', 'x', 'a', '--tag=y', '-tz']).options.tag).toEqual(['x', 'y', 'z']);
    expect(run(['--explain', 'web', 'api', '80', 'a']).options.explain).toBe('web>api:80');
    expect(run(['--explain=web', 'api', '80', 'a']).options.explain).toBe('web>api:80');
  });

  test('- is an operand (standard input), -- ends the options', () => {
    expect(run(['-', '--verbose']).operands).toEqual(['-']);
    expect(run(['--verbose', '--', '--mode', '-x']).operands).toEqual(['--mode', '-x']);
    expect(run(['--', '--verbose']).options.verbose).toBe(false);
  });

  test('--help and --version win wherever they are, even over errors; --help over --version', () => {
    expect(parse(['--frobnicate', '--output', 'svg', '-h']).kind).toBe('help');
    expect(parse(['--version']).kind).toBe('version');
    expect(parse(['--version', 'a', '--help']).kind).toBe('help');
    expect(parse(['--output', '--help']).kind).toBe('help'); // a value never starts with -
    expect(() => parse(['--', '--help'])).not.toThrow();
    expect(parse(['--', '--help']).kind).toBe('run'); // after --, an operand
  });

  test('a standalone flag makes operands optional', () => {
    expect(run(['--list'])).toMatchObject({ operands: [], options: { list: true } });
    expect(usageError([])).toBe('no PATH given');
  });

  test.each([
    [['--frobnicate', 'a'], "unknown option '--frobnicate'"],
    [['--frobnicate=1', 'a'], "unknown option '--frobnicate'"],
    [['-x', 'a'], "unknown option '-x'"],
    [['-vx', 'a'], "unknown option '-vx'"], // flags are not bundled
    [['a', '--mode'], '--mode needs a value (MODE)'],
    [['--mode', '--verbose', 'a'], '--mode needs a value (MODE)'],
    [['--mode', '--', 'a'], '--mode needs a value (MODE)'],
    [['--mode=', 'a'], '--mode: MODE is empty'],
    [['--mode', '', 'a'], '--mode: MODE is empty'],
    [['--mode', 'medium', 'a'], "--mode: invalid value 'medium' (valid: fast, slow)"],
    [['-o', 'xml', 'a'], "--output: invalid value 'xml' (valid: text, json)"],
    [['--port', 'eighty', 'a'], "--port: 'eighty' is not a number"],
    [['--mode', 'fast', '--style', 'slow', 'a'], '--mode given more than once'],
    [['-v', '--verbose', 'a'], '--verbose given more than once'],
    [['--verbose=yes', 'a'], '--verbose takes no value'],
    [['--explain', 'web', 'api'], '--explain needs FROM TO PORT'],
    [['--explain', 'web', 'api', '-v', 'a'], '--explain needs FROM TO PORT'],
    [['--verbose'], 'no PATH given'],
    [['-', '-'], '- (standard input) can be given only once'],
  ])('%j: %s', (args, message) => {
    expect(usageError(args)).toBe(message);
  });

  test('operand counts come from the command', () => {
    expect(run(['old', 'new'], PAIR).operands).toEqual(['old', 'new']);
    expect(usageError(['old'], PAIR)).toBe('expected OLD and NEW, got 1');
    expect(usageError(['a', 'b', 'c'], PAIR)).toBe('expected OLD and NEW, got 3');
    expect(usageError(['-', '-'], PAIR)).toBe('- (standard input) can be given only once');
  });
});

// ------------------------------------------------------------------------------------------------
// Properties: any order, any spelling, the same result.

/** One option occurrence: its table key, and the ways to write it. */
interface Occurrence {
  readonly key: string;
  readonly spellings: string[][];
}

const value = fc.stringMatching(/^[a-z0-9./:=\[\]{}]{1,12}$/).filter(v => !v.startsWith('-'));
const operand = fc.oneof(fc.stringMatching(/^[a-z0-9./_]{1,12}$/), fc.constant('-'));

function spellings(spec: Pick<CliOption<unknown>, 'name' | 'aliases' | 'short'>, values: string[]): string[][] {
  const longs = [spec.name, ...spec.aliases];
  if (values.length === 0) return [...longs.map(l => [`--${l}`]), ...(spec.short ? [[`-${spec.short}`]] : [])];
  const [first, ...rest] = values;
  return [
    ...longs.flatMap(l => [[`--${l}`, ...values], [`--${l}=${first}`, ...rest]]),
    ...(spec.short ? [[`-${spec.short}`, ...values], [`-${spec.short}${first}`, ...rest]] : []),
  ];
}

const once: fc.Arbitrary<Occurrence> = fc.oneof(
  fc.constantFrom('text', 'json').map(v => ({ key: 'output', spellings: spellings(TABLE.output, [v]) })),
  fc.constantFrom('fast', 'slow').map(v => ({ key: 'mode', spellings: spellings(TABLE.mode, [v]) })),
  value.map(v => ({ key: 'name', spellings: spellings(TABLE.name, [v]) })),
  fc.integer({ min: 0, max: 65535 }).map(v => ({ key: 'port', spellings: spellings(TABLE.port, [String(v)]) })),
  fc.tuple(value, value, value).map(vs => ({ key: 'explain', spellings: spellings(TABLE.explain, vs) })),
  fc.constant({ key: 'verbose', spellings: spellings(TABLE.verbose, []) }),
);
const tag: fc.Arbitrary<Occurrence> = value.map(v => ({ key: 'tag', spellings: spellings(TABLE.tag, [v]) }));

/** A valid command line as groups: each non-repeatable option at most once, `-` at most once. */
const commandLine = fc.record({
  occurrences: fc.tuple(fc.uniqueArray(once, { selector: o => o.key }), fc.array(tag, { maxLength: 3 })).map(([a, b]) => [...a, ...b]),
  operands: fc.array(operand, { minLength: 1, maxLength: 4 }).filter(ops => ops.filter(o => o === '-').length <= 1),
});

/** Puts the groups in the order of `ranks`, keeping operands (and each repeatable option) in their own order. */
function arrange(groups: Array<{ cls: string; args: string[] }>, ranks: number[]): string[] {
  const order = groups.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);
  const queues = new Map<string, string[][]>();
  for (const g of groups) queues.set(g.cls, [...(queues.get(g.cls) ?? []), g.args]);
  return order.flatMap(i => queues.get(groups[i].cls)!.shift()!);
}

describe('parseArgs properties', () => {
  test('any order of the options among the operands, and any spelling of each, parses the same', () => {
    fc.assert(fc.property(
      commandLine,
      fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
      fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
      ({ occurrences, operands }, ranks, picks) => {
        const canonical = [...occurrences.flatMap(o => o.spellings[0]), '--', ...operands];
        const groups = [
          ...occurrences.map((o, i) => ({ cls: o.key, args: o.spellings[picks[i] % o.spellings.length] })),
          ...operands.map(op => ({ cls: 'operand', args: [op] })),
        ];
        const shuffled = arrange(groups, ranks);
        expect(parse(shuffled)).toEqual(parse(canonical));
      },
    ), { numRuns: 300 });
  });

  test('an unknown option anywhere is a usage error naming it; --help anywhere wins', () => {
    fc.assert(fc.property(commandLine, fc.nat(), fc.stringMatching(/^[a-z]{3,10}$/), ({ occurrences, operands }, at, name) => {
      fc.pre(![...Object.values(TABLE)].some(o => o.name === name || o.aliases.includes(name)));
      const args = [...occurrences.flatMap(o => o.spellings[0]), ...operands];
      // Insert between groups, never between an option and its values.
      const boundaries = [0];
      let n = 0;
      for (const o of occurrences) boundaries.push(n += o.spellings[0].length);
      for (let i = 1; i <= operands.length; i++) boundaries.push(n + i);
      const cut = boundaries[at % boundaries.length];
      const withUnknown = [...args.slice(0, cut), `--${name}`, ...args.slice(cut)];
      expect(usageError(withUnknown)).toBe(`unknown option '--${name}'`);
      expect(parse([...withUnknown.slice(0, cut), '--help', ...withUnknown.slice(cut)]).kind).toBe('help');
    }), { numRuns: 200 });
  });
});

describe('renderHelp', () => {
  const help = renderHelp({
    usage: ['tool thing [options] PATH...'],
    description: 'Does a thing. A long sentence that goes on and on so that it has to be wrapped at the width of a terminal, '
      + 'which is a hundred columns here.\n\n  example --kept as written',
    findings: 'something was found',
  }, TABLE);

  test('lists every option of the table with its short form, aliases, value names, choices and default', () => {
    expect(help).toContain('  -o, --output FORMAT         output format; FORMAT: text, json (default: text)\n');
    expect(help).toContain('  -m, --mode MODE             a mode; MODE: fast, slow (also --style)\n');
    expect(help).toContain('  -t, --tag TAG               repeatable (repeatable)\n');
    expect(help).toContain('      --explain FROM TO PORT  three values\n');
    expect(help).toContain('  -v, --verbose               a flag\n');
    for (const spec of Object.values(TABLE as OptionTable)) expect(help).toContain(`--${spec.name}`);
  });

  test('wraps prose at 100 columns, keeps indented examples, ends with the exit statuses', () => {
    expect(help.split('\n').every(l => l.length <= 100)).toBe(true);
    expect(help).toContain('\n  example --kept as written\n');
    expect(help).toMatch(/^Usage: tool thing \[options\] PATH\.\.\.\n\nDoes a thing\./);
    expect(help).toMatch(new RegExp(`Exit status:\\n  ${ExitStatus.OK}   success\\n  ${ExitStatus.FINDINGS}   something was found\\n  ${ExitStatus.ERROR}   bad usage, `));
  });

  test('without findings, exit status 1 is not listed', () => {
    expect(renderHelp({ usage: ['x'], description: 'd' }, {})).not.toMatch(/\n {2}1 /);
  });
});
