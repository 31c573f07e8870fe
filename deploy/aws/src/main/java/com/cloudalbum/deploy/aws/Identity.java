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
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolEmail;
import software.amazon.awscdk.services.cognito.UserPoolSESOptions;
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

    Identity(Construct scope, String id, DeploySettings settings) {
        super(scope, id);
        Optional<String> domainPrefix = settings.cognitoDomainPrefix();

        UserPool.Builder pool = UserPool.Builder.create(this, "UserPool");
        // Cognito's own sender allows 50 e-mails a day: enough to try the stack, not to run it
        settings.sesFromEmail().ifPresent(from -> pool.email(UserPoolEmail.withSES(UserPoolSESOptions.builder()
                .fromEmail(from)
                .fromName("CloudAlbum")
                .sesRegion(Aws.REGION)
                .build())));
        if (settings.threatProtection()) {
            // compromised-credential checks and adaptive authentication, enforced (the Plus plan, billed per user)
            pool.featurePlan(FeaturePlan.PLUS)
                    .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION);
        }
        if (settings.totpMfa()) {
            // users may add an authenticator app; SMS stays off (it needs an SNS role and costs per message)
            pool.mfa(Mfa.OPTIONAL).mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build());
        }
        userPool = pool
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
