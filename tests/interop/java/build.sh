#!/usr/bin/env bash
# Builds the Java interop server and client (tests/interop/README.md): installs the runtime
# (runtime/java) into the local Maven repository, then compiles the programs together with the
# generated code in gen/, runs their JUnit tests, and copies their dependencies to target/lib.
# Needs JDK 17+ and Maven 3.8+; installs them from Debian when missing and run as root.
# Idempotent; seconds when nothing changed.
#
#   PROTOSMITH_JAVA_RUNTIME_INSTALLED=1  skip installing the runtime (ci/lang/java.sh just did)
#   PROTOSMITH_JAVA_SKIP_TESTS=1         skip the programs' JUnit tests
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"

java_major() {
    javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'
}

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null || [[ "$(java_major)" -lt 17 ]]; then
    if command -v apt-get >/dev/null && [[ "$(id -u)" == 0 ]]; then
        echo "java: installing openjdk-17-jdk-headless and maven from Debian" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
    else
        echo "java: needs JDK 17+ (javac) and Maven 3.8+ on PATH" >&2
        exit 1
    fi
fi

# Maven, quiet: only the Surefire summaries, warnings and errors; the whole log when it fails.
mvn_quiet() {
    local log
    log="$(mktemp)"
    if mvn -B -ntp -Dstyle.color=never "$@" >"$log" 2>&1; then
        grep -E '^\[(INFO|WARNING)\] Tests run:|^\[WARNING\]' "$log" | grep -v 'Tests run:.*-- in ' || true
        rm -f "$log"
    else
        tail -n 80 "$log" >&2
        echo "java: mvn $* failed (whole log: $log)" >&2
        return 1
    fi
}

if [[ "${PROTOSMITH_JAVA_RUNTIME_INSTALLED:-0}" != 1 ]]; then
    mvn_quiet -f "$ROOT/runtime/java/pom.xml" -DskipTests install
fi
skip_tests=()
if [[ "${PROTOSMITH_JAVA_SKIP_TESTS:-0}" == 1 ]]; then
    skip_tests=(-DskipTests)
fi
mvn_quiet -f "$HERE/pom.xml" "${skip_tests[@]}" package
echo "java: built tests/interop/java/server and client"
