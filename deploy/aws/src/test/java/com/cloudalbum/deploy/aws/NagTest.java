package com.cloudalbum.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * cdk-nag's AwsSolutions pack finds nothing: every rule is met, or suppressed where the stack decides otherwise
 * ({@link Nag}: each suppression carries its reason in the template).
 */
class NagTest {

    private static Annotations plain;
    private static Annotations withCertificate;

    @BeforeAll
    static void synthesize() {
        plain = nagged(DeploySettings.plainHttp(DeploySettings.findRepoRoot()), "cdk.out-nag");
        withCertificate = nagged(new DeploySettings(DeploySettings.findRepoRoot(), Optional.of(HttpsTest.CERTIFICATE),
                Optional.empty(), Optional.empty(), Optional.empty(), false, true,
                Optional.of("no-reply@album.example.com"), true, true), "cdk.out-nag-https");
    }

    private static Annotations nagged(DeploySettings settings, String outdir) {
        App app = new App(AppProps.builder()
                .outdir(settings.repoRoot().resolve("deploy/aws/target").resolve(outdir).toString())
                .context(CloudAlbumApp.FEATURE_FLAGS)
                .build());
        CloudAlbumStack stack = CloudAlbumApp.stack(app, settings);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
        return Annotations.fromStack(stack);
    }

    @Test
    void awsSolutions_onTheDefaultStack_findsNothing() {
        assertThat(findings(plain)).isEmpty();
    }

    @Test
    void awsSolutions_withCertificateAndOptions_findsNothing() {
        assertThat(findings(withCertificate)).isEmpty();
    }

    private static List<String> findings(Annotations annotations) {
        List<String> found = new ArrayList<>();
        for (var m : annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
            found.add("ERROR " + m.getId() + ": " + m.getEntry().getData());
        }
        for (var m : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))) {
            found.add("WARN " + m.getId() + ": " + m.getEntry().getData());
        }
        found.forEach(System.out::println);
        return found;
    }
}
