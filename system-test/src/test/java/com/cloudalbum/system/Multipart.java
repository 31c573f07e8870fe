package com.cloudalbum.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** multipart/form-data bodies for plain HttpClient calls, streamed when the file is large. */
final class Multipart {

    final String boundary = "cloudalbum-" + UUID.randomUUID();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Form fields first, then the file part, whose bytes come from {@code file} as they are read. */
    InputStream body(Map<String, String> fields, String fileName, InputStream file) {
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return new SequenceInputStream(new SequenceInputStream(
                new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.UTF_8)), file), new ByteArrayInputStream(tail));
    }

    byte[] bytes(Map<String, String> fields, String fileName, byte[] file) {
        try (InputStream in = body(fields, fileName, new ByteArrayInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code length} bytes that start like a JPEG and are not kept anywhere: made as they are read. */
    static InputStream generatedJpeg(long length) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    b[off + i] = p == 0 ? (byte) 0xFF : p == 1 ? (byte) 0xD8 : p == 2 ? (byte) 0xFF : p == 3 ? (byte) 0xE0 : (byte) (p * 31);
                }
                position += n;
                return n;
            }
        };
    }
}
