package com.cloudalbum.common.security;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import com.cloudalbum.common.problem.ProblemDetailsAutoConfiguration;
import com.cloudalbum.common.problem.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every CloudAlbum web application is an OAuth2 resource server for Cognito access tokens: the
 * gateway checks them, and each service checks them again, so a request that bypasses the gateway
 * gets nothing. Stateless: no session, no CSRF token, no login page.
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class, after = ProblemDetailsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty("album.security.issuer")
@EnableConfigurationProperties(CognitoTokenProperties.class)
@EnableWebFluxSecurity
public class CognitoSecurityAutoConfiguration {

    /**
     * RS256 only (so {@code alg: none} and HMAC tokens fail); keys come from the pool's JWKS, parsed once
     * and fetched again (rate-limited, with a timeout) only for a {@code kid} they do not include. A token
     * must carry {@code exp} and a non-empty {@code sub}; one that passed is not checked again until it expires.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder cognitoJwtDecoder(CognitoTokenProperties properties, ObjectProvider<WebClient.Builder> webClients) {
        Clock clock = Clock.systemUTC();
        WebClient web = webClients.getIfAvailable(WebClient::builder).build();
        JwksKeys keys = JwksKeys.remote(web, properties.effectiveJwksUri(), properties.jwksRefreshInterval(),
                properties.jwksTimeout(), clock);
        return new CognitoJwtDecoder(keys, validator(properties, clock), new VerifiedTokens(properties.tokenCacheSize(), clock));
    }

    static OAuth2TokenValidator<Jwt> validator(CognitoTokenProperties properties, Clock clock) {
        List<String> clients = List.copyOf(properties.clientIds());
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(
                // JwtTimestampValidator only checks an exp that is present: a token without one never expires
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                timestamps,
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtIssuerValidator(properties.issuer().toString()),
                new JwtClaimValidator<String>("token_use", "access"::equals),
                // null-safe: an ID token has no client_id claim at all
                new JwtClaimValidator<String>("client_id", id -> id != null && clients.contains(id)));
    }

    @Bean
    @ConditionalOnMissingBean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        return HeaderValues.firewall();
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain cognitoSecurityWebFilterChain(ServerHttpSecurity http, CognitoTokenProperties properties,
                                                         ReactiveJwtDecoder decoder, ProblemWriter problems,
                                                         ObjectProvider<BearerHeaderConverter> bearerTokens) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // the default repository looked the context up in a WebSession: an id from SecureRandom and two
                // scheduler hops for every request without a token
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(bearerTokens.getIfAvailable(BearerHeaderConverter::new))
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(HttpMethod.OPTIONS, "/api/**").permitAll();
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    if (!properties.publicPaths().isEmpty()) {
                        exchanges.pathMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
                    }
                    exchanges.pathMatchers("/api/**", "/actuator/**").authenticated();
                    exchanges.anyExchange().permitAll();
                });
        if (properties.corsOrigins().isEmpty()) {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        } else {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(properties.corsOrigins());
            cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
            cors.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            cors.setExposedHeaders(List.of("Location", "Retry-After"));
            cors.setMaxAge(3600L);
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", cors);
            http.cors(spec -> spec.configurationSource(source));
        }
        return http.build();
    }
}
