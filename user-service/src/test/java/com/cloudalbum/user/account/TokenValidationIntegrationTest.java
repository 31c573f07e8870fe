package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.cloudalbum.common.test.LocalAws;
import com.cloudalbum.common.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A direct call to user-service (no gateway) is checked just as strictly: each attack gets a 401 problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TokenValidationIntegrationTest {

    static final String ISSUER = "http://localhost:9229/local_cloudalbum";
    static final String CLIENT = "cloudalbumlocalwebclient1";

    @Autowired
    WebTestClient client;

    TestTokens forger;
    Map<String, Object> tokens;
    String userId;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @BeforeEach
    void signUpAndIn() {
        String email = "victim-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> created = client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "Corr3ct-horse", "name", "V")).exchange()
                .expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        userId = (String) created.get("userId");
        tokens = client.post().uri("/api/auth/signin").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "Corr3ct-horse")).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        forger = TestTokens.cognitoLocal(ISSUER, CLIENT);
    }

    @Test
    void me_withRealAccessToken_returnsOwnProfile() {
        me((String) tokens.get("accessToken")).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(userId);
    }

    @Test
    void me_withoutToken_returns401() {
        client.get().uri("/api/users/me").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("WWW-Authenticate");
    }

    @Test
    void me_withGarbage_returns401() {
        assertRejected("garbage.garbage.garbage");
    }

    @Test
    void me_withAlgNone_returns401() {
        assertRejected(forger.unsigned(userId));
    }

    @Test
    void me_withHs256SignedWithPublicKey_returns401() {
        assertRejected(forger.hs256WithPublicKeyAsSecret(userId));
    }

    @Test
    void me_withWrongIssuer_returns401() {
        assertRejected(forger.sign(forger.claims(userId).issuer("http://localhost:9229/other_pool").build()));
    }

    @Test
    void me_withExpiredToken_returns401() {
        Instant past = Instant.now().minusSeconds(7200);
        assertRejected(forger.sign(forger.claims(userId).issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(3600))).build()));
    }

    @Test
    void me_withIdTokenAsAccessToken_returns401() {
        assertRejected((String) tokens.get("idToken"));
    }

    @Test
    void me_withTokenOfAnotherAppClient_returns401() {
        assertRejected(forger.sign(forger.claims(userId).claim("client_id", "some-other-client").build()));
    }

    @Test
    void me_withTamperedPayload_returns401() {
        assertRejected(TestTokens.tamper((String) tokens.get("accessToken"), UUID.randomUUID().toString()));
    }

    @Test
    void me_withForgedIdentityHeader_stillAnswersForTheTokensOwner() {
        client.get().uri("/api/users/me")
                .headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
                .header("X-User-Id", "someone-else")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(userId);
    }

    private void assertRejected(String token) {
        me(token).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value("WWW-Authenticate", v -> assertThat(v).contains("invalid_token"));
    }

    private WebTestClient.ResponseSpec me(String token) {
        return client.get().uri("/api/users/me").headers(h -> h.setBearerAuth(token)).exchange();
    }
}
