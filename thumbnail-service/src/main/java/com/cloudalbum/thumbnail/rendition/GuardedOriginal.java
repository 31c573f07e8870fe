package com.cloudalbum.thumbnail.rendition;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * The original's stream, remembering whether reading it failed. The renderer reports any failure while decoding
 * as undecodable data; when the bytes stopped coming (a dropped connection, a timeout) that is S3's fault, not the
 * image's, and must be retried rather than marked FAILED.
 */
final class GuardedOriginal extends FilterInputStream {

    private volatile @Nullable Exception failure;

    GuardedOriginal(InputStream original) {
        super(original);
    }

    /** What reading the source threw, if anything did. */
    @Nullable Exception failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        }
        catch (IOException | RuntimeException e) {
            note(e);
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        }
        catch (IOException | RuntimeException e) {
            note(e);
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        }
        catch (IOException | RuntimeException e) {
            note(e);
            throw e;
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return super.available();
        }
        catch (IOException | RuntimeException e) {
            note(e);
            throw e;
        }
    }

    private void note(Exception e) {
        if (failure == null) {
            failure = e;
        }
    }
}
