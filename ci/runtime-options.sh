#!/usr/bin/env bash
# The generated code of proto/protosmith/errors/v1/options.proto that each
# runtime ships (API packages import it from there and never carry their own
# copy: two copies of one proto file in a program clash). This script is the
# one recipe for those copies, and the check that they have not drifted:
#
#   bash ci/runtime-options.sh go python      # check: fails when a copy differs
#   bash ci/runtime-options.sh --write go     # regenerate the copies
#
# Each language uses its standard generator at the version its CI script
# pins, so the check runs after ci/lang/<lang>.sh has installed it (go, java
# and python call it). PHP's copy is checked by the runtime's own PHPUnit test
# (tests/VendoredProtosTest.php), TypeScript's by ci/lang/ts.sh, which
# regenerates runtime/ts/src/gen from runtime/ts/buf.gen.yaml.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=ci/env.sh
source "$root/ci/env.sh"
fail() { echo "ci/runtime-options.sh: $*" >&2; exit 1; }

write=0
if [[ ${1:-} == --write ]]; then write=1; shift; fi
(($#)) || fail "usage: bash ci/runtime-options.sh [--write] go|java|python|php ..."

proto=protosmith/errors/v1/options.proto
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# generate_LANG DIR: writes the runtime's generated files under DIR, by
# their paths in runtime/LANG.
generate_go() {
  export PATH="$root/.tools/go/bin:$PATH"
  [[ "$(protoc-gen-go --version 2>/dev/null)" == "protoc-gen-go v1.36.12" ]] ||
    GOBIN="$root/.tools/go/bin" go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
  # The import path is options.proto's go_package; module= strips the
  # runtime's module path from it, leaving optionspb/.
  "$PROTOC" -I "$root/proto" -I "$PROTOC_INCLUDE" --go_out="$1" \
    --go_opt=module=protosmith.dev/grpcerrors "$proto"
}

generate_java() {
  # java_package dev.protosmith.errors.v1, one class per type
  # (java_multiple_files): src/main/java/dev/protosmith/errors/v1/.
  mkdir -p "$1/src/main/java"
  "$PROTOC" -I "$root/proto" -I "$PROTOC_INCLUDE" --java_out="$1/src/main/java" "$proto"
}

generate_python() {
  # grpcio-tools at requirements-dev.txt's pin (ci/lang/python.sh installs it
  # into .tools/venv): the module keeps its proto path, protosmith.errors.v1
  # (a namespace package in the runtime's distribution), as the `_pb2`
  # modules importing it expect.
  local python="$root/.tools/venv/bin/python" include
  [[ -x $python ]] || fail "no $python: run bash ci/lang/python.sh first"
  include="$("$python" -c 'import grpc_tools, os; print(os.path.join(os.path.dirname(grpc_tools.__file__), "_proto"))')"
  mkdir -p "$1/src"
  "$python" -m grpc_tools.protoc -I "$root/proto" -I "$include" \
    --python_out="$1/src" --pyi_out="$1/src" "$proto"
}

generate_php() {
  # Protosmith\Errors\V1\* and GPBMetadata\Protosmith\Errors\V1\Options
  # under gen/, beside the google.rpc classes (composer.json's PSR-4 prefixes).
  mkdir -p "$1/gen"
  "$PROTOC" -I "$root/proto" -I "$PROTOC_INCLUDE" --php_out="$1/gen" "$proto"
}

for lang in "$@"; do
  declare -F "generate_$lang" >/dev/null || fail "no recipe for $lang (go, java, python, php)"
  out="$work/$lang"
  mkdir -p "$out"
  "generate_$lang" "$out"
  drift=0
  while IFS= read -r -d '' file; do
    path="${file#"$out"/}"
    target="$root/runtime/$lang/$path"
    if ((write)); then
      mkdir -p "$(dirname "$target")"
      cp "$file" "$target"
      echo "wrote runtime/$lang/$path"
    elif ! cmp -s "$file" "$target"; then
      echo "runtime/$lang/$path differs from what the generator writes for $proto:" >&2
      diff -u "$target" "$file" >&2 || true
      drift=1
    fi
  done < <(find "$out" -type f -print0 | sort -z)
  ((drift == 0)) || fail "regenerate with: bash ci/runtime-options.sh --write $lang"
  ((write)) || echo "runtime/$lang: the generated code of $proto is current"
done
