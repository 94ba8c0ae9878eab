#!/usr/bin/env bash
# Builds the Go server and client of the interop matrix (tests/interop/README.md)
# into tests/interop/go/bin, from the Go runtime (runtime/go) and the
# hand-written generated code of the example module (gen/, module
# acme.example/gen/go).
#
# Also proves the generated files' contract: protoc-gen-go and
# protoc-gen-go-grpc output for the same protos is generated into the same
# packages (not committed), and both compile together and alone, go vet
# clean and gofmt clean.
#
# Needs Go 1.26+ (an older Go 1.21+ fetches 1.26 through the module proxy) and
# protoc (Debian's protobuf-compiler, installed with apt-get when missing and
# running as root). protoc-gen-go v1.36.12 and protoc-gen-go-grpc v1.6.2 are
# installed into <repo>/.tools/go/bin. Idempotent; seconds when done.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${HERE}/../../.." && pwd)"
GO_VERSION=1.26.0
PROTOC_GEN_GO=v1.36.12
PROTOC_GEN_GO_GRPC=v1.6.2

fail() { echo "tests/interop/go/build.sh: $*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not installed: install Go ${GO_VERSION} or later (https://go.dev/dl)"
go_minor="$(go env GOVERSION | sed -E 's/^go1\.([0-9]+).*/\1/')"
if [[ "${go_minor}" =~ ^[0-9]+$ ]] && (( go_minor < 26 )); then
    (( go_minor >= 21 )) || fail "go $(go env GOVERSION) is too old: install Go ${GO_VERSION} or later"
    export GOTOOLCHAIN="go${GO_VERSION}"
fi

# protoc, and descriptor.proto (options.proto imports it) from libprotobuf-dev.
PROTOC_INCLUDE="${PROTOC_INCLUDE:-/usr/include}"
if ! command -v protoc >/dev/null || [[ ! -f "${PROTOC_INCLUDE}/google/protobuf/descriptor.proto" ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "installing protoc (Debian protobuf-compiler, libprotobuf-dev)" >&2
        apt-get update -qq && apt-get install -y -qq protobuf-compiler libprotobuf-dev >/dev/null
        PROTOC_INCLUDE=/usr/include
    else
        fail "protoc or google/protobuf/descriptor.proto is missing: apt-get install protobuf-compiler libprotobuf-dev (or set PROTOC_INCLUDE)"
    fi
fi

export GOBIN="${ROOT}/.tools/go/bin"
export PATH="${GOBIN}:${PATH}"
if [[ "$(protoc-gen-go --version 2>/dev/null)" != "protoc-gen-go ${PROTOC_GEN_GO}" ]]; then
    go install "google.golang.org/protobuf/cmd/protoc-gen-go@${PROTOC_GEN_GO}"
fi
if [[ "$(protoc-gen-go-grpc --version 2>/dev/null)" != "protoc-gen-go-grpc ${PROTOC_GEN_GO_GRPC#v}" ]]; then
    go install "google.golang.org/grpc/cmd/protoc-gen-go-grpc@${PROTOC_GEN_GO_GRPC}"
fi

# The hand-written files (protoc-gen-errors' future golden files) compile
# alone: a scratch module with only them.
alone="$(mktemp -d)"
trap 'rm -rf "${alone}"' EXIT
cp "${HERE}/gen/go.mod" "${HERE}/gen/go.sum" "${alone}/"
sed -i "s#=> ../../../../runtime/go#=> ${ROOT}/runtime/go#" "${alone}/go.mod"
(cd "${HERE}/gen" && find . -name '*_errors.pb.go' -exec cp --parents {} "${alone}/" \;)
(cd "${alone}" && go vet ./...) || fail "the generated *_errors.pb.go files do not compile alone"

# protoc-gen-go's and protoc-gen-go-grpc's output for the same protos, in the
# same packages. options.proto's Go code is the runtime's (its go_package,
# protosmith.dev/grpcerrors/optionspb), as in every package protosmith
# writes: generating it here too would register the file twice.
rm -rf "${HERE}/gen/protosmith"
protoc -I "${ROOT}/proto" -I "${PROTOC_INCLUDE}" \
    --go_out="${HERE}/gen" --go_opt="module=acme.example/gen/go" \
    --go-grpc_out="${HERE}/gen" --go-grpc_opt="module=acme.example/gen/go" \
    acme/user/v1/errors.proto acme/order/v1/order.proto

unformatted="$(cd "${HERE}" && gofmt -l .)"
[[ -z "${unformatted}" ]] || fail "not gofmt-clean: ${unformatted}"
(cd "${HERE}/gen" && go vet ./...) || fail "go vet failed on the generated packages"
cd "${HERE}"
go vet ./...
mkdir -p bin
go build -o bin/ ./cmd/server ./cmd/client
# The go/ego column: ego v1.2.7's runtime and the flavour=ego golden files
# (ego/gen), its own module so the other programs do not depend on ego.
(cd ego && go vet ./... && go build -o ../bin/client-ego ./cmd/client)
# The go/kratos column: kratos v2.9.2's runtime and the flavour=kratos golden
# files (kratos/gen), its own module likewise.
(cd kratos && go vet ./... && go build -o ../bin/client-kratos ./cmd/client)
echo "built tests/interop/go/bin/server, tests/interop/go/bin/client, tests/interop/go/bin/client-ego and tests/interop/go/bin/client-kratos"
