package com.cloudalbum.common.tracing;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Tracing defaults for a task on Amazon ECS, where the services' {@code application.yml} (written for
 * this machine: every trace sampled, nothing exported) would be wrong. On ECS (detected by the
 * {@value #ECS_METADATA} variable the agent sets in every container) spans go to the ADOT collector
 * sidecar on the task's loopback and 5% of new traces are sampled. These values rank just below
 * environment variables, so {@code MANAGEMENT_TRACING_SAMPLING_PROBABILITY} and
 * {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT} still override them.
 */
public class EcsTracingDefaults implements EnvironmentPostProcessor {

    static final String ECS_METADATA = "ECS_CONTAINER_METADATA_URI_V4";
    static final String SOURCE_NAME = "ecsTracingDefaults";
    static final Map<String, Object> DEFAULTS = Map.of(
            "management.opentelemetry.tracing.export.otlp.endpoint", "http://localhost:4318/v1/traces",
            "management.tracing.sampling.probability", "0.05");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String metadata = environment.getProperty(ECS_METADATA, "");
        if (metadata.isBlank()) {
            return;
        }
        MapPropertySource defaults = new MapPropertySource(SOURCE_NAME, DEFAULTS);
        if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaults);
        } else {
            environment.getPropertySources().addLast(defaults);
        }
    }
}
