// The README shows real code and real output: these tests keep them identical to what runs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthAll } from '../../examples/synth';
import { userDemo } from '../../examples/user-demo/user-demo';
import { COMMANDS, runCli } from '../../src/cli/run';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');

/** The fenced code block right after `<!-- readme:NAME -->`. */
function block(name: string): string {
  const m = new RegExp(`<!-- readme:${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(README);
  if (!m) throw new Error(`README.md has no code block marked readme:${name}`);
  return m[1];
}

/** A file of test/examples/quick-start as a user writes it: imports from the package. */
function asUserCode(file: string): string {
  return fs.readFileSync(path.join(__dirname, 'quick-start', file), 'utf-8').trimEnd()
    .replace(/'\.\.\/\.\.\/\.\.\/src\/testing\/jest'/g, '\'cdk8s-netsec/testing/jest\'')
    .replace(/'\.\.\/\.\.\/\.\.\/src\/testing'/g, '\'cdk8s-netsec/testing\'')
    .replace(/'\.\.\/\.\.\/\.\.\/src'/g, '\'cdk8s-netsec\'');
}

describe('README.md', () => {
  test('the quick start is the code of test/examples/quick-start, which the tests run', () => {
    expect(block('quick-start/shop.ts')).toBe(asUserCode('shop.ts'));
    expect(block('quick-start/shop.test.ts')).toBe(asUserCode('shop.test.ts'));
    expect(block('quick-start/shapes.ts')).toBe(asUserCode('shapes.ts'));
  });

  test('the worked example is what npm run synth prints for the user demo', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-readme-'));
    try {
      const lines: string[] = [];
      expect(synthAll(dist, line => lines.push(line), [userDemo])).toBe(0);
      const distShown = path.relative(ROOT, dist);
      const section = lines.slice(0, lines.lastIndexOf('')).join('\n').split(`${distShown}/`).join('examples/dist/');
      expect(block('synth-output/user-demo')).toBe(section.trimEnd());
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  test('the diff shown is what cdk8s-netsec diff prints between the Helm demo and the rebuilt one', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'netsec-readme-'));
    try {
      expect(synthAll(dist, () => undefined, [userDemo])).toBe(0);
      const out: string[] = [];
      const rebuilt = path.join(dist, 'user-demo', 'user-demo.k8s.yaml');
      const status = runCli(['diff', path.join(ROOT, 'test/fixtures/welkin-user-demo'), rebuilt, '--platform', 'welkin'],
        { stdout: t => out.push(t), stderr: () => undefined });
      expect(status).toBe(0);
      const [command, ...shown] = block('diff-output/user-demo').split('\n');
      expect(command).toBe('$ cdk8s-netsec diff test/fixtures/welkin-user-demo examples/dist/user-demo/user-demo.k8s.yaml --platform welkin');
      expect(shown.join('\n')).toBe(out.join('').trimEnd());
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  test('the command-line section names every command and every option of each, and the three exit statuses', () => {
    const section = README.slice(README.indexOf('## Command line'), README.indexOf('## Architecture'));
    for (const command of COMMANDS) {
      const row = section.split('\n').find(l => l.startsWith(`| \`${command.name} `));
      expect({ command: command.name, documented: row !== undefined }).toEqual({ command: command.name, documented: true });
      for (const option of Object.values(command.options)) {
        // options every command has are documented once, in the "every command" row
        const everyCommand = ['help', 'version', 'max-file-size'].includes(option.name);
        const documentedIn = everyCommand ? section.split('\n').find(l => l.startsWith('| every command |'))! : row!;
        expect({ command: command.name, option: option.name, documented: documentedIn.includes(`--${option.name}`) })
          .toEqual({ command: command.name, option: option.name, documented: true });
      }
    }
    expect(section).toMatch(/\| 0 \| success \|\n\| 1 \| [^\n]+\n\| 2 \| bad usage/);
  });

  test('every relative link points at a file of the repository', () => {
    const links = [...README.matchAll(/\]\(([^)#]+)\)/g)].map(m => m[1]).filter(l => !/^https?:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      expect({ link, exists: fs.existsSync(path.join(ROOT, link)) }).toEqual({ link, exists: true });
    }
  });
});
