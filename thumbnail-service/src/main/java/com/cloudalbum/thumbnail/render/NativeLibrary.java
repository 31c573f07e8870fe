package com.cloudalbum.thumbnail.render;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** The system libraries the renderer can use; each is optional and loaded once per JVM. */
public enum NativeLibrary {
    /** libjpeg-turbo's {@code libturbojpeg.so.0}: JPEGs decoded at n/8 scale. */
    TURBOJPEG,
    /** {@code libheif.so.1} with its codec plugins: HEIC and AVIF originals. */
    LIBHEIF,
    /** {@code libwebp.so.7}: WebP renditions beside the JPEG ones. */
    LIBWEBP;

    public boolean available() {
        return unavailable() == null;
    }

    /** Why it cannot be used here, or null when it can. */
    public @Nullable String unavailable() {
        return switch (this) {
            case TURBOJPEG -> TurboJpeg.unavailable();
            case LIBHEIF -> Libheif.unavailable();
            case LIBWEBP -> WebpEncoder.unavailable();
        };
    }

    /** Those present on this system. */
    public static Set<NativeLibrary> present() {
        EnumSet<NativeLibrary> present = EnumSet.noneOf(NativeLibrary.class);
        for (NativeLibrary library : values()) {
            if (library.available()) {
                present.add(library);
            }
        }
        return present;
    }
}
