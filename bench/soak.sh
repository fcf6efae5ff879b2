#!/usr/bin/env bash
# The chat server's soak test (io.github.wsline.bench.ChatSoak) on loopback, from the jar that `mvn -B verify` or
# `mvn -B package` built: this script builds nothing. Exits 0 on PASS, 1 on FAIL, 2 when it cannot run.
#
#   bench/soak.sh [connections] [rooms] [seconds] [slow %] [abrupt %]     defaults: 10000 20 60 2 10
#
# CI runs `bench/soak.sh 10000 20 30` (about 60-75 s on 2 cores); the full soak is `bench/soak.sh` (about 100 s).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "soak: $jar is missing; build it first: mvn -B -q package -DskipTests" >&2
  exit 2
fi

# The client holds every connection in one process, the server too (in another): each needs that many files open.
needed=$(( ${1:-10000} + 256 ))
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$needed" ]; then
  echo "soak: the open-files hard limit ($hard) is below the $needed the soak needs per process" >&2
  exit 2
fi
ulimit -n "$hard"

# A hung run is killed: the client's shutdown hook kills the server it started.
exec timeout --kill-after=30 900 java -Xmx1g -Dio.netty.leakDetection.level=disabled -cp "$jar" \
  io.github.wsline.bench.ChatSoak "$@"
