package com.cloudalbum.thumbnail.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.cloudalbum.contract.photo.PhotoKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class S3EventParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-30T01:00:00Z");

    private final S3EventParser parser = new S3EventParser(JsonMapper.builder().build());

    @Test
    void parse_whenAwsShapedEvent_decodesKeyLikeS3EncodesIt() {
        String body = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-22T04:00:00.123Z",
                  "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},
                  "object":{"key":"photos/u1/my+photo%2B1+%C3%A9.jpg","size":42,"eTag":"e","sequencer":"01"}}}]}
                """;

        assertThat(parser.parse(body, RECEIVED)).containsExactly(new ObjectEvent("ObjectCreated:Put", "b",
                "photos/u1/my photo+1 é.jpg", 42, Instant.parse("2026-11-22T04:00:00.123Z")));
    }

    @Test
    void parse_whenEventTimeHasNoZone_readsItAsUtc() {
        String body = event("\"eventTime\":\"2026-11-30T00:38:13.838723\",");

        assertThat(parser.parse(body, RECEIVED)).singleElement()
                .extracting(ObjectEvent::eventTime).isEqualTo(Instant.parse("2026-11-30T00:38:13.838723Z"));
    }

    /** photo-service's sweeper re-drives a photo with only what the work needs: no size, no version. */
    @Test
    void parse_whenSweeperShapedEvent_givesTheOriginal() {
        String body = """
                {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","eventTime":"2026-11-30T01:02:03Z",
                  "s3":{"bucket":{"name":"b"},"object":{"key":"photos/u1/p1/original"}}}]}
                """;

        assertThat(parser.parse(body, RECEIVED)).containsExactly(new ObjectEvent("ObjectCreated:Put", "b",
                "photos/u1/p1/original", -1, Instant.parse("2026-11-30T01:02:03Z")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-11-30T00:38:13Z            | 2026-11-30T00:38:13Z",
            "2026-11-30T00:38:13.5z          | 2026-11-30T00:38:13.500Z",
            "2026-11-30T01:38:13+01:00       | 2026-11-30T00:38:13Z",
            "2026-11-30T01:38:13+0100        | 2026-11-30T00:38:13Z",
            "2026-11-30T00:38                | 2026-11-30T00:38:00Z",
            "2026-11-30 00:38:13.838         | 2026-11-30T00:38:13.838Z",
            "2026-11-30T01:38:13+01:00[Europe/Paris] | 2026-11-30T00:38:13Z",
            "2026-11-30                      | 2026-11-30T00:00:00Z"})
    void time_whenIso8601_readsTheInstant(String text, String expected) {
        assertThat(S3EventParser.time(text)).contains(Instant.parse(expected));
    }

    @Test
    void parse_whenEventTimeMissingOrUnreadable_takesTheReceivedTime() {
        assertThat(parser.parse(event(""), RECEIVED)).singleElement()
                .extracting(ObjectEvent::eventTime).isEqualTo(RECEIVED);
        assertThat(parser.parse(event("\"eventTime\":\"yesterday\","), RECEIVED)).singleElement()
                .extracting(ObjectEvent::eventTime).isEqualTo(RECEIVED);
    }

    @Test
    void parse_whenTestEvent_returnsNoEvents() {
        String body = """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-22T04:00:00.000Z","Bucket":"b"}
                """;

        assertThat(parser.parse(body, RECEIVED)).isEmpty();
    }

    @Test
    void parse_whenNotAnS3Event_failsAsMalformed() {
        assertThatThrownBy(() -> parser.parse("{\"hello\":1}", RECEIVED))
                .isInstanceOf(S3EventParser.MalformedEventException.class);
    }

    @Test
    void parse_whenNotJson_failsAsMalformed() {
        assertThatThrownBy(() -> parser.parse("{\"Records\":[{\"eventName\":", RECEIVED))
                .isInstanceOf(S3EventParser.MalformedEventException.class);
    }

    @Test
    void originalsMentioned_whenBodyIsTruncated_findsTheOriginalsKeys() {
        String body = """
                {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"photos/u%3A1/p1/original",
                "other":"photos/u2/p2/thumbnail.jpg","again":"photos/u%3A1/p1/original","not":"photos/u3/p3/originals\
                """;

        assertThat(S3EventParser.originalsMentioned(body)).containsExactly(new PhotoKey("u:1", "p1"));
    }

    @Test
    void originalsMentioned_whenNoKey_isEmpty() {
        assertThat(S3EventParser.originalsMentioned("not an S3 event")).isEmpty();
    }

    private static String event(String eventTime) {
        return """
                {"Records":[{%s"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"photos/u/p/original"}}}]}
                """.formatted(eventTime);
    }
}
