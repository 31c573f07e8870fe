package com.cloudalbum.thumbnail.render;

import java.awt.geom.AffineTransform;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import org.jspecify.annotations.Nullable;

/** EXIF orientation 1–8: how the stored rows and columns map onto the upright picture. */
enum Orientation {
    NORMAL, FLIP_HORIZONTAL, ROTATE_180, FLIP_VERTICAL, TRANSPOSE, ROTATE_90_CW, TRANSVERSE, ROTATE_90_CCW;

    static Orientation of(int exifValue) {
        return exifValue >= 1 && exifValue <= 8 ? values()[exifValue - 1] : NORMAL;
    }

    /** A missing or unparseable tag means "as stored", which is what every viewer does too. */
    static Orientation read(byte[] prefix) {
        return read(prefix, prefix.length);
    }

    /** From the EXIF in {@code file[0, length)}, wherever the format puts it (HEIF: its Exif item). */
    static Orientation read(byte[] file, int length) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file, 0, length), length);
            @Nullable ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            @Nullable Integer value = exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            return value == null ? NORMAL : of(value);
        }
        catch (ImageProcessingException | IOException | RuntimeException e) {
            // a truncated prefix or odd metadata must not stop the render; the decoder judges the pixels
            return NORMAL;
        }
    }

    boolean transposes() {
        return ordinal() >= TRANSPOSE.ordinal();
    }

    /** Maps stored coordinates (already scaled) onto an upright canvas of {@code width} × {@code height}. */
    AffineTransform toUpright(int width, int height) {
        return switch (this) {
            case NORMAL -> new AffineTransform();
            case FLIP_HORIZONTAL -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case ROTATE_180 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case FLIP_VERTICAL -> new AffineTransform(1, 0, 0, -1, 0, height);
            case TRANSPOSE -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case ROTATE_90_CW -> new AffineTransform(0, 1, -1, 0, width, 0);
            case TRANSVERSE -> new AffineTransform(0, -1, -1, 0, width, height);
            case ROTATE_90_CCW -> new AffineTransform(0, -1, 1, 0, 0, height);
        };
    }
}
