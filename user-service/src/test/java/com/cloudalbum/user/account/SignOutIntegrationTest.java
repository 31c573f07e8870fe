package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sign-out against cognito-local, which revokes refresh tokens but lacks GlobalSignOut (and
 * ResendConfirmationCode): it answers both with HTTP 500 {@code CognitoLocal#Unsupported}, which the
 * service recognises by the SDK's error code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class SignOutIntegrationTest {

    private static final String PASSWORD = "Corr3ct-horse";

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void signOut_withRefreshToken_revokesItAndAnswers204ThoughGlobalSignOutIsUnsupported(CapturedOutput output) {
        Map<String, Object> tokens = signedUpAndIn();

        post("/api/auth/signout", Map.of("refreshToken", tokens.get("refreshToken")), (String) tokens.get("accessToken"))
                .expectStatus().isNoContent();

        post("/api/auth/refresh", Map.of("refreshToken", tokens.get("refreshToken")), null)
                .expectStatus().isUnauthorized();
        assertThat(output.getOut())
                .contains("sign-out partly confirmed [failed=GlobalSignOut, errorCode=unsupported by the identity provider");
    }

    @Test
    void signOut_withoutRefreshTokenWhenGlobalSignOutUnsupported_returns503ProblemNot204(CapturedOutput output) {
        Map<String, Object> tokens = signedUpAndIn();

        post("/api/auth/signout", Map.of(), (String) tokens.get("accessToken"))
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/sign-out-not-confirmed");
        assertThat(output.getOut()).contains("request answered 503").contains("type=/problems/sign-out-not-confirmed")
                .contains("GlobalSignOut")
                .doesNotContain((String) tokens.get("accessToken"));
    }

    @Test
    void resendCode_onCognitoLocal_returns501NotSupported() {
        String email = "resend-" + UUID.randomUUID() + "@example.com";
        post("/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "R"), null).expectStatus().isCreated();

        post("/api/auth/resend-code", Map.of("email", email), null)
                .expectStatus().isEqualTo(501)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-supported");
    }

    private Map<String, Object> signedUpAndIn() {
        String email = "out-" + UUID.randomUUID() + "@example.com";
        post("/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "O"), null).expectStatus().isCreated();
        return post("/api/auth/signin", Map.of("email", email, "password", PASSWORD), null)
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String path, Object body, String bearer) {
        return client.post().uri(path)
                .headers(h -> {
                    if (bearer != null) {
                        h.setBearerAuth(bearer);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
