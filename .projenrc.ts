import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-netsec',
  description:
    'cdk8s constructs for closed-by-default Kubernetes networking: default-deny namespaces, secure apps, TLS ingresses, cert-manager, and a reachability analysis that proves what the manifests allow.',
  author: 'cdk8s-netsec team',
  authorAddress: 'team@cdk8s-netsec.dev',
  repositoryUrl: 'https://github.com/cdk8s-netsec/cdk8s-netsec.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'kubernetes', 'networkpolicy', 'cert-manager', 'ingress-nginx', 'security'],
  packageManager: javascript.NodePackageManager.NPM,
  // package.json `engines`: Node 20 reached end of life; .ci/run also runs the tests on Node 22.
  minNodeVersion: '22',
  projenrcTs: true,

  // projen's cdk8s defaults are cdk8s v1 and fail; cdk8s-plus-28 2.5.6 needs cdk8s ^2.68.11 and
  // constructs ^10.3.0, and 2.68.11 is missing from the npm registry.
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],

  // Non-jsii runtime dependencies must be bundled and stay out of the public API. Manifests are
  // read by the library's own YAML reader (src/kube/yaml); the `yaml` package is the benchmarks'
  // baseline and writes test input. @viz-js/viz: Graphviz compiled to WebAssembly, lays out the
  // report's diagram in-process.
  bundledDeps: ['@viz-js/viz@^3.31.0'],
  devDeps: [
    'yaml@^2.5.0',
    // renders markdown in the escaping tests (CommonMark's reference implementation)
    'commonmark@^0.31.2',
    'kubernetes-models@^4.5.1',
    '@kubernetes-models/cert-manager@^4.4.4',
    'fast-check@^3.23.0',
    // Schema validation of the Gateway API and Envoy Gateway output against their CRDs (tests).
    'ajv@^6.15.0',
    // tools/api-md.ts reads the .jsii assembly with it to write API.md
    'jsii-reflect@^1.142.0',
    // the report's browser test drives Debian's chromium
    'playwright-core@^1.65.1',
  ],
  bin: { 'cdk8s-netsec': 'lib/cli/main.js' },

  // No GitHub workflows, no release pipeline, no non-js packaging: their registries are unreachable.
  github: false,
  release: false,
  pullRequestTemplate: false,

  jestOptions: {
    // A changed snapshot must fail the test run; `npm run test:update` is the deliberate path.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
    },
  },
  gitignore: ['/examples/dist/', '/bench/out/', '/.ci/out/', '/.ci/node22/', '/node_modules'],
  eslintOptions: { dirs: ['src'], ignorePatterns: ['src/imports/**', '*.js', '*.d.ts', 'node_modules/', 'examples/dist/'], devdirs: ['test', 'examples', 'bench', 'build-tools', 'projenrc', '.projenrc.ts'] },
});

// The npm registry lacks non-Linux builds of unrs-resolver 1.13 (used by jest and
// eslint-import-resolver-typescript), so a lockfile written with 1.13 makes `npm ci` fail.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Subpaths users import. `types` first for TypeScript's node16/bundler resolution; `typesVersions`
// gives the same subpaths to the older `node` resolution, which ignores `exports`. The `lib/...`
// paths of earlier releases keep working (`./lib/*` adds `.js`, `./lib/testing` is the folder's
// index), and jsii consumers read `.jsii` and `package.json`.
const subpath = (file: string) => ({ types: `./lib/${file}.d.ts`, default: `./lib/${file}.js` });
project.package.addField('exports', {
  '.': subpath('index'),
  './testing': subpath('testing/index'),
  './testing/jest': subpath('testing/jest'),
  './lib/testing': subpath('testing/index'),
  './lib/*.js': './lib/*.js',
  './lib/*': './lib/*.js',
  './.jsii': './.jsii',
  './package.json': './package.json',
});
project.package.addField('typesVersions', {
  '*': { 'testing': ['lib/testing/index.d.ts'], 'testing/jest': ['lib/testing/jest.d.ts'] },
});

// The npm package holds the compiled library, its docs and .jsii; not the CI, benchmarks,
// examples, tests, tools (the YAML oracle) or the CRD sources of src/imports (src/ is already left out). The generated
// imports' type declarations stay out too: no public declaration refers to them.
project.npmignore?.exclude('/.ci/', '/bench/', '/examples/', '/test/', '/tools/', '/lib/imports/*.d.ts');

// Generated and vendored files, folded in reviews.
project.gitattributes.addAttributes('/src/imports/*.ts', 'linguist-generated');
project.gitattributes.addAttributes('/src/imports/crds/**', 'linguist-vendored');

// Test and example sources (examples/, bench/) are type-checked and linted with the tests.
project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');
// eslint's project service looks for the nearest tsconfig.json, so each folder gets its own.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['node_modules', 'dist'],
    },
  });
}

// `npm test` is the README's one command for "compile, all tests, lint": compile first.
project.testTask.prependSpawn(project.compileTask);

const tsNode = 'ts-node --transpile-only --project test/tsconfig.json';
project.addTask('synth', {
  description: 'Synthesize every example to examples/dist/, lint it and print what it allows',
  exec: `${tsNode} examples/synth.ts`,
});
project.addTask('import-crds', {
  description: 'Regenerate src/imports/*.ts from the CRDs in src/imports/crds/ (cdk8s import, offline)',
  exec: 'bash src/imports/import-crds.sh',
});
// API.md from the .jsii, compact: jsii-docgen's markdown repeats each member three times and the
// Construct base members on every construct (268 KB for a 70 KB reference).
project.tasks.tryFind('docgen')?.reset(`${tsNode} tools/api-md.ts API.md`);
project.addTask('bench', {
  description: 'Run the benchmarks under bench/ (ratios against baselines measured in the same run)',
  exec: `${tsNode} bench/synth.ts && ${tsNode} bench/analysis.ts && ${tsNode} bench/reader.ts && ${tsNode} bench/report.ts`,
});

project.synth();
