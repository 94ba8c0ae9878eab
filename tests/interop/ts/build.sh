#!/usr/bin/env bash
# Builds the Node side of the interop matrix (tests/interop/README.md):
#   server          grpc-js
#   client          grpc-js
#   client-connect  connect-node's gRPC transport (HTTP/2)
# on the runtime in runtime/ts (@protosmith/grpc-errors) and the example
# module's generated code in gen/. Installs what it needs with `npm ci`
# (committed lockfiles) and skips every step that is already up to date,
# so a second run takes a few seconds. Usage: bash tests/interop/ts/build.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RUNTIME="$ROOT/runtime/ts"

log() { printf 'interop/ts: %s\n' "$*"; }
die() { printf 'interop/ts: error: %s\n' "$*" >&2; exit 1; }

# Node 20 or newer, from apt when it is missing and we may install.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing nodejs and npm from apt"
        apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
    fi
fi
command -v node >/dev/null && command -v npm >/dev/null \
    || die "Node.js 20+ and npm are needed (https://nodejs.org, or apt-get install nodejs npm)"
(( $(node_major) >= 20 )) || die "Node.js 20+ is needed, found $(node --version)"

# npm ci unless node_modules is newer than the lockfile and the manifest.
npm_ci() {
    local dir=$1 stamp=$1/node_modules/.package-lock.json
    if [[ -f $stamp && $stamp -nt $dir/package-lock.json && $stamp -nt $dir/package.json ]]; then
        return
    fi
    log "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-fund --no-audit --loglevel=error)
}

# The runtime, built to runtime/ts/dist.
npm_ci "$RUNTIME"
log "building runtime/ts"
(cd "$RUNTIME" && npm run --silent build)

# Our dependencies, then a fresh copy of the runtime's package (install-links
# in .npmrc: a copy, not a symlink, so it shares our grpc-js and protobuf).
npm_ci "$HERE"
installed="$HERE/node_modules/@protosmith/grpc-errors"
if ! diff -rq "$RUNTIME/dist" "$installed/dist" >/dev/null 2>&1 \
    || ! cmp -s "$RUNTIME/package.json" "$installed/package.json"; then
    log "installing the rebuilt runtime"
    rm -rf "$installed"
    mkdir -p "$installed"
    cp -R "$RUNTIME/package.json" "$RUNTIME/dist" "$installed/"
fi

# protoc-gen-es output next to the generated errors (gitignored), when a
# proto is newer than it.
stamp="$HERE/gen/acme/user/v1/errors_pb.ts"
if [[ ! -f $stamp ]] || [[ -n "$(find "$ROOT/proto" "$HERE/buf.gen.yaml" -newer "$stamp" -print -quit)" ]]; then
    log "protoc-gen-es for proto/"
    (cd "$HERE" && npx --no-install buf generate "$ROOT/proto" --template buf.gen.yaml)
fi

log "compiling (tsc --strict)"
(cd "$HERE" && npx --no-install tsc -p tsconfig.json)
log "built: $HERE/server, $HERE/client, $HERE/client-connect"
