#!/usr/bin/env bash
# Runs every cargo-fuzz target for a bounded time: bash ci/fuzz.sh [SECONDS]
#
# Needs a nightly toolchain (rustup's, as on the project's machines); without
# one it says so and exits 0, since the seed corpora also run on stable in
# plugins/protoc-gen-errors/tests/malformed_inputs.rs. New corpus entries go to
# fuzz/corpus/<target>/ (ignored by git); the seed-* folders are read-only inputs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_PER_TARGET="${1:-30}"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain; skipped (seed corpora still run in cargo test)"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install --locked --quiet cargo-fuzz
fi

declare -A SEEDS=([request]=seed-request [comment]=seed-comment [status_details]=seed-details)
for target in request comment status_details; do
    mkdir -p "fuzz/corpus/$target"
    echo "fuzz: $target for ${SECONDS_PER_TARGET}s"
    log="$(mktemp)"
    if ! cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/corpus/${SEEDS[$target]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 >"$log" 2>&1; then
        grep -E -A 12 "panicked|ERROR: libFuzzer|SUMMARY" "$log" | head -n 60 >&2
        echo "fuzz: $target crashed; reproduce with: cargo +nightly fuzz run $target fuzz/artifacts/$target/<crash file>," \
            "then add the input to fuzz/corpus/${SEEDS[$target]}/ once fixed" >&2
        exit 1
    fi
    grep -E "^Done|stat::number_of_executed_units" "$log" | tail -n 1
done
echo "fuzz: no crash"
