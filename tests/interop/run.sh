#!/usr/bin/env bash
# The cross-language interop matrix (tests/interop/README.md): every
# language's server against every language's client, over gRPC on 127.0.0.1,
# each cell running every case of cases.json.
#
#   bash tests/interop/run.sh [--no-build] [LANG ...]
#
# LANGs default to every directory here with a build.sh. --no-build skips the
# builds (ci/test.sh has run each language's build already). Prints the
# matrix, the log of every failing cell, and `N passed, N failed` (cells);
# exits 1 when a cell failed or a server did not start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CASES="$HERE/cases.json"
ORDER=(rust go java ts python php)

build=1
langs=()
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
        *) langs+=("$arg") ;;
    esac
done
if ((${#langs[@]} == 0)); then
    for lang in "${ORDER[@]}"; do
        [[ -x "$HERE/$lang/build.sh" ]] && langs+=("$lang")
    done
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/interop.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

if ((build)); then
    for lang in "${langs[@]}"; do
        printf 'interop: building %s\n' "$lang"
        if ! "$HERE/$lang/build.sh" >"$TMP/build-$lang.log" 2>&1; then
            sed 's/^/  | /' "$TMP/build-$lang.log"
            echo "interop: the $lang build failed" >&2
            exit 1
        fi
    done
fi

# Servers: each reads a FIFO this script holds open, so it stops when the
# script ends (stdin closes) as well as on the SIGTERM of cleanup().
servers=()
declare -A address
fd=10
for lang in "${langs[@]}"; do
    [[ -x "$HERE/$lang/server" ]] || continue
    fifo="$TMP/stdin-$lang"
    mkfifo "$fifo"
    eval "exec $fd<>\"\$fifo\""
    fd=$((fd + 1))
    "$HERE/$lang/server" <"$fifo" >"$TMP/server-$lang.out" 2>"$TMP/server-$lang.err" &
    pids+=("$!")
    servers+=("$lang")
done
for lang in "${servers[@]}"; do
    for _ in $(seq 1 600); do
        line="$(head -n 1 "$TMP/server-$lang.out" 2>/dev/null || true)"
        if [[ "$line" == "listening "* ]]; then
            address[$lang]="${line#listening }"
            break
        fi
        sleep 0.1
    done
    if [[ -z "${address[$lang]:-}" ]]; then
        echo "interop: the $lang server did not say where it listens within 60 s; its stderr:" >&2
        sed 's/^/  | /' "$TMP/server-$lang.err" >&2
        exit 1
    fi
done

# Clients: `client` and every `client-VARIANT` of each language.
clients=()
for lang in "${langs[@]}"; do
    for program in "$HERE/$lang"/client "$HERE/$lang"/client-*; do
        [[ -x "$program" ]] || continue
        name="$lang"
        [[ "$(basename "$program")" == client-* ]] && name="$lang/${program##*/client-}"
        clients+=("$name:$program")
    done
done

passed=0
failed=0
declare -A cell
failures=()
for server in "${servers[@]}"; do
    for entry in "${clients[@]}"; do
        name="${entry%%:*}"
        program="${entry#*:}"
        log="$TMP/${server}-${name//\//-}.log"
        if timeout 300 "$program" "${address[$server]}" "$CASES" >"$log" 2>&1; then
            status=ok
        else
            status=fail
        fi
        summary="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)"
        if [[ "$status" == ok && -n "$summary" ]]; then
            passed=$((passed + 1))
            cell[$server,$name]="${summary%% passed*}/${summary%% passed*}"
        else
            failed=$((failed + 1))
            ok_cases="${summary%% passed*}"
            cell[$server,$name]="FAIL ${ok_cases:-0}"
            failures+=("$server server x $name client:$log")
        fi
    done
done

printf '\nInterop matrix: rows are servers, columns clients; a cell is cases passed/run (%s).\n\n' \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cases"]), "cases")' "$CASES" 2>/dev/null || echo "cases.json")"
printf '%-8s' "server"
for entry in "${clients[@]}"; do
    printf ' %-12s' "${entry%%:*}"
done
printf '\n'
for server in "${servers[@]}"; do
    printf '%-8s' "$server"
    for entry in "${clients[@]}"; do
        printf ' %-12s' "${cell[$server,${entry%%:*}]}"
    done
    printf '\n'
done
for failure in "${failures[@]}"; do
    printf '\n--- %s\n' "${failure%%:*}"
    grep -v '^ok ' "${failure#*:}" | sed 's/^/  | /'
done
printf '\ninterop: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
