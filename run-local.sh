#!/usr/bin/env bash
# Runs CloudAlbum on this machine: builds what is missing, starts the local AWS stack and the four
# services on loopback, waits until each is ready and prints the URL. Ctrl-C stops everything.
#   CLOUDALBUM_JAVA_OPTS   JVM options for the services (default: -XX:+UseSerialGC -Xmx384m -XX:TieredStopAtLevel=1,
#                          which starts the JVMs faster on a small machine)
#   CLOUDALBUM_RUN_DIR     where logs go (default: target/run-local)
#   CLOUDALBUM_JAVA25      a JDK 25+ `java` to run the services with an AOT cache (default: the first found under
#                          /usr/lib/jvm, or `java` itself if it is 25+); set it to "none" to run the fat jars on `java`
# The services run with their local profile (application-local.yml: the local stack's endpoints and test keys).
# On JDK 25 each service runs from its extracted jar with an AOT cache (JEP 483/514) made by a training run the
# first time and again whenever the jar changes (<module>/target/jdk25/); it starts in ~2 s instead of ~6 s.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
run_dir="${CLOUDALBUM_RUN_DIR:-$root/target/run-local}"
java_opts="${CLOUDALBUM_JAVA_OPTS:--XX:+UseSerialGC -Xmx384m -XX:TieredStopAtLevel=1 -XX:TrimNativeHeapInterval=5000}"
services=(user-service:8081 photo-service:8082 thumbnail-service:8083 gateway:8080)
pids=()
stack_pid=""

