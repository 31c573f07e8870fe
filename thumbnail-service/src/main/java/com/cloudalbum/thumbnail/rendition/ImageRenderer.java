package com.cloudalbum.thumbnail.rendition;

import java.io.InputStream;
import java.util.List;

import com.cloudalbum.thumbnail.render.Rendition;
import com.cloudalbum.thumbnail.render.RenditionSpec;

/**
 * The blocking, CPU-bound step; {@link com.cloudalbum.thumbnail.render.Renderer#render} in production. It returns
 * each spec in every format it writes (JPEG, and WebP where libwebp is present).
 */
@FunctionalInterface
public interface ImageRenderer {

    /** {@code size}: the original's length in bytes, or -1 when unknown. */
    List<Rendition> render(InputStream original, long size, List<RenditionSpec> specs);
}
