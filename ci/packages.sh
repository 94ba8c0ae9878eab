#!/usr/bin/env bash
# The package tests of issue 15 (tests/packages/<lang>.sh): each packages the
# example module, publishes it to a registry it starts on 127.0.0.1 and
# consumes it from a temp dir with the language's own package manager.
#
#   bash ci/packages.sh              # every tests/packages/*.sh
#   bash ci/packages.sh go php       # some of them
#
# Builds target/debug/protosmith and user-server first; prints one line per
# test with its time, and fails when any test failed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cargo build -j 2 -p protosmith -p user-service --bins || exit 1

if (($#)); then
  tests=("$@")
else
  tests=()
  for file in tests/packages/*.sh; do
    name="${file##*/}"
    tests+=("${name%.sh}")
  done
fi

summary=()
failed=0
for lang in "${tests[@]}"; do
  script="tests/packages/$lang.sh"
  [[ -f $script ]] || { summary+=("$lang: no $script"); failed=1; continue; }
  start=$SECONDS
  if bash "$script"; then
    summary+=("$lang: ok ($((SECONDS - start)) s)")
  else
    summary+=("$lang: FAILED ($((SECONDS - start)) s)")
    failed=1
  fi
done
printf '\n== packages\n'
printf '%s\n' "${summary[@]}"
exit "$failed"
