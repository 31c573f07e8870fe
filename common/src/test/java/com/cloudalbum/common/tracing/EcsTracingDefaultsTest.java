package com.cloudalbum.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class EcsTracingDefaultsTest {

    private static final String PROBABILITY = "management.tracing.sampling.probability";
    private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Test
    void onEcs_exportsToTheSidecarAndSamplesFewerTraces_overTheLocalYml() {
        StandardEnvironment environment = environment(Map.of(EcsTracingDefaults.ECS_METADATA, "http://169.254.170.2/v4/abc"));

        new EcsTracingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(PROBABILITY)).isEqualTo("0.05");
        assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://localhost:4318/v1/traces");
    }

    @Test
    void onEcs_environmentVariablesStillWin() {
        StandardEnvironment environment = environment(Map.of(EcsTracingDefaults.ECS_METADATA, "http://169.254.170.2/v4/abc",
                "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.5"));

        new EcsTracingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(PROBABILITY)).isEqualTo("0.5");
    }

    @Test
    void offEcs_leavesTheYmlAlone_andExportsNothing() {
        StandardEnvironment environment = environment(Map.of());

        new EcsTracingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(PROBABILITY)).isEqualTo("1.0");
        assertThat(environment.getProperty(ENDPOINT)).isNull();
    }

    /** A process environment plus what the services' application.yml says. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        environment.getPropertySources().addLast(new MapPropertySource("Config resource 'application.yml'",
                Map.of(PROBABILITY, "1.0")));
        return environment;
    }
}
