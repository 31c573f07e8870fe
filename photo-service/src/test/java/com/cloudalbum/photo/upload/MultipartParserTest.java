package com.cloudalbum.photo.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;

class MultipartParserTest {

    private static final String BOUNDARY = "------------------------d74496d66958873e";

    /** What a body parsed to: fields, and each file part's name, file name and bytes. */
    record Parsed(Map<String, String> fields, List<String> files, List<byte[]> contents, List<Integer> sliceSizes,
            List<Long> offsets) {
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 4096, 65536, 200_000})
    void parse_curlStyleBodyInAnyChunking_givesTheFieldsAndTheFileByteForByte(int maxChunk) {
        byte[] file = trickyFile(300_000);
        byte[] body = body(
                field("tags", "sea, sun"),
                file("file", "beach \"1\".jpg", file),
                field("description", "Ünïcode — ok"));

        Parsed parsed = parse(body, maxChunk, new Random(maxChunk));

        assertThat(parsed.fields()).containsExactly(Map.entry("tags", "sea, sun"), Map.entry("description", "Ünïcode — ok"));
        assertThat(parsed.files()).containsExactly("file:beach \"1\".jpg");
        assertThat(parsed.contents().get(0)).isEqualTo(file);
        // handed on in whole blocks, not in network chunks: only a part's last slice may be short
        List<Integer> slices = parsed.sliceSizes();
        assertThat(slices.subList(0, slices.size() - 1)).allMatch(n -> n >= MultipartParser.BLOCK);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 4096, 65536, 200_000})
    void parse_fileStart_tellsWhereTheFilesBytesBeginInTheBody(int maxChunk) {
        byte[] file = trickyFile(250_000);
        // 150 KB of fields before the file: the parser's block moves on before the file starts
        byte[] body = body(field("tags", "x".repeat(50_000)), field("description", "y".repeat(50_000)),
                field("city", "z".repeat(50_000)), file("file", "a.jpg", file));

        Parsed parsed = parse(body, maxChunk, new Random(maxChunk));

        long offset = parsed.offsets().get(0);
        assertThat(java.util.Arrays.copyOfRange(body, (int) offset, (int) offset + file.length)).isEqualTo(file);
        // a last file part: the body's length tells the file's, as UploadService relies on
        assertThat(body.length - offset - ("\r\n--" + BOUNDARY + "--\r\n").length()).isEqualTo(file.length);
    }

    @Test
    void parse_preambleEpiloguePaddingAndAPartWithoutFilename_areReadAsRfc2046Says() {
        String text = "This is the preamble.\r\n--" + BOUNDARY + "  \t\r\n"
                + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + BOUNDARY + "\r\n"
                + "content-disposition: form-data; name=b; filename*=UTF-8''%C3%A9t%C3%A9.png\r\nContent-Type: image/png\r\n\r\n"
                + "PNGDATA\r\n--" + BOUNDARY + "--\r\nThis is the epilogue, ignored.\r\n--" + BOUNDARY + "--";

        Parsed parsed = parse(text.getBytes(StandardCharsets.UTF_8), 3, new Random(1));

        assertThat(parsed.fields()).containsExactly(Map.entry("a", "1"));
        assertThat(parsed.files()).containsExactly("b:été.png");
        assertThat(new String(parsed.contents().get(0), StandardCharsets.US_ASCII)).isEqualTo("PNGDATA");
    }

    @Test
    void parse_emptyFileAndEmptyField_giveEmptyValues() {
        Parsed parsed = parse(body(field("description", ""), file("file", "", new byte[0])), 5, new Random(2));

        assertThat(parsed.fields()).containsExactly(Map.entry("description", ""));
        assertThat(parsed.files()).containsExactly("file:");
        assertThat(parsed.contents().get(0)).isEmpty();
    }

    @Test
    void parse_bodyWithoutClosingBoundary_is400() {
        byte[] body = body(file("file", "a.jpg", trickyFile(1000)));
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 10);

        assertProblem(() -> parse(cut, 100, new Random(3)), HttpStatus.BAD_REQUEST, "closing boundary");
    }

    @Test
    void parse_bodyWithoutAnyBoundary_is400() {
        assertProblem(() -> parse("just some text".getBytes(StandardCharsets.US_ASCII), 4, new Random(4)),
                HttpStatus.BAD_REQUEST, "closing boundary");
    }

    @Test
    void parse_garbageAfterABoundary_is400() {
        String text = "--" + BOUNDARY + "X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + BOUNDARY + "--\r\n";

        assertProblem(() -> parse(text.getBytes(StandardCharsets.US_ASCII), 8, new Random(5)), HttpStatus.BAD_REQUEST,
                "line break");
    }

    @Test
    void parse_partWithoutName_is400() {
        String text = "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\n1\r\n--" + BOUNDARY + "--\r\n";

        assertProblem(() -> parse(text.getBytes(StandardCharsets.US_ASCII), 8, new Random(6)), HttpStatus.BAD_REQUEST,
                "without a name");
    }

    @Test
    void parse_headersLongerThanTheLimit_is400BeforeTheyEnd() {
        String text = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: "
                + "x".repeat(MultipartParser.MAX_HEADER_BYTES * 4);

        assertProblem(() -> parse(text.getBytes(StandardCharsets.US_ASCII), 1000, new Random(7)), HttpStatus.BAD_REQUEST,
                "headers are longer");
    }

    @Test
    void parse_morePartsThanTheLimit_is400() {
        byte[][] parts = new byte[MultipartParser.MAX_PARTS + 1][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = field("f" + i, "v");
        }

        assertProblem(() -> parse(body(parts), 1000, new Random(8)), HttpStatus.BAD_REQUEST, "parts");
    }

    @Test
    void parse_fieldLongerThanTheLimit_is400NamingIt() {
        byte[] body = body(field("description", "x".repeat(2000)));

        assertThatThrownBy(() -> parse(body, 300, new Random(9), 1000, Long.MAX_VALUE))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.getBody().getProperties()).extractingByKey("errors").asString().contains("description");
                });
    }

    @Test
    void parse_bodyLongerThanTheLimit_is413() {
        byte[] body = body(file("file", "a.jpg", trickyFile(50_000)));

        assertProblem(() -> parse(body, 4096, new Random(10), 1000, 20_000), HttpStatus.CONTENT_TOO_LARGE, "limit");
    }

    @Test
    void validBoundary_acceptsRfc2046BoundariesOnly() {
        assertThat(MultipartParser.validBoundary(BOUNDARY)).isTrue();
        assertThat(MultipartParser.validBoundary("a")).isTrue();
        assertThat(MultipartParser.validBoundary(null)).isFalse();
        assertThat(MultipartParser.validBoundary("")).isFalse();
        assertThat(MultipartParser.validBoundary("x".repeat(71))).isFalse();
        assertThat(MultipartParser.validBoundary("a\r\nb")).isFalse();
    }

    @Test
    void disposition_readsQuotedEscapedAndWindowsPathFilenames() {
        assertThat(MultipartParser.disposition("Content-Disposition: form-data; name=\"file\"; filename=\"a\\\"b;c.jpg\""))
                .containsExactly("file", "a\"b;c.jpg");
        assertThat(MultipartParser.disposition("Content-Disposition: form-data; name=\"file\"; filename=\"C:\\photos\\x.jpg\""))
                .containsExactly("file", "C:\\photos\\x.jpg");
        assertThat(MultipartParser.disposition("Content-Type: text/plain")).containsExactly(null, null);
    }

    /** Random bytes sprinkled with line breaks, dashes and the boundary's beginnings: what a naive scan trips on. */
    private static byte[] trickyFile(int size) {
        Random random = new Random(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] near = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
        while (out.size() < size) {
            switch (random.nextInt(4)) {
                case 0 -> out.write(near, 0, random.nextInt(near.length)); // never the whole delimiter
                case 1 -> out.writeBytes("\r\n\r\n--".getBytes(StandardCharsets.US_ASCII));
                default -> {
                    byte[] noise = new byte[random.nextInt(3000)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
            }
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    private static byte[] field(String name, String value) {
        return ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] file(String name, String filename, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("Content-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename.replace("\"", "\\\"") + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(part);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Parsed parse(byte[] body, int maxChunk, Random random) {
        return parse(body, maxChunk, random, 64 * 1024, Long.MAX_VALUE);
    }

    private static Parsed parse(byte[] body, int maxChunk, Random random, int maxField, long maxBody) {
        List<DataBuffer> chunks = new ArrayList<>();
        for (int at = 0; at < body.length; ) {
            int n = Math.min(body.length - at, 1 + random.nextInt(maxChunk));
            chunks.add(DefaultDataBufferFactory.sharedInstance.wrap(java.util.Arrays.copyOfRange(body, at, at + n)));
            at += n;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        List<Integer> slices = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        List<MultipartParser.Event> events = MultipartParser.parse(Flux.fromIterable(chunks), BOUNDARY, maxBody, maxField)
                .collectList().block();
        for (MultipartParser.Event event : events) {
            if (event instanceof MultipartParser.Field f) {
                fields.put(f.name(), f.value());
            } else if (event instanceof MultipartParser.FileStart f) {
                files.add(f.name() + ":" + f.filename());
                offsets.add(f.offset());
                current.reset();
            } else if (event instanceof MultipartParser.FileBytes b) {
                ByteBuffer bytes = b.bytes();
                slices.add(bytes.remaining());
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                current.writeBytes(copy);
            } else {
                contents.add(current.toByteArray());
            }
        }
        return new Parsed(fields, files, contents, slices, offsets);
    }

    private static void assertProblem(Runnable parse, HttpStatus status, String detail) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(status);
            assertThat(e.getBody().getDetail()).contains(detail);
        });
    }
}
