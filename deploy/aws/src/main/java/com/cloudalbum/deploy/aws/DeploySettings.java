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
 * @param allowHttp          {@code -c allowHttp=true}: without a certificate the API is served on plain HTTP (passwords
 *                           in clear text); without this flag such a synth is refused
 * @param natGatewayPerAz    {@code -c natGatewayPerAz=true}: one NAT gateway per AZ, so losing an AZ does not cut the
 *                           other's calls to Cognito, SQS and Secrets Manager (default: one, cheaper)
 * @param sesFromEmail       {@code -c sesFromEmail=no-reply@example.com}: Cognito sends its e-mails through SES from this
 *                           verified address, instead of Cognito's default sender (50 e-mails a day)
 * @param threatProtection   {@code -c threatProtection=true}: Cognito's Plus plan with threat protection enforcing
 *                           (compromised credentials, adaptive authentication); billed per active user
 * @param totpMfa            {@code -c totpMfa=true}: users may add a TOTP authenticator as second factor (optional MFA)
 */
public record DeploySettings(
        Path repoRoot,
        Optional<String> certificateArn,
        Optional<String> publicOrigin,
        Optional<String> alarmEmail,
        Optional<String> cognitoDomainPrefix,
        boolean allowHttp,
        boolean natGatewayPerAz,
        Optional<String> sesFromEmail,
        boolean threatProtection,
        boolean totpMfa) {

    public DeploySettings {
        if (certificateArn.isEmpty() && !allowHttp) {
            throw new IllegalArgumentException("No certificate: the public listener would be plain HTTP and sign-in would send"
                    + " passwords in clear text. Pass -c certificateArn=arn:aws:acm:... (HTTPS on 443, port 80 redirects),"
                    + " or -c allowHttp=true to accept plain HTTP (a test stack only).");
        }
    }

    /** The four modules deployed as services, each with its {@code Dockerfile}. */
    public static final List<String> MODULES = List.of("gateway", "user-service", "photo-service", "thumbnail-service");

    public static DeploySettings fromContext(Node node, Path repoRoot) {
        return new DeploySettings(repoRoot,
                context(node, "certificateArn"),
                context(node, "publicOrigin"),
                context(node, "alarmEmail"),
                context(node, "cognitoDomainPrefix"),
                flag(node, "allowHttp"),
                flag(node, "natGatewayPerAz"),
                context(node, "sesFromEmail"),
                flag(node, "threatProtection"),
                flag(node, "totpMfa"));
    }

    /** Only the repository root and {@code allowHttp}: plain HTTP, origin from the load balancer, every option off. */
    public static DeploySettings plainHttp(Path repoRoot) {
        return new DeploySettings(repoRoot, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                true, false, Optional.empty(), false, false);
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

    private static boolean flag(Node node, String key) {
        return context(node, key).map(Boolean::parseBoolean).orElse(false);
    }

    private static Optional<String> context(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString());
    }
}
