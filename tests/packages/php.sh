#!/usr/bin/env bash
# The PHP package of the example module, published and consumed like any
# composer package: `protosmith package --lang php`, `protosmith publish --lang
# php` into a composer artifact directory (one zip per version; the runtime
# protosmith/grpc-errors too), then a project in a temp dir installs it with
# composer (Packagist off) and calls user-server with the package's client
# (tests/packages/php/consumer.php).
#
# google/protobuf, which composer would take from Packagist, is Debian's
# php-google-protobuf here, declared as a package repository in the consumer,
# as tests/interop/php does: Packagist is not reachable from CI.
#
#   bash tests/packages/php.sh    # needs target/debug/{protosmith,user-server}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/packages/php"
protosmith="$root/target/debug/protosmith"
step() { printf '\n== php package: %s\n' "$*"; }
fail() { echo "tests/packages/php.sh: $*" >&2; exit 1; }
[[ -x $protosmith && -x $root/target/debug/user-server ]] ||
  fail "build first: cargo build -p protosmith && cargo build -p user-service --bins"

# PHP with curl (the runtime's HTTP/2 client) and zip (composer's artifact
# repository), composer, protoc (its PHP generator), Debian's protobuf library.
packages=(php-cli php-curl php-mbstring php-zip php-google-protobuf composer protobuf-compiler)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  echo "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work="$(mktemp -d)"
server_PID=
trap '[[ -n $server_PID ]] && kill "$server_PID" 2>/dev/null; rm -rf "$work"' EXIT

step "protosmith package --lang php"
cd "$root"
"$protosmith" package --lang php --version 1.0.0 --out "$work/package"
grep -q '"name": "acme/api"' "$work/package/composer.json"
# protosmith's options.proto is the runtime's (Protosmith\Errors\V1), never the package's.
[[ -z "$(find "$work/package" -path '*/Protosmith/Errors/*')" ]] ||
  fail "the package holds code of protosmith's options.proto"

step "protosmith publish --lang php (the runtime first, then the package; again: refused)"
"$protosmith" publish --lang php --registry "$work/artifacts" "$work/package"
ls "$work/artifacts"
if "$protosmith" publish --lang php --registry "$work/artifacts" "$work/package" 2>"$work/again.txt"; then
  fail "publishing 1.0.0 twice was accepted"
fi
grep -q "already in" "$work/again.txt" || fail "unexpected refusal: $(cat "$work/again.txt")"
echo "second publish refused: $(cat "$work/again.txt")"

step "a consumer project: composer install from the artifact directory, call user-server"
mkdir "$work/consumer"
cp "$here/consumer.php" "$work/consumer/"
cat >"$work/consumer/composer.json" <<JSON
{
    "name": "example/consumer",
    "type": "project",
    "require": {
        "acme/api": "1.0.0"
    },
    "repositories": [
        {"packagist.org": false},
        {"type": "artifact", "url": "$work/artifacts"},
        {
            "type": "package",
            "package": {
                "name": "google/protobuf",
                "version": "3.21.12",
                "dist": {"type": "path", "url": "/usr/share/php"},
                "autoload": {
                    "psr-4": {
                        "Google\\\\Protobuf\\\\": "Google/Protobuf/",
                        "GPBMetadata\\\\Google\\\\Protobuf\\\\": "GPBMetadata/Google/Protobuf/"
                    }
                }
            }
        }
    ]
}
JSON
cd "$work/consumer"
# A cache of its own: every run publishes 1.0.0 anew.
COMPOSER_CACHE_DIR="$work/composer-cache" COMPOSER_ALLOW_SUPERUSER=1 \
  composer install --no-interaction --no-progress
[[ -f vendor/acme/api/src/Acme/User/V1/UserServiceClient.php ]] || fail "acme/api is not installed"

coproc server { exec "$root/target/debug/user-server"; }
read -r listening address <&"${server[0]}"
[[ $listening == listening ]] || fail "user-server did not start"
php consumer.php "$address"
