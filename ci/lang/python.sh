#!/usr/bin/env bash
# Python: the runtime (runtime/python, protosmith-grpc-errors), the
# hand-written generated modules of the example module
# (tests/interop/python/gen) and the Python interop programs.
#
#   bash ci/lang/python.sh
#
# Installs the pinned toolchain (runtime/python/requirements-dev.txt) into
# <repo>/.tools/venv and builds the interop programs (tests/interop/python/
# build.sh: the runtime's wheel in its own venv), then: ruff format --check,
# black --check of the generated modules, ruff check, mypy --strict over the runtime, its tests, the generated modules
# and the interop programs, pytest, and the Python client (sync and asyncio)
# against the Python server. Idempotent; seconds on a re-run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
RUNTIME="runtime/python"
INTEROP="tests/interop/python"
VENV="$ROOT/.tools/venv"

step() { printf '\n==> python: %s\n' "$*"; }

step "toolchain"
have_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3; do
        command -v "$candidate" >/dev/null &&
            "$candidate" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null &&
            return 0
    done
    return 1
}
if ! have_python; then
    command -v apt-get >/dev/null || { echo "ci/lang/python.sh: needs Python 3.11+ with venv" >&2; exit 1; }
    echo "installing python3 and python3-venv from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
fi

step "build the interop programs (and install the toolchain)"
bash "$INTEROP/build.sh"
"$VENV/bin/python" --version
"$VENV/bin/python" -m pip list --disable-pip-version-check 2>/dev/null |
    grep -E '^(grpcio|grpcio-status|grpcio-tools|protobuf|googleapis-common-protos|pytest|mypy|ruff) ' |
    tr -s ' ' | paste -sd, -

step "runtime/python: grpcio-tools' code of options.proto (protosmith.errors.v1), current"
bash ci/runtime-options.sh python

step "ruff format --check"
"$VENV/bin/ruff" format --check "$RUNTIME" "$INTEROP"

step "black --check (the generated modules are black's fixed point too)"
"$VENV/bin/black" --check --quiet "$INTEROP/gen" && echo "black: $INTEROP/gen unchanged"

step "ruff check"
"$VENV/bin/ruff" check "$RUNTIME" "$INTEROP"

step "mypy --strict (runtime, tests, generated modules, interop programs)"
(cd "$RUNTIME" && MYPYPATH="$ROOT/$INTEROP" "$VENV/bin/mypy" --strict \
    src tests "$ROOT/$INTEROP/gen" "$ROOT/$INTEROP"/interop_*.py)

step "pytest"
(cd "$RUNTIME" && "$VENV/bin/python" -m pytest -p no:cacheprovider)

step "interop: the Python clients against the Python server"
coproc SERVER { exec "$INTEROP/server"; }
server_pid=$SERVER_PID
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
read -r -t 30 line <&"${SERVER[0]}" || { echo "the Python interop server did not start" >&2; exit 1; }
address="${line#listening }"
"$INTEROP/client" "$address" tests/interop/cases.json | tail -n 1
"$INTEROP/client-aio" "$address" tests/interop/cases.json | tail -n 1
# A client that passes everything proves nothing: each case, with one wanted
# field changed, must fail.
wrong="$(mktemp)"
count="$("$VENV/bin/python" - tests/interop/cases.json "$wrong" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1], encoding="utf-8"))
fields = ["code", "http", "reason", "domain", "message", "metadata", "localized", "registered"]
for index, case in enumerate(cases["cases"]):
    want = case["want"]
    field = fields[index % len(fields)]
    want[field] = {
        "code": lambda v: v + 1, "http": lambda v: v + 1, "reason": lambda v: v + "x",
        "domain": lambda v: v + "x", "message": lambda v: v + "x",
        "metadata": lambda v: {**v, "extra": "x"},
        "localized": lambda v: None if v else {"locale": "xx", "message": "x"},
        "registered": lambda v: not v,
    }[field](want.get(field))
json.dump(cases, open(sys.argv[2], "w", encoding="utf-8"))
print(len(cases["cases"]))
PY
)"
for client in client client-aio; do
    if summary="$("$INTEROP/$client" "$address" "$wrong" | tail -n 1)"; then
        echo "$client passed cases with wrong expectations" >&2
        exit 1
    fi
    [[ "$summary" == "0 passed, $count failed" ]] ||
        { echo "$client: $summary (want 0 passed, $count failed)" >&2; exit 1; }
    echo "$client with a wrong expectation in every case: $summary"
done
rm -f "$wrong"
kill "$server_pid"
wait "$server_pid" || true
trap - EXIT
