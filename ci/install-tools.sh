#!/usr/bin/env bash
# Installs the proto tools CI needs into <repo>/.tools/ (gitignored):
#
#   buf     from the npm package @bufbuild/buf (pinned below), which ships the
#           real static binary in a per-platform optional dependency
#           (@bufbuild/buf-linux-x64, ...); .tools/bin/buf links to it.
#   protoc  from Debian's protobuf-compiler, with libprotobuf-dev for the
#           well-known types (google/protobuf/*.proto under /usr/include).
#   cargo-http-registry
#           from crates.io (cargo install, pinned below) into .tools/cargo/bin:
#           the cargo registry server protosmith publish is tested against.
#   protoc-gen-go
#           from the Go module proxy (go install, pinned below) into
#           .tools/bin: a third-party plugin that ci/check-protos.sh runs
#           through protosmith generate and buf generate alike.
#   google-proto-files
#           from npm (pinned below) into .tools/npm: the googleapis corpus,
#           ~7,000 protos, that protoc-gen-docs' corpus test documents;
#           ci/env.sh exports its location as GOOGLE_PROTO_FILES.
#
# The locations of protoc and of its include dir are recorded in
# .tools/protoc.env, which ci/env.sh reads. Safe to rerun: what is already
# installed at the right version is left alone, so a second run takes a
# second or so. Usage: bash ci/install-tools.sh (from anywhere).
set -euo pipefail

BUF_VERSION=1.75.0
APT_PACKAGES=(protobuf-compiler libprotobuf-dev)
CARGO_HTTP_REGISTRY_VERSION=0.1.8
GOOGLE_PROTO_FILES_VERSION=6.0.1
PROTOC_GEN_GO_VERSION=v1.36.12

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS/bin"

log() { printf 'install-tools: %s\n' "$*"; }
die() { printf 'install-tools: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# buf
# ---------------------------------------------------------------------------

buf_platform_package() {
    local os arch
    case "$(uname -s)" in
        Linux) os=linux ;;
        Darwin) os=darwin ;;
        *) die "no @bufbuild/buf binary package for OS $(uname -s)" ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=x64 ;;
        aarch64 | arm64) arch=$([[ $os == linux ]] && echo aarch64 || echo arm64) ;;
        armv7l) arch=armv7 ;;
        *) die "no @bufbuild/buf binary package for CPU $(uname -m)" ;;
    esac
    echo "@bufbuild/buf-$os-$arch"
}

install_buf() {
    local have=""
    if [[ -x "$TOOLS/bin/buf" ]]; then
        have="$("$TOOLS/bin/buf" --version 2>/dev/null || true)"
    fi
    if [[ "$have" == "$BUF_VERSION" ]]; then
        log "buf $BUF_VERSION already installed"
        return
    fi
    command -v npm >/dev/null || die "npm is needed to install buf (apt-get install npm, or install Node.js)"
    log "installing buf $BUF_VERSION from npm (had: ${have:-none})"
    # --ignore-scripts: the package's postinstall only re-checks the binary
    # we link to directly below; skipping it keeps npm quiet and offline-safe.
    npm install --prefix "$TOOLS/npm" --save-exact --no-fund --no-audit \
        --ignore-scripts --loglevel=error "@bufbuild/buf@$BUF_VERSION" >/dev/null

    local pkg binary
    pkg="$(buf_platform_package)"
    # Link the native binary, not node_modules/.bin/buf (a Node.js wrapper
    # that spawns the same binary), so buf runs without starting node.
    binary="$TOOLS/npm/node_modules/$pkg/bin/buf"
    [[ -x "$binary" ]] || die "npm installed @bufbuild/buf@$BUF_VERSION but $binary is missing"
    ln -sfn "../npm/node_modules/$pkg/bin/buf" "$TOOLS/bin/buf"

    have="$("$TOOLS/bin/buf" --version)"
    [[ "$have" == "$BUF_VERSION" ]] || die "expected buf $BUF_VERSION, $TOOLS/bin/buf reports $have"
}

# ---------------------------------------------------------------------------
# protoc
# ---------------------------------------------------------------------------

apt_installed() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        [[ "$status" == "install ok installed" ]] || return 1
    done
}

install_protoc() {
    if command -v dpkg-query >/dev/null && apt_installed "${APT_PACKAGES[@]}"; then
        log "${APT_PACKAGES[*]} already installed"
    elif command -v apt-get >/dev/null; then
        local sudo=()
        if [[ "$(id -u)" != 0 ]]; then
            command -v sudo >/dev/null || die "installing ${APT_PACKAGES[*]} needs root or sudo"
            sudo=(sudo)
        fi
        log "installing ${APT_PACKAGES[*]} with apt-get"
        local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
        "${apt[@]}" update -qq
        "${apt[@]}" install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null
    elif command -v protoc >/dev/null; then
        log "no apt-get here; using the protoc on PATH"
    else
        die "no apt-get to install protoc with: install protoc and its well-known types by hand"
    fi

    local protoc
    protoc="$(command -v protoc)" || die "protoc is not on PATH after installing ${APT_PACKAGES[*]}"
    # The well-known types: libprotobuf-dev puts them in /usr/include; a protoc
    # unpacked elsewhere keeps them in <prefix>/include next to <prefix>/bin.
    local dir include=""
    for dir in /usr/include "$(dirname "$(dirname "$(readlink -f "$protoc")")")/include" /usr/local/include; do
        if [[ -f "$dir/google/protobuf/descriptor.proto" ]]; then
            include="$dir"
            break
        fi
    done
    [[ -n "$include" ]] || die "google/protobuf/descriptor.proto not found (is libprotobuf-dev installed?)"

    local env_file="$TOOLS/protoc.env" content
    content="$(printf 'PROTOC=%q\nPROTOC_INCLUDE=%q\n' "$protoc" "$include")"
    if [[ ! -f "$env_file" || "$(cat "$env_file")" != "$content" ]]; then
        printf '%s\n' "$content" >"$env_file"
    fi
}

