package com.cloudalbum.thumbnail.render;

import java.util.Set;

/**
 * Every {@link RendererTest} again with no native library: ImageIO for every format, JPEG renditions only, as on a
 * machine without libturbojpeg, libheif and libwebp. The JPEG tests assert that ImageIO decoded them.
 */
class ImageIoRendererTest extends RendererTest {

    @Override
    Renderer newRenderer() {
        return new Renderer(Renderer.DEFAULT_MAX_PIXELS, Set.of(), Renderer.DEFAULT_MAX_BUFFERED_BYTES);
    }

    @Override
    String jpegDecoder() {
        return ImageIoDecoder.NAME;
    }
}
