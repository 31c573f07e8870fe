package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.cloudalbum.common.test.LocalAws;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** As in AWS: no auto-confirmation, Cognito's code applies (cognito-local keeps it in its pool file). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "album.user.auto-confirm=false")
@AutoConfigureWebTestClient
class UnconfirmedAccountIntegrationTest {

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
    }

    @Test
    void unconfirmedAccount_isRefusedUntilConfirmedWithTheRightCode() throws Exception {
        String email = "new-" + UUID.randomUUID() + "@example.com";
        post("/api/auth/signup", Map.of("email", email, "password", "Corr3ct-horse", "name", "N"))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.confirmed").isEqualTo(false);

        post("/api/auth/signin", Map.of("email", email, "password", "Corr3ct-horse"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unconfirmed");
        post("/api/auth/confirm", Map.of("email", email, "code", "000000-wrong"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-code");
        // AWS answers 204; cognito-local lacks the operation and the service says so with a 501 problem
        post("/api/auth/resend-code", Map.of("email", email))
                .expectStatus().value(status -> assertThat(status).isIn(204, 501));

        String code = confirmationCode(email).orElseThrow();
        post("/api/auth/confirm", Map.of("email", email, "code", code)).expectStatus().isNoContent();
        post("/api/auth/signin", Map.of("email", email, "password", "Corr3ct-horse")).expectStatus().isOk();
    }

    /** cognito-local "sends" the code by storing it with the user in its pool file. */
    private static Optional<String> confirmationCode(String username) throws IOException {
        Path data = LocalAws.projectRoot().resolve("deploy/local-stack/target/local-stack-data");
        Pattern user = Pattern.compile("\"Username\"\\s*:\\s*\"" + Pattern.quote(username)
                + "\"[^}]*?\"ConfirmationCode\"\\s*:\\s*\"([^\"]+)\"", Pattern.DOTALL);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("local_cloudalbum.json")).toList()) {
                Matcher m = user.matcher(Files.readString(file));
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private WebTestClient.ResponseSpec post(String path, Object body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
