#!/usr/bin/env bash
# The TypeScript package, end to end, with a real npm registry on 127.0.0.1:
#   1. Verdaccio 6.8.0 (.tools/verdaccio, pinned by tests/packages/ts/verdaccio),
#      on a free port, no uplinks, a user created over its API for a token;
#   2. protosmith package --lang ts on the example module (proto/), then
#      protosmith publish --lang ts (the runtime @protosmith/grpc-errors first);
#   3. publishing 1.0.0 again is refused;
#   4. a consumer project in a temp dir (scope lines in its .npmrc, npm install
#      only) calls target/debug/user-server: GetUser(u-1) is Ada, GetUser(u-404)
#      is the generated USER_ERROR_NOT_FOUND.
# Needs: cargo build -p protosmith && cargo build -p user-service --bins, Node 20
# and npm; protoc-gen-es from runtime/ts (npm ci there, as ci/lang/ts.sh does).
#
#   bash tests/packages/ts.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tests/packages/ts"
PROTOSMITH="$ROOT/target/debug/protosmith"
USER_SERVER="$ROOT/target/debug/user-server"
VERDACCIO="$ROOT/.tools/verdaccio"
log() { printf 'packages/ts: %s\n' "$*"; }
die() { printf 'packages/ts: error: %s\n' "$*" >&2; exit 1; }
[[ -x $PROTOSMITH && -x $USER_SERVER ]] \
    || die "build first: cargo build -p protosmith && cargo build -p user-service --bins"

WORK="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# The generator the recipe names (protoc-gen-es), from the runtime's pinned devDependencies.
if [[ ! -x $ROOT/runtime/ts/node_modules/.bin/protoc-gen-es ]]; then
    log "npm ci in runtime/ts (protoc-gen-es)"
    (cd "$ROOT/runtime/ts" && npm ci --no-audit --no-fund --loglevel=error)
fi
export PATH="$ROOT/runtime/ts/node_modules/.bin:$PATH"

# 1. Verdaccio, installed once from the committed lockfile.
if ! cmp -s "$HERE/verdaccio/package-lock.json" "$VERDACCIO/package-lock.json" \
    || [[ ! -x $VERDACCIO/node_modules/.bin/verdaccio ]]; then
    log "installing Verdaccio into .tools/verdaccio"
    mkdir -p "$VERDACCIO"
    cp "$HERE/verdaccio/package.json" "$HERE/verdaccio/package-lock.json" "$VERDACCIO/"
    (cd "$VERDACCIO" && npm ci --no-audit --no-fund --loglevel=error)
fi
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
REGISTRY="http://127.0.0.1:$port/"
cat >"$WORK/verdaccio.yaml" <<YAML
storage: $WORK/storage
auth:
  htpasswd:
    file: $WORK/htpasswd
uplinks: {}
packages:
  "**":
    access: \$all
    publish: \$authenticated
log: { type: stdout, format: pretty, level: warn }
YAML
"$VERDACCIO/node_modules/.bin/verdaccio" --config "$WORK/verdaccio.yaml" \
    --listen "127.0.0.1:$port" >"$WORK/verdaccio.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    curl -sf "${REGISTRY}-/ping" >/dev/null && break
    sleep 0.1
done
curl -sf "${REGISTRY}-/ping" >/dev/null || { cat "$WORK/verdaccio.log" >&2; die "Verdaccio did not start"; }
token="$(curl -sf -X PUT -H 'content-type: application/json' \
    -d '{"name": "ci", "password": "ci-password"}' \
    "${REGISTRY}-/user/org.couchdb.user:ci" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')"
# The publisher's npm configuration: the token for this registry, as `npm login` writes it.
printf '//127.0.0.1:%s/:_authToken=%s\n' "$port" "$token" >"$WORK/publisher.npmrc"
log "Verdaccio on $REGISTRY"

# 2. Package and publish.
"$PROTOSMITH" package --lang ts --name @acme/user-api --version 1.0.0 \
    --proto "$ROOT/proto" --out "$WORK/package"
# protosmith's options.proto is the runtime's (options_pb.js), never the package's.
[[ -z "$(find "$WORK/package" -path '*/protosmith/errors/*' -not -path '*/node_modules/*')" ]] \
    || die "the package holds code of protosmith's options.proto"
grep -q '"@protosmith/grpc-errors/protosmith/errors/v1/options_pb.js"' "$WORK/package/src/acme/order/v1/order_pb.ts" \
    || die "order_pb.ts does not import the options from the runtime"
NPM_CONFIG_USERCONFIG="$WORK/publisher.npmrc" \
    "$PROTOSMITH" publish --lang ts --registry "$REGISTRY" "$WORK/package"

# 3. The same version again is refused, with the reason.
if NPM_CONFIG_USERCONFIG="$WORK/publisher.npmrc" \
    "$PROTOSMITH" publish --lang ts --registry "$REGISTRY" "$WORK/package" 2>"$WORK/again.err"; then
    die "publishing @acme/user-api@1.0.0 twice succeeded"
fi
grep -q "already in" "$WORK/again.err" || { cat "$WORK/again.err" >&2; die "unexpected refusal"; }
log "publishing 1.0.0 again: refused ($(head -n1 "$WORK/again.err"))"

# 4. The consumer: npm only, the two scopes from the local registry.
mkdir "$WORK/consumer"
cp "$HERE/consumer/package.json" "$HERE/consumer/main.js" "$WORK/consumer/"
printf '@acme:registry=%s\n@protosmith:registry=%s\n' "$REGISTRY" "$REGISTRY" >"$WORK/consumer/.npmrc"
(cd "$WORK/consumer" && npm install --no-audit --no-fund --prefer-offline --loglevel=error \
    @acme/user-api@1.0.0 @protosmith/grpc-errors@0.1.0 \
    @connectrpc/connect@2.2.0 @connectrpc/connect-node@2.2.0 >/dev/null)
coproc SERVER { exec "$USER_SERVER"; }
pids+=("$SERVER_PID")
read -r -t 30 line <&"${SERVER[0]}" || die "user-server did not start"
[[ $line == "listening "* ]] || die "user-server said: $line"
(cd "$WORK/consumer" && node main.js "${line#listening }")
log "passed in ${SECONDS}s"
