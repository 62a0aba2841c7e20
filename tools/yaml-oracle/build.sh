#!/usr/bin/env bash
# Builds the YAML oracle (kubectl's reader: go-yaml v2 through sigs.k8s.io/yaml) from Debian's Go
# packages, installing them first when they are missing and this runs as root.
# Prints the binary's path. Usage: tools/yaml-oracle/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
packages="golang-go golang-gopkg-yaml.v2-dev golang-k8s-sigs-yaml-dev"
if ! command -v go >/dev/null 2>&1 || [ ! -d /usr/share/gocode/src/sigs.k8s.io/yaml ] || [ ! -d /usr/share/gocode/src/gopkg.in/yaml.v2 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >&2
  else
    echo "yaml-oracle: install $packages (as root) first" >&2
    exit 1
  fi
fi
mkdir -p "$here/bin"
cd "$here"
GOPATH=/usr/share/gocode GO111MODULE=off GOCACHE="${GOCACHE:-$here/.gocache}" go build -o "$here/bin/yaml-oracle" .
echo "$here/bin/yaml-oracle"
