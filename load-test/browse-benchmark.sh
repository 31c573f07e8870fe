#!/usr/bin/env bash
# Browsing cost: GET /api/photos?limit=24 with wrk, straight to photo-service and through the gateway, with the CPU
# each process on the path spent per request (from /proc/<pid>/stat, user + system), after a warm-up run that is
# thrown away. Loopback only, bounded in time. Needs a running local system with C2, started under the port lock:
#   flock /tmp/cloudalbum-ports.lock bash -c 'CLOUDALBUM_JAVA_OPTS="-XX:+UseSerialGC -Xmx384m" ./run-local.sh & …'
# or let this script start and stop it (START=1). Prints a Markdown table.
#   DURATION (15s)  WARMUP (30s per target)  CONNECTIONS ("64")  OVERLOAD_CONNECTIONS (256)  OVERLOAD_DURATION (30s)  PHOTOS (30)
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY=${GATEWAY:-http://localhost:8080}
PHOTO=${PHOTO:-http://localhost:8082}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-64}
OVERLOAD_CONNECTIONS=${OVERLOAD_CONNECTIONS:-256}
OVERLOAD_DURATION=${OVERLOAD_DURATION:-30s}
PHOTOS=${PHOTOS:-30}
work=$(mktemp -d)
system=""

cleanup() {
  if [ -n "$system" ]; then kill -TERM "$system" 2>/dev/null || true; wait "$system" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is required (apt-get install -y wrk)" >&2; exit 1; }

if [ "${START:-0}" = 1 ]; then
  CLOUDALBUM_JAVA_OPTS="${CLOUDALBUM_JAVA_OPTS:--XX:+UseSerialGC -Xmx384m}" ./run-local.sh > "$work/run-local.log" 2>&1 &
  system=$!
  for _ in $(seq 240); do
    grep -q "CloudAlbum is running" "$work/run-local.log" && break
    kill -0 "$system" 2>/dev/null || { cat "$work/run-local.log"; exit 1; }
    sleep 1
  done
  grep -q "CloudAlbum is running" "$work/run-local.log" || { echo "system not up" >&2; exit 1; }
fi

pid_on() { ss -ltnp | awk -v p=":$1\$" '$4 ~ p' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
# shellcheck source=lib/proc-cpu.sh
. load-test/lib/proc-cpu.sh
gw_pid=$(pid_on 8080); photo_pid=$(pid_on 8082); dynamo_pid=$(pid_on 8000)

# --- a user with an album of $PHOTOS small JPEGs, all READY -------------------------------------------------------
email="browse-$(date +%s)-$RANDOM@example.com"
curl -sf -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"Corr3ct-horse\",\"name\":\"Browse\"}" "$GATEWAY/api/auth/signup"
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"Corr3ct-horse\"}" \
  "$GATEWAY/api/auth/signin" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "no token" >&2; exit 1; }
[ -z "${TOKEN_FILE:-}" ] || echo "$token" > "$TOKEN_FILE"   # for a profiling run after this one
for i in $(seq "$PHOTOS"); do
  convert -size 800x600 "gradient:#$(printf '%06x' $((RANDOM * 300)))-#204080" -quality 85 "$work/p$i.jpg"
  curl -sf -o /dev/null -H "Authorization: Bearer $token" -F "file=@$work/p$i.jpg;type=image/jpeg" -F "tags=bench,$i" \
    "$GATEWAY/api/photos"
done
for _ in $(seq 120); do
  ready=$(curl -sf -H "Authorization: Bearer $token" "$GATEWAY/api/photos?limit=100" | grep -o '"status":"READY"' | wc -l)
  [ "$ready" -ge "$PHOTOS" ] && break
  sleep 1
done

# --- wrk with CPU per request per process ---------------------------------------------------------------------------
# run <label> <connections> <duration> <url>: one Markdown row
run() {
  local label=$1 conns=$2 dur=$3 url=$4 g0 p0 d0 g1 p1 d1 gj0 pj0 gj1 pj1 out requests rps p50 p99 errors non2xx
  g0=$(ticks "$gw_pid"); p0=$(ticks "$photo_pid"); d0=$(ticks "$dynamo_pid"); gj0=$(jit_ticks "$gw_pid"); pj0=$(jit_ticks "$photo_pid")
  out=$(wrk -t2 -c"$conns" -d"$dur" --timeout 10s --latency -H "Authorization: Bearer $token" "$url")
  g1=$(ticks "$gw_pid"); p1=$(ticks "$photo_pid"); d1=$(ticks "$dynamo_pid"); gj1=$(jit_ticks "$gw_pid"); pj1=$(jit_ticks "$photo_pid")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print "connect " $4 ", read " $6 ", write " $8 ", timeout " $10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  per() { awk -v t="$1" -v n="$requests" 'BEGIN { printf "%.2f", t * 10 / n }'; }
  printf '| %s | %s | %s | %s | %s | %s | %s (%s) | %s (%s) | %s | %s |\n' "$label" "$conns" "$requests" "$rps" "$p50" "$p99" \
    "$(per $((g1 - g0)))" "$(per $((g1 - g0 - gj1 + gj0)))" "$(per $((p1 - p0)))" "$(per $((p1 - p0 - pj1 + pj0)))" \
    "$(per $((d1 - d0)))" "${non2xx:-0} non-2xx; ${errors:-no socket errors}"
}

page="/api/photos?limit=24"
wrk -t2 -c64 -d"$WARMUP" -H "Authorization: Bearer $token" "$PHOTO$page" > /dev/null
wrk -t2 -c64 -d"$WARMUP" -H "Authorization: Bearer $token" "$GATEWAY$page" > /dev/null
echo "| run | connections | requests | req/s | p50 | p99 | gateway CPU ms/req (without JIT threads) | photo-service CPU ms/req (without JIT threads) | stack (DynamoDB) CPU ms/req | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for c in $CONNECTIONS; do
  run "direct to photo-service" "$c" "$DURATION" "$PHOTO$page"
  run "through the gateway" "$c" "$DURATION" "$GATEWAY$page"
done
run "through the gateway, overload" "$OVERLOAD_CONNECTIONS" "$OVERLOAD_DURATION" "$GATEWAY$page"

# the same listing twice: identical thumbnail URLs (cacheable), and the rendition's Cache-Control
first=$(curl -sf -H "Authorization: Bearer $token" "$GATEWAY$page" | grep -o '"thumbnail":"[^"]*"' | sed -n 1p)
sleep 2
second=$(curl -sf -H "Authorization: Bearer $token" "$GATEWAY$page" | grep -o '"thumbnail":"[^"]*"' | sed -n 1p)
thumb=$(sed 's/"thumbnail":"\(.*\)"/\1/; s/\\u0026/\&/g' <<<"$first")
echo
echo "same thumbnail URL twice, 2 s apart: $([ "$first" = "$second" ] && echo yes || echo NO)"
echo "thumbnail $(curl -s -D - -o /dev/null "$thumb" | grep -i '^cache-control' | tr -d '\r')"
echo "pids: gateway $gw_pid, photo-service $photo_pid, stack $dynamo_pid; JVM options: ${CLOUDALBUM_JAVA_OPTS:-as started}"
