package com.cloudalbum.thumbnail.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every {@link RendererTest} again with ImageIO alone: other formats, JPEGs over the buffer bound, no libturbojpeg. */
class ImageIoRendererTest extends RendererTest {

    @Override
    Renderer newRenderer() {
        return new Renderer(Renderer.DEFAULT_MAX_PIXELS, false, Renderer.DEFAULT_MAX_BUFFERED_BYTES);
    }

    @Override
    @Test
    void decoder_isTurboJpegWhereTheSystemHasIt() {
        assertThat(renderer.decoder()).startsWith("ImageIO only");
    }
}
