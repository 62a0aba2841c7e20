#!/usr/bin/env bash
# Rewrites test/kube/yaml/oracle-output.json (the oracle's answers for the differential test's
# streams, used where the Go oracle cannot be built) from the live oracle.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/tools/yaml-oracle/build.sh" >/dev/null
cd "$root"
YAML_ORACLE_UPDATE=1 npx jest test/kube/yaml/differential.test.ts
