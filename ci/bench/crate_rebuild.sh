#!/usr/bin/env bash
# The build.rs row of issue 17: how long a crate takes to rebuild after a
# proto changes, with protosmith-build (messages, stubs, error registries)
# against protox + tonic-prost-build (messages, stubs). Run by
# `bash ci/bench.sh --crate-rebuild`; prints a Markdown table on stdout.
#
# Two crates in a scratch folder, each with its own copy of the example
# protos and the workspace's Cargo.lock (the same dependency versions),
# sharing one target folder (the dependencies are built once, before the
# measured runs). Each measured run touches the crate's protos and runs
# `cargo build` (dev profile, what a developer waits for): the build script
# runs again and the crate compiles again. Runs alternate; medians.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeats="${1:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/protosmith-rebuild-XXXXXX")"
# KEEP_WORK=1 keeps the scratch folder, to look at what was built.
[[ ${KEEP_WORK:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$work/target"

log() { printf 'bench: %s\n' "$*" >&2; }

FILES='"acme/user/v1/user.proto", "acme/user/v1/errors.proto", "acme/order/v1/order.proto"'

make_crate() { # name build-dependencies dependencies build.rs lib.rs
    local dir="$work/$1"
    mkdir -p "$dir/src"
    cp -r "$ROOT/proto" "$dir/proto"
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
prost = "0.14"
tonic = "0.14"
tonic-prost = "0.14"
$3

[build-dependencies]
$2

[workspace]
EOF
    printf '%s\n' "$4" >"$dir/build.rs"
    printf '%s\n' "$5" >"$dir/src/lib.rs"
}

make_crate rebuild-floor \
    'protox = "0.10"
tonic-prost-build = "0.14"' \
    '' \
    "fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fds = protox::compile([$FILES], [\"proto\"])?;
    tonic_prost_build::configure().compile_fds(fds)?;
    println!(\"cargo:rerun-if-changed=proto\");
    Ok(())
}" \
    'pub mod acme {
    pub mod user {
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/acme.user.v1.rs"));
        }
    }
    pub mod order {
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/acme.order.v1.rs"));
        }
    }
}'

make_crate rebuild-protosmith \
    "protosmith-build = { path = \"$ROOT/plugins/protosmith-build\" }" \
    "grpc-errors = { path = \"$ROOT/runtime/rust/grpc-errors\" }" \
    "fn main() -> Result<(), Box<dyn std::error::Error>> {
    protosmith_build::configure().protox().compile(&[$FILES], &[\"proto\"])?;
    Ok(())
}" \
    'include!(concat!(env!("OUT_DIR"), "/protosmith.rs"));'

for crate in rebuild-floor rebuild-protosmith; do
    log "building $crate and its dependencies once (not measured)"
    (cd "$work/$crate" && cargo build -q -j 2 2>&1 | tail -20 >&2)
done

declare -A cpu wall
for ((i = 1; i <= repeats; i++)); do
    log "rebuild $i/$repeats"
    for crate in rebuild-floor rebuild-protosmith; do
        find "$work/$crate/proto" -name '*.proto' -exec touch {} +
        (cd "$work/$crate" && /usr/bin/time -f '%U %S %e' -o "$work/time" cargo build -q -j 2)
        read -r user system elapsed <"$work/time"
        cpu[$crate]+="$(awk -v u="$user" -v s="$system" 'BEGIN {print u + s}') "
        wall[$crate]+="$elapsed "
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
floor_cpu=$(echo "${cpu[rebuild-floor]}" | median)
floor_wall=$(echo "${wall[rebuild-floor]}" | median)
echo
echo "### Crate rebuild after a proto changed: \`cargo build\` (dev), $repeats alternated runs, medians"
echo
echo "| crate | CPU s | wall s | CPU / floor | wall / floor |"
echo "| --- | ---: | ---: | ---: | ---: |"
for crate in rebuild-floor rebuild-protosmith; do
    c=$(echo "${cpu[$crate]}" | median)
    w=$(echo "${wall[$crate]}" | median)
    what="protox + tonic-prost-build (messages, stubs)"
    [[ $crate == rebuild-protosmith ]] && what="protosmith-build (messages, stubs, error registries)"
    awk -v what="$what" -v c="$c" -v w="$w" -v fc="$floor_cpu" -v fw="$floor_wall" \
        'BEGIN {printf "| %s | %.2f | %.2f | %.2fx | %.2fx |\n", what, c, w, c / fc, w / fw}'
done
