package com.cloudalbum.photo.upload;

import java.util.Arrays;

/**
 * Keeps the first {@code capacity} bytes of a stream as it passes, for metadata extraction after
 * the upload: EXIF sits near the start of a photo, so the whole file never needs to be held.
 */
final class PrefixCapture {

    private final byte[] bytes;
    private int length;

    PrefixCapture(int capacity) {
        this.bytes = new byte[capacity];
    }

    /** Called from one stream's pipeline at a time (Reactor serialises onNext), so no locking. */
    void offer(byte[] chunk) {
        offer(chunk, 0, chunk.length);
    }

    void offer(byte[] source, int offset, int count) {
        int n = Math.min(count, bytes.length - length);
        if (n > 0) {
            System.arraycopy(source, offset, bytes, length, n);
            length += n;
        }
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    int length() {
        return length;
    }
}
