package com.cloudalbum.deploy.aws;

import java.util.List;
import java.util.Optional;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.constructs.Construct;

/**
 * The Cognito user pool, the app client user-service signs users in with, and the pool's domain.
 * Usernames are the e-mail as given (as on cognito-local), so no username attribute is set; the
 * password policy is the one user-service checks first ({@code PasswordPolicy}).
 */
final class Identity extends Construct {

    final UserPool userPool;
    final UserPoolClient webClient;
    final UserPoolDomain domain;

    Identity(Construct scope, String id, Optional<String> domainPrefix) {
        super(scope, id);

        userPool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(true)
                .signInAliases(SignInAliases.builder().username(true).build())
                .signInCaseSensitive(false)
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build())
                        .fullname(StandardAttribute.builder().required(false).mutable(true).build())
                        .build())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(8)
                        .requireLowercase(true)
                        .requireUppercase(true)
                        .requireDigits(true)
                        .requireSymbols(true)
                        .build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        // user-service calls SignUp/InitiateAuth without a SECRET_HASH: the client must have no secret
        webClient = userPool.addClient("WebClient", UserPoolClientOptions.builder()
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userPassword(true).build())
                .disableOAuth(true)
                .enableTokenRevocation(true)
                .preventUserExistenceErrors(true)
                .accessTokenValidity(Duration.hours(1))
                .idTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(30))
                .build());

        domain = userPool.addDomain("Domain", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder()
                        .domainPrefix(domainPrefix.orElseGet(() -> Fn.join("-", List.of("cloudalbum", Aws.ACCOUNT_ID))))
                        .build())
                .build());
    }

    /** What tokens carry as {@code iss}: {@code https://cognito-idp.<region>.amazonaws.com/<poolId>}. */
    String issuer() {
        // the pool's ProviderURL attribute lacks the scheme, so the issuer is spelled out
        return Fn.join("", List.of("https://cognito-idp.", Aws.REGION, ".", Aws.URL_SUFFIX, "/", userPool.getUserPoolId()));
    }
}
