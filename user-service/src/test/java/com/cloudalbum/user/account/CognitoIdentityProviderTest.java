package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.cloudalbum.user.config.UserProperties;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import reactor.test.StepVerifier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

/** Error mapping only; a plain fake client stands in for Cognito. */
class CognitoIdentityProviderTest {

    private final UserProperties properties = new UserProperties("User", "user-email-index", "pool", "client", false);

    @Test
    void signIn_whenThrottled_fails503WithRetryAfter() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<InitiateAuthResponse> initiateAuth(Consumer<InitiateAuthRequest.Builder> request) {
                return CompletableFuture.failedFuture(TooManyRequestsException.builder().message("slow down").build());
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signIn("a@b.c", "x"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ErrorResponseException.class);
                    ErrorResponseException problem = (ErrorResponseException) e;
                    assertThat(problem.getStatusCode().value()).isEqualTo(503);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("2");
                    assertThat(problem.getBody().getType().toString()).isEqualTo("/problems/throttled");
                })
                .verify();
    }

    @Test
    void signIn_whenUnreachable_fails503IdentityUnavailable() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<InitiateAuthResponse> initiateAuth(Consumer<InitiateAuthRequest.Builder> request) {
                return CompletableFuture.failedFuture(SdkClientException.create("connection refused"));
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signIn("a@b.c", "x"))
                .expectErrorSatisfies(e -> assertThat(((ErrorResponseException) e).getBody().getType().toString())
                        .isEqualTo("/problems/identity-unavailable"))
                .verify();
    }

    @Test
    void signOut_whenEmulatorLacksGlobalSignOut_completes() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<GlobalSignOutResponse> globalSignOut(Consumer<GlobalSignOutRequest.Builder> request) {
                return CompletableFuture.failedFuture(CognitoIdentityProviderException.builder()
                        .message("CognitoLocal#Unsupported: GlobalSignOut").statusCode(500).build());
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signOut("token", null))
                .verifyComplete();
    }

    private abstract static class FakeCognito implements CognitoIdentityProviderAsyncClient {
        @Override
        public String serviceName() {
            return "cognito-idp";
        }

        @Override
        public void close() {
        }
    }
}
