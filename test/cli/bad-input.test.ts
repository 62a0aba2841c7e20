// Bad input ends cleanly: one line on stderr naming the path, exit status 2, nothing on stdout, no
// stack trace, and never a hang or an unbounded read.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../../src/cli/run';

// fs as a plain object, so that a test can make a system call fail (root may read anything).
jest.mock('fs', () => ({ ...jest.requireActual('fs') }));

interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

function cli(args: string[], stdin?: string): Run {
  let stdout = '';
  let stderr = '';
  const readStdin = stdin === undefined ? undefined : () => stdin;
  const code = runCli(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; }, readStdin });
  return { code, stdout, stderr };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: i}]}\n';
const COMMANDS = [['analyze'], ['lint'], ['diff', 'OTHER']];

describe('bad input: one clear line, exit status 2, nothing partial', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-bad-'));
    fs.writeFileSync(path.join(dir, '0-good.yaml'), POD); // read first: its result must not be printed
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs every command on `dir` and expects exit 2, no stdout and exactly one line matching `message`. */
  function expectRefused(message: RegExp, extra: string[] = [], target = dir) {
    const good = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-good-'));
    fs.writeFileSync(path.join(good, 'pod.yaml'), POD);
    try {
      for (const [command, other] of COMMANDS) {
        const args = other ? [command, ...extra, good, target] : [command, ...extra, target];
        const r = cli(args);
        expect({ args, ...r }).toEqual({ args, code: 2, stdout: '', stderr: expect.stringMatching(new RegExp(`^cdk8s-netsec ${command}: [^\\n]*\\n$`)) });
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      fs.rmSync(good, { recursive: true, force: true });
    }
  }

  test('a FIFO named a.yaml in a scanned folder is refused without opening it (it would block)', () => {
    execFileSync('mkfifo', [path.join(dir, 'a.yaml')]);
    expectRefused(/a\.yaml: not a regular file \(a FIFO \(named pipe\)\); only regular files are read/);
  });

  test('the program itself ends at once on a FIFO (no hang)', () => {
    execFileSync('mkfifo', [path.join(dir, 'a.yaml')]);
    const main = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main, 'analyze', dir], { encoding: 'utf-8', timeout: 25000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cdk8s-netsec analyze: \S*a\.yaml: not a regular file/);
  }, 30000);

  test('a *.yaml symbolic link to /dev/zero, and a device named on the command line, are refused', () => {
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    expectRefused(/zero\.yaml: not a regular file \(a device\)/);
    expectRefused(/\/dev\/null: not a regular file \(a device\)/, [], '/dev/null');
  });

  test('a socket named a.yaml is refused', async () => {
    const socket = path.join(dir, 'a.yaml');
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(socket, resolve));
    try {
      expectRefused(/a\.yaml: not a regular file \(a socket\)/);
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });

  test('a file larger than --max-file-size (default 64M) is refused before it is read; the limit is configurable', () => {
    fs.writeFileSync(path.join(dir, 'big.yaml'), POD + `# ${'x'.repeat(2048)}\n`);
    expectRefused(/big\.yaml: larger than the limit of 2 KiB per file \(raise it with --max-file-size\)/, ['--max-file-size', '2K']);
    expect(cli(['analyze', '--max-file-size', '4K', dir]).code).toBe(0);
    expect(cli(['analyze', dir]).code).toBe(0);
    // standard input too
    expect(cli(['lint', '--max-file-size=100', '-'], POD + '#'.repeat(100))).toEqual({
      code: 2, stdout: '', stderr: 'cdk8s-netsec lint: <stdin>: larger than the limit of 100 bytes per file (raise it with --max-file-size)\n',
    });
  });

  test('--max-file-size takes bytes or K, M, G, and is documented with its default in every --help', () => {
    for (const [command] of COMMANDS) {
      expect(cli([command, '--help']).stdout).toMatch(/--max-file-size SIZE\s+refuse a file \(or standard input\) larger than SIZE[^]*\(default: 64M\)/);
      expect(cli([command, '--max-file-size', 'lots', dir])).toEqual({
        code: 2, stdout: '', stderr: `cdk8s-netsec ${command}: --max-file-size: invalid size 'lots' (a number of bytes, or with K, M or G: 64M, 1G); see 'cdk8s-netsec ${command} --help'\n`,
      });
    }
  });

  test('an alias bomb ("billion laughs") is a clear error, not a growing process', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    fs.writeFileSync(path.join(dir, 'lol.yaml'), `kind: ConfigMap\n${levels.join('\n')}\n`);
    expectRefused(/lol\.yaml \(document 0\): line \d+, column \d+: document contains excessive aliasing/);
  });

  test('an unreadable file and an unreadable folder name the path', () => {
    const file = path.join(dir, 'secret.yaml');
    fs.writeFileSync(file, POD);
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    fs.chmodSync(file, 0);
    fs.chmodSync(sub, 0);
    if (process.getuid?.() === 0) {
      // root reads anything: make the system calls fail as they would for anyone else
      const denied = (p: fs.PathLike) => Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
      const fsModule = jest.requireMock<typeof fs>('fs'); // the module object the reader calls through
      const open = fsModule.openSync;
      jest.spyOn(fsModule, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: never[]) => {
        if (String(p) === file) throw denied(p);
        return (open as (...a: unknown[]) => number)(p, ...rest);
      }) as typeof fs.openSync);
      const readdir = fsModule.readdirSync;
      jest.spyOn(fsModule, 'readdirSync').mockImplementation(((p: fs.PathLike, ...rest: never[]) => {
        if (String(p) === sub) throw denied(p);
        return (readdir as (...a: unknown[]) => unknown)(p, ...rest);
      }) as typeof fs.readdirSync);
    }
    // the folder is listed before any file is read
    expectRefused(/sub: cannot read the folder: permission denied$/m);
    fs.chmodSync(sub, 0o755);
    fs.rmdirSync(sub);
    expectRefused(/secret\.yaml: cannot read: permission denied$/m);
  });

  test('symbolic link loops: a link to itself, and a folder link back to its parent', () => {
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    expectRefused(/self\.yaml: cannot read: a symbolic link loop/);
    fs.rmSync(path.join(dir, 'self.yaml'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    expectRefused(/sub\/up: a symbolic link loop \(it leads back to a folder that contains it\)/);
  });

  test('a broken link named *.yaml is an error naming it; links to folders and files elsewhere are followed', () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-elsewhere-'));
    fs.writeFileSync(path.join(elsewhere, 'pod.yaml'), POD.replace('name: p', 'name: q'));
    fs.symlinkSync(elsewhere, path.join(dir, 'linked'));
    fs.symlinkSync(path.join(elsewhere, 'pod.yaml'), path.join(dir, 'pod-link.yaml'));
    try {
      const r = cli(['lint', '-o', 'json', dir]);
      expect(JSON.parse(r.stdout).summary.objects).toBe(3);
      fs.symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dir, 'broken.yaml'));
      expectRefused(/broken\.yaml: cannot read: no such file or folder \(or a broken symbolic link\)/);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('binary data and text that is not UTF-8 are refused naming the file', () => {
    fs.writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expectRefused(/image\.yaml: binary data \(a NUL byte at offset 8\), not YAML or JSON text/);
    fs.rmSync(path.join(dir, 'image.yaml'));
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(POD), Buffer.from('# caf\xe9\n', 'latin1')]));
    expectRefused(/latin1\.yaml: not UTF-8 text/);
  });
});
