package com.cloudalbum.localstack.s3events;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Loaded into S3Mock's own context (it is on the launcher's classpath); on when a queue is configured. */
@AutoConfiguration
@ConditionalOnProperty("s3events.queue-url")
@EnableConfigurationProperties(S3EventProperties.class)
public class S3EventHookAutoConfiguration {

    @Bean
    FilterRegistrationBean<S3EventNotificationFilter> s3EventNotificationFilter(S3EventProperties properties) {
        FilterRegistrationBean<S3EventNotificationFilter> registration =
                new FilterRegistrationBean<>(new S3EventNotificationFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
