#!/usr/bin/env bash
# Regenerates the typed classes in src/imports/*.ts from the CRDs committed under
# src/imports/crds/ (`npx projen import-crds`). Works offline: `cdk8s import` reads local files.
# One module per API group. `cdk8s import` reads only its first path argument, so the CRD files of
# a group are joined into one multi-document file first (with `---` between them: the upstream
# files do not all start with one, and without it the documents would merge).
set -euo pipefail
cd "$(dirname "$0")"

# Pinned so that regenerating unchanged CRDs gives byte-identical files.
CDK8S_CLI=cdk8s-cli@2.207.60

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

import_group() {
  local name=$1
  shift
  for crd in "$@"; do
    printf -- '---\n'
    cat "$crd"
    printf '\n'
  done >"$work/$name.yaml"
  npx --yes "$CDK8S_CLI" import "$work/$name.yaml" --output . --language typescript --no-save --no-check-upgrade
}

import_group cert-manager crds/cert-manager-v1.21.1/*.yaml
import_group gateway-api crds/gateway-api-v1.6.1/*.yaml
import_group envoy-gateway crds/envoy-gateway-v1.9.0/*.yaml
import_group hnc crds/hnc-v1.1.0/*.yaml
