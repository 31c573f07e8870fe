package com.cloudalbum.deploy.aws;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration each task gets is the configuration its code reads: every variable names a
 * property of the module's {@code @ConfigurationProperties} records under Spring's own relaxed
 * binding, and every local-only default in its {@code application.yml} is overridden.
 */
class EnvironmentTest {

    static final List<String> MODULES = DeploySettings.MODULES;

    /** yml defaults that are right in AWS too, so the stack leaves them alone. */
    static final Set<String> KEPT_DEFAULTS = Set.of(
            "album.security.public-paths",          // the unauthenticated auth and session endpoints
            "album.web.tile-origins",               // OpenStreetMap's tiles for the map page
            "album.web.refresh-cookie-lifetime",    // 30 days, as the app client's refresh tokens
            "album.photo.presigned-url-expiry",     // 15 minutes
            "album.thumbnail.receive-wait",         // SQS long polling, 20 s
            "album.thumbnail.workers",              // 0 = one per vCPU of the task
            "album.thumbnail.visibility-timeout",   // 60 s, as the queue's own
            "album.thumbnail.retry-delay",
            "album.thumbnail.max-retry-delay");

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @ParameterizedTest
    @FieldSource("MODULES")
    void environment_ofEachService_namesOnlyPropertiesItsRecordsBind(String module) {
        SortedSet<String> properties = ConfigurationKeys.boundBy(stack.repoRoot, module);

        assertThat(variablesAndSecrets(module))
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(propertyNamedBy(variable, properties))
                        .as("%s's %s names a property of its @ConfigurationProperties records", module, variable)
                        .isNotNull());
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void environment_ofEachService_overridesEveryLocalDefaultOfItsYml(String module) {
        SortedSet<String> properties = ConfigurationKeys.boundBy(stack.repoRoot, module);
        Set<String> overridden = variablesAndSecrets(module).stream()
                .map(variable -> propertyNamedBy(variable, properties))
                .collect(java.util.stream.Collectors.toSet());

        assertThat(albumKeys(module))
                .filteredOn(key -> !KEPT_DEFAULTS.contains(key))
                .allSatisfy(key -> assertThat(overridden)
                        .as("%s: the local default of %s must not reach AWS", module, key)
                        .contains(key));
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void applicationYml_ofEachService_hasOnlyKeysItsRecordsBind(String module) {
        assertThat(ConfigurationKeys.boundBy(stack.repoRoot, module)).containsAll(albumKeys(module));
    }

    /** The yml's {@code test}/{@code test} keys would be sent to AWS; empty ones select the default chain (task role). */
    @ParameterizedTest
    @FieldSource("AWS_CLIENTS")
    void credentials_inAws_bindEmptySoTheTaskRoleIsUsed(String module) {
        Binder binder = binderFor(module);

        assertThat(binder.bind("album.aws.credentials.access-key-id", String.class).orElse("")).isBlank();
        assertThat(binder.bind("album.aws.credentials.secret-access-key", String.class).orElse("")).isBlank();
        assertThat(binder.bind("album.aws.endpoints", Map.class).orElse(Map.of()).values())
                .allSatisfy(endpoint -> assertThat(String.valueOf(endpoint)).as("no endpoint override").isBlank());
    }

    static final List<String> AWS_CLIENTS = List.of("user-service", "photo-service", "thumbnail-service");

    @Test
    void cursorSecret_isAnEcsSecret_neverAPlainVariable() {
        assertThat(stack.environment("photo-service")).doesNotContainKey(ServiceEnvironment.CURSOR_SECRET);
        assertThat(SynthesizedStack.refs(stack.secrets("photo-service").get(ServiceEnvironment.CURSOR_SECRET)))
                .singleElement()
                .satisfies(id -> assertThat(stack.resources.get(id).get("Type")).isEqualTo("AWS::SecretsManager::Secret"));
    }

    @Test
    void gateway_reachesServicesByTheirServiceConnectNames() {
        assertThat(stack.environment("gateway"))
                .containsEntry("ALBUM_GATEWAY_USER_SERVICE_URI", "http://user-service:8081")
                .containsEntry("ALBUM_GATEWAY_PHOTO_SERVICE_URI", "http://photo-service:8082");
    }

    @Test
    void gateway_allowsImagesFromThePhotoBucket() {
        assertThat(String.valueOf(stack.environment("gateway").get("ALBUM_WEB_IMAGE_ORIGINS")))
                .as("the web app's CSP must let presigned photo URLs load")
                .contains("https://", "PhotoBucket", "RegionalDomainName")
                .doesNotContain("localhost");
    }

    @Test
    void keysIn_recordWithNestedRecordAndAnnotatedDefaults_expandsToKebabCaseKeys() {
        String source = """
                @ConfigurationProperties("album.demo")
                public record DemoProperties(
                        @NotBlank @DefaultValue("http://x,y") String baseUri,
                        @DefaultValue({"a", "b"}) List<String> someNames, // a comment, with a comma
                        @Valid @DefaultValue Inner inner) {
                    public record Inner(@Min(1) @DefaultValue("3") int maxAttempts, URI s3) {
                    }
                }
                """;

        assertThat(ConfigurationKeys.keysIn(source)).containsExactly(
                "album.demo.base-uri", "album.demo.some-names", "album.demo.inner.max-attempts", "album.demo.inner.s3");
    }

    private Set<String> variablesAndSecrets(String module) {
        Set<String> names = new java.util.TreeSet<>(stack.environment(module).keySet());
        names.addAll(stack.secrets(module).keySet());
        return names;
    }

    private Set<String> albumKeys(String module) {
        return ConfigurationKeys.yml(stack.repoRoot, module).keySet().stream()
                .filter(key -> key.startsWith("album."))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The property Spring binds from {@code variable}, or null: Spring's own mapping decides, not a rule of ours. */
    static String propertyNamedBy(String variable, Set<String> properties) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("task", Map.of(variable, "value")));
        return properties.stream()
                .filter(property -> source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null)
                .findFirst()
                .orElse(null);
    }

    /** What the service binds in its task: the container's variables over its application.yml. */
    private Binder binderFor(String module) {
        Map<String, Object> variables = new LinkedHashMap<>();
        stack.environment(module).forEach((name, value) -> variables.put(name, value instanceof String s ? s : "<resolved in AWS>"));
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource("task", variables));
        Path yml = ConfigurationKeys.ymlFile(stack.repoRoot, module);
        ConfigurationKeys.ymlSources(yml).forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources));
    }
}
