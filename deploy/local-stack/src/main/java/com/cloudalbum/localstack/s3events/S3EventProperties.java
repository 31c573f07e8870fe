package com.cloudalbum.localstack.s3events;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One notification rule, as an S3 bucket's QueueConfiguration: events whose bucket, key prefix and
 * suffix match go to {@code queueUrl}. {@code events} takes S3's names ({@code s3:ObjectCreated:*},
 * {@code s3:ObjectRemoved:Delete}, …).
 */
@ConfigurationProperties("s3events")
public record S3EventProperties(
        URI queueUrl,
        @DefaultValue("") String bucket,
        @DefaultValue("") String prefix,
        @DefaultValue("") String suffix,
        @DefaultValue({"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}) List<String> events,
        @DefaultValue("us-east-1") String region) {

    boolean matches(S3Operation operation) {
        return (bucket.isEmpty() || bucket.equals(operation.bucket()))
                && operation.key().startsWith(prefix)
                && operation.key().endsWith(suffix)
                && events.stream().anyMatch(pattern -> eventMatches(pattern, operation.eventName()));
    }

    private static boolean eventMatches(String pattern, String eventName) {
        String name = pattern.startsWith("s3:") ? pattern.substring(3) : pattern;
        return name.endsWith(":*")
                ? eventName.startsWith(name.substring(0, name.length() - 1))
                : eventName.equals(name);
    }
}
