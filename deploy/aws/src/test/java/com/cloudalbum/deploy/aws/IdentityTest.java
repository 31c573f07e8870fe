package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The Cognito pool, client and domain, shaped for what user-service sends. */
class IdentityTest {

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @Test
    void userPool_keepsTheEmailAsGivenUsername_withTheServicesPasswordPolicy() {
        Map<String, Object> pool = stack.props(userPool());

        assertThat(pool).doesNotContainKey("UsernameAttributes").doesNotContainKey("AliasAttributes");
        assertThat(pool).containsEntry("AutoVerifiedAttributes", List.of("email"));
        assertThat(pool.get("Policies")).isEqualTo(Map.of("PasswordPolicy", Map.of(
                "MinimumLength", 8, "RequireLowercase", true, "RequireUppercase", true,
                "RequireNumbers", true, "RequireSymbols", true)));
        assertThat(stack.resources.get(userPool())).containsEntry("DeletionPolicy", "Retain");
    }

    @Test
    void appClient_hasNoSecret_andAllowsPasswordAndRefreshSignIn() {
        String client = stack.onlyId("AWS::Cognito::UserPoolClient", p -> true);

        assertThat(stack.props(client))
                .containsEntry("GenerateSecret", false)
                .containsEntry("EnableTokenRevocation", true)
                .containsEntry("ExplicitAuthFlows", List.of("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"));
        assertThat(refs(stack.props(client).get("UserPoolId"))).containsExactly(userPool());
    }

    @Test
    void domain_belongsToThePool() {
        String domain = stack.onlyId("AWS::Cognito::UserPoolDomain", p -> true);

        assertThat(refs(stack.props(domain).get("UserPoolId"))).containsExactly(userPool());
        assertThat(stack.props(domain)).containsKey("Domain");
    }

    @Test
    void services_acceptTokensOfThisPoolAndClient() {
        String client = stack.onlyId("AWS::Cognito::UserPoolClient", p -> true);

        assertThat(DeploySettings.MODULES).allSatisfy(module -> {
            Map<String, Object> env = stack.environment(module);
            assertThat(refs(env.get("ALBUM_SECURITY_ISSUER"))).containsExactly(userPool());
            assertThat(env.get("ALBUM_SECURITY_ISSUER").toString()).contains("https://cognito-idp.");
            assertThat(refs(env.get("ALBUM_SECURITY_CLIENT_IDS"))).containsExactly(client);
        });
    }

    private String userPool() {
        return stack.onlyId("AWS::Cognito::UserPool", p -> true);
    }
}
