#!/usr/bin/env bash
# Builds pkg/ (wasm-pack, --target web, TypeScript types) from the sources, installing what is missing
# and skipping what is there. Where rustup has the wasm32 target it is used; otherwise Debian's rustc-web
# builds std for wasm32 from source (../shared/TOOLCHAIN.md). Then wasm-opt, the self-contained
# pkg/selfeval.html, and a record of what pkg/ was built from.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN=0.2.130   # must equal the wasm-bindgen crate's version in Cargo.toml

if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  route=rustup
else
  route=debian
  missing=()
  for p in rustc-web cargo-web rust-web-src rust-web-llvm lld-22; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  fi
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN\b"; then
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN"
fi
command -v wasm-pack >/dev/null || cargo install wasm-pack --locked

export CARGO_TARGET_DIR=target/wasm
if [ "$route" = rustup ]; then
  wasm-pack build . --release --target web --out-dir pkg --no-opt --no-gitignore
else
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc PATH=/usr/bin:$PATH \
    wasm-pack build . --mode force --release --target web --out-dir pkg --no-opt --no-gitignore \
    -- -Zbuild-std=std,panic_abort
fi
# wasm-opt from npm's binaryen (Debian's is too old for the reference types Rust emits now).
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
node_modules/.bin/wasm-opt -O3 --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue pkg/selfeval_bg.wasm -o pkg/selfeval_bg.wasm
node scripts/package-json.mjs
scripts/pkg-source.sh > pkg/BUILT_FROM
node scripts/bundle.mjs
