import * as fs from 'fs';
import * as path from 'path';

/**
 * The package's version, from its package.json (two folders up from `lib/cli/` and `src/cli/`
 * alike), read only when asked for.
 */
export function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf-8')) as { version: string }).version;
}
