#!/usr/bin/env bash
# Upload benchmark (README "Uploads: figures"): throughput and CPU per MB of each process on the path, in one run,
# against a system that is already running (start it with the heap under test), loopback only, bounded in count:
#   CLOUDALBUM_JAVA_OPTS="-XX:+UseSerialGC -Xmx96m" load-test/with-local-system.sh load-test/upload-benchmark.sh
# Writes docs/benchmarks-uploads.md (OUT=... to change). Each scenario runs twice: once to warm the JIT (discarded),
# then measured. thumbnail-service is paused (SIGSTOP) except where a scenario says it runs.
#   SMALL=48 SMALL_CONCURRENCY=8 BIG=64 CROWD=256 to change the counts.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-docs/benchmarks-uploads.md}
work=target/upload-bench
mkdir -p "$work"
gw=http://localhost:8080 ps=http://localhost:8082 s3=http://localhost:9090 bucket=cloudalbum-photos
small=${SMALL:-48} small_conc=${SMALL_CONCURRENCY:-8} big=${BIG:-64} crowd=${CROWD:-256}

pid_of() { ss -ltnp | awk -v p=":$1\$" '$4 ~ p' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
# shellcheck source=lib/proc-cpu.sh
. load-test/lib/proc-cpu.sh
# the local stack's JVM hosts S3Mock (Tomcat's threads, which also forward S3 events to SQS), DynamoDB Local and ElasticMQ
s3mock_threads='^https?(-jsse)?-nio-'
gw_pid=$(pid_of 8080) ps_pid=$(pid_of 8082) s3_pid=$(pid_of 9090) th_pid=$(pid_of 8083)
for p in gw_pid ps_pid s3_pid th_pid; do [ -n "${!p}" ] || { echo "not running: $p (start the system first)" >&2; exit 1; }; done
trap 'kill -CONT $th_pid 2>/dev/null || true' EXIT

[ -f "$work/camera.jpg" ] || java load-test/bench/MakeJpeg.java "$work/camera.jpg" 4000 3000 22 >/dev/null
[ -f "$work/big.jpg" ] || java load-test/bench/MakeJpeg.java "$work/big.jpg" 640 480 8 20000000 >/dev/null
camera_bytes=$(stat -c %s "$work/camera.jpg") big_bytes=$(stat -c %s "$work/big.jpg")

email="bench-$(date +%s%N)@example.com"
curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-pass-1234\",\"name\":\"Bench\"}" "$gw/api/auth/signup"
export TOKEN=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"Bench-pass-1234\"}" "$gw/api/auth/signin" \
  | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "could not sign in" >&2; exit 1; }
export gw ps s3 bucket

