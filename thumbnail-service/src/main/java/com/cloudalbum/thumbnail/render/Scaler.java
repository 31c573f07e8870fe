package com.cloudalbum.thumbnail.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Scales decoded pixels to a target and turns them upright. Progressive halving with bilinear steps keeps quality
 * close to a proper downsampling filter at a fraction of the cost; the last step also applies the orientation and
 * flattens alpha onto white into an sRGB {@code TYPE_INT_RGB} image.
 */
final class Scaler {

    private Scaler() {
    }

    static BufferedImage scale(BufferedImage source, Size target, Orientation orientation) {
        int storedTargetWidth = orientation.transposes() ? target.height() : target.width();
        int storedTargetHeight = orientation.transposes() ? target.width() : target.height();
        BufferedImage current = source;
        while (current.getWidth() / 2 >= storedTargetWidth && current.getHeight() / 2 >= storedTargetHeight) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, new AffineTransform(),
                    current.getWidth() / 2, current.getHeight() / 2);
        }
        AffineTransform transform = orientation.toUpright(target.width(), target.height());
        return draw(current, storedTargetWidth, storedTargetHeight, transform, target.width(), target.height());
    }

    /** Draws {@code source} scaled to {@code width} × {@code height}, then through {@code orient}. */
    private static BufferedImage draw(BufferedImage source, int width, int height, AffineTransform orient,
            int outWidth, int outHeight) {
        BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, outWidth, outHeight);
            AffineTransform transform = new AffineTransform(orient);
            transform.scale((double) width / source.getWidth(), (double) height / source.getHeight());
            g.drawImage(source, transform, null);
        }
        finally {
            g.dispose();
        }
        return out;
    }
}
