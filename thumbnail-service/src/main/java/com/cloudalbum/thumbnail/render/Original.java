package com.cloudalbum.thumbnail.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The original's bytes as the decoders see them: the first {@value #PREFIX_BYTES} bytes in memory (format sniffing,
 * EXIF orientation), the rest still in the caller's stream until a decoder asks for the whole file. The object's
 * size, when the caller knows it, sizes that buffer exactly; otherwise it grows by doubling. Not thread-safe.
 */
final class Original {

    /** EXIF lives in APP1 (at most 64 KiB) near the start of a JPEG; this leaves room for APP0/XMP before it. */
    static final int PREFIX_BYTES = 256 * 1024;

    private final InputStream rest;
    private final long size;
    private byte[] bytes;
    private int length;
    private boolean complete;

    /**
     * @param size the object's length in bytes, or -1 when unknown; only a hint for buffer sizing
     */
    Original(InputStream stream, long size) {
        this.rest = stream;
        this.size = size;
        this.bytes = readNBytes(stream, PREFIX_BYTES);
        this.length = bytes.length;
        this.complete = length < PREFIX_BYTES;
    }

    byte[] prefix() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, Math.min(length, PREFIX_BYTES));
    }

    /**
     * Reads the whole file into memory when it is at most {@code max} bytes.
     *
     * @return whether it fitted; when not, what was read stays available to {@link #stream()}
     */
    boolean buffer(int max) {
        if (complete) {
            return length <= max;
        }
        if (size > max) {
            return false;
        }
        int capacity = size > length ? (int) size + 1 : Math.min(max + 1, Math.max(length * 2, 1 << 20));
        bytes = Arrays.copyOf(bytes, Math.max(capacity, length));
        try {
            while (length <= max) {
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(max + 1L, bytes.length * 2L));
                }
                int read = rest.read(bytes, length, bytes.length - length);
                if (read < 0) {
                    complete = true;
                    return true;
                }
                length += read;
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the original", e);
        }
        return false;
    }

    /** The buffered bytes; the file when {@link #buffer} returned true. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Everything: what is buffered, then the rest of the caller's stream. Call at most once. */
    InputStream stream() {
        InputStream buffered = new ByteArrayInputStream(bytes, 0, length);
        return complete ? buffered : new SequenceInputStream(buffered, rest);
    }

    private static byte[] readNBytes(InputStream stream, int n) {
        try {
            return stream.readNBytes(n);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the original", e);
        }
    }
}
