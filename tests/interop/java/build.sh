#!/usr/bin/env bash
# Builds the Java interop server and client (tests/interop/README.md): installs the runtime
# (runtime/java) into the local Maven repository, then compiles the programs together with the
# generated code in gen/ and copies their dependencies to target/lib. Needs JDK 17+ and Maven;
# installs them from Debian when missing. Quick when nothing changed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
    if command -v apt-get >/dev/null && [[ "$(id -u)" == 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
    else
        echo "java build: needs JDK 17+ (javac) and Maven 3.8+ on PATH" >&2
        exit 1
    fi
fi

MVN=(mvn -B -ntp -q)
# PROTOSMITH_JAVA_RUNTIME_INSTALLED=1: ci/lang/java.sh has just tested and installed it.
if [[ "${PROTOSMITH_JAVA_RUNTIME_INSTALLED:-0}" != 1 ]]; then
    "${MVN[@]}" -f "$ROOT/runtime/java/pom.xml" -DskipTests install
fi
"${MVN[@]}" -f "$HERE/pom.xml" package ${PROTOSMITH_JAVA_SKIP_TESTS:+-DskipTests}
