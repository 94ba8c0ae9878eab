#!/usr/bin/env bash
# The Java package, end to end, with a Maven repository on this machine:
#   1. protosmith package --lang java on the example module (proto/), then
#      protosmith publish --lang java to a file:// repository in a temp dir
#      (the runtime dev.protosmith:grpc-errors first);
#   2. publishing 1.0.0 again is refused;
#   3. a consumer Maven project in a temp dir, with that repository and a
#      local repository that lacks com.acme and dev.protosmith (a copy of
#      ~/.m2 without them, so both come from the repository under test),
#      calls target/debug/user-server: GetUser(u-1) is Ada, GetUser(u-404)
#      is the generated USER_ERROR_NOT_FOUND.
# HTTP repositories are not exercised here (mvn deploy speaks HTTP PUT the
# same way; see publish/lang/java.rs). Needs: cargo build -p protosmith &&
# cargo build -p user-service --bins, JDK 17 and Maven, protoc and
# grpc_java_plugin (ci/lang/java.sh installs them), ~/.m2 warm from ci/lang/java.sh.
#
#   bash tests/packages/java.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tests/packages/java"
PROTOSMITH="$ROOT/target/debug/protosmith"
USER_SERVER="$ROOT/target/debug/user-server"
log() { printf 'packages/java: %s\n' "$*"; }
die() { printf 'packages/java: error: %s\n' "$*" >&2; exit 1; }
[[ -x $PROTOSMITH && -x $USER_SERVER ]] \
    || die "build first: cargo build -p protosmith && cargo build -p user-service --bins"
command -v grpc_java_plugin >/dev/null || die "grpc_java_plugin is missing: bash ci/lang/java.sh"

WORK="$(mktemp -d)"
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
REPOSITORY="file://$WORK/repository"

# 1. Package and publish.
"$PROTOSMITH" package --lang java --name com.acme:user-api --version 1.0.0 \
    --proto "$ROOT/proto" --out "$WORK/package"
"$PROTOSMITH" publish --lang java --registry "$REPOSITORY" "$WORK/package"
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

# 3. The consumer: Maven only; grpc-java and protobuf from the copied local
# repository (Maven Central's artifacts, as ci/lang/java.sh left them).
cp -a "$HOME/.m2/repository" "$WORK/m2"
rm -rf "$WORK/m2/com/acme" "$WORK/m2/dev/protosmith"
cp -R "$HERE/consumer" "$WORK/consumer"
sed -i "s|REPOSITORY_URL|$REPOSITORY|" "$WORK/consumer/pom.xml"
(cd "$WORK/consumer" && mvn -B -q -ntp -Dstyle.color=never "-Dmaven.repo.local=$WORK/m2" package) \
    || die "the consumer did not build"
[[ -f $WORK/m2/dev/protosmith/grpc-errors/0.1.0/grpc-errors-0.1.0.jar ]] \
    || die "the runtime did not come from the repository"
coproc SERVER { exec "$USER_SERVER"; }
server_pid=$SERVER_PID
read -r -t 30 line <&"${SERVER[0]}" || die "user-server did not start"
[[ $line == "listening "* ]] || die "user-server said: $line"
java -cp "$WORK/consumer/target/classes:$(cat "$WORK/consumer/target/classpath.txt")" \
    consumer.Main "${line#listening }"
log "passed in ${SECONDS}s"
