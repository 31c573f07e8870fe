#!/usr/bin/env bash
# Start-up time and idle memory of each service alone, as its image starts it: readiness polled every 100 ms
# from the moment `java` is launched, RSS read 5 s and 15 s after ready (idle: the start-up's JIT done, the native
# heap trimmed every 5 s as the images do). Needs the jars (./mvnw -DskipTests package)
# and, for the JDK 25 rows, a JDK 25 (CLOUDALBUM_JAVA25, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java).
# Ports 1808x, not the services' own, so no lock is needed; nothing is called, so no local stack either.
#   build/startup-bench.sh [runs per case, default 3] [services...]
# Prints one line per run and the median per service and runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
services=("${@:-gateway user-service photo-service thumbnail-service}")
# shellcheck disable=SC2206
services=(${services[*]})
java17=${CLOUDALBUM_JAVA17:-java}
java25=${CLOUDALBUM_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# the images' flags (Dockerfile ENTRYPOINT + JDK_JAVA_OPTIONS of a 1 GiB task, see deploy/aws JvmMemory)
opts=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000 -Xmx320m -Xms16m -XX:MaxDirectMemorySize=64m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k}
# the training run as the Dockerfile's: its GC only (a 96 MB metaspace cap leaves no room to write the cache)
train_opts="-XX:+UseSerialGC"
work=target/startup-bench; mkdir -p "$work"
now_ms() { date +%s%3N; }

aot_for() { # extracted jar + AOT cache made by a training run, as the Dockerfile does
  local name=$1 dir="$work/$1"
  if [ ! -f "$dir/app.aot" ] || [ "$name/target/$name.jar" -nt "$dir/app.aot" ]; then
    rm -rf "$dir"
    "$java25" -Djarmode=tools -jar "$name/target/$name.jar" extract --destination "$dir" >/dev/null
    # shellcheck disable=SC2086
    "$java25" $train_opts -XX:AOTCacheOutput="$dir/app.aot" -Dalbum.aot-training=true -Dspring.profiles.active=local \
      -jar "$PWD/$dir/$name.jar" --server.port=0 --album.thumbnail.listen=false > "$dir/training.log" 2>&1
  fi
}

one() { # runtime service port -> "ready_ms rss_mb"
  local runtime=$1 name=$2 port=$3 cmd
  case $runtime in
    jdk17-fatjar) cmd="$java17 $opts -Dspring.profiles.active=local -jar $name/target/$name.jar" ;;
    jdk25-aot) cmd="$java25 $opts -XX:AOTCache=$work/$name/app.aot -Dspring.profiles.active=local -jar $PWD/$work/$name/$name.jar" ;;
  esac
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  $cmd --server.port="$port" --album.thumbnail.listen=false > "$work/$name-$runtime.log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 $pid 2>/dev/null || { echo "$name exited; see $work/$name-$runtime.log" >&2; return 1; }
    sleep 0.1
  done
  local ready=$(( $(now_ms) - t0 ))
  sleep 5
  local rss5=$(( $(ps -o rss= -p $pid) / 1024 ))
  sleep 10
  local rss=$(( $(ps -o rss= -p $pid) / 1024 ))
  kill -TERM $pid; wait $pid 2>/dev/null || true
  echo "$ready $rss5 $rss"
}

port=18080
for name in "${services[@]}"; do
  port=$((port + 1))
  for runtime in jdk17-fatjar jdk25-aot; do
    [ $runtime = jdk25-aot ] && aot_for "$name"
    readies=(); rsss=()
    for _ in $(seq 1 "$runs"); do
      read -r ready rss5 rss < <(one $runtime "$name" $port)
      echo "$name $runtime ready ${ready} ms RSS ${rss5} MB at 5 s, ${rss} MB at 15 s"
      readies+=("$ready"); rsss+=("$rss")
    done
    med() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
    echo "== $name $runtime median: ready $(med "${readies[@]}") ms, RSS $(med "${rsss[@]}") MB (15 s after ready)"
  done
done
