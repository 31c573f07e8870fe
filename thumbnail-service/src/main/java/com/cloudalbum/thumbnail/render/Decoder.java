package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * Turns an original into pixels, no larger than its {@link Plan} needs. The renderer picks a decoder by the file's
 * format and counts which one ran; each checks the declared size (through the planner) before decoding anything.
 */
interface Decoder {

    /** Short and stable, for logs, metrics and tests. */
    String name();

    /**
     * Decodes {@code original}, asking {@code planner} with the stored width, height and the orientation still to
     * apply before decoding any pixels.
     *
     * @return the pixels and their plan, or null when this decoder declines (the next one has its say)
     * @throws RenderException when the image is too large or undecodable
     */
    @Nullable Decoded decode(Original original, BiFunction<Size, Orientation, Plan> planner);

    /** Stored pixels (the plan's orientation still to apply), at least as large as the plan's largest target. */
    record Decoded(BufferedImage image, Plan plan) {
    }
}