# output may go to a pipe that closes (a closed terminal, a test harness): never die of that before cleanup
say() { printf '[cloudalbum] %s\n' "$*" 2>/dev/null || true; }
die() { say "error: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# --- prerequisites ---------------------------------------------------------------------------------
command -v java >/dev/null || die "Java 17+ is required (java not found)"
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p' | cut -d. -f1)
[ "${java_major:-0}" -ge 17 ] || die "Java 17+ is required (found ${java_major:-unknown})"
command -v node >/dev/null || die "Node 18+ is required for cognito-local (node not found)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || die "Node 18+ is required (found $node_major)"
command -v curl >/dev/null || die "curl is required"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for entry in "${services[@]}"; do
  port_open "${entry#*:}" && die "port ${entry#*:} (${entry%%:*}) is in use: is CloudAlbum already running?"
done

# --- build what is missing or stale ---------------------------------------------------------------
jars=(gateway/target/gateway.jar user-service/target/user-service.jar photo-service/target/photo-service.jar
      thumbnail-service/target/thumbnail-service.jar deploy/local-stack/target/launcher.classpath)
needs_build=""
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then needs_build="missing $jar"; break; fi
  newer=$(find pom.xml common photo-contract deploy/local-stack gateway user-service photo-service thumbnail-service \
            -path '*/target' -prune -o -path '*/node_modules' -prune -o -type f -newer "$jar" -print -quit)
  if [ -n "$newer" ]; then needs_build="$newer changed"; break; fi
done
if [ -n "$needs_build" ]; then
  say "building ($needs_build): ./mvnw -q -DskipTests package"
  ./mvnw -B -q -DskipTests package -pl deploy/local-stack,common,photo-contract,gateway,user-service,photo-service,thumbnail-service
fi

mkdir -p "$run_dir"

# --- stop everything on exit ----------------------------------------------------------------------
stopping=""
stop_all() {
  [ -n "$stopping" ] && return
  stopping=1
  trap '' INT TERM HUP
  say "stopping..."
  # services first (they finish in-flight requests), then the emulators they use
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 350); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [ -n "$stack_pid" ]; then
    exec 3>&- 2>/dev/null || true   # closing the launcher's stdin stops it
    kill -TERM "$stack_pid" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.1; done
    pkill -KILL -P "$stack_pid" 2>/dev/null || true
    kill -KILL "$stack_pid" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  say "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
trap '' PIPE
trap 'stop_all' EXIT

# --- JDK 25: extracted jars and their AOT caches ---------------------------------------------------
java25="${CLOUDALBUM_JAVA25:-}"
if [ -z "$java25" ]; then
  for candidate in /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*2[6-9]*/bin/java java; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p' | cut -d. -f1)
    if [ "${major:-0}" -ge 25 ]; then java25="$candidate"; break; fi
  done
fi
[ "$java25" = none ] && java25=""
declare -A launch
for entry in "${services[@]}"; do
  name=${entry%%:*}
  # shellcheck disable=SC2206
  launch[$name]="java $java_opts -Dspring.profiles.active=local -jar $name/target/$name.jar"
done
if [ -n "$java25" ]; then
  for entry in "${services[@]}"; do
    name=${entry%%:*}; jar="$name/target/$name.jar"; dir="$name/target/jdk25"
    if [ ! -f "$dir/app.aot" ] || [ "$jar" -nt "$dir/app.aot" ]; then
      say "$name: extracting the jar and training its AOT cache on $("$java25" -version 2>&1 | head -1 | cut -d'"' -f2) (once per build)"
      rm -rf "$dir"
      "$java25" -Djarmode=tools -jar "$jar" extract --destination "$dir" > "$run_dir/$name-aot.log" 2>&1 \
        || die "$name: could not extract $jar (log: $run_dir/$name-aot.log)"
      # the service starts on a free port, asks itself readiness, liveness and an API call (album.aot-training)
      # and exits: classes loaded and linked and method profiles go into app.aot; nothing outside is called, so
      # the local stack need not run (the same jar path as the runs below: the cache is only used on the class
      # path it was made with)
      # shellcheck disable=SC2086
      "$java25" $java_opts -XX:AOTCacheOutput="$dir/app.aot" -Dalbum.aot-training=true \
          -Dspring.profiles.active=local -jar "$root/$dir/$name.jar" --server.port=0 --album.thumbnail.listen=false \
          >> "$run_dir/$name-aot.log" 2>&1 && [ -f "$dir/app.aot" ] \
        || die "$name: the AOT training run failed (log: $run_dir/$name-aot.log)"
      touch "$dir/app.aot"
    fi
    launch[$name]="$java25 $java_opts -XX:AOTCache=$dir/app.aot -Dspring.profiles.active=local -jar $root/$dir/$name.jar"
  done
fi

# --- local AWS stack ------------------------------------------------------------------------------
t0=$(now_ms)
stack_log="$run_dir/local-stack.log"
: > "$stack_log"
rm -f "$run_dir/stack.in"; mkfifo "$run_dir/stack.in"
# the launcher exits when this script's end of the pipe closes, even if the script is killed hard
java -XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED -Dlocalstack.module-dir="$root/deploy/local-stack" \
  -cp "deploy/local-stack/target/classes:$(cat deploy/local-stack/target/launcher.classpath)" \
  com.cloudalbum.localstack.LocalStackMain --exit-with-stdin < "$run_dir/stack.in" >> "$stack_log" 2>&1 &
stack_pid=$!
exec 3> "$run_dir/stack.in"
say "starting the local AWS stack (log: $stack_log)"

while ! grep -q -E "CloudAlbum local stack (ready|already running)" "$stack_log"; do
  if ! kill -0 "$stack_pid" 2>/dev/null && ! grep -q -E "CloudAlbum local stack (ready|already running)" "$stack_log"; then
    tail -n 30 "$stack_log" >&2; die "the local stack failed to start (log: $stack_log)"
  fi
  [ $(( $(now_ms) - t0 )) -lt 240000 ] || die "the local stack did not start within 4 minutes"
  sleep 0.2
done
if grep -q "already running" "$stack_log"; then stack_pid=""; say "reusing the local stack that is already running"; fi
stack_ms=$(( $(now_ms) - t0 ))
say "local AWS stack ready in ${stack_ms} ms"

# --- services -------------------------------------------------------------------------------------
declare -A started_at pid_of
for entry in "${services[@]}"; do
  name=${entry%%:*}
  started_at[$name]=$(now_ms)
  # shellcheck disable=SC2086
  ${launch[$name]} > "$run_dir/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
done


for entry in "${services[@]}"; do
  name=${entry%%:*}; port=${entry#*:}
  until curl -fs -o /dev/null "http://localhost:$port/actuator/health/readiness"; do
    if ! kill -0 "${pid_of[$name]}" 2>/dev/null; then
      tail -n 40 "$run_dir/$name.log" >&2; die "$name exited during start-up (log: $run_dir/$name.log)"
    fi
    [ $(( $(now_ms) - ${started_at[$name]} )) -lt 180000 ] || die "$name was not ready within 3 minutes"
    sleep 0.1
  done
  say "$name ready on http://localhost:$port in $(( $(now_ms) - ${started_at[$name]} )) ms (log: $run_dir/$name.log)"
done

runtime="JDK $java_major, fat jars"; [ -n "$java25" ] && runtime="JDK 25 with AOT caches"
say "all up in $(( $(now_ms) - t0 )) ms ($(( $(now_ms) - t0 - stack_ms )) ms after the stack; $runtime)"
rss_mb() { echo $(( $(ps -o rss= -p "$1" 2>/dev/null || echo 0) / 1024 )); }
for entry in "${services[@]}"; do
  name=${entry%%:*}; say "  $name: pid ${pid_of[$name]}, RSS $(rss_mb "${pid_of[$name]}") MB"
done
if [ -n "$stack_pid" ]; then
  say "  local AWS stack: pid $stack_pid, RSS $(rss_mb "$stack_pid") MB (+ cognito-local: $(( $(pgrep -P "$stack_pid" | xargs -r ps -o rss= -p | awk '{s+=$1} END {print s+0}') / 1024 )) MB)"
fi
say "CloudAlbum is running at http://localhost:8080 - press Ctrl-C to stop"
wait "${pids[@]}" 2>/dev/null || true
