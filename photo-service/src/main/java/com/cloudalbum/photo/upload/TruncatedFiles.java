package com.cloudalbum.photo.upload;

import java.util.Arrays;

/**
 * Turns the prefix of a JPEG or PNG into a complete file by dropping the segment or chunk that was
 * cut off and closing the file there.
 *
 * <p>The metadata parsers throw on a file that ends early and then report nothing, not even what
 * they had read. The PNG parser also collects every chunk before reporting any, and allocates a
 * chunk's declared length before reading it: a 2 GiB length in a 100-byte upload would be a 2 GiB
 * allocation. Whole chunks that fit in the prefix avoid both.
 */
final class TruncatedFiles {

    private static final byte[] JPEG_END = {(byte) 0xFF, (byte) 0xD9};
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final int PNG_SIGNATURE = 8;

    private TruncatedFiles() {
    }

    /**
     * The segments up to the start of the image data (where the parser stops) or the last whole one,
     * then an end-of-image marker. A prefix that is not a sequence of segments is returned as it is.
     */
    static byte[] closeJpeg(byte[] prefix, int length) {
        int at = 2; // after SOI
        while (at + 2 <= length) {
            if ((prefix[at] & 0xFF) != 0xFF) {
                return Arrays.copyOf(prefix, length);
            }
            int marker = prefix[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return Arrays.copyOf(prefix, length); // image data or end reached: nothing more is parsed
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2; // no length field
                continue;
            }
            if (at + 4 > length) {
                break;
            }
            int segmentLength = (prefix[at + 2] & 0xFF) << 8 | (prefix[at + 3] & 0xFF);
            if (segmentLength < 2) {
                return Arrays.copyOf(prefix, length);
            }
            if (at + 2 + segmentLength > length) {
                break;
            }
            at += 2 + segmentLength;
        }
        return join(prefix, at, JPEG_END);
    }

    /** The whole chunks in the prefix, then an IEND chunk. */
    static byte[] closePng(byte[] prefix, int length) {
        int at = PNG_SIGNATURE;
        while (at + 12 <= length) {
            long dataLength = Integer.toUnsignedLong(readInt(prefix, at));
            long end = at + 12 + dataLength; // length, type, data, CRC
            if (end > length) {
                break;
            }
            boolean iend = prefix[at + 4] == 'I' && prefix[at + 5] == 'E' && prefix[at + 6] == 'N' && prefix[at + 7] == 'D';
            at = (int) end;
            if (iend) {
                return Arrays.copyOf(prefix, at);
            }
        }
        return join(prefix, at, PNG_END);
    }

    private static byte[] join(byte[] prefix, int length, byte[] end) {
        byte[] file = Arrays.copyOf(prefix, length + end.length);
        System.arraycopy(end, 0, file, length, end.length);
        return file;
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }
}
