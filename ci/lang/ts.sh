#!/usr/bin/env bash
# CI for the TypeScript runtime (runtime/ts, npm package @protosmith/grpc-errors)
# and the Node side of the interop matrix (tests/interop/ts):
#   - Node 20+ and npm (apt when missing), dependencies with `npm ci` from the
#     committed lockfiles (skipped when node_modules is up to date);
#   - src/gen up to date, prettier --check, tsc --strict, and the runtime's
#     tests (node --test);
#   - tests/interop/ts/build.sh, then its tests: the generated TypeScript of
#     the example module, and the Node server against both Node clients.
# Usage: bash ci/lang/ts.sh (from anywhere). Quick when run a second time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNTIME="$ROOT/runtime/ts"
INTEROP="$ROOT/tests/interop/ts"

step() { printf '\n==> ts: %s\n' "$*"; }

# Installs Node when missing, builds the runtime and the interop programs.
step "build (runtime/ts, tests/interop/ts)"
bash "$INTEROP/build.sh"

cd "$RUNTIME"
step "runtime/ts: src/gen is what protoc-gen-es makes of proto/google/rpc and options.proto"
gen_check="$(mktemp -d)"
trap 'rm -rf "$gen_check"' EXIT
npx --no-install buf generate --template buf.gen.yaml --output "$gen_check"
diff -r src/gen "$gen_check/src/gen" \
    || { echo "runtime/ts/src/gen is stale: run npm run generate in runtime/ts" >&2; exit 1; }
step "runtime/ts: prettier --check"
npx --no-install prettier --check .
step "runtime/ts: node --test"
npm test --silent

cd "$INTEROP"
step "tests/interop/ts: prettier --check (generated code included)"
npx --no-install prettier --check gen src test
step "tests/interop/ts: node --test (generated code, interop server and clients)"
npm test --silent
