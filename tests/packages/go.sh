#!/usr/bin/env bash
# The Go package of the example module, published and consumed like any Go
# module: `protosmith package --lang go`, `protosmith publish --lang go` into a
# GOPROXY directory served over HTTP on 127.0.0.1 (any static web server
# serves that layout; python3's here), then a module in a temp dir gets it
# with `go get` through that proxy (in front of this machine's default one,
# for grpc and protobuf) and calls user-server with it (tests/packages/go/main.go).
#
#   bash tests/packages/go.sh     # needs Go 1.26, target/debug/{protosmith,user-server}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/packages/go"
protosmith="$root/target/debug/protosmith"
step() { printf '\n== go package: %s\n' "$*"; }
fail() { echo "tests/packages/go.sh: $*" >&2; exit 1; }
[[ -x $protosmith && -x $root/target/debug/user-server ]] ||
  fail "build first: cargo build -p protosmith && cargo build -p user-service --bins"

# The stub generators, the versions tests/interop/go/build.sh pins.
export GOBIN="$root/.tools/go/bin" PATH="$root/.tools/go/bin:$PATH"
[[ "$(protoc-gen-go --version 2>/dev/null)" == "protoc-gen-go v1.36.12" ]] ||
  go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
[[ "$(protoc-gen-go-grpc --version 2>/dev/null)" == "protoc-gen-go-grpc 1.6.2" ]] ||
  go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2

work="$(mktemp -d)"
pids=()
# The module cache keeps a version forever; these two are rebuilt by every
# run, so the consumer must not find an older build of them there.
modcache="$(go env GOMODCACHE)"
forget() {
  local path
  for path in "$modcache"/acme.example/gen/go@* "$modcache"/cache/download/acme.example/gen/go \
    "$modcache"/protosmith.dev/grpcerrors@* "$modcache"/cache/download/protosmith.dev/grpcerrors; do
    [[ -e $path ]] && chmod -R u+w "$path" && rm -rf "$path"
  done
  return 0
}
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  forget
  rm -rf "$work"
}
trap cleanup EXIT
forget

step "protosmith package --lang go"
cd "$root"
"$protosmith" package --lang go --version 1.0.0 --out "$work/package"
grep -q '^module acme.example/gen/go$' "$work/package/go.mod"
# protosmith's options.proto is the runtime's (optionspb), never the package's.
[[ ! -e "$work/package/protosmith" ]] || fail "the package holds code of protosmith's options.proto"
grep -q '"protosmith.dev/grpcerrors/optionspb"' "$work/package/order/v1/order.pb.go" ||
  fail "order.pb.go does not import the options from the runtime"

step "the registry: a GOPROXY directory over HTTP on 127.0.0.1"
mkdir "$work/proxy"
python3 -u -m http.server --bind 127.0.0.1 --directory "$work/proxy" 0 >"$work/http.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  port="$(sed -nE 's/^Serving HTTP on 127\.0\.0\.1 port ([0-9]+).*/\1/p' "$work/http.log")"
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || fail "the HTTP server did not start: $(cat "$work/http.log")"
echo "GOPROXY directory $work/proxy on http://127.0.0.1:$port"

step "protosmith publish --lang go (the runtime first, then the package; again: refused)"
"$protosmith" publish --lang go --registry "$work/proxy" "$work/package"
if "$protosmith" publish --lang go --registry "$work/proxy" "$work/package" 2>"$work/again.txt"; then
  fail "publishing v1.0.0 twice was accepted"
fi
grep -q "already in" "$work/again.txt" || fail "unexpected refusal: $(cat "$work/again.txt")"
echo "second publish refused: $(cat "$work/again.txt")"

step "a consumer module: go get through the proxy, go run against user-server"
mkdir "$work/consumer"
cp "$here/main.go" "$work/consumer/"
cd "$work/consumer"
export GOPROXY="http://127.0.0.1:$port,$(go env GOPROXY)"
# Private modules are not in the public checksum database (GOPRIVATE would
# make go bypass the proxies).
export GONOSUMDB=acme.example,protosmith.dev GOFLAGS=-mod=mod
# go's module index (in GOCACHE) trusts that a module version's files never
# change; the runtime rebuilt under the same version would be seen with its
# old list of packages (a new one, e.g. optionspb, missing).
export GODEBUG=goindex=0
go mod init example.com/consumer >/dev/null 2>&1
go get acme.example/gen/go@v1.0.0
go mod tidy
grep -q 'acme.example/gen/go v1.0.0' go.mod || fail "go.mod does not require the package: $(cat go.mod)"

coproc server { exec "$root/target/debug/user-server"; }
pids+=("$server_PID")
read -r listening address <&"${server[0]}"
[[ $listening == listening ]] || fail "user-server did not start"
go run . "$address"
