package com.cloudalbum.thumbnail.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectEventListenerTest {

    @Test
    void excerpt_whenBodyCarriesTheUploadersAddress_leavesItOut() {
        String body = "{\"requestParameters\":{\"sourceIPAddress\" : \"203.0.113.7\"},\"key\":\"photos/u/p/original\"}";

        assertThat(ObjectEventListener.excerpt(body)).doesNotContain("203.0.113.7").contains("photos/u/p/original");
    }

    @Test
    void excerpt_whenBodyIsLong_isBounded() {
        String excerpt = ObjectEventListener.excerpt("x".repeat(100_000));

        assertThat(excerpt).hasSizeLessThan(1100).endsWith("(100000 chars)");
    }
}