# ---------------------------------------------------------------------------
# cargo-http-registry
# ---------------------------------------------------------------------------

install_cargo_http_registry() {
    local bin="$TOOLS/cargo/bin/cargo-http-registry" have=""
    if [[ -x "$bin" ]]; then
        # It prints its version and then exits non-zero, as for any early exit.
        have="$("$bin" --version 2>&1 | head -n 1 || true)"
    fi
    if [[ "$have" == "cargo-http-registry $CARGO_HTTP_REGISTRY_VERSION" ]]; then
        log "cargo-http-registry $CARGO_HTTP_REGISTRY_VERSION already installed"
        return
    fi
    command -v cargo >/dev/null || die "cargo is needed to install cargo-http-registry (install Rust)"
    log "installing cargo-http-registry $CARGO_HTTP_REGISTRY_VERSION from crates.io (had: ${have:-none}; a few minutes)"
    cargo install --locked --quiet --force --root "$TOOLS/cargo" \
        --version "$CARGO_HTTP_REGISTRY_VERSION" cargo-http-registry
    have="$("$bin" --version 2>&1 | head -n 1 || true)"
    [[ "$have" == "cargo-http-registry $CARGO_HTTP_REGISTRY_VERSION" ]] ||
        die "expected cargo-http-registry $CARGO_HTTP_REGISTRY_VERSION, $bin reports ${have:-nothing}"
}

# ---------------------------------------------------------------------------
# google-proto-files (the googleapis corpus)
# ---------------------------------------------------------------------------

install_google_proto_files() {
    local manifest="$TOOLS/npm/node_modules/google-proto-files/package.json" have=""
    if [[ -f "$manifest" ]]; then
        have="$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$manifest" | head -n 1)"
    fi
    if [[ "$have" == "$GOOGLE_PROTO_FILES_VERSION" ]]; then
        log "google-proto-files $GOOGLE_PROTO_FILES_VERSION already installed"
        return
    fi
    command -v npm >/dev/null || die "npm is needed to install google-proto-files (apt-get install npm, or install Node.js)"
    log "installing google-proto-files $GOOGLE_PROTO_FILES_VERSION from npm (had: ${have:-none})"
    # Only the .proto files are used; --ignore-scripts as for buf.
    npm install --prefix "$TOOLS/npm" --save-exact --no-fund --no-audit \
        --ignore-scripts --loglevel=error "google-proto-files@$GOOGLE_PROTO_FILES_VERSION" >/dev/null
    [[ -f "$TOOLS/npm/node_modules/google-proto-files/google/api/annotations.proto" ]] ||
        die "npm installed google-proto-files@$GOOGLE_PROTO_FILES_VERSION but google/api/annotations.proto is missing"
}

# ---------------------------------------------------------------------------
# protoc-gen-go (a third-party plugin protosmith generate runs as buf does)
# ---------------------------------------------------------------------------

install_protoc_gen_go() {
    local bin="$TOOLS/bin/protoc-gen-go" have=""
    if [[ -x "$bin" ]]; then
        have="$("$bin" --version 2>/dev/null || true)"
    fi
    if [[ "$have" == "protoc-gen-go $PROTOC_GEN_GO_VERSION" ]]; then
        log "protoc-gen-go $PROTOC_GEN_GO_VERSION already installed"
        return
    fi
    command -v go >/dev/null || die "go is needed to install protoc-gen-go (install Go 1.26)"
    log "installing protoc-gen-go $PROTOC_GEN_GO_VERSION with go install (had: ${have:-none})"
    GOBIN="$TOOLS/bin" go install "google.golang.org/protobuf/cmd/protoc-gen-go@$PROTOC_GEN_GO_VERSION"
}

install_buf
install_protoc_gen_go
install_protoc
install_cargo_http_registry
install_google_proto_files

# shellcheck source=ci/env.sh
source "$ROOT/ci/env.sh"
log "buf $(buf --version) at $(command -v buf) -> $(readlink -f "$(command -v buf)")"
log "$("$PROTOC" --version) at $PROTOC"
log "well-known types in $PROTOC_INCLUDE/google/protobuf"
log "cargo-http-registry $CARGO_HTTP_REGISTRY_VERSION at $TOOLS/cargo/bin/cargo-http-registry"
log "google-proto-files $GOOGLE_PROTO_FILES_VERSION at $GOOGLE_PROTO_FILES"
log "$("$TOOLS/bin/protoc-gen-go" --version) at $TOOLS/bin/protoc-gen-go"
