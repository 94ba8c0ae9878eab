#!/usr/bin/env bash
# CI for the PHP runtime (runtime/php, composer package protosmith/grpc-errors)
# and the PHP interop client. Installs what it needs (Debian packages; a
# Python venv with grpcio for the test server) idempotently, lints (php -l,
# PSR-12 with phpcs) the runtime and the generated PHP, runs the PHPUnit
# suite, builds tests/interop/php and runs its client against the test
# server. Runnable from anywhere; seconds on a re-run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runtime="$root/runtime/php"
venv="$root/.tools/php-venv"

step() { printf '\n== php: %s\n' "$*"; }

step "toolchain"
packages=(php-cli php-curl php-mbstring php-xml php-google-protobuf composer phpunit php-codesniffer
  protobuf-compiler libprotobuf-dev python3 python3-venv)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
# A python3 that is not Debian's (pyenv, for one) is fine when it can make venvs.
if [[ " ${missing[*]} " == *" python3 "* || " ${missing[*]} " == *" python3-venv "* ]] \
  && command -v python3 >/dev/null && python3 -c 'import ensurepip, venv' 2>/dev/null; then
  missing=("${missing[@]/python3-venv/}")
  missing=("${missing[@]/python3/}")
  read -r -a missing <<<"${missing[*]}"
fi
if ((${#missing[@]})); then
  sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  echo "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
php --version | head -1
phpunit --version | head -1

# The real gRPC server the UnaryClient tests (and the client smoke run) talk
# to: Python grpcio, pinned as in /work/shared/toolchains.md.
pins="grpcio==1.85.1 grpcio-status==1.85.1 googleapis-common-protos==1.76.0 protobuf==7.36.2"
if [[ ! -x $venv/bin/python || "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ]]; then
  echo "creating $venv ($pins)"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/pip" install --quiet --disable-pip-version-check $pins
  echo "$pins" >"$venv/.pins"
fi

step "lint (php -l, phpcs PSR-12)"
cd "$runtime"
COMPOSER_ALLOW_SUPERUSER=1 composer dump-autoload --dev --quiet
count=0
while IFS= read -r -d '' file; do
  php -l "$file" >/dev/null
  count=$((count + 1))
done < <(find src tests "$root/tests/interop/php/gen" -name '*.php' -print0)
php -l "$root/tests/interop/php/client" >/dev/null
echo "php -l: $((count + 1)) files"
phpcs --standard=PSR12 --report=summary src tests "$root/tests/interop/php/gen"
echo "phpcs PSR-12: clean"

step "PHPUnit (runtime/php)"
phpunit --colors=never

step "interop client (tests/interop/php)"
bash "$root/tests/interop/php/build.sh"
# The server serves until its stdin (our end of the coprocess pipe) closes.
coproc server { exec "$venv/bin/python" "$runtime/tests/Server/grpc_test_server.py"; }
trap 'kill "$server_PID" 2>/dev/null || true' EXIT
read -r listening address <&"${server[0]}"
[[ $listening == listening ]] || { echo "test server did not start" >&2; exit 1; }
"$root/tests/interop/php/client" "$address" "$root/tests/interop/cases.json"
