package com.cloudalbum.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.s3.model.S3Exception;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.webflux.problemdetails.enabled=true",
                "album.security.issuer=http://127.0.0.1:1/pool", "album.security.client-ids=test"})
@AutoConfigureWebTestClient
class ProblemErrorWebExceptionHandlerTest {

    @Autowired
    WebTestClient client;

    @Test
    void unknownRoute_returns404Problem() {
        client.get().uri("/no/such/route").accept(MediaType.ALL).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(404);
    }

    @Test
    void unexpectedFailure_returns500ProblemWithoutInternalDetail() {
        client.get().uri("/boom").exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/internal-error")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                        .doesNotContain("secret-internal-state"));
    }

    @Test
    void unmappedSdkThrottling_returns503ThrottledWithRetryAfter() {
        client.get().uri("/throttled").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/throttled");
    }

    @Test
    void deadConnection_returns503ServiceUnavailableWithRetryAfter() {
        client.get().uri("/closed").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/service-unavailable");
    }

    @Test
    void unmappedAccessDenied_returns500WithoutRetryAfter() {
        client.get().uri("/denied").exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader().doesNotExist("Retry-After")
                .expectBody().jsonPath("$.type").isEqualTo("/problems/internal-error");
    }

    @Test
    void failureInWebFilter_returnsProblemWithItsStatus() {
        client.get().uri("/filtered").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "3")
                .expectBody().jsonPath("$.instance").isEqualTo("/filtered");
    }

    @SpringBootApplication
    @org.springframework.context.annotation.Import(FailingController.class)
    static class TestApp {

        @Bean
        WebFilter unavailable() {
            return (exchange, chain) -> exchange.getRequest().getPath().value().equals("/filtered")
                    ? Mono.error(new UnavailableException())
                    : chain.filter(exchange);
        }
    }

    @RestController
    static class FailingController {

        @GetMapping("/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret-internal-state"));
        }

        @GetMapping("/throttled")
        Mono<String> throttled() {
            return Mono.error(ProvisionedThroughputExceededException.builder()
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ProvisionedThroughputExceededException").build())
                    .build());
        }

        @GetMapping("/closed")
        Mono<String> closed() {
            return Mono.error(new IllegalStateException(new ClosedChannelException()));
        }

        @GetMapping("/denied")
        Mono<String> denied() {
            return Mono.error(S3Exception.builder().statusCode(403).build());
        }
    }

    static class UnavailableException extends ResponseStatusException {
        UnavailableException() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "try later");
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.add("Retry-After", "3");
            return headers;
        }
    }
}
