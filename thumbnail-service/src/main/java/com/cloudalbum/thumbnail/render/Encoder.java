package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;

/**
 * Writes a scaled, upright {@code TYPE_INT_RGB} image in one format. A fresh image is written without metadata:
 * no EXIF, GPS or maker notes leak into a rendition. A rendition is at most 1600 × 1600, so its encoding is small
 * and held whole.
 */
interface Encoder {

    RenditionFormat format();

    byte[] encode(BufferedImage image, RenditionSpec spec);
}
