package com.cloudalbum.common.aws;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** The SDK's part of the one error map: the classifier and the interceptor that names failed calls' resources. */
@AutoConfiguration(before = AwsClientsAutoConfiguration.class)
@ConditionalOnClass(AwsServiceException.class)
public class AwsFailuresAutoConfiguration {

    @Bean
    AwsFailures awsFailures() {
        return new AwsFailures();
    }

    @Bean
    ExecutionInterceptor awsCallDescriptionInterceptor() {
        return new AwsCallDescriptionInterceptor();
    }
}
