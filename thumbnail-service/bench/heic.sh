#!/usr/bin/env bash
# HEIC and WebP figures, one run, pinned to one core:
#  1. a 12-megapixel HEIC → preview + thumbnail: this service's renderer (libheif) vs ImageMagick's convert
#     (also libheif; -limit thread 1), alternating rounds; Java with and without the WebP renditions;
#  2. the 12-megapixel JPEG → preview + thumbnail, JPEG renditions only (the path before WebP) and with WebP;
#  3. WebP vs JPEG rendition size at matched quality: for each sample, the rendition's scaled pixels are written
#     lossless (ref.png), as the service's JPEG, and as WebP at q 50…95; the WebP quality chosen is the lowest whose
#     SSIM against ref.png (ImageMagick compare -metric SSIM) is at least the JPEG's.
# Usage: thumbnail-service/bench/heic.sh [iterations per round, default 20] [rounds, default 3]
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
echo "java: $(java -version 2>&1 | head -1); $($im -version | head -1 | cut -d' ' -f2-3); heif-enc $(heif-enc --version 2>/dev/null || dpkg-query -W -f='${Version}' libheif1)"
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
echo "WebP vs JPEG at matched SSIM (JPEG renditions: thumbnail q 0.82, preview q 0.85, JDK encoder)"
for sample in "${samples[@]}"; do
  for spec in thumbnail preview; do
    dir=$out/quality/$(basename "$sample")-$spec
    java -cp "$classpath" com.cloudalbum.thumbnail.render.WebpQualityBench "$sample" "$spec" "$dir"
    ssim() { "$im" compare -metric SSIM "$dir/ref.png" "$1" null: 2>&1 || true; }
    jpeg_ssim=$(ssim "$dir/jpeg.jpg")
    jpeg_bytes=$(stat -c %s "$dir/jpeg.jpg")
    chosen=""
    for q in 50 55 60 65 70 75 80 85 90 95; do
      s=$(ssim "$dir/webp-$q.webp")
      if awk -v a="$s" -v b="$jpeg_ssim" 'BEGIN { exit !(a >= b) }'; then chosen=$q; webp_ssim=$s; break; fi
    done
    if [ -z "$chosen" ]; then echo "$(basename "$sample") $spec: no WebP quality reaches JPEG's SSIM $jpeg_ssim"; continue; fi
    webp_bytes=$(stat -c %s "$dir/webp-$chosen.webp")
    default_bytes=$(stat -c %s "$dir/webp-80.webp"); default_ssim=$(ssim "$dir/webp-80.webp")
    awk -v n="$(basename "$sample") $spec" -v jb="$jpeg_bytes" -v js="$jpeg_ssim" -v q="$chosen" -v wb="$webp_bytes" \
        -v ws="$webp_ssim" -v db="$default_bytes" -v ds="$default_ssim" \
      'BEGIN { printf "%-22s JPEG %7d B (SSIM %.4f); WebP q%d %7d B (SSIM %.4f) = %+.0f %%; WebP q80 (service) %7d B (SSIM %.4f) = %+.0f %%\n", n, jb, js, q, wb, ws, 100 * (wb - jb) / jb, db, ds, 100 * (db - jb) / jb }'
  done
done
