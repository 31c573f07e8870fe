package com.cloudalbum.photo.exif;

/**
 * Where a HEIF file's EXIF item lies, from its {@code iloc} box: {@code length} bytes at {@code offset} from the
 * start of the file. The item begins with a 4-byte offset to the TIFF header, as ISO/IEC 23008-12 Annex A says.
 */
public record ExifLocation(long offset, long length) {

    public ExifLocation {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
    }

    /** Whether all of it lies within the first {@code prefixLength} bytes. */
    public boolean within(long prefixLength) {
        return offset + length <= prefixLength;
    }
}
