#!/usr/bin/env bash
# The Python package of the example module, published and consumed like any
# Python distribution: `protosmith package --lang python` (grpcio-tools'
# messages, stubs and .pyi, protoc-gen-errors' registries, a pyproject.toml
# for hatchling), `protosmith publish --lang python` with build and twine to
# a pypiserver on 127.0.0.1 (protosmith-grpc-errors first), then a venv in a
# temp dir pip-installs acme-api from that index alone and calls user-server
# with it (tests/packages/python/consumer.py). The index also serves the
# wheels of grpcio, protobuf and googleapis-common-protos, downloaded once
# into .tools/python-wheels, as a company index mirrors PyPI: the consumer
# reaches nothing but 127.0.0.1.
#
#   bash tests/packages/python.sh   # needs Python 3.11+, target/debug/{protosmith,user-server}
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/packages/python"
protosmith="$root/target/debug/protosmith"
step() { printf "\n== python package (%ss): %s\n" "$SECONDS" "$*"; }
fail() { echo "tests/packages/python.sh: $*" >&2; exit 1; }
[[ -x $protosmith && -x $root/target/debug/user-server ]] ||
  fail "build first: cargo build -p protosmith && cargo build -p user-service --bins"

step "tools: grpcio-tools, build, hatchling, twine, pypiserver, mypy (pinned, in .tools/python-packages)"
tools="$root/.tools/python-packages"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ "$(cat "$tools/.protosmith-requirements" 2>/dev/null)" != "$want" ]]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet -r "$here/requirements.txt"
  echo "$want" >"$tools/.protosmith-requirements"
fi
wheels="$root/.tools/python-wheels"
want="$(sha256sum "$here/consumer-requirements.txt" | cut -d' ' -f1)"
if [[ "$(cat "$wheels/.protosmith-requirements" 2>/dev/null)" != "$want" ]]; then
  rm -rf "$wheels"
  "$tools/bin/python" -m pip download --quiet --only-binary=:all: --dest "$wheels" -r "$here/consumer-requirements.txt"
  echo "$want" >"$wheels/.protosmith-requirements"
fi
# protosmith finds grpcio-tools' protoc, build and twine on PATH, as in a developer's venv.
export PATH="$tools/bin:$PATH"

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

step "protosmith package --lang python"
cd "$root"
"$protosmith" package --lang python --version 1.0.0 --out "$work/package"
grep -q '^name = "acme-api"$' "$work/package/pyproject.toml"
grep -q '"protosmith-grpc-errors>=0.1.0,<0.2",' "$work/package/pyproject.toml"
# protosmith's options.proto is the runtime's (protosmith.errors.v1.options_pb2), never the package's.
[[ -z "$(find "$work/package" -path '*/protosmith/errors/*')" ]] ||
  fail "the package holds code of protosmith's options.proto"
# A second run rewrites its own files in place; a file of the user's stays.
echo "notes" >"$work/package/NOTES.txt"
"$protosmith" package --lang python --version 1.0.0 --out "$work/package" 2>/dev/null
[[ -f "$work/package/NOTES.txt" ]] || fail "a re-run removed a file protosmith did not write"
# A directory protosmith did not write is refused, and left as it was.
mkdir "$work/mine" && echo "mine" >"$work/mine/setup.py"
if "$protosmith" package --lang python --version 1.0.0 --out "$work/mine" 2>"$work/refused.txt"; then
  fail "a directory of the user's was written into"
fi
grep -q "was not written by protosmith package" "$work/refused.txt" || fail "$(cat "$work/refused.txt")"
[[ "$(ls "$work/mine")" == setup.py ]] || fail "the refused directory was changed"

step "the registry: pypiserver 2.4.2 on 127.0.0.1 (no overwrite, no auth, no fallback)"
mkdir "$work/index"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# Uploads go to the first directory; the second is the mirrored dependencies.
pypi-server run -i 127.0.0.1 -p "$port" -a . -P . --disable-fallback "$work/index" "$wheels" \
  >"$work/pypiserver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/simple/')" 2>/dev/null && break
  sleep 0.1
done
python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/simple/')" ||
  fail "pypiserver did not start: $(cat "$work/pypiserver.log")"
echo "pypiserver on http://127.0.0.1:$port"

step "protosmith publish --lang python (the runtime first, then the package; again: refused)"
# pypiserver without auth takes any credentials; twine reads them from here.
export TWINE_USERNAME=ci TWINE_PASSWORD=ci
"$protosmith" publish --lang python --dry-run --registry "http://127.0.0.1:$port/" "$work/package"
[[ -z "$(ls "$work/index")" ]] || fail "--dry-run uploaded: $(ls "$work/index")"
"$protosmith" publish --lang python --registry "http://127.0.0.1:$port/" "$work/package"
ls "$work/index"
if "$protosmith" publish --lang python --registry "http://127.0.0.1:$port/" "$work/package" 2>"$work/again.txt"; then
  fail "publishing 1.0.0 twice was accepted"
fi
grep -q "acme-api 1.0.0 is already in" "$work/again.txt" || fail "unexpected refusal: $(cat "$work/again.txt")"
echo "second publish refused: $(cat "$work/again.txt")"

step "a consumer venv: pip install acme-api from the index, then call user-server"
# A bare venv, installed into by the tools venv's pip (--python): ensurepip
# would spend most of this step putting a second pip there.
python3 -m venv --without-pip "$work/consumer"
# Only this index: no find-links from pip's configuration, no cache of an earlier run's acme-api.
(cd "$work" && PIP_FIND_LINKS= pip --python "$work/consumer/bin/python" install --quiet --no-cache-dir \
  --index-url "http://127.0.0.1:$port/simple/" acme-api==1.0.0 types-grpcio types-protobuf)
pip --python "$work/consumer/bin/python" list 2>/dev/null | grep -E '^(acme-api|protosmith-grpc-errors|grpcio|protobuf) '
cp "$here/consumer.py" "$work/"
# The messages are typed (_pb2.pyi, py.typed in the namespace packages): mypy
# takes the consumer, and catches a misspelt field.
mypy=(mypy --python-executable "$work/consumer/bin/python" --no-incremental)
(cd "$work" && "${mypy[@]}" consumer.py)
printf 'from acme.user.v1 import user_pb2\nuser_pb2.GetUserRequest(id="u-1")\n' >"$work/typo.py"
if (cd "$work" && "${mypy[@]}" typo.py >"$work/typo.txt"); then
  fail "mypy accepted a field GetUserRequest does not have"
fi
grep -q 'Unexpected keyword argument "id" for "GetUserRequest"' "$work/typo.txt" || fail "$(cat "$work/typo.txt")"
coproc SERVER { exec "$root/target/debug/user-server"; }
pids+=("$SERVER_PID")
read -r -t 30 line <&"${SERVER[0]}" || fail "user-server did not start"
address="${line#listening }"
(cd "$work" && "$work/consumer/bin/python" consumer.py "$address")
echo "python package: 1 passed, 0 failed"
