package com.cloudalbum.common.security;

import java.util.List;

import com.cloudalbum.common.problem.ProblemDetailsAutoConfiguration;
import com.cloudalbum.common.problem.ProblemWriter;
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
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

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
     * RS256 only (so {@code alg: none} and HMAC tokens fail); keys come from the pool's JWKS, cached
     * and fetched again only for a {@code kid} the cache does not know.
     */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder cognitoJwtDecoder(CognitoTokenProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.effectiveJwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        List<String> clients = List.copyOf(properties.clientIds());
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer().toString()),
                new JwtClaimValidator<String>("token_use", "access"::equals),
                // null-safe: an ID token has no client_id claim at all
                new JwtClaimValidator<String>("client_id", id -> id != null && clients.contains(id))));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain cognitoSecurityWebFilterChain(ServerHttpSecurity http, CognitoTokenProperties properties,
                                                         ReactiveJwtDecoder decoder, ProblemWriter problems) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .oauth2ResourceServer(server -> server
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
