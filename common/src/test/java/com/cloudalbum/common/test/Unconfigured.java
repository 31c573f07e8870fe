package com.cloudalbum.common.test;

import com.cloudalbum.common.config.MissingConfigurationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.StandardEnvironment;

/** Starts an application as it would start on a machine with neither the local profile nor any AWS configuration. */
public final class Unconfigured {

    private Unconfigured() {
    }

    /** The start's failure; an {@link AssertionError} if the application started. */
    public static MissingConfigurationException start(Class<?> application) {
        StandardEnvironment environment = new StandardEnvironment();
        // the build activates the local profile with a system property; a developer's ALBUM_* variables must not hide a miss
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        SpringApplication app = new SpringApplication(application);
        app.setEnvironment(environment);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (var context = app.run()) {
            throw new AssertionError(application.getSimpleName() + " started without configuration: " + context.getId());
        } catch (MissingConfigurationException e) {
            return e;
        }
    }
}
