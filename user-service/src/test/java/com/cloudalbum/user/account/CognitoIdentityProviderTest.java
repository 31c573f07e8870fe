package com.cloudalbum.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.cloudalbum.user.config.UserProperties;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import reactor.test.StepVerifier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderAsyncClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GlobalSignOutResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResendConfirmationCodeRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResendConfirmationCodeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RevokeTokenResponse;
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
                    assertThat(problem.getCause()).isInstanceOf(TooManyRequestsException.class);
                })
                .verify();
    }

    @Test
    void signIn_whenUnreachable_fails503IdentityUnavailableKeepingTheCause() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<InitiateAuthResponse> initiateAuth(Consumer<InitiateAuthRequest.Builder> request) {
                return CompletableFuture.failedFuture(SdkClientException.create("connection refused"));
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signIn("a@b.c", "x"))
                .expectErrorSatisfies(e -> {
                    assertThat(((ErrorResponseException) e).getBody().getType().toString())
                            .isEqualTo("/problems/identity-unavailable");
                    assertThat(e.getCause()).hasMessage("connection refused");
                })
                .verify();
    }

    @Test
    void signOut_whenGlobalUnsupportedButRevokeConfirmed_completesAfterTryingBoth() {
        AtomicInteger revoked = new AtomicInteger();
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<GlobalSignOutResponse> globalSignOut(Consumer<GlobalSignOutRequest.Builder> request) {
                return CompletableFuture.failedFuture(unsupported());
            }

            @Override
            public CompletableFuture<RevokeTokenResponse> revokeToken(Consumer<RevokeTokenRequest.Builder> request) {
                revoked.incrementAndGet();
                return CompletableFuture.completedFuture(RevokeTokenResponse.builder().build());
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signOut("token", "refresh"))
                .verifyComplete();
        assertThat(revoked).hasValue(1);
    }

    @Test
    void signOut_whenRevokeFailsButGlobalConfirmed_completes() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<GlobalSignOutResponse> globalSignOut(Consumer<GlobalSignOutRequest.Builder> request) {
                return CompletableFuture.completedFuture(GlobalSignOutResponse.builder().build());
            }

            @Override
            public CompletableFuture<RevokeTokenResponse> revokeToken(Consumer<RevokeTokenRequest.Builder> request) {
                return CompletableFuture.failedFuture(serviceError("InternalErrorException", 500));
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signOut("token", "refresh"))
                .verifyComplete();
    }

    @Test
    void signOut_whenNeitherConfirmed_fails503SignOutNotConfirmedWithBothCauses() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<GlobalSignOutResponse> globalSignOut(Consumer<GlobalSignOutRequest.Builder> request) {
                return CompletableFuture.failedFuture(SdkClientException.create("connection reset"));
            }

            @Override
            public CompletableFuture<RevokeTokenResponse> revokeToken(Consumer<RevokeTokenRequest.Builder> request) {
                return CompletableFuture.failedFuture(serviceError("InternalErrorException", 500));
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signOut("token", "refresh"))
                .expectErrorSatisfies(e -> {
                    ErrorResponseException problem = (ErrorResponseException) e;
                    assertThat(problem.getStatusCode().value()).isEqualTo(503);
                    assertThat(problem.getBody().getType().toString()).isEqualTo("/problems/sign-out-not-confirmed");
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isNotBlank();
                    assertThat(problem.getCause()).hasMessage("connection reset");
                    assertThat(problem.getCause().getSuppressed()).hasSize(1);
                })
                .verify();
    }

    @Test
    void signOut_withoutRefreshTokenWhenGlobalUnsupported_fails503() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<GlobalSignOutResponse> globalSignOut(Consumer<GlobalSignOutRequest.Builder> request) {
                return CompletableFuture.failedFuture(unsupported());
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).signOut("token", null))
                .expectErrorSatisfies(e -> assertThat(((ErrorResponseException) e).getStatusCode().value()).isEqualTo(503))
                .verify();
    }

    @Test
    void resendCode_whenUnsupportedByErrorCode_fails501WhateverTheMessage() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<ResendConfirmationCodeResponse> resendConfirmationCode(
                    Consumer<ResendConfirmationCodeRequest.Builder> request) {
                return CompletableFuture.failedFuture(serviceError("Unsupported", 500).toBuilder()
                        .message("operation not implemented").build());
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).resendCode("a@b.c"))
                .expectErrorSatisfies(e -> assertThat(((ErrorResponseException) e).getStatusCode().value()).isEqualTo(501))
                .verify();
    }

    @Test
    void resendCode_when500MentioningUnsupportedWithoutTheCode_isNot501() {
        CognitoIdentityProviderAsyncClient cognito = new FakeCognito() {
            @Override
            public CompletableFuture<ResendConfirmationCodeResponse> resendConfirmationCode(
                    Consumer<ResendConfirmationCodeRequest.Builder> request) {
                return CompletableFuture.failedFuture(serviceError("InternalErrorException", 500).toBuilder()
                        .message("unsupported state").build());
            }
        };

        StepVerifier.create(new CognitoIdentityProvider(cognito, properties).resendCode("a@b.c"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(CognitoIdentityProviderException.class))
                .verify();
    }

    private static CognitoIdentityProviderException unsupported() {
        return serviceError("Unsupported", 500);
    }

    private static CognitoIdentityProviderException serviceError(String code, int status) {
        return (CognitoIdentityProviderException) CognitoIdentityProviderException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .build();
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
