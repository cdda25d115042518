#!/usr/bin/env bash
# Prints what pkg/ is built from: a hash of every input of the wasm build. `make test` compares it with
# pkg/BUILT_FROM, so a committed pkg/ that no longer matches the sources fails the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files -co --exclude-standard Cargo.toml Cargo.lock src profiles tests/fixtures scripts/build-wasm.sh scripts/package-json.mjs | LC_ALL=C sort)
echo "sources $(cat $files | sha256sum | cut -d' ' -f1)"
