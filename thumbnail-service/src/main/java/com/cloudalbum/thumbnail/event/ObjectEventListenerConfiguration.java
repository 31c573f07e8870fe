package com.cloudalbum.thumbnail.event;

import java.util.List;

import com.cloudalbum.thumbnail.config.ThumbnailProperties;
import com.cloudalbum.thumbnail.render.Renderer;
import com.cloudalbum.thumbnail.rendition.ImageRenderer;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.awspring.cloud.sqs.listener.errorhandler.ExponentialBackoffErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS listener container and the render workers, sized together: at most {@code workers} messages in flight,
 * each rendering on one of {@code workers} threads, so at most that many decoded images are in memory.
 */
@Configuration(proxyBeanMethods = false)
class ObjectEventListenerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ObjectEventListenerConfiguration.class);

    static final String FACTORY = "objectEventListenerFactory";

    @Bean(FACTORY)
    SqsMessageListenerContainerFactory<Object> objectEventListenerFactory(SqsAsyncClient sqs,
            ThumbnailProperties properties) {
        int workers = properties.effectiveWorkers();
        return SqsMessageListenerContainerFactory.builder()
                .sqsAsyncClient(sqs)
                .configure(options -> options
                        .autoStartup(properties.listen())
                        .maxConcurrentMessages(workers)
                        .maxMessagesPerPoll(workers)
                        .pollTimeout(properties.receiveWait())
                        // on shutdown an in-flight long poll ends by itself instead of being cancelled
                        .listenerShutdownTimeout(properties.receiveWait().plusSeconds(5))
                        .messageVisibility(properties.visibilityTimeout())
                        .acknowledgementMode(AcknowledgementMode.ON_SUCCESS)
                        .queueAttributeNames(ObjectEventListener.queueAttributes())
                        .messageSystemAttributeNames(List.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.AWS_TRACE_HEADER)))
                // a failed try becomes visible again after retryDelay × 2^(receives − 1), capped
                .errorHandler(ExponentialBackoffErrorHandler.builder()
                        .initialVisibilityTimeoutSeconds((int) Math.max(0, properties.retryDelay().toSeconds()))
                        .multiplier(2)
                        .maxVisibilityTimeoutSeconds((int) Math.max(1, properties.maxRetryDelay().toSeconds()))
                        .build())
                .build();
    }

    @Bean(destroyMethod = "dispose")
    Scheduler renderScheduler(ThumbnailProperties properties) {
        int workers = properties.effectiveWorkers();
        return Schedulers.newBoundedElastic(workers, 2 * workers, "render");
    }

    @Bean
    ImageRenderer imageRenderer(ThumbnailProperties properties) {
        Renderer renderer = new Renderer(properties.maxPixels());
        // which formats this machine renders: a missing library shows here, and such uploads end unsupported-format
        log.info("renderer {}", renderer.formats());
        return renderer::render;
    }
}
