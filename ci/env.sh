# shellcheck shell=bash
# Source this (bash) after ci/install-tools.sh:  source ci/env.sh
#
# Puts <repo>/.tools/bin (buf) first on PATH and exports PROTOC and
# PROTOC_INCLUDE (the directory holding google/protobuf/*.proto), as recorded
# by ci/install-tools.sh in .tools/protoc.env; without that file, the protoc
# on PATH (else /usr/bin/protoc) and /usr/include. Also exports
# GOOGLE_PROTO_FILES, the googleapis corpus (npm google-proto-files) that
# protoc-gen-docs' corpus test reads, once installed. Sourcing it twice is
# harmless. It sets no shell options, so it is safe to source interactively.

_protosmith_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case ":${PATH}:" in
    *":${_protosmith_root}/.tools/bin:"*) ;;
    *) export PATH="${_protosmith_root}/.tools/bin:${PATH}" ;;
esac

if [[ -f "${_protosmith_root}/.tools/protoc.env" ]]; then
    # shellcheck disable=SC1091
    source "${_protosmith_root}/.tools/protoc.env"
fi
export PROTOC="${PROTOC:-$(command -v protoc || echo /usr/bin/protoc)}"
export PROTOC_INCLUDE="${PROTOC_INCLUDE:-/usr/include}"
if [[ -d "${_protosmith_root}/.tools/npm/node_modules/google-proto-files/google" ]]; then
    export GOOGLE_PROTO_FILES="${_protosmith_root}/.tools/npm/node_modules/google-proto-files"
fi

unset _protosmith_root
