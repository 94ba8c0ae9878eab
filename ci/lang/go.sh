#!/usr/bin/env bash
# Go: the runtime module (runtime/go: gofmt, go vet, go test), then the
# interop programs (tests/interop/go/build.sh: protoc-gen-go output beside the
# generated code, go vet, server and clients), the tests of the generated code
# and of the programs (the go/ego and go/kratos clients' too), and the ego/kratos
# compatibility tests.
#
#   bash ci/lang/go.sh                  # from anywhere
#   GO_STRICT=1 bash ci/lang/go.sh      # also staticcheck (-checks all on the runtime)
#                                       # and go test -race: on a fresh machine each
#                                       # costs about a minute more (install, race build)
#
# Needs Go 1.26+ on PATH (an older Go 1.21+ fetches 1.26 through the module
# proxy); modules come from the default GOPROXY. Installs protoc (Debian) when
# missing, and protoc-gen-go, protoc-gen-go-grpc and staticcheck into
# <repo>/.tools/go/bin. Quick on a re-run: go caches builds and test results.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATICCHECK_VERSION=v0.8.2 # staticcheck 2026.2.2
step() { printf '\n==> %s\n' "$*"; }
fail() { echo "ci/lang/go.sh: $*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not installed: install Go 1.26 or later (https://go.dev/dl)"
go_minor="$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
if [[ "${go_minor}" =~ ^[0-9]+$ ]] && (( go_minor < 26 )); then
    (( go_minor >= 21 )) || fail "go $(go env GOVERSION) is too old: install Go 1.26 or later"
    export GOTOOLCHAIN=go1.26.0
fi
go version
export GOBIN="${ROOT}/.tools/go/bin"
export PATH="${GOBIN}:${PATH}"

step "runtime/go: gofmt, go vet"
cd "${ROOT}/runtime/go"
unformatted="$(gofmt -l .)"
[[ -z "${unformatted}" ]] || fail "not gofmt-clean: ${unformatted}"
go vet ./...

if [[ "${GO_STRICT:-0}" != 0 ]]; then
    step "staticcheck ${STATICCHECK_VERSION} (-checks all on the runtime)"
    if [[ "$(staticcheck -version 2>/dev/null)" != *"(${STATICCHECK_VERSION#v})" ]]; then
        go install "honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}"
    fi
    staticcheck -checks all ./...
fi

step "runtime/go: go test"
race=()
if [[ "${GO_STRICT:-0}" != 0 && "$(go env CGO_ENABLED)" == 1 ]] && command -v "$(go env CC)" >/dev/null; then
    race=(-race)
fi
go test "${race[@]}" ./...

step "tests/interop/go: build.sh (generated code beside protoc-gen-go's, server, client)"
bash "${ROOT}/tests/interop/go/build.sh"

step "runtime/go/optionspb: the generated code of options.proto, current"
bash "${ROOT}/ci/runtime-options.sh" go

step "tests/interop/go: tests of the generated code and of the server and client (all cases)"
cd "${ROOT}/tests/interop/go"
if [[ "${GO_STRICT:-0}" != 0 ]]; then
    staticcheck ./...
    (cd gen && staticcheck ./...)
fi
go test ./...

step "tests/interop/go/ego: the go/ego client (ego v1.2.7's runtime, flavour=ego output) passes every case, fails wrong ones"
cd "${ROOT}/tests/interop/go/ego"
if [[ "${GO_STRICT:-0}" != 0 ]]; then
    staticcheck ./...
    (cd gen && staticcheck ./...)
fi
go test ./...

step "tests/interop/go/kratos: the go/kratos client (kratos v2.9.2's runtime, flavour=kratos output) passes every case, fails wrong ones"
cd "${ROOT}/tests/interop/go/kratos"
if [[ "${GO_STRICT:-0}" != 0 ]]; then
    staticcheck ./...
    (cd gen && staticcheck ./...)
fi
go test ./...

step "tests/interop/go/compat: ego v1.2.7 and kratos v2.9.2 read our errors, we read theirs"
cd "${ROOT}/tests/interop/go/compat"
go vet ./...
go test ./...
