package com.cloudalbum.photo.upload;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.cloudalbum.photo.problem.PhotoProblems;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A streaming {@code multipart/form-data} reader (RFC 7578) for uploads. Spring's reader looks for the boundary one
 * byte at a time through a lambda per byte (58 % of photo-service's CPU on a multipart upload); this one copies each
 * network buffer once into heap blocks and finds the delimiter with Boyer-Moore-Horspool, which looks at about one
 * byte in forty. A file part's bytes are handed on as slices of those blocks, never copied again.
 *
 * <p>Memory: the block being filled ({@code 2 × }{@value #BLOCK} bytes), a field's value (at most
 * {@code maxFieldBytes}) and a part's headers (at most {@value #MAX_HEADER_BYTES}). One instance reads one body, from one
 * pipeline (Reactor serialises the calls).
 */
final class MultipartParser {

    /** File bytes go downstream in slices of at least this many bytes (unless the part ends first). */
    static final int BLOCK = 64 * 1024;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_PARTS = 64;
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    /** What the body holds, in order: fields whole; a file as its start, its bytes, its end. */
    sealed interface Event {
        /** The last event of its part. */
        boolean isLast();
    }

    record Field(String name, String value) implements Event {
        @Override
        public boolean isLast() {
            return true;
        }
    }

    /** {@code offset}: how many bytes of the body come before the file's first byte. */
    record FileStart(String name, String filename, long offset) implements Event {
        @Override
        public boolean isLast() {
            return false;
        }
    }

    record FileBytes(ByteBuffer bytes) implements Event {
        @Override
        public boolean isLast() {
            return false;
        }
    }

    record FileEnd() implements Event {
        @Override
        public boolean isLast() {
            return true;
        }
    }

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, FILE, FIELD, DONE }

    private final byte[] delimiter;
    private final int[] shift = new int[256];
    private final long maxBodyBytes;
    private final int maxFieldBytes;
    private State state = State.PREAMBLE;
    private byte[] buf;
    private int start;
    private int end;
    /** Where the next delimiter search starts: positions before it cannot begin one. */
    private int scanFrom;
    /** The body's offset of {@code buf[0]}: -2 while the two line-break bytes put before the body are there. */
    private long origin = -2;
    private long bodyBytes;
    private int parts;
    private @Nullable String fieldName;
    private final ByteArrayOutputStream field = new ByteArrayOutputStream();

    MultipartParser(String boundary, long maxBodyBytes, int maxFieldBytes) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxBodyBytes = maxBodyBytes;
        this.maxFieldBytes = maxFieldBytes;
        int last = delimiter.length - 1;
        Arrays.fill(shift, delimiter.length);
        for (int k = 0; k < last; k++) {
            shift[delimiter[k] & 0xff] = last - k;
        }
        // the first delimiter has no line break before it: read the body as if it had one
        this.buf = new byte[2 * BLOCK];
        buf[0] = '\r';
        buf[1] = '\n';
        this.end = 2;
    }

    /** The body's events; each network buffer is released once copied. Errors are 400/413 problems. */
    static Flux<Event> parse(Flux<DataBuffer> body, String boundary, long maxBodyBytes, int maxFieldBytes) {
        return Flux.defer(() -> {
            MultipartParser parser = new MultipartParser(boundary, maxBodyBytes, maxFieldBytes);
            return body.map(parser::feed)
                    .concatMapIterable(events -> events, 2)
                    .concatWith(Mono.fromRunnable(parser::finish));
        });
    }

    /** The {@code boundary} parameter of a multipart Content-Type, unquoted; null when there is none. */
    static @Nullable String boundary(@Nullable MediaType type) {
        String boundary = type == null ? null : type.getParameter("boundary");
        if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            return boundary.substring(1, boundary.length() - 1);
        }
        return boundary;
    }

    /** {@code CRLF--boundary--CRLF}: how a body ends after its last part when its sender ends it with a line break. */
    static int closingDelimiterLength(String boundary) {
        return boundary.length() + 8;
    }

    /** A boundary as RFC 2046 allows it: 1 to 70 characters, no line breaks. */
    static boolean validBoundary(@Nullable String boundary) {
        return boundary != null && !boundary.isEmpty() && boundary.length() <= 70
                && boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    List<Event> feed(DataBuffer buffer) {
        try {
            int n = buffer.readableByteCount();
            bodyBytes += n;
            if (bodyBytes > maxBodyBytes) {
                throw PhotoProblems.tooLarge(maxBodyBytes);
            }
            if (state == State.DONE) {
                return List.of(); // the epilogue
            }
            room(n);
            buffer.read(buf, end, n);
            end += n;
            return advance();
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The body ended: it must have ended with the closing delimiter. */
    void finish() {
        if (state != State.DONE) {
            throw PhotoProblems.malformedMultipart("the body ended before the closing boundary");
        }
    }

    /** Makes room for {@code n} more bytes; bytes before {@code start} may be held downstream, so never overwritten. */
    private void room(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int kept = end - start;
        byte[] next = new byte[Math.max(2 * BLOCK, kept + n)];
        System.arraycopy(buf, start, next, 0, kept);
        scanFrom -= start;
        origin += start;
        buf = next;
        start = 0;
        end = kept;
    }

    private List<Event> advance() {
        List<Event> events = new ArrayList<>(2);
        while (true) {
            switch (state) {
                case PREAMBLE -> {
                    int at = indexOfDelimiter();
                    if (at < 0) {
                        start = Math.max(start, end - delimiter.length + 1); // the preamble is dropped
                        return events;
                    }
                    start = at + delimiter.length;
                    scanFrom = start;
                    state = State.AFTER_DELIMITER;
                }
                case AFTER_DELIMITER -> {
                    if (!afterDelimiter()) {
                        return events;
                    }
                }
                case HEADERS -> {
                    Event started = headers();
                    if (started == null && state == State.HEADERS) {
                        return events;
                    }
                    if (started != null) {
                        events.add(started);
                    }
                }
                case FILE, FIELD -> {
                    int at = indexOfDelimiter();
                    int contentEnd = at >= 0 ? at : end - delimiter.length + 1;
                    if (state == State.FILE) {
                        // hand on whole blocks; a short tail waits for more unless the part ends here
                        if (contentEnd - start >= BLOCK || (at >= 0 && contentEnd > start)) {
                            events.add(new FileBytes(ByteBuffer.wrap(buf, start, contentEnd - start)));
                            start = contentEnd;
                        }
                    } else if (contentEnd > start) {
                        if (field.size() + (contentEnd - start) > maxFieldBytes) {
                            throw PhotoProblems.invalid(List.of(Map.of("field", String.valueOf(fieldName),
                                    "message", "longer than " + maxFieldBytes + " bytes")));
                        }
                        field.write(buf, start, contentEnd - start);
                        start = contentEnd;
                    }
                    if (at < 0) {
                        return events;
                    }
                    events.add(state == State.FILE ? new FileEnd()
                            : new Field(String.valueOf(fieldName), field.toString(StandardCharsets.UTF_8)));
                    field.reset();
                    start = at + delimiter.length;
                    scanFrom = start;
                    state = State.AFTER_DELIMITER;
                }
                case DONE -> {
                    return events;
                }
            }
        }
    }

    /** After a delimiter: {@code --} closes the body; otherwise optional spaces, then a line break, then headers. */
    private boolean afterDelimiter() {
        int i = start;
        if (end - i >= 2 && buf[i] == '-' && buf[i + 1] == '-') {
            state = State.DONE;
            start = end;
            return false;
        }
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i - start > 64) {
            throw PhotoProblems.malformedMultipart("no line break after a boundary");
        }
        if (end - i < 2) {
            return false;
        }
        if (buf[i] != '\r' || buf[i + 1] != '\n') {
            throw PhotoProblems.malformedMultipart("no line break after a boundary");
        }
        start = i + 2;
        if (++parts > MAX_PARTS) {
            throw PhotoProblems.malformedMultipart("more than " + MAX_PARTS + " parts");
        }
        state = State.HEADERS;
        return true;
    }

    /** A part's headers, once they are all here: a file part starts, or a field begins to gather. */
    private @Nullable Event headers() {
        int endOfHeaders;
        int bodyStart;
        if (end - start >= 2 && buf[start] == '\r' && buf[start + 1] == '\n') {
            endOfHeaders = start; // a part without headers
            bodyStart = start + 2;
        } else {
            endOfHeaders = indexOf(buf, start, end, CRLF_CRLF);
            if (endOfHeaders < 0) {
                if (end - start > MAX_HEADER_BYTES) {
                    throw PhotoProblems.malformedMultipart("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
                }
                return null;
            }
            bodyStart = endOfHeaders + 4;
        }
        if (endOfHeaders - start > MAX_HEADER_BYTES) {
            throw PhotoProblems.malformedMultipart("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
        }
        String[] disposition = disposition(new String(buf, start, endOfHeaders - start, StandardCharsets.UTF_8));
        start = bodyStart;
        scanFrom = bodyStart;
        if (disposition[0] == null) {
            throw PhotoProblems.malformedMultipart("a part without a name (Content-Disposition: form-data; name=...)");
        }
        if (disposition[1] != null) {
            state = State.FILE;
            return new FileStart(disposition[0], disposition[1], origin + bodyStart);
        }
        fieldName = disposition[0];
        state = State.FIELD;
        return null;
    }

    /** {name, filename} from the headers' Content-Disposition; either may be null. */
    static String[] disposition(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                continue;
            }
            String name = null;
            String filename = null;
            String extended = null;
            for (String param : params(line.substring(colon + 1))) {
                int eq = param.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = unquote(param.substring(eq + 1).trim());
                switch (key) {
                    case "name" -> name = value;
                    case "filename" -> filename = value;
                    case "filename*" -> extended = decodeExtended(value);
                    default -> { }
                }
            }
            return new String[] {name, extended != null ? extended : filename};
        }
        return new String[] {null, null};
    }

    /** Splits on semicolons outside quoted strings. */
    private static List<String> params(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            // browsers send a Windows path's backslashes unescaped; only \" and \\ are escapes
            if (c == '\\' && i + 2 < value.length() && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** RFC 5987 {@code UTF-8''percent%20encoded}; null when it is not that. */
    private static @Nullable String decodeExtended(String value) {
        int quote = value.indexOf("''");
        if (quote < 0 || !value.substring(0, quote).equalsIgnoreCase("utf-8")) {
            return null;
        }
        try {
            return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The next delimiter in [scanFrom, end), or -1; remembers how far a later search need not look again. */
    private int indexOfDelimiter() {
        int m = delimiter.length;
        int last = m - 1;
        int i = Math.max(scanFrom, start);
        byte lastByte = delimiter[last];
        while (i <= end - m) {
            byte b = buf[i + last];
            if (b == lastByte) {
                int j = last - 1;
                while (j >= 0 && buf[i + j] == delimiter[j]) {
                    j--;
                }
                if (j < 0) {
                    return i;
                }
            }
            i += shift[b & 0xff];
        }
        scanFrom = Math.max(start, Math.min(i, end - m + 1));
        return -1;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] pattern) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
