package com.cloudalbum.gateway.web;

import java.time.Duration;

import com.cloudalbum.common.problem.Problems;
import com.cloudalbum.common.problem.TransportFailures;
import com.cloudalbum.gateway.config.GatewayProperties;
import com.cloudalbum.gateway.config.WebProperties;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** user-service's token endpoints, called by the gateway on the browser's behalf. */
@Component
class UserServiceClient {

    private final WebClient client;

    /** Boot's builder, when there is one, carries the observation that continues the trace to user-service. */
    UserServiceClient(GatewayProperties gateway, WebProperties web, ObjectProvider<WebClient.Builder> builders) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .responseTimeout(web.userServiceTimeout());
        this.client = builders.getIfAvailable(WebClient::builder)
                .baseUrl(gateway.userServiceUri().toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    /** POSTs a JSON body; any answer, success or problem, comes back whole for the caller to relay. */
    Mono<Reply> post(String path, @Nullable String bearer, Object body) {
        return client.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (bearer != null) {
                        headers.setBearerAuth(bearer);
                    }
                })
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(text -> new Reply(response.statusCode(),
                                response.headers().contentType().orElse(null), text,
                                response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))))
                // refused, reset, closed before answering, timed out: user-service is not there right now
                .onErrorMap(e -> e instanceof WebClientRequestException || TransportFailures.transportCause(e) != null,
                        UserServiceClient::unavailable);
    }

    /** Tokens as user-service signs in or refreshes; the ID token is not needed here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tokens(String accessToken, @Nullable String refreshToken, long expiresIn) {

        Duration accessLifetime() {
            return Duration.ofSeconds(Math.max(expiresIn, 0));
        }

        @Override
        public String toString() {
            return "Tokens[<redacted>, expiresIn=" + expiresIn + "]";
        }
    }

    /** One answer of user-service. Its body may hold tokens: never log it. */
    record Reply(HttpStatusCode status, @Nullable MediaType contentType, String body, @Nullable String retryAfter) {

        boolean ok() {
            return status.is2xxSuccessful();
        }

        @Override
        public String toString() {
            return "Reply[" + status + "]";
        }
    }

    private static ErrorResponseException unavailable(Throwable cause) {
        ErrorResponseException e = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                "The account service did not answer; try again shortly.", cause);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return e;
    }
}
