// The repository stands alone: a reader of any file finds what it cites in the repository itself.
// Only the CI (.ci/) may use the project inputs kept beside the repository.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
// Spelled in pieces so that this file does not match itself.
const OUTSIDE = ['..', 'shared'].join('/');
const NOTES = ['shared', 'notes'].join('/');

test('no tracked file outside .ci/ refers to the inputs outside the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf-8' })
    .split('\0')
    .filter(file => file && !file.startsWith('.ci/') && fs.existsSync(path.join(ROOT, file)));
  expect(files.length).toBeGreaterThan(100);
  const offenders = files.flatMap(file => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf-8');
    return text.split('\n')
      .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
      .filter(({ line }) => line.includes(OUTSIDE) || line.includes(NOTES))
      .map(({ at, line }) => `${at}: ${line.trim()}`);
  });
  expect(offenders).toEqual([]);
});
