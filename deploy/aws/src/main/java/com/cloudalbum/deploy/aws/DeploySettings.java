package com.cloudalbum.deploy.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import software.constructs.Node;

/**
 * What differs between deployments, from CDK context ({@code cdk deploy -c certificateArn=…}), plus
 * where the repository is, since each service's image is built from its module directory.
 *
 * @param repoRoot           the repository root: {@code <module>/Dockerfile} and {@code <module>/target/<module>.jar}
 * @param certificateArn     an ACM certificate for the load balancer; without one the API is plain HTTP on port 80
 * @param publicOrigin       the browser origin of the web UI (CORS at the gateway); defaults to the load balancer's URL
 * @param alarmEmail         subscribed to the alarm topic when given
 * @param cognitoDomainPrefix the Cognito hosted domain's prefix; unique per region, so it defaults to one with the account id
 */
public record DeploySettings(
        Path repoRoot,
        Optional<String> certificateArn,
        Optional<String> publicOrigin,
        Optional<String> alarmEmail,
        Optional<String> cognitoDomainPrefix) {

    /** The four modules deployed as services, each with its {@code Dockerfile}. */
    public static final List<String> MODULES = List.of("gateway", "user-service", "photo-service", "thumbnail-service");

    public static DeploySettings fromContext(Node node, Path repoRoot) {
        return new DeploySettings(repoRoot,
                context(node, "certificateArn"),
                context(node, "publicOrigin"),
                context(node, "alarmEmail"),
                context(node, "cognitoDomainPrefix"));
    }

    /** Only the repository root: plain HTTP, origin from the load balancer, no alarm e-mail. */
    public static DeploySettings defaults(Path repoRoot) {
        return new DeploySettings(repoRoot, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The directory the CDK app runs from is {@code deploy/aws} under {@code cdk}, the root under
     * {@code ./mvnw -pl deploy/aws exec:java}; {@code -Dcloudalbum.root} overrides both.
     */
    public static Path findRepoRoot() {
        String configured = System.getProperty("cloudalbum.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("gateway/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the CloudAlbum repository above " + Path.of("").toAbsolutePath()
                + "; run from inside it or pass -Dcloudalbum.root=<path>");
    }

    /** The jars the Dockerfiles copy: a deploy without them would fail in the middle of {@code docker build}. */
    public List<Path> missingServiceJars() {
        return MODULES.stream()
                .map(module -> repoRoot.resolve(module).resolve("target").resolve(module + ".jar"))
                .filter(jar -> !Files.isRegularFile(jar))
                .toList();
    }

    private static Optional<String> context(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }
}
