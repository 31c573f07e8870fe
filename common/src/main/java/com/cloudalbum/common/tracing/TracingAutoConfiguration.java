package com.cloudalbum.common.tracing;

import io.micrometer.observation.ObservationPredicate;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.AwsXrayIdGenerator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.autoconfigure.TracingProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * X-Ray on top of Boot's OpenTelemetry tracing: trace ids X-Ray accepts, the {@code X-Amzn-Trace-Id}
 * header read and written next to W3C {@code traceparent}, and a sampler that starts traces only
 * where work enters a service. Export (OTLP to the collector sidecar) and the sampling ratio are
 * Boot's own properties; see README "Tracing".
 */
@AutoConfiguration(before = OpenTelemetryTracingAutoConfiguration.class)
@ConditionalOnClass({SdkTracerProviderBuilderCustomizer.class, AwsXrayPropagator.class})
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

    /** Boot makes one composite of every propagator bean: W3C (its default) plus this one. */
    @Bean
    TextMapPropagator awsXrayPropagator() {
        return AwsXrayPropagator.getInstance();
    }

    /**
     * Epoch seconds in the first 8 hex digits: AWS services that pass a trace header on drop ids
     * that fail X-Ray's check, and X-Ray rejects traces that look older than 30 days.
     */
    @Bean
    SdkTracerProviderBuilderCustomizer awsXrayIdGenerator() {
        return builder -> builder.setIdGenerator(AwsXrayIdGenerator.getInstance());
    }

    /** Replaces Boot's parent-based ratio sampler with one that leaves background client calls out. */
    @Bean
    Sampler entrySpanSampler(TracingProperties properties) {
        return EntrySpanSampler.parentBased(properties.getSampling().getProbability());
    }

    /**
     * No spans for health probes (run-local polls them, the load balancer every few seconds) and
     * none for Spring Security's per-filter observations, which would add a dozen spans to every
     * request without saying more than the server span does.
     */
    @Bean
    ObservationPredicate noProbeOrSecurityFilterSpans() {
        return (name, context) -> !name.startsWith("spring.security.")
                && !(context instanceof ServerRequestObservationContext server
                        && server.getCarrier().getPath().pathWithinApplication().value().startsWith("/actuator"));
    }
}
