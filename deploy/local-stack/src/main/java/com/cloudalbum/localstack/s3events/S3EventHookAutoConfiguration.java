package com.cloudalbum.localstack.s3events;

import com.adobe.testing.s3mock.s3.store.BucketStore;
import com.adobe.testing.s3mock.s3.store.MultipartStore;
import com.adobe.testing.s3mock.s3.store.ObjectStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Loaded into S3Mock's own context (it is on the launcher's classpath): the event hook, on when a queue is
 * configured, and the abort that keeps the key's object, always.
 */
@AutoConfiguration
@EnableConfigurationProperties(S3EventProperties.class)
public class S3EventHookAutoConfiguration {

    @Bean
    FilterRegistrationBean<AbortKeepsObjectFilter> abortKeepsObjectFilter(BucketStore buckets, ObjectStore objects,
                                                                          MultipartStore uploads) {
        FilterRegistrationBean<AbortKeepsObjectFilter> registration =
                new FilterRegistrationBean<>(new AbortKeepsObjectFilter(buckets, objects, uploads));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @ConditionalOnProperty("s3events.queue-url")
    FilterRegistrationBean<S3EventNotificationFilter> s3EventNotificationFilter(S3EventProperties properties) {
        FilterRegistrationBean<S3EventNotificationFilter> registration =
                new FilterRegistrationBean<>(new S3EventNotificationFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
