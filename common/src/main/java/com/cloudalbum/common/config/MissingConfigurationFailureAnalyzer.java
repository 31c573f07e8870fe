package com.cloudalbum.common.config;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** One message naming every missing key and its variable, instead of a stack trace. */
public class MissingConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MissingConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingConfigurationException cause) {
        String keys = cause.keys().stream()
                .map(key -> "    " + key + " (" + RequiredConfiguration.variableFor(key) + ")")
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(
                cause.application() + " has no configuration for:\n" + keys,
                "Set these properties (on ECS the CDK stack sets them as environment variables), or, on this machine,"
                        + " start with the local profile (--spring.profiles.active=local, as ./run-local.sh does)"
                        + " to use the local stack's emulators.",
                cause);
    }
}
