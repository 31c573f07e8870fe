package com.cloudalbum.gateway.web;

import java.util.ArrayList;
import java.util.List;

import com.cloudalbum.common.security.CognitoTokenProperties;
import com.cloudalbum.gateway.config.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * What the gateway adds to the security chain every service shares ({@code CognitoSecurityAutoConfiguration}
 * in common). Spring Security applies {@code Customizer<…Spec>} beans to that chain before common's
 * own settings, which leave these alone; the services declare none, so they keep taking only the
 * {@code Authorization} header.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    /** The web app's access-token cookie counts as a bearer token (header first). */
    @Bean
    Customizer<ServerHttpSecurity.OAuth2ResourceServerSpec> cookieBearerToken(CognitoTokenProperties tokens) {
        CookieBearerTokenConverter converter = new CookieBearerTokenConverter(tokens.publicPaths());
        return server -> server.bearerTokenConverter(converter);
    }

    /**
     * Content-Security-Policy for the web app: its own scripts and styles only (nothing inline),
     * images from itself (data: for Leaflet's blank tile GIF), the photo store's presigned URLs and the map's tiles, no framing.
     */
    @Bean
    Customizer<ServerHttpSecurity.HeaderSpec> contentSecurityPolicy(WebProperties web) {
        String policy = contentSecurityPolicy(web.imageOrigins(), web.tileOrigins());
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy));
    }

    static String contentSecurityPolicy(List<String> imageOrigins, List<String> tileOrigins) {
        List<String> images = new ArrayList<>(List.of("'self'", "blob:", "data:"));
        images.addAll(imageOrigins);
        images.addAll(tileOrigins);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", images)
                + "; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
