"""Pillow's fast path for the same job as RendererBench: draft() (libjpeg DCT scaling), thumbnail(), JPEG encode."""
import io
import sys
import time

from PIL import Image


def one(path, box, quality):
    with Image.open(path) as im:
        im.draft("RGB", box)
        im.thumbnail(box)
        out = io.BytesIO()
        im.convert("RGB").save(out, "JPEG", quality=quality)
        return im.size, out.tell()


def both(path, box, quality):
    """What thumbnail-service does per photo: one decode, a 1600 preview, then the thumbnail from it."""
    with Image.open(path) as im:
        im.draft("RGB", (1600, 1600))
        im.thumbnail((1600, 1600))
        preview = io.BytesIO()
        im.convert("RGB").save(preview, "JPEG", quality=85)
        im.thumbnail(box)
        out = io.BytesIO()
        im.convert("RGB").save(out, "JPEG", quality=quality)
        return im.size, out.tell()


def main():
    path, iterations = sys.argv[1], int(sys.argv[2])
    job = both if sys.argv[3:] == ["both"] else one
    box = (400, 400)
    for _ in range(max(1, iterations // 10)):
        job(path, box, 82)
    start = time.perf_counter()
    for _ in range(iterations):
        size, length = job(path, box, 82)
    seconds = time.perf_counter() - start
    print("pillow %s%s: %d thumbnails in %.2f s = %.1f thumbnails/s (%dx%d, %d bytes)"
          % (Image.__version__ if hasattr(Image, "__version__") else "",
             " preview+thumbnail" if job is both else "", iterations, seconds, iterations / seconds,
             size[0], size[1], length))


if __name__ == "__main__":
    main()
