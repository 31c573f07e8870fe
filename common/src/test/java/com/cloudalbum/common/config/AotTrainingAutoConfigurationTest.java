package com.cloudalbum.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

class AotTrainingAutoConfigurationTest {

    final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AotTrainingAutoConfiguration.class));

    @Test
    void trainingRun_byDefault_isNotThere() {
        runner.run(context -> assertThat(context).doesNotHaveBean("aotTrainingRun"));
    }

    @Test
    void trainingRun_whenAskedFor_listensForReady() {
        runner.withPropertyValues("album.aot-training=true")
                .run(context -> assertThat(context).hasBean("aotTrainingRun"));
    }
}
