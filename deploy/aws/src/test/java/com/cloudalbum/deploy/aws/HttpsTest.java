package com.cloudalbum.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

/** With {@code -c certificateArn=… -c publicOrigin=…}: HTTPS on 443, port 80 redirects, CORS for the given origin. */
class HttpsTest {

    static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";

    private static SynthesizedStack stack;

    @BeforeAll
    static void synthesize() {
        DeploySettings settings = new DeploySettings(DeploySettings.findRepoRoot(), Optional.of(CERTIFICATE),
                Optional.of("https://album.example.com"), Optional.of("ops@example.com"), Optional.of("album-example"),
                false, true, Optional.of("no-reply@album.example.com"), true, true);
        stack = SynthesizedStack.synthesize(settings, "cdk.out-https");
    }

    @Test
    void listener_withCertificate_servesHttpsAndRedirectsHttp() {
        stack.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443, "Protocol", "HTTPS", "Certificates", List.of(Map.of("CertificateArn", CERTIFICATE))));
        stack.template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80, "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect")))));
    }

    @Test
    void gateway_withPublicOrigin_allowsCorsForItOnly() {
        assertThat(stack.environment("gateway")).containsEntry("ALBUM_SECURITY_CORS_ORIGINS", "https://album.example.com");
    }

    @Test
    void alarmTopic_withEmail_subscribesIt() {
        stack.template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
        stack.template.hasResourceProperties("AWS::Cognito::UserPoolDomain", Map.of("Domain", "album-example"));
    }
}
