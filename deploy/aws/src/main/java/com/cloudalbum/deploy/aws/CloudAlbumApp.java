package com.cloudalbum.deploy.aws;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth|diff|deploy} run it through {@code cdk.json}; without the CLI,
 * {@code ./mvnw -pl deploy/aws compile exec:java} writes the template to {@code deploy/aws/cdk.out}.
 */
public final class CloudAlbumApp {

    public static final String STACK_NAME = "CloudAlbum";

    /** Behaviour the stack relies on, set here so the CLI, exec:java and the tests synthesize alike. */
    public static final Map<String, Object> FEATURE_FLAGS = Map.of(
            // no DesiredCount in the template: a deploy must not reset what autoscaling chose
            "@aws-cdk/aws-ecs:removeDefaultDesiredCount", true);

    private CloudAlbumApp() {
    }

    public static void main(String[] args) {
        Path repoRoot = DeploySettings.findRepoRoot();
        App app = new App(AppProps.builder()
                .outdir(System.getenv().getOrDefault("CDK_OUTDIR", repoRoot.resolve("deploy/aws/cdk.out").toString()))
                .context(FEATURE_FLAGS)
                .build());
        DeploySettings settings = DeploySettings.fromContext(app.getNode(), repoRoot);
        List<Path> missing = settings.missingServiceJars();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Build the services before synthesizing, their images copy the jars: "
                    + "./mvnw -DskipTests package (missing: " + missing + ")");
        }
        stack(app, settings);
        app.synth();
    }

    public static CloudAlbumStack stack(App app, DeploySettings settings) {
        return new CloudAlbumStack(app, STACK_NAME, StackProps.builder()
                .description("CloudAlbum: gateway, user-, photo- and thumbnail-service on ECS Fargate")
                .build(), settings);
    }
}
