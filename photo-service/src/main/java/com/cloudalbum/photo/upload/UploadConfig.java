package com.cloudalbum.photo.upload;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The upload path's collaborators, as beans so tests can replace them and the scheduler is disposed. */
@Configuration(proxyBeanMethods = false)
class UploadConfig {

    @Bean
    PhotoIds photoIds(Clock clock) {
        return new PhotoIds(clock);
    }

    @Bean
    MetadataReader metadataReader() {
        return new MetadataReader();
    }

    /** EXIF parsing is CPU work: off the event loop, on a scheduler bounded to the cores. */
    @Bean(destroyMethod = "dispose")
    Scheduler metadataScheduler() {
        return Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 1024, "photo-metadata");
    }
}
