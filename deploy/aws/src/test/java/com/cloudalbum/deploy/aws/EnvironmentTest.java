package com.cloudalbum.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration each task gets is the configuration its code reads: every variable names a
 * property of the module's {@code @ConfigurationProperties} records under Spring's own relaxed
 * binding, every key the service requires is set, and no local-stack value reaches AWS.
 */
class EnvironmentTest {

    static final List<String> MODULES = DeploySettings.MODULES;

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

    /** Local values that must not reach AWS and need no variable there: the record's default is AWS's value. */
    static final Set<String> LOCAL_ONLY = Set.of(
            "album.user.auto-confirm",              // false: Cognito e-mails a code (AdminConfirmSignUp is not granted)
            "album.aws.http.max-attempts");         // 3: the SDK retries AWS's throttles and 5xx (cognito-local's 500s it must not)

    @ParameterizedTest
    @FieldSource("MODULES")
    void environment_ofEachService_setsEveryPropertyTheServiceRequires(String module) {
        Binder binder = binderFor(module);

        assertThat(requiredProperties(module))
                .as("%s lists what it cannot start without", module)
                .isNotEmpty()
                .allSatisfy(key -> assertThat(binder.bind(key, String.class).orElse(""))
                        .as("%s requires %s: the task must set it", module, key)
                        .isNotBlank());
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void localProfile_ofEachService_setsEveryPropertyTheServiceRequires(String module) {
        Map<String, Object> local = ConfigurationKeys.localYml(stack.repoRoot, module);
        Map<String, Object> main = ConfigurationKeys.yml(stack.repoRoot, module);

        assertThat(requiredProperties(module)).allSatisfy(key -> assertThat(local.containsKey(key) || main.containsKey(key))
                .as("%s: the local profile sets %s", module, key)
                .isTrue());
    }

    /** What the local profile sets is either set by the task too, or left to AWS's defaults on purpose. */
    @ParameterizedTest
    @FieldSource("MODULES")
    void environment_ofEachService_replacesEveryLocalProfileValue(String module) {
        SortedSet<String> properties = ConfigurationKeys.boundBy(stack.repoRoot, module);
        Set<String> set = variablesAndSecrets(module).stream()
                .map(variable -> propertyNamedBy(variable, properties))
                .collect(Collectors.toSet());

        assertThat(ConfigurationKeys.localYml(stack.repoRoot, module).keySet())
                .filteredOn(key -> !key.startsWith("album.aws.endpoints.") && !key.startsWith("album.aws.credentials."))
                .filteredOn(key -> !LOCAL_ONLY.contains(key))
                .allSatisfy(key -> assertThat(set)
                        .as("%s: the local value of %s must not be what AWS gets", module, key)
                        .contains(key));
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void applicationYml_ofEachService_hasOnlyKeysItsRecordsBind(String module) {
        SortedSet<String> bound = ConfigurationKeys.boundBy(stack.repoRoot, module);

        assertThat(bound).containsAll(albumKeys(module));
        assertThat(bound).containsAll(ConfigurationKeys.localYml(stack.repoRoot, module).keySet());
        assertThat(bound).containsAll(requiredProperties(module));
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void applicationYml_ofEachService_holdsNoLocalStackValue(String module) {
        assertThat(ConfigurationKeys.yml(stack.repoRoot, module))
                .as("%s: local values belong in application-local.yml", module)
                .allSatisfy((key, value) -> assertThat(String.valueOf(value))
                        .as(key)
                        .doesNotContainPattern("localhost:(8000|9090|9324|9229|808[0-3])")
                        .isNotEqualTo("test"));
    }

    /** Nothing is blanked: no endpoint and no key is set, so the SDK's regional endpoints and the task role apply. */
    @ParameterizedTest
    @FieldSource("AWS_CLIENTS")
    void awsSettings_inAws_onlyTheRegionSoEndpointsAndTaskRoleAreAws(String module) {
        Binder binder = binderFor(module);

        assertThat(stack.environment(module).keySet()).filteredOn(variable -> variable.startsWith("ALBUM_AWS_"))
                .containsExactly("ALBUM_AWS_REGION");
        assertThat(binder.bind("album.aws.credentials", Map.class).orElse(Map.of())).isEmpty();
        assertThat(binder.bind("album.aws.endpoints", Map.class).orElse(Map.of())).isEmpty();
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
        Set<String> names = new TreeSet<>(stack.environment(module).keySet());
        names.remove(AlbumService.JAVA_OPTIONS_VARIABLE);   // the JVM's, not Spring's (MemoryTest)
        names.addAll(stack.secrets(module).keySet());
        return names;
    }

    /** The keys the service refuses to start without ({@code cloudalbum.required-properties} in its application.yml). */
    private List<String> requiredProperties(String module) {
        String listed = String.valueOf(ConfigurationKeys.yml(stack.repoRoot, module).getOrDefault("cloudalbum.required-properties", ""));
        return Arrays.stream(listed.split(",")).map(String::trim).filter(key -> !key.isEmpty()).toList();
    }

    private Set<String> albumKeys(String module) {
        return ConfigurationKeys.yml(stack.repoRoot, module).keySet().stream()
                .filter(key -> key.startsWith("album."))
                .collect(Collectors.toCollection(TreeSet::new));
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
        stack.secrets(module).keySet().forEach(name -> variables.put(name, "<secret resolved by ECS>"));
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource("task", variables));
        Path yml = ConfigurationKeys.ymlFile(stack.repoRoot, module);
        ConfigurationKeys.ymlSources(yml).forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources));
    }
}
