#!/usr/bin/env bash
# Builds the Rust server and client of the interop matrix (the workspace's
# target/ is shared with the rest of the cargo build).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
cargo build --quiet --locked -p protosmith-interop --bins
