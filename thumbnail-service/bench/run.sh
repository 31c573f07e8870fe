#!/usr/bin/env bash
# Thumbnails per second on one core: this service's renderer (RendererBench) and Pillow's draft() + thumbnail()
# on the same 12-megapixel JPEG, pinned to the same core, alternating rounds in one run; then the same for
# what the service does per photo (preview + thumbnail from one decode). Java runs twice a round: as the service
# runs (TurboJPEG when the system has libturbojpeg, else ImageIO) and with ImageIO only.
# Usage: thumbnail-service/bench/run.sh [iterations per round, default 60] [rounds, default 3]
# Needs: a JDK, python3 with Pillow (Debian: apt-get install python3-pil), taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/../.."
iterations=${1:-60}
rounds=${2:-3}
core=${BENCH_CORE:-1}
out=thumbnail-service/target/bench
mkdir -p "$out"

python=python3
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import PIL' 2>/dev/null; then python=$candidate; break; fi
done
"$python" -c 'import PIL' 2>/dev/null || { echo "Pillow is missing: apt-get install python3-pil" >&2; exit 1; }

./mvnw -q -pl thumbnail-service -am install -DskipTests >/dev/null
./mvnw -q -pl thumbnail-service test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=runtime >/dev/null
classpath="thumbnail-service/target/classes:thumbnail-service/target/test-classes:$(cat "$out/classpath.txt")"

photo=$out/photo-12mp.jpg
[ -f "$photo" ] || "$python" thumbnail-service/bench/make_photo.py "$photo"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); pinned to core $core"
echo "java: $(java -version 2>&1 | head -1); pillow: $("$python" -c 'import PIL; print(PIL.__version__)')"
echo "file: $photo ($(stat -c %s "$photo") bytes, 4000x3000)"
for mode in "" both; do
  for round in $(seq "$rounds"); do
    taskset -c "$core" java -cp "$classpath" com.cloudalbum.thumbnail.render.RendererBench "$photo" "$iterations" $mode \
      | sed "s/^/round $round java   /"
    taskset -c "$core" java -Ddecoder=imageio -cp "$classpath" com.cloudalbum.thumbnail.render.RendererBench "$photo" "$iterations" $mode \
      | sed "s/^/round $round java   /"
    taskset -c "$core" "$python" thumbnail-service/bench/pillow_thumbnail.py "$photo" "$iterations" $mode \
      | sed "s/^/round $round /"
  done
done
