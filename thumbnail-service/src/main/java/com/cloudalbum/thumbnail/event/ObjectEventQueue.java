package com.cloudalbum.thumbnail.event;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The queue of the photo bucket's S3 events. */
public interface ObjectEventQueue {

    /** One long poll: up to {@code max} messages, or none when the wait ends empty. */
    Flux<ObjectEventMessage> receive(int max);

    /** Deletes the message; call only once its work is stored. */
    Mono<Void> acknowledge(ObjectEventMessage message);
}
