#!/usr/bin/env bash
# HEIC and WebP figures, one run, pinned to one core:
#  1. a 12-megapixel HEIC → preview + thumbnail: this service's renderer (libheif) vs ImageMagick's convert
#     (also libheif; -limit thread 1), alternating rounds; Java with and without the WebP renditions;
#  2. the 12-megapixel JPEG → preview + thumbnail, JPEG renditions only (the path before WebP) and with WebP;
#  3. WebP vs JPEG rendition size at matched quality: for each sample, the rendition's scaled pixels are encoded as
#     the service's JPEG and as WebP at q 40…100; the matched WebP is the lowest quality whose SSIM against the
#     scaled pixels is at least the JPEG's (WebpQualityBench; ImageMagick 6.9.11 has no SSIM metric).
# Usage: [BENCH_SAMPLES="photo.jpg …"] thumbnail-service/bench/heic.sh [iterations per round, default 20] [rounds, default 3]
# Needs: a JDK, python3 with Pillow, heif-enc (libheif-examples), ImageMagick 6.9.11+ with HEIC (imagemagick), taskset.
set -euo pipefail
cd "$(dirname "$0")/../.."
iterations=${1:-20}
rounds=${2:-3}
core=${BENCH_CORE:-1}
out=thumbnail-service/target/bench
im=/usr/bin/convert
mkdir -p "$out"

# compiles in the reactor (no install), then the runtime classpath of thumbnail-service
./mvnw -q -o -pl thumbnail-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=runtime >/dev/null
classpath="thumbnail-service/target/classes:thumbnail-service/target/test-classes:photo-contract/target/classes:common/target/classes:$(cat "$out/classpath.txt")"

jpeg=$out/photo-12mp.jpg
heic=$out/photo-12mp.heic
python=python3
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c "import PIL" 2>/dev/null; then python=$candidate; break; fi
done
[ -f "$jpeg" ] || "$python" thumbnail-service/bench/make_photo.py "$jpeg"
[ -f "$heic" ] || heif-enc -q 80 -o "$heic" "$jpeg" >/dev/null

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); pinned to core $core"
echo "java: $(java -version 2>&1 | head -1); $($im -version | head -1 | cut -d' ' -f2-3); libheif $(dpkg-query -W -f='${Version}' libheif1 2>/dev/null), libwebp $(dpkg-query -W -f='${Version}' libwebp7 2>/dev/null)"
echo "files: $heic ($(stat -c %s "$heic") bytes), $jpeg ($(stat -c %s "$jpeg") bytes), 4000x3000"

bench() { taskset -c "$core" java "$@"; }
imagemagick() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$iterations"); do
    taskset -c "$core" "$im" -limit thread 1 "$heic" -thumbnail 1600x1600 -quality 85 "$out/im-preview.jpg"
    taskset -c "$core" "$im" -limit thread 1 "$out/im-preview.jpg" -thumbnail 400x400 -quality 82 "$out/im-thumbnail.jpg"
  done
  end=$(date +%s.%N)
  awk -v n="$iterations" -v s="$start" -v e="$end" \
    'BEGIN { printf "[ImageMagick convert, 1 thread] preview+thumbnail: %d photos in %.2f s = %.1f photos/s\n", n, e - s, n / (e - s) }'
}
for round in $(seq "$rounds"); do
  bench -cp "$classpath" com.cloudalbum.thumbnail.render.RendererBench "$heic" "$iterations" both | sed "s/^/round $round heic /"
  bench -Dwebp=false -cp "$classpath" com.cloudalbum.thumbnail.render.RendererBench "$heic" "$iterations" both | sed "s/^/round $round heic /"
  imagemagick | sed "s/^/round $round heic /"
done
for round in $(seq "$rounds"); do
  bench -Dwebp=false -cp "$classpath" com.cloudalbum.thumbnail.render.RendererBench "$jpeg" "$((iterations * 3))" both | sed "s/^/round $round jpeg /"
  bench -cp "$classpath" com.cloudalbum.thumbnail.render.RendererBench "$jpeg" "$((iterations * 3))" both | sed "s/^/round $round jpeg /"
done

# samples: the synthetic camera photo, a plasma fractal (photo-like texture) and the two UI screenshots
samples=("$jpeg")
[ -f "$out/plasma.png" ] || "$im" -seed 7 -size 4000x3000 plasma:fractal -blur 0x1.2 "$out/plasma.png"
samples+=("$out/plasma.png" docs/screenshots/album.png docs/screenshots/map.png)
# real photos, e.g. BENCH_SAMPLES="$(ls ~/exif-samples/jpg/hdr/*_NO.jpg)": none ship with the repository
# shellcheck disable=SC2206
samples+=(${BENCH_SAMPLES:-})
echo "WebP vs JPEG at matched SSIM (JPEG renditions: the JDK's encoder at the service's qualities)"
for sample in "${samples[@]}"; do
  for spec in thumbnail preview; do
    java -cp "$classpath" com.cloudalbum.thumbnail.render.WebpQualityBench "$sample" "$spec"
  done
done
