/**
 * Pixels only: bytes of an original in, encoded renditions out. {@link com.cloudalbum.thumbnail.render.Renderer}
 * picks a {@code Decoder} by format (TurboJPEG, libheif, ImageIO), plans the targets from the header
 * ({@code Plan}, the pixel budget), turns and scales ({@code Orientation}, {@code Scaler}) and writes each
 * rendition with every {@code Encoder} present (JPEG, WebP). Plain Java and JNA, no Spring or AWS types;
 * blocking and CPU-bound, so callers run it on a bounded scheduler. The {@code rendition} package is the
 * pipeline around it: S3, the Photo item, retries.
 */
@NullMarked
package com.cloudalbum.thumbnail.render;

import org.jspecify.annotations.NullMarked;
