#!/usr/bin/env bash
# Builds the Python interop programs (tests/interop/README.md): installs the
# pinned toolchain into <repo>/.tools/venv (once), builds the
# protosmith-grpc-errors wheel from runtime/python and installs it, with only
# its runtime dependencies, into <repo>/.tools/python-interop, the venv that
# `server`, `client` and `client-aio` run in, as a user's service would.
# Idempotent; quick when done.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RUNTIME="$ROOT/runtime/python"
DEV="$ROOT/.tools/venv"
INTEROP="$ROOT/.tools/python-interop"
REQUIREMENTS="$RUNTIME/requirements-dev.txt"

fail() { echo "tests/interop/python/build.sh: $*" >&2; exit 1; }

python=""
for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
    if [[ -n "$candidate" ]] && command -v "$candidate" >/dev/null &&
        "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        python="$(command -v "$candidate")"
        break
    fi
done
[[ -n "$python" ]] || fail "needs Python 3.11 or newer with the venv module (Debian: apt-get install python3 python3-venv)"

# A venv whose pinned requirements are installed; a stamp keeps re-runs quick.
ensure_venv() {
    local venv="$1" stamp="$1/.protosmith-requirements" want
    shift
    want="$(cat "$@" | sha256sum | cut -d' ' -f1)"
    if [[ ! -x "$venv/bin/python" ]]; then
        "$python" -m venv "$venv" || fail "cannot create a venv at $venv"
    fi
    if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
        local args=()
        for file in "$@"; do args+=(-r "$file"); done
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${args[@]}" ||
            fail "pip could not install $* into $venv (is PyPI reachable?)"
        echo "$want" >"$stamp"
    fi
}

ensure_venv "$DEV" "$REQUIREMENTS"
ensure_venv "$INTEROP" "$HERE/requirements.txt"

dist="$ROOT/.tools/python-dist"
rm -rf "$dist"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
"$DEV/bin/python" -m build --wheel --no-isolation --outdir "$dist" "$RUNTIME" >"$log" 2>&1 || {
    cat "$log" >&2
    fail "python -m build could not build the wheel of $RUNTIME"
}
"$INTEROP/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
    "$dist"/protosmith_grpc_errors-*.whl || fail "could not install the wheel into $INTEROP"
"$INTEROP/bin/python" -c 'import protosmith_grpc_errors' || fail "the installed wheel does not import"
echo "tests/interop/python: built (wheel $(basename "$dist"/*.whl), venv $INTEROP)"
