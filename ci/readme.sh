#!/usr/bin/env bash
# Runs every ```sh block of README.md, verbatim, in order, each in its own
# bash (set -euo pipefail) in a fresh clone of the repository (so the README's
# `generate` commands must reproduce the committed gen/ exactly: the copy is
# checked with git afterwards). A README that lies is a bug.
#
#   bash ci/readme.sh
#
# The environment, not the commands, keeps it self-contained: cargo install
# goes to a temporary CARGO_INSTALL_ROOT put first on PATH (as a debug
# build), the clone's
# target/ is this checkout's, and what a block starts in the background is stopped
# when the block ends. Needs the tools of ci/install-tools.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=ci/env.sh
source "$ROOT/ci/env.sh"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/readme.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# The repository as committed, plus the tools already installed and this
# checkout's target/ (the README names target/debug/...).
git clone --quiet --no-hardlinks "$ROOT" "$TMP/repo"
ln -s "$ROOT/.tools" "$TMP/repo/.tools"
ln -s "${CARGO_TARGET_DIR:-$ROOT/target}" "$TMP/repo/target"
unset CARGO_TARGET_DIR
export CARGO_INSTALL_ROOT="$TMP/install"
export PATH="$CARGO_INSTALL_ROOT/bin:$PATH"
# The blocks' `mktemp -d` scratch (a user keeps it to look at) goes with $TMP.
export TMPDIR="$TMP/scratch"
mkdir "$TMPDIR"

# `cargo install` builds a debug binary in the clone's target/ (what the
# rest of the run built), not a release build from scratch: the same
# command, minutes cheaper.
CARGO_INSTALL_DEBUG='cargo() { if [[ "${1:-}" == install ]]; then shift; CARGO_TARGET_DIR="$PWD/target" command cargo install --debug "$@"; else command cargo "$@"; fi; }'

# Split README.md's ```sh blocks into files, numbered in order, with their line.
awk -v dir="$TMP" '
    /^```sh$/ { n++; file = sprintf("%s/block-%02d.sh", dir, n); printf "# README.md line %d\n", NR + 1 > file; inside = 1; next }
    /^```/    { inside = 0; next }
    inside    { print > file }
' "$ROOT/README.md"

passed=0
failed=0
for block in "$TMP"/block-*.sh; do
    where="$(head -n 1 "$block" | sed 's/^# //')"
    # A block's leftovers from an earlier run (the throwaway registry's data) must not count.
    rm -rf /tmp/registry
    if (cd "$TMP/repo" && bash -c "set -euo pipefail; trap 'kill \$(jobs -p) 2>/dev/null || true' EXIT; $CARGO_INSTALL_DEBUG; source \"$block\"") >"$block.log" 2>&1; then
        passed=$((passed + 1))
        printf 'ok    %s\n' "$where"
    else
        failed=$((failed + 1))
        printf 'FAIL  %s\n' "$where"
        sed 's/^/      | /' "$block"
        printf '      output:\n'
        tail -n 30 "$block.log" | sed 's/^/      | /'
    fi
done

# The README's generate commands reproduce the committed files.
if (cd "$TMP/repo" && git status --porcelain -- gen | grep -q .); then
    failed=$((failed + 1))
    printf 'FAIL  the README commands changed gen/:\n'
    (cd "$TMP/repo" && git status --porcelain -- gen | sed 's/^/      | /')
else
    passed=$((passed + 1))
    printf 'ok    gen/ unchanged by the README commands\n'
fi

printf 'readme: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
