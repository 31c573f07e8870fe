package com.cloudalbum.common.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Ahead of Boot's own error handler (order -1), so no failure answers in Boot's error JSON or HTML. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemDetailsAutoConfiguration {

    @Bean
    ProblemWriter problemWriter(ServerCodecConfigurer codecs) {
        return new ProblemWriter(codecs);
    }

    @Bean
    @Order(-2)
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ProblemWriter writer) {
        return new ProblemErrorWebExceptionHandler(writer);
    }
}
