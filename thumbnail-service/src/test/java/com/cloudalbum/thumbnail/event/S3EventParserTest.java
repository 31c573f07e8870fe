package com.cloudalbum.thumbnail.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class S3EventParserTest {

    private final S3EventParser parser = new S3EventParser(JsonMapper.builder().build());

    @Test
    void parse_whenAwsShapedEvent_decodesKeyLikeS3EncodesIt() {
        String body = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-22T04:00:00.123Z",
                  "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},
                  "object":{"key":"photos/u1/my+photo%2B1+%C3%A9.jpg","size":42,"eTag":"e","sequencer":"01"}}}]}
                """;

        assertThat(parser.parse(body)).containsExactly(new ObjectEvent("ObjectCreated:Put", "b",
                "photos/u1/my photo+1 é.jpg", 42, Instant.parse("2026-11-22T04:00:00.123Z")));
    }

    @Test
    void parse_whenTestEvent_returnsNoEvents() {
        String body = """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-22T04:00:00.000Z","Bucket":"b"}
                """;

        assertThat(parser.parse(body)).isEmpty();
    }

    @Test
    void parse_whenNotAnS3Event_failsAsMalformed() {
        assertThatThrownBy(() -> parser.parse("{\"hello\":1}")).isInstanceOf(S3EventParser.MalformedEventException.class);
    }
}
