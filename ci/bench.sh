#!/usr/bin/env bash
# The plugins' benchmark (issue 17), in one command: a Markdown report on stdout.
#
#   bash ci/bench.sh [--repeats N] [--sizes 2000,8000] [--no-corpus] [--runtime] [--crate-rebuild] [--quick]
#
# 1. The googleapis corpus (npm google-proto-files, installed by
#    ci/install-tools.sh, laid out as plugins/protoc-gen-docs/tests/googleapis.rs
#    does: every folder but google/protobuf, whose well-known types come from
#    protoc's include dir). The floor is protoc parsing it and handing the
#    request to a plugin that only reads it (`cat`); then protoc with each
#    plugin (errors, docs md/html/json, test, and pseudomuto's protoc-gen-doc
#    when it is on PATH), runs alternated, N repeats, medians; then the whole
#    job (protoc with the five default outputs in one invocation against
#    `protosmith generate`, which parses with protox). Ratios are of
#    CPU time (user+sys, /usr/bin/time): on a shared machine load moves wall
#    time much more than CPU time.
# 2. The scaling stress: one generated file with N methods (each with its own
#    request and response) and an error enum of N values, at two sizes; the
#    ratio of each plugin's CPU time between them (linear: 4x for 2000 -> 8000).
# 3. --runtime: the runtime's criterion benches (cargo bench -p grpc-errors --bench wire)
#    and protosmith-build's (cargo bench -p protosmith-build --bench build).
# 4. --crate-rebuild: a crate's rebuild after a proto changed, protosmith-build
#    against protox + tonic-prost-build (ci/bench/crate_rebuild.sh).
#
# --quick is a smoke test (a tiny corpus, sizes 50,200, one repeat, debug
# builds): it checks the script works, the numbers mean nothing.
# Release builds of the plugins come first (cargo build --release); on a
# 2-core machine that takes several minutes the first time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

quick=0 runtime=0 crate_rebuild=0 repeats=5 args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=1; args+=("$1") ;;
        --runtime) runtime=1 ;;
        --crate-rebuild) crate_rebuild=1 ;;
        --repeats) args+=("$1" "$2"); repeats="$2"; shift ;;
        --sizes) args+=("$1" "$2"); shift ;;
        --no-corpus) args+=("$1") ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown argument $1 (see bash ci/bench.sh --help)" >&2; exit 2 ;;
    esac
    shift
done

log() { printf 'bench: %s\n' "$*" >&2; }

# /usr/bin/time measures CPU time and peak RSS (the shell keyword cannot).
if [[ ! -x /usr/bin/time ]]; then
    log "installing GNU time (apt)"
    apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null
fi
if [[ ! -f .tools/npm/node_modules/google-proto-files/google/api/annotations.proto ]] ||
    ! command -v "${PROTOC:-protoc}" >/dev/null; then
    log "installing the proto tools and the corpus (ci/install-tools.sh)"
    bash ci/install-tools.sh >&2
fi
# shellcheck source=ci/env.sh
source ci/env.sh

# pseudomuto's protoc-gen-doc (Go), the yardstick of the docs rows, from the
# module proxy into .tools/go/bin (not in --quick: the smoke test needs no yardstick).
PROTOC_GEN_DOC_VERSION=v1.5.1
if [[ $quick == 0 ]] && ! command -v protoc-gen-doc >/dev/null && [[ ! -x .tools/go/bin/protoc-gen-doc ]]; then
    log "installing pseudomuto's protoc-gen-doc $PROTOC_GEN_DOC_VERSION (go install)"
    GOBIN="$ROOT/.tools/go/bin" go install \
        "github.com/pseudomuto/protoc-gen-doc/cmd/protoc-gen-doc@$PROTOC_GEN_DOC_VERSION" >&2
fi
[[ $quick == 1 ]] || export PATH="$ROOT/.tools/go/bin:$PATH"

profile=release profile_flag=(--release)
if [[ $quick == 1 ]]; then
    profile=debug profile_flag=()
fi
log "building the plugins ($profile)"
cargo build "${profile_flag[@]}" -j 2 --locked -q \
    -p protoc-gen-errors -p protoc-gen-docs -p protoc-gen-test -p protosmith >&2

python3 ci/bench/bench.py --bin "$ROOT/target/$profile" --protoc "$PROTOC" \
    --protoc-include "$PROTOC_INCLUDE" --corpus "${GOOGLE_PROTO_FILES:-}" "${args[@]}"

if [[ $runtime == 1 ]]; then
    log "runtime benches (criterion)"
    echo
    echo "### Runtime: cargo bench -p grpc-errors --bench wire"
    echo
    echo '```'
    # criterion's own report: each bench's name and time line (low, median, high),
    # and the change since its last run on this machine, if any.
    cargo bench -j 2 --locked -q -p grpc-errors --bench wire 2>&1 |
        grep -E '^wire/|^ +(time|change):'
    echo '```'
    echo
    echo "### build.rs: cargo bench -p protosmith-build --bench build"
    echo
    echo '```'
    cargo bench -j 2 --locked -q -p protosmith-build --bench build 2>&1 |
        grep -E '^build.rs/|^ +(time|change):'
    echo '```'
fi

if [[ $crate_rebuild == 1 ]]; then
    log "crate rebuild (ci/bench/crate_rebuild.sh, $repeats runs each)"
    bash ci/bench/crate_rebuild.sh "$repeats"
fi
