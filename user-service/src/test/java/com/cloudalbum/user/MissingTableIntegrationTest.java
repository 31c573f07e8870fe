package com.cloudalbum.user;

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
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A misconfigured service (its table does not exist) against the real DynamoDB Local: the client
 * gets a generic 500 problem, the log one ERROR line that names the table, in the request's trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class MissingTableIntegrationTest {

    private static final String TABLE = "NoSuchTable-" + UUID.randomUUID();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        LocalAws.registerEndpoints(registry);
        registry.add("album.user.table", () -> TABLE);
    }

    @Test
    void signUp_whenTableMissing_returns500ProblemAndLogsTheTableAtError(CapturedOutput output) {
        client.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "t-" + UUID.randomUUID() + "@example.com", "password", "Corr3ct-horse", "name", "T"))
                .exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("Retry-After")
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/internal-error")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).doesNotContain(TABLE));

        assertThat(output.getOut().lines().filter(line -> line.contains("misconfigured")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("\"level\":\"ERROR\"")
                        .contains("DynamoDb.PutItem [TableName=" + TABLE + "]")
                        .contains("ResourceNotFoundException")
                        .containsPattern("\"traceId\":\"[0-9a-f]{32}\""));
    }
}
