#!/usr/bin/env bash
# The side-by-side benchmark: starts the local system, runs com.cloudalbum.load.Benchmarks against it (loopback only,
# bounded in count and time), writes docs/benchmarks.md, stops the system.
# Options are system properties, e.g. load-test/benchmark.sh -Duploads=48 -DuploadConcurrency=8 -DlagRate=1
set -euo pipefail
cd "$(dirname "$0")/.."
exec load-test/with-local-system.sh ./mvnw -q -pl load-test exec:java -Dexec.args="$*" "$@"
