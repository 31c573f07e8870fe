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
 * in common): its bearer-token converter (a bean common's chain uses in place of its header-only one, so the
 * services keep taking only the {@code Authorization} header), and a {@code Customizer<…Spec>} bean, which Spring
 * Security applies to that chain before common's own settings, which leave it alone.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    /** The web app's access-token cookie counts as a bearer token (header first); common's chain takes it. */
    @Bean
    CookieBearerTokenConverter cookieBearerToken(CognitoTokenProperties tokens) {
        return new CookieBearerTokenConverter(tokens.publicPaths());
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
