#!/usr/bin/env bash
# The npm package as a user gets it: `npm pack`, the tarball installed into a scratch consumer
# project, every documented import path required, the README's quick start type-checked (both
# TypeScript module resolutions) and run with jest. Needs a build (lib/, .jsii). Prints one line
# per check and ends with "N passed, N failed"; exit status 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/.ci/out/package
consumer=$out/consumer
rm -rf "$out"
mkdir -p "$consumer"

passed=0
failed=0
check() {
  local name=$1
  shift
  if "$@" >"$out/$name.log" 2>&1; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name (log: ${out#"$root"/}/$name.log)"
    tail -n 30 "$out/$name.log" | sed 's/^/     /'
    failed=$((failed + 1))
  fi
}
version() { node -p "require('$root/node_modules/$1/package.json').version"; }

pack() {
  npm pack --pack-destination "$out" --json --ignore-scripts >"$out/pack.json"
}

# What the tarball holds: the library and its docs, none of the repository's tooling.
contents() {
  node - "$out/pack.json" <<'EOF'
const fs = require('fs');
const files = require(process.argv[2])[0].files.map(f => f.path);
const forbidden = /^(\.ci|bench|examples|test|src|projenrc|coverage|test-reports)\/|^\.projenrc\.ts$|^tsconfig|^lib\/imports\/.*\.d\.ts$/;
const required = ['package.json', '.jsii', 'README.md', 'API.md', 'LICENSE', 'lib/index.js', 'lib/index.d.ts',
  'lib/testing/index.js', 'lib/testing/jest.js', 'lib/cli/main.js', 'node_modules/@viz-js/viz/package.json'];
const bad = files.filter(f => forbidden.test(f));
const missing = required.filter(f => !files.includes(f));
// Every compiled file comes from a current source (lib/ keeps files of moved or deleted sources).
const stale = files.filter(f => /^lib\/.*\.(js|d\.ts)$/.test(f))
  .filter(f => !fs.existsSync(f.replace(/^lib\//, 'src/').replace(/\.(d\.ts|js)$/, '.ts')));
console.log(`${files.length} files`);
if (bad.length || missing.length || stale.length) {
  console.log(`should not be packed: ${bad.join(', ') || 'none'}`);
  console.log(`missing: ${missing.join(', ') || 'none'}`);
  console.log(`compiled from no current source: ${stale.join(', ') || 'none'}`);
  process.exit(1);
}
EOF
}

install() {
  local tgz
  tgz=$(ls "$out"/cdk8s-netsec-*.tgz)
  cat >"$consumer/package.json" <<EOF
{
  "name": "consumer",
  "private": true,
  "jest": { "preset": "ts-jest", "testEnvironment": "node" }
}
EOF
  (cd "$consumer" && npm install --no-audit --no-fund --prefer-offline "$tgz" \
    "cdk8s@$(version cdk8s)" "constructs@$(version constructs)" "cdk8s-plus-28@$(version cdk8s-plus-28)" \
    "typescript@$(version typescript)" "jest@$(version jest)" "ts-jest@$(version ts-jest)" "@types/jest@$(version @types/jest)")
}

# Every documented subpath resolves and loads under Node's `exports` rules.
subpaths() {
  (cd "$consumer" && node - <<'EOF'
const assert = require('assert');
const registered = [];
// testing/jest registers its matchers with jest's global expect on import: stand in for it.
global.expect = { extend: matchers => registered.push(...Object.keys(matchers)) };
const root = require('cdk8s-netsec');
assert.strictEqual(typeof root.SecureApp, 'function', 'cdk8s-netsec exports SecureApp');
assert.strictEqual(root.certmanager, undefined, 'the generated cert-manager classes are not exported');
assert.strictEqual(typeof require('cdk8s-netsec/testing').expectNoFindings, 'function');
assert.strictEqual(require('cdk8s-netsec/lib/testing'), require('cdk8s-netsec/testing'));
require('cdk8s-netsec/testing/jest');
assert.deepStrictEqual(registered.sort(), ['toAllowConnection', 'toOnlyAllow']);
assert.strictEqual(require.resolve('cdk8s-netsec/lib/testing/jest'), require.resolve('cdk8s-netsec/testing/jest'));
assert.strictEqual(require.resolve('cdk8s-netsec/lib/testing/jest.js'), require.resolve('cdk8s-netsec/testing/jest'));
assert.strictEqual(require('cdk8s-netsec/package.json').name, 'cdk8s-netsec');
// jsii tools resolve the assembly by path and read it as JSON.
assert.strictEqual(JSON.parse(require('fs').readFileSync(require.resolve('cdk8s-netsec/.jsii'), 'utf-8')).name, 'cdk8s-netsec');
assert.throws(() => require('cdk8s-netsec/src/index'), /ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);
console.log('every subpath loads');
EOF
  )
}

# The README's quick start, as a user copies it into a project.
quick_start() {
  node - "$root/README.md" "$consumer" <<'EOF'
const fs = require('fs');
const [readme, dir] = process.argv.slice(2);
const text = fs.readFileSync(readme, 'utf-8');
for (const name of ['shop.ts', 'shop.test.ts']) {
  const m = new RegExp(`<!-- readme:quick-start/${name.replace('.', '\\.')} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(text);
  if (!m) throw new Error(`README.md has no block readme:quick-start/${name}`);
  fs.writeFileSync(`${dir}/${name}`, `${m[1]}\n`);
}
EOF
}

# TypeScript's `node16` resolution reads `exports`; the older `node10` (what `module: commonjs`
# projects use) ignores it and reads `typesVersions`.
typecheck() {
  local resolution=$1 module
  module=$([ "$resolution" = node16 ] && echo node16 || echo commonjs)
  cat >"$consumer/tsconfig.$resolution.json" <<EOF
{
  "compilerOptions": {
    "target": "ES2022", "module": "$module", "moduleResolution": "$resolution", "ignoreDeprecations": "6.0",
    "strict": true, "noEmit": true, "skipLibCheck": false, "types": ["jest", "node"]
  },
  "files": ["shop.ts", "shop.test.ts"]
}
EOF
  (cd "$consumer" && npx tsc -p "tsconfig.$resolution.json")
}

jest_run() {
  cp "$consumer/tsconfig.node16.json" "$consumer/tsconfig.json"
  (cd "$consumer" && npx jest --ci shop.test.ts)
}

# The installed CLI, with what only the package provides: its own YAML reader for --profile and the
# bundled graph layout for the report (dev dependencies such as `yaml` are not there).
cli_run() {
  cat >"$consumer/profile.yaml" <<'EOF'
otherWorkloads:
- {namespace: kube-system, name: coredns, podLabels: {k8s-app: kube-dns}, ports: [{port: 53, protocol: UDP}]}
EOF
  # The repository's own lint-clean fixture (test/fixtures/good): its app sends DNS to the profile's CoreDNS.
  (cd "$consumer" && npx cdk8s-netsec analyze --profile profile.yaml "$root/test/fixtures/good" \
    | grep -q 'demo/web\[Deployment\] => kube-system/coredns\[Deployment\]') || return 1
  (cd "$consumer" && { npx cdk8s-netsec report --out report.html "$root/test/fixtures/good"; [ $? -le 1 ]; } && grep -q '<svg' report.html)
}

check pack pack
check contents contents
check install install
check subpaths subpaths
check quick-start quick_start
check typecheck-node10 typecheck node10
check typecheck-node16 typecheck node16
check jest-quick-start jest_run
check cli cli_run

echo "${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
