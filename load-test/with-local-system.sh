#!/usr/bin/env bash
# Runs a command against a freshly started local system: ./run-local.sh in the background, the command once
# "CloudAlbum is running", then the system is stopped (also on failure or Ctrl-C).
# Example: load-test/with-local-system.sh ./mvnw -pl load-test gatling:test -Drate=2 -Dduration=30
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
log=target/load-test-run-local.log

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
"$@"
