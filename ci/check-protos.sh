#!/usr/bin/env bash
# Checks the protos and that every way of running the plugins agrees
# (protoc-gen-errors in its six languages, protoc-gen-test for Rust and Go,
# protoc-gen-docs in its three formats):
#
#   buf format, buf lint
#   cargo build of the plugins and protosmith
#   protosmith generate (protox), twice: the output is deterministic
#   buf generate with buf.gen.yaml (strategy: directory), and with strategy: all
#   protoc --plugin=protoc-gen-errors (and the other plugins)
#   ...all byte-for-byte identical to protosmith generate's output
#   gen/ is up to date (protosmith generate --check) and holds no stale files
#
# Needs the tools from ci/install-tools.sh. Run from anywhere:
#   bash ci/install-tools.sh && bash ci/check-protos.sh
# Prints one line per check and stops at the first failure, exiting 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=ci/env.sh
source ci/env.sh

# buf.gen.yaml names the plugin as target/debug/protoc-gen-errors, so build
# there whatever CARGO_TARGET_DIR the caller has.
export CARGO_TARGET_DIR="$ROOT/target"
PLUGIN="$CARGO_TARGET_DIR/debug/protoc-gen-errors"
PROTOSMITH="$CARGO_TARGET_DIR/debug/protosmith"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/check-protos.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

passed=0

pass() {
    passed=$((passed + 1))
    printf 'ok    %s\n' "$1"
}

# fail NAME HINT [LOG]: reports the failed check with its output and exits.
fail() {
    printf 'FAIL  %s\n' "$1"
    if [[ -n "${3:-}" && -s "$3" ]]; then
        sed 's/^/      | /' "$3"
    fi
    printf '      -> %s\n' "$2"
    printf 'check-protos: %d passed, 1 failed\n' "$passed"
    exit 1
}

# check NAME HINT -- COMMAND...: runs COMMAND with its output captured,
# shown only when it fails.
check() {
    local name="$1" hint="$2" log="$TMP/log"
    shift 3
    if "$@" >"$log" 2>&1; then
        pass "$name"
    else
        fail "$name" "$hint" "$log"
    fi
}

# same_tree NAME EXPECTED ACTUAL HINT: ACTUAL must hold exactly the files of EXPECTED.
same_tree() {
    local name="$1" expected="$2" actual="$3" hint="$4" log="$TMP/log"
    if diff -r "$expected" "$actual" >"$log" 2>&1; then
        pass "$name"
    else
        fail "$name" "$hint" "$log"
    fi
}

# same NAME DIR HINT: DIR must hold exactly the files of the reference output.
same() {
    local name="$1" dir="$2" hint="$3" log="$TMP/log"
    if diff -r "$REFERENCE" "$dir" >"$log" 2>&1; then
        pass "$name"
    else
        fail "$name" "$hint" "$log"
    fi
}

# --- tools -----------------------------------------------------------------

for tool in buf cargo; do
    command -v "$tool" >/dev/null || fail "tools" "$tool is not on PATH: run bash ci/install-tools.sh (cargo: install Rust)"
done
[[ -x "$PROTOC" ]] || fail "tools" "no protoc at $PROTOC: run bash ci/install-tools.sh"
[[ -f "$PROTOC_INCLUDE/google/protobuf/descriptor.proto" ]] ||
    fail "tools" "no google/protobuf/descriptor.proto under $PROTOC_INCLUDE: run bash ci/install-tools.sh"
printf 'tools: buf %s, %s, %s\n' "$(buf --version)" "$("$PROTOC" --version)" "$(cargo --version)"

# --- protos ----------------------------------------------------------------

check "buf format" \
    "the protos are not formatted as buf wants: run 'buf format -w' (diff above)" \
    -- buf format --diff --exit-code
check "buf lint" \
    "fix the lint findings above, or list a justified exception under lint.ignore_only in buf.yaml" \
    -- buf lint

# --- build -----------------------------------------------------------------

check "cargo build -p protoc-gen-errors -p protoc-gen-test -p protoc-gen-docs -p protosmith" \
    "the plugins do not build (cargo output above)" \
    -- cargo build -p protoc-gen-errors -p protoc-gen-test -p protoc-gen-docs -p protosmith

# --- generate ----------------------------------------------------------------

# (a) protosmith generate, with protox: the reference output.
# It reads buf.gen.yaml, as buf does; --out prefixes its outs, as buf's -o.
# The reference is every language's registries, gen/errors/<lang>.
REFERENCE="$TMP/protox/gen/errors"
LANGS=(rust go java ts python php)
check "protosmith generate" \
    "protosmith generate failed (output above)" \
    -- "$PROTOSMITH" generate --out "$TMP/protox"
