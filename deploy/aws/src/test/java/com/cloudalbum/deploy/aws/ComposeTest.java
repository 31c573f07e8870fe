package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.cast;
import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose} cannot run without a Docker engine, so what can be checked without one is:
 * each service is built from its module's Dockerfile, is configured with real property names, and is
 * health-checked on readiness.
 */
class ComposeTest {

    static final List<ServiceSpec> SERVICES = ServicesTest.SERVICES;

    private static final Path ROOT = DeploySettings.findRepoRoot();
    private static final Path COMPOSE = ROOT.resolve("deploy/compose/docker-compose.yml");

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composeService_isBuiltFromItsModule_andCheckedOnReadiness(ServiceSpec spec) throws IOException {
        Map<String, Object> service = service(spec.name());
        Path context = COMPOSE.getParent().resolve((String) service.get("build")).normalize();

        assertThat(context).isEqualTo(ROOT.resolve(spec.name()));
        assertThat(context.resolve("Dockerfile")).isRegularFile();
        assertThat(SynthesizedStack.strings(map(service.get("healthcheck")).get("test")))
                .anySatisfy(command -> assertThat(command).contains(spec.readinessUrl()));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composeEnvironment_namesOnlyPropertiesTheServiceBinds(ServiceSpec spec) throws IOException {
        Map<String, Object> environment = cast(service(spec.name()).get("environment"));
        var properties = ConfigurationKeys.boundBy(ROOT, spec.name());

        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "local");
        assertThat(environment.keySet()).filteredOn(variable -> !variable.startsWith("SPRING_")).isNotEmpty().allSatisfy(variable ->
                assertThat(EnvironmentTest.propertyNamedBy(variable, properties)).as("%s in compose", variable).isNotNull());
    }

    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return map(map(compose.get("services")).get(name));
    }
}
