package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;

/** user-service on its own, against cognito-local and DynamoDB Local. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class AccountFlowIntegrationTest {

    static final String PASSWORD = "Corr3ct-horse";

    @Autowired
    WebTestClient client;

    @Autowired
    CognitoIdentityProviderAsyncClient cognito;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void accountLifecycle_signUpToSignOut_worksAndLogsNoSecret(CapturedOutput logs) {
        String email = "Ada." + UUID.randomUUID() + "@Example.com";

        Map<String, Object> created = post("/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "Ada"), null)
                .expectStatus().isCreated()
                .expectHeader().location("/api/users/me")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        assertThat(created).containsEntry("confirmed", true).containsKey("userId");

        Map<String, Object> tokens = signIn(email, PASSWORD);
        String access = (String) tokens.get("accessToken");
        assertThat(tokens).containsKeys("idToken", "refreshToken").containsEntry("tokenType", "Bearer");
        assertThat(((Number) tokens.get("expiresIn")).longValue()).isPositive();

        client.get().uri("/api/users/me").headers(h -> h.setBearerAuth(access)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(created.get("userId"))
                .jsonPath("$.email").isEqualTo(email.toLowerCase())
                .jsonPath("$.name").isEqualTo("Ada");

        client.patch().uri("/api/users/me").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Ada Lovelace")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Ada Lovelace");
        assertThat(cognito.adminGetUser(r -> r.userPoolId("local_cloudalbum").username(email.toLowerCase())).join()
                .userAttributes()).anySatisfy(a -> assertThat(a.name() + "=" + a.value()).isEqualTo("name=Ada Lovelace"));

        client.put().uri("/api/users/me/password").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", PASSWORD, "newPassword", "N3w-password!")).exchange()
                .expectStatus().isNoContent();

        post("/api/auth/signin", Map.of("email", email, "password", PASSWORD), null).expectStatus().isUnauthorized();
        Map<String, Object> renewed = signIn(email, "N3w-password!");

        post("/api/auth/refresh", Map.of("refreshToken", renewed.get("refreshToken")), null)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.accessToken").isNotEmpty();

        post("/api/auth/signout", Map.of("refreshToken", renewed.get("refreshToken")), (String) renewed.get("accessToken"))
                .expectStatus().isNoContent();
        post("/api/auth/refresh", Map.of("refreshToken", renewed.get("refreshToken")), null)
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-refresh-token");
        assertThat(logs.getAll()).contains("account created")
                .doesNotContain(PASSWORD).doesNotContain("N3w-password!")
                .doesNotContain(access).doesNotContain((String) renewed.get("refreshToken"));
    }

    @Test
    void signUp_twentyConcurrentWithOneEmail_makeExactlyOneAccount() {
        String email = "race-" + UUID.randomUUID() + "@example.com";

        List<HttpStatusCode> statuses = Flux.range(0, 20)
                .flatMap(i -> Mono.fromCallable(() -> post("/api/auth/signup",
                                Map.of("email", email, "password", PASSWORD, "name", "Racer " + i), null)
                                .returnResult(String.class).getStatus())
                        .subscribeOn(Schedulers.boundedElastic()), 20)
                .collectList()
                .block();

        assertThat(statuses).filteredOn(s -> s.value() == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s.value() == 409).hasSize(19);
    }

    @Test
    void signIn_unknownEmailAndWrongPassword_getTheSameAnswer() {
        String email = "known-" + UUID.randomUUID() + "@example.com";
        post("/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "K"), null).expectStatus().isCreated();

        String wrongPassword = post("/api/auth/signin", Map.of("email", email, "password", "Wr0ng-password"), null)
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        String unknownEmail = post("/api/auth/signin", Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com",
                "password", "Wr0ng-password"), null)
                .expectStatus().isUnauthorized()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(wrongPassword).contains("/problems/wrong-credentials");
        assertThat(unknownEmail.replaceAll("\"instance\":\"[^\"]*\"", ""))
                .isEqualTo(wrongPassword.replaceAll("\"instance\":\"[^\"]*\"", ""));
    }

    @Test
    void signUp_whenEmailTaken_returns409Problem() {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        post("/api/auth/signup", Map.of("email", email, "password", PASSWORD, "name", "A"), null).expectStatus().isCreated();

        post("/api/auth/signup", Map.of("email", email.toUpperCase(), "password", PASSWORD, "name", "B"), null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/email-taken");
    }

    @Test
    void signUp_whenPasswordWeak_returns400ProblemNamingPassword() {
        post("/api/auth/signup", Map.of("email", "weak-" + UUID.randomUUID() + "@example.com", "password", "password", "name", "W"), null)
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/weak-password")
                .jsonPath("$.field").isEqualTo("password");
    }

    @Test
    void signUp_whenFieldsInvalid_returns400ProblemNamingEachField() {
        post("/api/auth/signup", Map.of("email", "not-an-email", "name", "x".repeat(101)), null)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/validation")
                .jsonPath("$.errors[?(@.field == 'email')]").exists()
                .jsonPath("$.errors[?(@.field == 'password')]").exists()
                .jsonPath("$.errors[?(@.field == 'name')]").exists();
    }

    @Test
    void signUp_whenJsonMalformed_returns400Problem() {
        client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void signUp_whenContentTypeWrong_returns415Problem() {
        client.post().uri("/api/auth/signup").contentType(MediaType.TEXT_PLAIN).bodyValue("email=a@b.c").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private Map<String, Object> signIn(String email, String password) {
        return post("/api/auth/signin", Map.of("email", email, "password", password), null)
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
