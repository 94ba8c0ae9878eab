#!/usr/bin/env bash
# The Java package, end to end, with a Maven repository on this machine:
#   1. protosmith package --lang java on the example module (proto/), then
#      protosmith publish --lang java to a file:// repository in a temp dir
#      (the runtime dev.protosmith:grpc-errors first);
#   2. publishing 1.0.0 again is refused;
#   3. the same to an HTTP repository (tests/packages/java/http_repository.py
#      on 127.0.0.1: GET and PUT, as Nexus takes mvn deploy);
#   4. a consumer Maven project in a temp dir, with that repository and a
#      local repository that lacks com.acme and dev.protosmith (a copy of
#      ~/.m2 without them, so both come from the repository under test),
#      calls target/debug/user-server: GetUser(u-1) is Ada, GetUser(u-404)
#      is the generated USER_ERROR_NOT_FOUND.
# Needs: cargo build -p protosmith &&
# cargo build -p user-service --bins, JDK 17 and Maven, protoc and
# grpc_java_plugin (ci/lang/java.sh installs them), ~/.m2 warm from ci/lang/java.sh.
#
#   bash tests/packages/java.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tests/packages/java"
PROTOSMITH="$ROOT/target/debug/protosmith"
USER_SERVER="$ROOT/target/debug/user-server"
log() { printf 'packages/java: [%3ds] %s\n' "$SECONDS" "$*"; }
die() { printf 'packages/java: error: %s\n' "$*" >&2; exit 1; }
[[ -x $PROTOSMITH && -x $USER_SERVER ]] \
    || die "build first: cargo build -p protosmith && cargo build -p user-service --bins"
command -v grpc_java_plugin >/dev/null || die "grpc_java_plugin is missing: bash ci/lang/java.sh"

WORK="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
REPOSITORY="file://$WORK/repository"

# 1. Package and publish.
"$PROTOSMITH" package --lang java --name com.acme:user-api --version 1.0.0 \
    --proto "$ROOT/proto" --out "$WORK/package"
log "packaged"
# protosmith's options.proto is the runtime's (dev.protosmith.errors.v1), never the package's.
[[ ! -e "$WORK/package/src/main/java/dev/protosmith" ]] \
    || die "the package holds code of protosmith's options.proto"
"$PROTOSMITH" publish --lang java --registry "$REPOSITORY" "$WORK/package"
log "published to $REPOSITORY"
ls "$WORK/repository/com/acme/user-api/1.0.0/user-api-1.0.0.jar" \
    "$WORK/repository/dev/protosmith/grpc-errors/0.1.0/grpc-errors-0.1.0.jar" >/dev/null
[[ -z "$(find "$WORK/repository" -maxdepth 1 -name '.protosmith-staging-*')" ]] \
    || die "a staging directory was left in the repository"

# 2. The same version again is refused, with the reason.
if "$PROTOSMITH" publish --lang java --registry "$REPOSITORY" "$WORK/package" 2>"$WORK/again.err"; then
    die "publishing com.acme:user-api:1.0.0 twice succeeded"
fi
grep -q "already in" "$WORK/again.err" || { cat "$WORK/again.err" >&2; die "unexpected refusal"; }
log "publishing 1.0.0 again: refused ($(head -n1 "$WORK/again.err"))"

# 3. An HTTP repository: the same publish, the same refusal.
coproc HTTP_REPOSITORY { mkdir -p "$WORK/http"; exec python3 "$HERE/http_repository.py" "$WORK/http"; }
pids+=("$HTTP_REPOSITORY_PID")
read -r -t 30 line <&"${HTTP_REPOSITORY[0]}" || die "the HTTP repository did not start"
HTTP="http://127.0.0.1:${line#listening }"
"$PROTOSMITH" publish --lang java --registry "$HTTP" "$WORK/package"
curl -sf "$HTTP/com/acme/user-api/maven-metadata.xml" | grep -q "<version>1.0.0</version>" \
    || die "$HTTP has no maven-metadata.xml listing 1.0.0"
curl -sf -o /dev/null "$HTTP/dev/protosmith/grpc-errors/0.1.0/grpc-errors-0.1.0.jar" \
    || die "$HTTP has no runtime jar"
"$PROTOSMITH" publish --lang java --registry "$HTTP" "$WORK/package" 2>"$WORK/again.err" \
    && die "publishing to $HTTP twice succeeded"
grep -q "already in" "$WORK/again.err" || { cat "$WORK/again.err" >&2; die "unexpected refusal"; }
log "HTTP repository: published, then refused"
exec {HTTP_REPOSITORY[1]}>&-   # its stdin closes: it stops (bash keeps one coproc at a time)
wait "$HTTP_REPOSITORY_PID" || true

# 4. The consumer: Maven only; grpc-java and protobuf from the copied local
# repository (Maven Central's artifacts, as ci/lang/java.sh left them).
cp -a "$HOME/.m2/repository" "$WORK/m2"
rm -rf "$WORK/m2/com/acme" "$WORK/m2/dev/protosmith"
cp -R "$HERE/consumer" "$WORK/consumer"
sed -i "s|REPOSITORY_URL|$REPOSITORY|" "$WORK/consumer/pom.xml"
(cd "$WORK/consumer" && mvn -B -q -ntp -Dstyle.color=never "-Dmaven.repo.local=$WORK/m2" package \
    >"$WORK/consumer.log" 2>&1) || { tail -n 40 "$WORK/consumer.log" >&2; die "the consumer did not build"; }
log "consumer built"
[[ -f $WORK/m2/dev/protosmith/grpc-errors/0.1.0/grpc-errors-0.1.0.jar ]] \
    || die "the runtime did not come from the repository"
coproc SERVER { exec "$USER_SERVER"; }
pids+=("$SERVER_PID")
read -r -t 30 line <&"${SERVER[0]}" || die "user-server did not start"
[[ $line == "listening "* ]] || die "user-server said: $line"
java -cp "$WORK/consumer/target/classes:$(cat "$WORK/consumer/target/classpath.txt")" \
    consumer.Main "${line#listening }"
log "passed in ${SECONDS}s"
