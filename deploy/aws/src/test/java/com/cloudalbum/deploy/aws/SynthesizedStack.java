package com.cloudalbum.deploy.aws;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack synthesized once per test JVM (jsii and synthesis take seconds), with the template as
 * CDK's {@link Template} for assertions and as plain maps for walking. Asset staging is off: the
 * images' build contexts are referenced in place instead of copying ~240 MB of jars into target/.
 */
final class SynthesizedStack {

    private static SynthesizedStack defaults;

    final Path repoRoot;
    final Path outdir;
    final Template template;
    final Map<String, Map<String, Object>> resources;

    private SynthesizedStack(Path repoRoot, Path outdir, Template template) {
        this.repoRoot = repoRoot;
        this.outdir = outdir;
        this.template = template;
        this.resources = cast(template.toJSON().get("Resources"));
    }

    /** The stack as {@code cdk deploy} without context would make it. */
    static synchronized SynthesizedStack defaults() {
        if (defaults == null) {
            Path root = DeploySettings.findRepoRoot();
            defaults = synthesize(DeploySettings.plainHttp(root), "cdk.out");
        }
        return defaults;
    }

    static SynthesizedStack synthesize(DeploySettings settings, String outdirName) {
        Path outdir = settings.repoRoot().resolve("deploy/aws/target").resolve(outdirName);
        Map<String, Object> context = new HashMap<>(CloudAlbumApp.FEATURE_FLAGS);
        context.put("aws:cdk:disable-asset-staging", true);
        App app = new App(AppProps.builder().outdir(outdir.toString()).context(context).build());
        CloudAlbumStack stack = CloudAlbumApp.stack(app, settings);
        app.synth();
        return new SynthesizedStack(settings.repoRoot(), outdir, Template.fromStack(stack));
    }

    Path templateFile() {
        return outdir.resolve(CloudAlbumApp.STACK_NAME + ".template.json");
    }

    Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                found.put(id, resource);
            }
        });
        return found;
    }

    String onlyId(String type, Predicate<Map<String, Object>> properties) {
        List<String> ids = ofType(type).entrySet().stream()
                .filter(e -> properties.test(props(e.getValue())))
                .map(Map.Entry::getKey)
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " to match, found " + ids);
        }
        return ids.get(0);
    }

    Map<String, Object> props(String logicalId) {
        return props(resources.get(logicalId));
    }

    String taskDefinitionId(String service) {
        return onlyId("AWS::ECS::TaskDefinition", p -> (CloudAlbumApp.STACK_NAME + "-" + service).equals(p.get("Family")));
    }

    String serviceId(String service) {
        String task = taskDefinitionId(service);
        return onlyId("AWS::ECS::Service", p -> refs(p.get("TaskDefinition")).contains(task));
    }

    Map<String, Object> container(String service, String containerName) {
        List<Map<String, Object>> containers = cast(props(taskDefinitionId(service)).get("ContainerDefinitions"));
        return containers.stream()
                .filter(c -> containerName.equals(c.get("Name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no container " + containerName));
    }

    /** The application container's variables; values that are CloudFormation expressions stay maps. */
    Map<String, Object> environment(String service) {
        Map<String, Object> env = new LinkedHashMap<>();
        List<Map<String, Object>> entries = cast(container(service, service).getOrDefault("Environment", List.of()));
        entries.forEach(e -> env.put((String) e.get("Name"), e.get("Value")));
        return env;
    }

    Map<String, Object> secrets(String service) {
        Map<String, Object> secrets = new LinkedHashMap<>();
        List<Map<String, Object>> entries = cast(container(service, service).getOrDefault("Secrets", List.of()));
        entries.forEach(e -> secrets.put((String) e.get("Name"), e.get("ValueFrom")));
        return secrets;
    }

    /** Statements of every policy attached to the role that {@code roleProperty} of the task definition names. */
    List<Map<String, Object>> statements(String service, String roleProperty) {
        Set<String> role = refs(props(taskDefinitionId(service)).get(roleProperty));
        List<Map<String, Object>> statements = new ArrayList<>();
        ofType("AWS::IAM::Policy").values().forEach(policy -> {
            Map<String, Object> p = props(policy);
            if (!Collections.disjoint(refs(p.get("Roles")), role)) {
                statements.addAll(cast(((Map<?, ?>) p.get("PolicyDocument")).get("Statement")));
            }
        });
        return statements;
    }

    /** Logical ids an expression points at through {@code Ref} and {@code Fn::GetAtt}; pseudo parameters left out. */
    static Set<String> refs(Object expression) {
        Set<String> ids = new LinkedHashSet<>();
        collectRefs(expression, ids);
        return ids;
    }

    private static void collectRefs(Object node, Set<String> ids) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key) && value instanceof String id) {
                    if (!id.startsWith("AWS::")) {
                        ids.add(id);
                    }
                } else if ("Fn::GetAtt".equals(key) && value instanceof List<?> getAtt) {
                    ids.add((String) getAtt.get(0));
                } else {
                    collectRefs(value, ids);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, ids));
        }
    }

    static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    static Map<String, Object> props(Map<String, Object> resource) {
        return cast(resource.getOrDefault("Properties", Map.of()));
    }

    static Map<String, Object> map(Object value) {
        return cast(value);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }
}
