package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.map;
import static com.cloudalbum.deploy.aws.SynthesizedStack.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;

/** What an operator gets without asking, and what each option turns on (the options: HttpsTest's stack). */
class SafeDefaultsTest {

    private static SynthesizedStack plain;
    private static SynthesizedStack options;

    @BeforeAll
    static void synthesize() {
        plain = SynthesizedStack.defaults();
        options = SynthesizedStack.synthesize(new DeploySettings(DeploySettings.findRepoRoot(), Optional.of(HttpsTest.CERTIFICATE),
                Optional.empty(), Optional.empty(), Optional.empty(), false, true, Optional.of("no-reply@album.example.com"), true, true),
                "cdk.out-options");
    }

    @Test
    void settings_withoutCertificateOrAllowHttp_refusePlainHttp() {
        App app = new App(AppProps.builder().build());

        assertThatThrownBy(() -> DeploySettings.fromContext(app.getNode(), DeploySettings.findRepoRoot()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-c certificateArn=")
                .hasMessageContaining("-c allowHttp=true");
    }

    @Test
    void settings_withAllowHttpInContext_acceptPlainHttp() {
        App app = new App(AppProps.builder().context(Map.of("allowHttp", "true")).build());

        assertThat(DeploySettings.fromContext(app.getNode(), DeploySettings.findRepoRoot()).allowHttp()).isTrue();
    }

    @Test
    void queues_refuseCallsWithoutTls() {
        assertThat(plain.ofType("AWS::SQS::QueuePolicy").values())
                .hasSize(2)
                .allSatisfy(policy -> assertThat(SynthesizedStack.<List<Map<String, Object>>>cast(
                                map(props(policy).get("PolicyDocument")).get("Statement")))
                        .anySatisfy(statement -> assertThat(statement)
                                .containsEntry("Effect", "Deny")
                                .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))));
    }

    @Test
    void bucket_isVersioned_andExpiresOldVersions() {
        plain.template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", Storage.NONCURRENT_VERSION_DAYS),
                        "Status", "Enabled")))))));
    }

    @Test
    void natGateways_oneByDefault_onePerAzAsAnOption() {
        assertThat(plain.ofType("AWS::EC2::NatGateway")).hasSize(1);
        assertThat(options.ofType("AWS::EC2::NatGateway")).hasSize(2);
    }

    @Test
    void userPool_byDefault_hasNoMfaAndCognitosSender() {
        Map<String, Object> pool = props(plain.ofType("AWS::Cognito::UserPool").values().iterator().next());

        assertThat(pool.get("MfaConfiguration")).isIn(null, "OFF");
        assertThat(pool).doesNotContainKey("EmailConfiguration");
    }

    @Test
    void userPool_withOptions_sendsThroughSes_enforcesThreatProtection_offersTotp() {
        Map<String, Object> pool = props(options.ofType("AWS::Cognito::UserPool").values().iterator().next());

        assertThat(map(pool.get("EmailConfiguration"))).containsEntry("EmailSendingAccount", "DEVELOPER")
                .containsKey("SourceArn").containsEntry("From", "CloudAlbum <no-reply@album.example.com>");
        assertThat(map(pool.get("UserPoolAddOns"))).containsEntry("AdvancedSecurityMode", "ENFORCED");
        assertThat(pool).containsEntry("UserPoolTier", "PLUS")
                .containsEntry("MfaConfiguration", "OPTIONAL")
                .containsEntry("EnabledMfas", List.of("SOFTWARE_TOKEN_MFA"));
    }

    @Test
    void deployments_ofEveryService_rollBackOnAnAlarm() {
        assertThat(plain.ofType("AWS::ECS::Service").values()).hasSize(4).allSatisfy(service -> {
            Map<String, Object> alarms = map(map(props(service).get("DeploymentConfiguration")).get("Alarms"));
            assertThat(alarms).containsEntry("Enable", true).containsEntry("Rollback", true);
            assertThat(SynthesizedStack.<List<Object>>cast(alarms.get("AlarmNames"))).isNotEmpty()
                    .allSatisfy(name -> assertThat(SynthesizedStack.refs(name)).singleElement()
                            .satisfies(id -> assertThat(plain.resources.get(id).get("Type")).isEqualTo("AWS::CloudWatch::Alarm")));
        });
    }
}
