package com.cloudalbum.common.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Refuses to start a service that lacks configuration it has no safe default for. The services'
 * {@code application.yml} holds no local values: the emulators' endpoints, {@code test}/{@code test} keys,
 * pool ids and bucket names are in {@code application-local.yml} (profile {@code local}, which
 * {@code run-local.sh} and the tests activate); elsewhere they must come from the environment. Each
 * service lists its keys under {@value #KEYS}; all missing ones are named at once, before any bean is made.
 */
public class RequiredConfiguration implements EnvironmentPostProcessor {

    /** Comma-separated property names the service cannot start without. */
    public static final String KEYS = "cloudalbum.required-properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new MissingConfigurationException(environment.getProperty("spring.application.name", "this service"), missing);
        }
    }

    static List<String> missing(Environment environment) {
        String[] required = environment.getProperty(KEYS, String[].class, new String[0]);
        return Arrays.stream(required)
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .filter(key -> environment.getProperty(key, "").isBlank())
                .toList();
    }

    /** {@code album.user.user-pool-id} → {@code ALBUM_USER_USER_POOL_ID}, a variable Spring's relaxed binding reads as it. */
    static String variableFor(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