# Every language must have written something: an empty out would compare
# equal to another empty out and prove nothing.
for lang in "${LANGS[@]}"; do
    if [[ -z "$(find "$REFERENCE/$lang" -type f 2>/dev/null)" ]]; then
        fail "protosmith generate" "protosmith generate wrote no file under $REFERENCE/$lang, so there is nothing to compare; is its entry in buf.gen.yaml?"
    fi
done
count="$(find "$REFERENCE" -type f | wc -l)"

check "protosmith generate, second run" \
    "protosmith generate failed on its second run (output above)" \
    -- "$PROTOSMITH" generate --out "$TMP/protox-again"
same_tree "protosmith generate is deterministic ($count registries, and tests and docs)" "$TMP/protox/gen" "$TMP/protox-again/gen" \
    "two runs of protosmith generate on the same protos wrote different files (diff above)"

# (b) buf generate with the committed buf.gen.yaml; -o prefixes its out dirs.
check "buf generate (buf.gen.yaml, strategy: directory)" \
    "buf generate failed with buf.gen.yaml (output above)" \
    -- buf generate -o "$TMP/buf"
same "buf generate (strategy: directory) == protosmith generate" "$TMP/buf/gen/errors" \
    "protoc-gen-errors under buf (per-directory requests) differs from protosmith generate (diff above: < protosmith, > buf)"
# protoc-gen-test merges into the committed gen/tests/rust and gen/tests/go
# (dir= in buf.gen.yaml), so its output must be those very files.
same_tree "buf generate: protoc-gen-test keeps gen/tests as written" gen/tests "$TMP/buf/gen/tests" \
    "protoc-gen-test under buf changed the committed tests (diff above: < committed, > buf)"
same_tree "buf generate: protoc-gen-docs == protosmith generate" "$TMP/protox/gen/docs" "$TMP/buf/gen/docs" \
    "protoc-gen-docs under buf differs from protosmith generate (diff above: < protosmith, > buf)"

# ...and with every file in one request.
sed 's/^\([[:space:]]*strategy:[[:space:]]*\)directory\b/\1all/' buf.gen.yaml >"$TMP/buf.gen.all.yaml"
grep -q '^[[:space:]]*strategy:[[:space:]]*all\b' "$TMP/buf.gen.all.yaml" ||
    fail "buf generate (strategy: all)" "buf.gen.yaml has no 'strategy: directory' line to switch to 'all'; update ci/check-protos.sh"
check "buf generate (strategy: all)" \
    "buf generate failed with strategy: all (output above)" \
    -- buf generate --template "$TMP/buf.gen.all.yaml" -o "$TMP/buf-all"
same "buf generate (strategy: all) == protosmith generate" "$TMP/buf-all/gen/errors" \
    "protoc-gen-errors under buf with one request for all files differs from protosmith generate (diff above: < protosmith, > buf)"
same_tree "buf generate (strategy: all): protoc-gen-test keeps gen/tests as written" gen/tests "$TMP/buf-all/gen/tests" \
    "protoc-gen-test under buf with one request for all files changed the committed tests (diff above: < committed, > buf)"
same_tree "buf generate (strategy: all): protoc-gen-docs == protosmith generate" "$TMP/protox/gen/docs" "$TMP/buf-all/gen/docs" \
    "protoc-gen-docs under buf differs from protosmith generate (diff above: < protosmith, > buf)"

# (c) protoc with the plugin binary: one run per buf.gen.yaml entry, with
# the entry's opt as --X_opt (protoc sends every file in one request, as
# strategy: all). A difference from (a) is either the plugin or an opt here
# that no longer matches buf.gen.yaml.
mapfile -t protos < <(cd proto && find . -name '*.proto' -printf '%P\n' | LC_ALL=C sort)
declare -A errors_opt=(
    [rust]=""
    [go]="lang=go,module=acme.example/gen/go"
    [java]="lang=java"
    [ts]="lang=ts"
    [python]="lang=python"
    [php]="lang=php"
)
for lang in "${LANGS[@]}"; do
    mkdir -p "$TMP/protoc/errors/$lang"
    check "protoc --errors_out --errors_opt=${errors_opt[$lang]}" \
        "protoc with protoc-gen-errors failed (output above)" \
        -- "$PROTOC" -I proto -I "$PROTOC_INCLUDE" \
        "--plugin=protoc-gen-errors=$PLUGIN" \
        "--errors_out=$TMP/protoc/errors/$lang" "--errors_opt=${errors_opt[$lang]}" \
        "${protos[@]}"
