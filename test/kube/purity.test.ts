import * as fs from 'fs';
import * as path from 'path';

// The engine must run on manifests from anywhere: no cdk8s, cdk8s-plus or constructs imports.
test('src/analysis imports neither cdk8s, cdk8s-plus nor constructs', () => {
  const root = path.join(__dirname, '..', '..', 'src', 'analysis');
  const files: string[] = [];
  const walk = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).forEach(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name.endsWith('.ts')) files.push(full);
  });
  walk(root);
  expect(files.length).toBeGreaterThan(10);
  const offenders = files.filter(f => /from\s+['"](cdk8s|cdk8s-plus-\d+|constructs)(\/[^'"]*)?['"]|require\(\s*['"](cdk8s|constructs)/
    .test(fs.readFileSync(f, 'utf-8')));
  expect(offenders).toEqual([]);
});
