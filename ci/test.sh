#!/usr/bin/env bash
# The README's test command: everything CI checks, on a fresh clone.
#
#   bash ci/test.sh
#
# Installs what it needs (buf from npm, protoc from Debian, Go modules from the
# proxy on first use), then: rustfmt, clippy with -D warnings, the proto checks
# (buf format/lint, protox == buf == protoc output, gen/ up to date) and the
# whole cargo test suite (unit, diagnostics, golden, tonic round trip, Go
# interop, malformed inputs); then each other language (ci/lang/<lang>.sh:
# its runtime's tests, its generated code, its interop programs) and the
# cross-language interop matrix (tests/interop/run.sh), and the packages of
# every language through real registries (ci/packages.sh). FUZZ_SECONDS=N also
# runs each fuzz target for N seconds when a nightly toolchain is available.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Each step says when it started (seconds into the run), so a slow CI run shows where.
step() { printf '\n==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "tools"
bash ci/install-tools.sh
# shellcheck source=ci/env.sh
source ci/env.sh
command -v go >/dev/null || { echo "go is not installed: the Go interop test needs Go 1.26+" >&2; exit 1; }
go version

step "rustfmt"
cargo fmt --all --check

step "clippy (-D warnings, generated code included)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "protos: buf format, buf lint, protox == buf == protoc, gen/ up to date"
bash ci/check-protos.sh

if [[ "${FUZZ_SECONDS:-0}" -gt 0 ]]; then
    step "fuzz (${FUZZ_SECONDS}s per target)"
    bash ci/fuzz.sh "$FUZZ_SECONDS"
fi

# Before cargo test: the emitters' tests compile and run the generated code
# with each language's toolchain, which these install.
for lang in go java ts python php; do
    step "$lang: runtime, generated code, interop programs (ci/lang/$lang.sh)"
    bash "ci/lang/$lang.sh"
done

step "cargo test"
cargo test --workspace --locked

step "runtime benchmarks, once each (a smoke test: fails on a panic, never on time)"
# cargo test runs a criterion bench once, in the test profile: no release build.
cargo test --locked -p grpc-errors --bench wire
cargo test --locked -p protosmith-build --bench build

step "plugin benchmark script, smoke mode (ci/bench.sh --quick: ~25 s of CPU, debug builds; numbers not checked)"
bash ci/bench.sh --quick >/dev/null

step "HTML docs fit a 1920 px page (headless Chromium)"
bash ci/docs-layout.sh

step "the GitLab pipeline template, run by gitlab-ci-local (ci/gitlab-pipeline.sh)"
bash ci/gitlab-pipeline.sh

step "README: every sh block, verbatim (ci/readme.sh)"
bash ci/readme.sh

step "interop matrix: every language's server x every language's client"
bash tests/interop/rust/build.sh
bash tests/interop/run.sh --no-build
step "packages: every language published to a registry on 127.0.0.1 and consumed from it (ci/packages.sh)"
bash ci/packages.sh

step "done"
