package com.cloudalbum.thumbnail.rendition;

import java.io.InputStream;
import java.util.List;

import com.cloudalbum.thumbnail.render.Rendition;
import com.cloudalbum.thumbnail.render.RenditionSpec;

/** The blocking, CPU-bound step; {@link com.cloudalbum.thumbnail.render.Renderer#render} in production. */
@FunctionalInterface
public interface ImageRenderer {

    List<Rendition> render(InputStream original, List<RenditionSpec> specs);
}