done
same "protoc --errors_out == protosmith generate" "$TMP/protoc/errors" \
    "protoc-gen-errors under protoc differs from protosmith generate (diff above: < protosmith, > protoc)"
declare -A test_opt=(
    [rust]="dir=gen/tests/rust"
    [go]="lang=go,module=acme.example/gen/go,dir=gen/tests/go"
)
for lang in rust go; do
    mkdir -p "$TMP/protoc/tests/$lang"
    check "protoc --test_out --test_opt=${test_opt[$lang]}" \
        "protoc with protoc-gen-test failed (output above)" \
        -- "$PROTOC" -I proto -I "$PROTOC_INCLUDE" \
        "--plugin=protoc-gen-test=$CARGO_TARGET_DIR/debug/protoc-gen-test" \
        "--test_out=$TMP/protoc/tests/$lang" "--test_opt=${test_opt[$lang]}" \
        "${protos[@]}"
done
same_tree "protoc: protoc-gen-test keeps gen/tests as written" gen/tests "$TMP/protoc/tests" \
    "protoc-gen-test under protoc changed the committed tests (diff above: < committed, > protoc)"
# protoc-gen-docs: one protoc run per format, as buf.gen.yaml has one entry per format.
for format in markdown html json; do
    mkdir -p "$TMP/protoc/docs/$format"
    check "protoc --docs_out --docs_opt=format=$format" \
        "protoc with protoc-gen-docs failed (output above)" \
        -- "$PROTOC" -I proto -I "$PROTOC_INCLUDE" \
        "--plugin=protoc-gen-docs=$CARGO_TARGET_DIR/debug/protoc-gen-docs" \
        "--docs_out=$TMP/protoc/docs/$format" "--docs_opt=format=$format" \
        "${protos[@]}"
done
same_tree "protoc --docs_out == protosmith generate" "$TMP/protox/gen/docs" "$TMP/protoc/docs" \
    "protoc-gen-docs under protoc differs from protosmith generate (diff above: < protosmith, > protoc)"

# (d) third-party plugins: protosmith generate runs what buf.gen.yaml lists
# that is not protosmith's (a local program, a protoc built-in) on the request
# buf would send, and writes the same files as buf generate.
mkdir -p "$TMP/third/bin"
ln -s "$CARGO_TARGET_DIR/debug/protoc-gen-docs" "$TMP/third/bin/protoc-gen-other-docs"
cat >"$TMP/third/buf.gen.yaml" <<YAML
version: v2
plugins:
  - local: $ROOT/.tools/bin/protoc-gen-go
    out: go
    opt: paths=source_relative
  - local: $TMP/third/bin/protoc-gen-other-docs
    out: docs
    opt: [format=json, sort=name]
    strategy: all
  - protoc_builtin: python
    protoc_path: $PROTOC
    out: python
  - local: $PLUGIN
    out: errors
YAML
check "buf generate with third-party plugins" \
    "buf generate failed with protoc-gen-go, an external protoc-gen-docs and protoc's python (output above)" \
    -- buf generate --template "$TMP/third/buf.gen.yaml" -o "$TMP/third/buf"
check "protosmith generate with third-party plugins" \
    "protosmith generate failed with protoc-gen-go, an external protoc-gen-docs and protoc's python (output above)" \
    -- "$PROTOSMITH" generate --template "$TMP/third/buf.gen.yaml" --out "$TMP/third/protosmith"
count="$(find "$TMP/third/buf" -type f | wc -l)"
same_tree "third-party plugins: protosmith generate == buf generate ($count files)" "$TMP/third/buf" "$TMP/third/protosmith" \
    "protosmith generate wrote other files than buf generate for the same buf.gen.yaml (diff above: < buf, > protosmith)"

# --- freshness of the committed gen/ ----------------------------------------------

check "gen/ is up to date (protosmith generate --check)" \
    "the committed gen/ is stale: run 'cargo run -p protosmith -- generate' and commit gen/" \
    -- "$PROTOSMITH" generate --check
same "gen/errors holds exactly the generated files" gen/errors \
    "gen/errors differs from a fresh protosmith generate (diff above: < fresh, > committed); delete stale files, run 'cargo run -p protosmith -- generate' and commit gen/"
same_tree "gen/docs holds exactly the generated files" "$TMP/protox/gen/docs" gen/docs \
    "gen/docs differs from a fresh protosmith generate (diff above: < fresh, > committed); delete stale files, run 'cargo run -p protosmith -- generate' and commit gen/"

printf 'check-protos: %d passed, 0 failed\n' "$passed"
