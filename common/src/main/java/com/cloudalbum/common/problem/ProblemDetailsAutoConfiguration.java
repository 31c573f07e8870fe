package com.cloudalbum.common.problem;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Ahead of Boot's own error handler (order -1), so no failure answers in Boot's error JSON or HTML;
 * and ahead of Boot's WebFlux configuration, whose problem-details advice backs off for ours.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ProblemDetailsAutoConfiguration {

    @Bean
    ProblemWriter problemWriter(ServerCodecConfigurer codecs) {
        return new ProblemWriter(codecs);
    }

    @Bean
    TransportFailures transportFailures() {
        return new TransportFailures();
    }

    @Bean
    @Order(-2)
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ProblemWriter writer,
            ObjectProvider<FailureClassifier> classifiers) {
        return new ProblemErrorWebExceptionHandler(writer, classifiers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
