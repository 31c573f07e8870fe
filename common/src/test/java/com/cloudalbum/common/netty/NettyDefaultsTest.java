package com.cloudalbum.common.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import reactor.netty.http.server.HttpServer;

class NettyDefaultsTest {

    @Test
    void allocatorDefaults_withoutTheProperty_choosePooled_andKeepOneThatIsSet() {
        String before = System.getProperty(NettyAllocatorDefaults.PROPERTY);
        try {
            System.clearProperty(NettyAllocatorDefaults.PROPERTY);
            new NettyAllocatorDefaults().postProcessEnvironment(new MockEnvironment(), new SpringApplication());
            assertThat(System.getProperty(NettyAllocatorDefaults.PROPERTY)).isEqualTo("pooled");

            System.setProperty(NettyAllocatorDefaults.PROPERTY, "adaptive");
            new NettyAllocatorDefaults().postProcessEnvironment(new MockEnvironment(), new SpringApplication());
            assertThat(System.getProperty(NettyAllocatorDefaults.PROPERTY)).isEqualTo("adaptive");
        } finally {
            if (before == null) {
                System.clearProperty(NettyAllocatorDefaults.PROPERTY);
            } else {
                System.setProperty(NettyAllocatorDefaults.PROPERTY, before);
            }
        }
    }

    @Test
    void serverCustomizer_letsBodyChunksGrowTo64KiB() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NettyServerAutoConfiguration.class))
                .run(context -> {
                    HttpServer server = context.getBean(NettyServerCustomizer.class).apply(HttpServer.create());
                    assertThat(server.configuration().decoder().maxChunkSize()).isEqualTo(64 * 1024);
                });
    }
}
