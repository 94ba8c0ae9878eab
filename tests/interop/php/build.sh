#!/usr/bin/env bash
# Builds the PHP client of the interop matrix (tests/interop/README.md): PHP
# has no gRPC server story, so there is no server here. Installs PHP with
# ext-curl and the pure-PHP protobuf library from Debian when missing, then
# lets composer link protosmith/grpc-errors (runtime/php) and Debian's
# google/protobuf into vendor/ (offline: path repositories only). Idempotent;
# about a second when everything is there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

packages=(php-cli php-curl php-mbstring php-google-protobuf composer)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "tests/interop/php/build.sh: needs Debian packages ${missing[*]} and apt-get is not here" >&2
    exit 1
  fi
  sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { echo "tests/interop/php/build.sh: installing ${missing[*]} needs root" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "tests/interop/php/build.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

php -r 'exit(extension_loaded("curl") && (curl_version()["features"] & CURL_VERSION_HTTP2) ? 0 : 1);' || {
  echo "tests/interop/php/build.sh: PHP's curl has no HTTP/2 (libcurl without nghttp2)" >&2
  exit 1
}

cd "$here"
COMPOSER_ALLOW_SUPERUSER=1 composer update --no-interaction --no-progress --quiet
for file in client gen/Acme/*/V1/*.php; do
  php -l "$file" >/dev/null
done
echo "tests/interop/php: client ready"