# one upload each; print the status code
put_s3() { curl -s -o /dev/null -w '%{http_code}\n' -T "$1" "$s3/$bucket/bench/$RANDOM$RANDOM-$2"; }
raw() { curl -s -o /dev/null -w '%{http_code}\n' -X POST -T "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: image/jpeg' \
  "$3/api/photos?filename=bench-$2.jpg"; }
multipart() { curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" -F "file=@$1;type=image/jpeg" "$3/api/photos"; }
export -f put_s3 raw multipart

rows=()
# scenario NAME FILE BYTES COUNT CONCURRENCY COMMAND [TARGET]; ONLY="name …" runs just those
scenario() {
  [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]] || return 0
  local name=$1 file=$2 bytes=$3 count=$4 conc=$5 cmd=$6 target=${7:-}
  # warm-up: the same run once (C2 still compiles for a few hundred uploads after start; see docs/benchmarks-uploads.md)
  seq "$count" | xargs -P "$conc" -I{} bash -c "$cmd \"\$@\"" _ "$file" {} "$target" >/dev/null || true
  local g0 p0 s0 t0 g1 p1 s1 t1 gj0 pj0 m0 gj1 pj1 m1
  gj0=$(jit_ticks $gw_pid) pj0=$(jit_ticks $ps_pid) m0=$(thread_ticks $s3_pid "$s3mock_threads")
  g0=$(ticks $gw_pid) p0=$(ticks $ps_pid) s0=$(ticks $s3_pid) t0=$(date +%s%N)
  # a connection that breaks is a failed upload (curl prints 000), not the end of the benchmark
  seq "$count" | xargs -P "$conc" -I{} bash -c "$cmd \"\$@\"" _ "$file" {} "$target" > "$work/$name.codes" || true
  t1=$(date +%s%N) g1=$(ticks $gw_pid) p1=$(ticks $ps_pid) s1=$(ticks $s3_pid)
  gj1=$(jit_ticks $gw_pid) pj1=$(jit_ticks $ps_pid) m1=$(thread_ticks $s3_pid "$s3mock_threads")
  local mb ok bad wall
  mb=$(awk -v n="$count" -v b="$bytes" 'BEGIN{printf "%.1f", n*b/1e6}')
  ok=$(grep -c -E '^(200|201)$' "$work/$name.codes" || true)
  bad=$(( count - ok ))
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", (b-a)/1e9}')
  per_mb() { awk -v t="$1" -v mb="$mb" 'BEGIN{printf "%.2f", t*10/mb}'; }
  local row
  row="| $name | $count × $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB, $conc at a time | $wall s | $(awk -v n="$count" -v w="$wall" 'BEGIN{printf "%.1f", n/w}')/s | $(awk -v mb="$mb" -v w="$wall" 'BEGIN{printf "%.0f", mb/w}') MB/s | $ok | $bad ($(sort "$work/$name.codes" | uniq -c | tr -s ' ' | tr '\n' ' ')) | $(per_mb $(( g1 - g0 ))) ($(per_mb $(( g1 - g0 - gj1 + gj0 )))) | $(per_mb $(( p1 - p0 ))) ($(per_mb $(( p1 - p0 - pj1 + pj0 )))) | $(per_mb $(( s1 - s0 ))): $(per_mb $(( m1 - m0 ))) + $(per_mb $(( s1 - s0 - m1 + m0 ))) |"
  rows+=("$row")
  echo "$row"
  eval "wall_$name=$wall nojit_ps_$name=$(per_mb $(( p1 - p0 - pj1 + pj0 ))) nojit_gw_$name=$(per_mb $(( g1 - g0 - gj1 + gj0 )))"
}

kill -STOP "$th_pid"
scenario direct_put_big "$work/big.jpg" "$big_bytes" "$big" "$big" put_s3
scenario raw_to_service_big "$work/big.jpg" "$big_bytes" "$big" "$big" raw "$ps"
scenario multipart_to_service_big "$work/big.jpg" "$big_bytes" "$big" "$big" multipart "$ps"
scenario raw_via_gateway_big "$work/big.jpg" "$big_bytes" "$big" "$big" raw "$gw"
scenario direct_put_camera "$work/camera.jpg" "$camera_bytes" "$small" "$small_conc" put_s3
scenario raw_via_gateway_camera "$work/camera.jpg" "$camera_bytes" "$small" "$small_conc" raw "$gw"
scenario multipart_via_gateway_camera "$work/camera.jpg" "$camera_bytes" "$small" "$small_conc" multipart "$gw"
scenario raw_via_gateway_crowd "$work/camera.jpg" "$camera_bytes" "$crowd" "$crowd" raw "$gw"
kill -CONT "$th_pid"
scenario raw_via_gateway_camera_thumbnails_on "$work/camera.jpg" "$camera_bytes" "$small" "$small_conc" raw "$gw"

ratio() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; else echo "n/a"; fi; }
{
  echo "# Upload benchmark"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, services on $("$(readlink "/proc/$ps_pid/exe")" -version 2>&1 | head -1), started with"
  echo "\`${CLOUDALBUM_JAVA_OPTS:-run-local defaults}\`$( [ -n "${ALBUM_AWS_S3_CHECKSUMS:-}" ] && echo ", ALBUM_AWS_S3_CHECKSUMS=$ALBUM_AWS_S3_CHECKSUMS"). Reproduce:"
  echo
  echo '```bash'
  echo "CLOUDALBUM_JAVA_OPTS=\"${CLOUDALBUM_JAVA_OPTS:--XX:+UseSerialGC -Xmx96m}\" load-test/with-local-system.sh load-test/upload-benchmark.sh"
  echo '```'
  echo
  echo "Files: a camera-like 12 MP JPEG ($camera_bytes bytes) and a 20 MB file (a JPEG followed by random bytes). Each row"
  echo "ran once to warm up, then measured; CPU is user+system time from /proc/<pid>/stat over the measured run, divided"
  echo "by the MB moved (the warm-up run is not counted); in brackets the same without the JIT compiler threads, which are"
  echo "still compiling after one warm-up run (a warm JVM's cost). Local stack = the one JVM that hosts the emulators: S3Mock's"
  echo "threads (which also forward S3 events to SQS) + the rest (DynamoDB Local, ElasticMQ, its JIT). thumbnail-service"
  echo "paused unless the row says otherwise."
  echo
  echo "| scenario | uploads | wall | uploads/s | MB/s | 2xx | failed | gateway CPU ms/MB (without JIT) | photo-service CPU ms/MB (without JIT) | local stack CPU ms/MB: S3Mock + rest |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- 64 × 20 MB raw into photo-service: wall time **$(ratio "${wall_raw_to_service_big:-}" "${wall_direct_put_big:-}")×** that of the direct PUTs (target ≤ 1.5×)."
  echo "- 64 × 20 MB multipart into photo-service: **$(ratio "${wall_multipart_to_service_big:-}" "${wall_direct_put_big:-}")×** (target ≤ 2×)."
  echo "- photo-service without its JIT threads (which still compile after the warm-up run): raw **${nojit_ps_raw_to_service_big:-n/a}** ms per MB into photo-service, **${nojit_ps_raw_via_gateway_big:-n/a}** through the gateway (target ≤ 2); multipart **${nojit_ps_multipart_to_service_big:-n/a}** (target ≤ 3); gateway raw **${nojit_gw_raw_via_gateway_big:-n/a}** / **${nojit_gw_raw_via_gateway_camera:-n/a}** ms per MB, 20 MB / camera files (target ≤ 1)."
  echo "- 48 × camera JPEG, 8 at a time, raw through the gateway: **$(ratio "${wall_direct_put_camera:-}" "${wall_raw_via_gateway_camera:-}")** of the direct PUT's throughput (target ≥ 0.6); with thumbnail-service running: **$(ratio "${wall_direct_put_camera:-}" "${wall_raw_via_gateway_camera_thumbnails_on:-}")**."
} > "$out"
echo "wrote $out"
