#!/usr/bin/env bash
# Java: the runtime's tests (runtime/java, dev.protosmith:grpc-errors), its formatting
# (google-java-format), and the interop programs (tests/interop/java/build.sh), with one Java
# to Java run of the interop cases over 127.0.0.1. Installs JDK 17 and Maven from Debian when
# missing; Maven downloads land in ~/.m2, so a re-run takes seconds.
#
#   bash ci/lang/java.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

step() { printf '\n==> java: %s\n' "$*"; }

java_major() {
    javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
}

step "toolchain"
if ! command -v mvn >/dev/null || ! command -v javac >/dev/null || [[ "$(java_major)" -lt 17 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi
# grpc-java's protoc plugin, for `protosmith package --lang java` (tests/packages/java.sh):
# Debian's build (1.41); io.grpc:protoc-gen-grpc-java is not on the Maven mirror here.
if ! command -v grpc_java_plugin >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler-grpc-java-plugin >/dev/null
fi
javac -version
mvn -B -v 2>/dev/null | sed -n "s/\x1b\[[0-9;]*m//g; 1p"

# Maven, quiet: Surefire's summaries, warnings and errors; the whole log when it fails.
mvn_quiet() {
    local log
    log="$(mktemp)"
    if mvn -B -ntp -Dstyle.color=never "$@" >"$log" 2>&1; then
        grep -E '^\[(INFO|WARNING|ERROR)\] Tests run:|^\[WARNING\]' "$log" || true
        rm -f "$log"
    else
        tail -n 80 "$log" >&2
        echo "java: mvn $* failed (whole log: $log)" >&2
        return 1
    fi
}

step "runtime tests (JUnit 5, javac -Xlint:all -Werror), install to ~/.m2"
mvn_quiet -f runtime/java/pom.xml install

step "format (google-java-format 1.24.0)"
GJF_VERSION=1.24.0
GJF_JAR="$HOME/.m2/repository/com/google/googlejavaformat/google-java-format/$GJF_VERSION/google-java-format-$GJF_VERSION-all-deps.jar"
if [[ ! -f "$GJF_JAR" ]]; then
    mvn_quiet dependency:get "-Dartifact=com.google.googlejavaformat:google-java-format:$GJF_VERSION:jar:all-deps"
fi
# runtime/java's dev/protosmith/errors/v1 is protoc's, checked against protoc below.
mapfile -t java_files < <(find runtime/java/src tests/interop/java/src tests/interop/java/gen tests/interop/java/edge -name "*.java" \
    -not -path "runtime/java/src/main/java/dev/protosmith/errors/v1/*" | sort)
exports=()
for package in api code file parser tree util; do
    exports+=("--add-exports=jdk.compiler/com.sun.tools.javac.$package=ALL-UNNAMED")
done
unformatted="$(java "${exports[@]}" -jar "$GJF_JAR" --skip-reflowing-long-strings --dry-run "${java_files[@]}")"
if [[ -n "$unformatted" ]]; then
    echo "not formatted with google-java-format $GJF_VERSION:" >&2
    echo "$unformatted" >&2
    exit 1
fi
echo "${#java_files[@]} files formatted"

step "runtime/java: protoc's code of options.proto (dev.protosmith.errors.v1), current"
bash ci/runtime-options.sh java

step "interop programs (tests/interop/java/build.sh)"
PROTOSMITH_JAVA_RUNTIME_INSTALLED=1 tests/interop/java/build.sh

step "interop: Java client against Java server"
coproc SERVER { exec tests/interop/java/server; }
server_pid=$SERVER_PID
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
read -r -t 60 line <&"${SERVER[0]}"
[[ "$line" == "listening "* ]] || { echo "java server said: $line" >&2; exit 1; }
tests/interop/java/client "${line#listening }" tests/interop/cases.json
