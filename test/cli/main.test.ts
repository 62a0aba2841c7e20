import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { runCli } from '../../src/cli/run';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'src', 'cli', 'main.ts');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).version as string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

/** Runs src/cli/main.ts as a program, with extra modules preloaded (`node -r`). */
function program(args: string[], preloads: string[] = []) {
  const requires = ['ts-node/register/transpile-only', ...preloads].flatMap(r => ['-r', r]);
  return spawnSync(process.execPath, [...requires, MAIN, ...args], { encoding: 'utf-8', cwd: ROOT });
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-main-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes a preload module into the temporary folder and returns its path. */
function preload(name: string, code: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, code);
  return file;
}

describe('cdk8s-netsec (the dispatcher)', () => {
  test('--help, -h and help list the commands, the options and the exit statuses', () => {
    const help = cli('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: cdk8s-netsec <command> \[options\] \[arguments\]\n/);
    expect(help.stdout).toMatch(/Commands:\n {2}analyze +list the connections[^\n]*\n {2}diff +[^\n]*\n {2}lint +[^\n]*\n/);
    expect(help.stdout).toContain('      --version ');
    expect(help.stdout).toMatch(/Exit status:\n {2}0 +success\n {2}1 +the command's findings[^]*\n {2}2 +bad usage/);
    expect(cli('-h')).toEqual(help);
    expect(cli('help')).toEqual(help);
  });

  test('help COMMAND is COMMAND --help', () => {
    for (const command of ['analyze', 'diff', 'lint']) {
      expect(cli('help', command)).toEqual(cli(command, '--help'));
    }
  });

  test('--version prints the package version, at the top level and per command', () => {
    for (const args of [['--version'], ['analyze', '--version'], ['diff', '--version'], ['lint', '--version']]) {
      expect(cli(...args)).toEqual({ code: 0, stdout: `cdk8s-netsec ${VERSION}\n`, stderr: '' });
    }
  });

  test.each([
    [[], 'no command given (valid: analyze, diff, lint, report)'],
    [['analyse'], "unknown command 'analyse' (valid: analyze, diff, lint, report)"],
    [['help', 'analyse'], "unknown command 'analyse' (valid: analyze, diff, lint, report)"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['--help=yes'], '--help takes no value'],
  ])('%j exits 2 with one line and a hint to --help', (args, reason) => {
    expect(cli(...args)).toEqual({ code: 2, stdout: '', stderr: `cdk8s-netsec: ${reason}; see 'cdk8s-netsec --help'\n` });
  });
});

describe('exit statuses: 0 ok, 1 findings / denied / changed, 2 usage or input error', () => {
  const good = path.join(FIXTURES, 'good');
  const demo = path.join(FIXTURES, 'welkin-user-demo');
  const app = 'default/myapp-welkin-user-demo[Deployment]';
  const missing = path.join(FIXTURES, 'no-such-folder');
  test.each([
    ['analyze', 0, ['analyze', demo]],
    ['analyze --explain, allowed', 0, ['analyze', demo, '--explain', '0.0.0.0', app, '3000']],
    ['analyze --explain, denied', 1, ['analyze', demo, '--explain', '0.0.0.0', app, '4000']],
    ['analyze, bad usage', 2, ['analyze', demo, '--output', 'svg']],
    ['analyze, unreadable input', 2, ['analyze', missing]],
    ['diff, changed', 0, ['diff', good, demo]],
    ['diff --exit-code, changed', 1, ['diff', good, demo, '--exit-code']],
    ['diff --exit-code, unchanged', 0, ['diff', demo, demo, '--exit-code']],
    ['diff, bad usage', 2, ['diff', good]],
    ['diff, unreadable input', 2, ['diff', good, missing]],
    ['lint, no findings', 0, ['lint', good]],
    ['lint, errors', 1, ['lint', demo]],
    ['lint, bad usage', 2, ['lint', good, '--disable']],
    ['lint, unreadable input', 2, ['lint', missing]],
  ])('%s exits %d', (_what, status, args) => {
    expect(cli(...args).code).toBe(status);
  });
});

describe('the guard in main.ts: never a stack trace', () => {
  test('an error nobody expected becomes one line on stderr and exit status 2', async () => {
    let stderr = '';
    const io = {
      stdout: () => { throw new Error('the output stream broke\n    at somewhere (file.js:1:1)'); },
      stderr: (t: string) => { stderr += t; },
    };
    await expect(main(['lint', '--list-rules'], io)).resolves.toBe(2);
    expect(stderr).toBe('cdk8s-netsec lint: unexpected error (please report it): the output stream broke\\n    at somewhere (file.js:1:1)\n');
  });

  test('still exit status 2 when stderr fails as well', async () => {
    const broken = () => { throw new Error('broken'); };
    await expect(main(['--help'], { stdout: broken, stderr: broken })).resolves.toBe(2);
  });

  test('usage and input errors are not unexpected: they keep their own message', async () => {
    let stderr = '';
    await expect(main(['analyze', '--frobnicate'], { stdout: () => undefined, stderr: t => { stderr += t; } })).resolves.toBe(2);
    expect(stderr).toBe("cdk8s-netsec analyze: unknown option '--frobnicate'; see 'cdk8s-netsec analyze --help'\n");
  });

  test('as a program: a failing write is one line and exit status 2', () => {
    const failingStdout = preload('failing-stdout.js', 'process.stdout.write = () => { throw new Error("write failed"); };\n');
    const r = program(['analyze', '--help'], [failingStdout]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cdk8s-netsec analyze: unexpected error (please report it): write failed\n');
  }, 30000);

  test('as a program: a reader that goes away (EPIPE, `| head`) ends it quietly with its own status', async () => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN, '--help'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the program writes its help
    let stderr = '';
    child.stderr.on('data', chunk => { stderr += chunk; });
    const status = await new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  }, 30000);
});

describe('--help and --version are cheap', () => {
  // Prints, at exit, the project files and packages the process loaded (ts-node's own excepted).
  const LOADED = `process.on('exit', () => {
    const root = ${JSON.stringify(ROOT + path.sep)};
    const loaded = Object.keys(require.cache).filter(f => f.startsWith(root)).map(f => f.slice(root.length))
      .filter(f => !/^node_modules\\/(ts-node|typescript|@cspotcode|@tsconfig|source-map-support|acorn|arg|create-require|diff|make-error|v8-compile-cache-lib|yn|buffer-from|source-map)\\//.test(f));
    require('fs').writeSync(2, 'LOADED ' + JSON.stringify(loaded) + '\\n');
  });\n`;

  function loaded(args: string[]): string[] {
    const r = program(args, [preload('loaded.js', LOADED)]);
    const line = r.stderr.split('\n').find(l => l.startsWith('LOADED '));
    if (!line) throw new Error(`no module list: ${r.stderr}`);
    return JSON.parse(line.slice('LOADED '.length));
  }

  /** The engine, the diff, the rule pack, the manifest reader and the YAML parser. */
  const HEAVY = /^(src\/analysis\/(engine|model|report)\/|src\/analysis\/network-analysis|src\/diff\/|src\/rules\/(?!output-format)|src\/kube\/manifests|src\/kube\/yaml\/|node_modules\/yaml\/)/;

  // Every command's module is loaded for any of these (the dispatcher registers them all), so
  // the top-level help covers their top-level imports; a usage error goes through a command's parser.
  test.each([
    [['--help']],
    [['--version']],
    [['lint', '--frobnicate']],
  ])('%j loads only the CLI and its option tables, none of the engine, the rule pack or the YAML parser', args => {
    const files = loaded(args);
    expect(files.filter(f => HEAVY.test(f))).toEqual([]);
    expect(files).toContain('src/cli/options.ts');
    expect(files.length).toBeLessThanOrEqual(20);
  }, 30000);

  test('running a command loads what it needs (so the check above sees real loading)', () => {
    const files = loaded(['analyze', path.join(FIXTURES, 'good')]);
    expect(files).toEqual(expect.arrayContaining(['src/analysis/network-analysis.ts', 'src/kube/manifests.ts']));
    expect(files).toContain('src/kube/yaml/parser.ts');
  }, 30000);
});
