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
# CI wants the same verdict on every run of the same commit: FUZZ_SEED fixes
# libFuzzer's random choices and FUZZ_RUNS the number of inputs, so CI tries
# exactly the inputs tried before the commit (SECONDS_PER_TARGET stays a cap).
# Without them, each run explores anew (`bash ci/fuzz.sh 600` by hand).
DETERMINISM=()
[[ -n "${FUZZ_SEED:-}" ]] && DETERMINISM+=("-seed=$FUZZ_SEED")
# FUZZ_RUNS is the slow target's count (the whole plugin on a request); the
# other two run 50 times as many inputs in the same time.
declare -A RUNS_SCALE=([request]=1 [comment]=50 [status_details]=50)

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
    runs=()
    [[ -n "${FUZZ_RUNS:-}" ]] && runs=("-runs=$((FUZZ_RUNS * ${RUNS_SCALE[$target]}))")
    if ! cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/corpus/${SEEDS[$target]}" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 "${DETERMINISM[@]}" "${runs[@]}" >"$log" 2>&1; then
        grep -E -A 12 "panicked|ERROR: libFuzzer|SUMMARY" "$log" | head -n 60 >&2
        echo "fuzz: $target crashed; reproduce with: cargo +nightly fuzz run $target fuzz/artifacts/$target/<crash file>," \
            "then add the input to fuzz/corpus/${SEEDS[$target]}/ once fixed" >&2
        exit 1
    fi
    grep -E "^Done|stat::number_of_executed_units" "$log" | tail -n 1
done
echo "fuzz: no crash"
