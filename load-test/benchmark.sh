#!/usr/bin/env bash
# The side-by-side benchmark: starts the local system (./run-local.sh), runs com.cloudalbum.load.Benchmarks against it
# (loopback only, bounded in count and time), writes docs/benchmarks.md, stops the system.
# Options are system properties, e.g. load-test/benchmark.sh -Duploads=48 -DuploadConcurrency=8 -DlagRate=1
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
log=target/benchmark-run-local.log

./mvnw -q install -DskipTests
./run-local.sh > "$log" 2>&1 &
system=$!
# a background job of a script ignores SIGINT; run-local.sh stops on TERM just the same
trap 'kill -TERM $system 2>/dev/null || true; wait $system 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  grep -q "CloudAlbum is running" "$log" && break
  kill -0 $system 2>/dev/null || { cat "$log"; echo "run-local.sh stopped" >&2; exit 1; }
  sleep 1
done
grep -q "CloudAlbum is running" "$log" || { echo "system not up after 300 s, see $log" >&2; exit 1; }

./mvnw -q -pl load-test exec:java -Dexec.args="$*" "$@"
