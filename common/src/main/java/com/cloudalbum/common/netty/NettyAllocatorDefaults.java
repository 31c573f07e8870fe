package com.cloudalbum.common.netty;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Netty's pooled buffer allocator unless {@value #PROPERTY} is set. Netty 4.2's default (adaptive) falls back to an
 * unpooled direct buffer per allocation on threads it does not own (the AWS SDK's event loop among them); on JDK 25,
 * where Netty frees direct memory by closing a shared {@code Arena}, every such free stops all threads for a
 * handshake: 15 000 handshakes in a 15 s upload run, photo-service 32 ms of CPU per MB against 18 with the pooled
 * allocator (docs/benchmarks-uploads.md). Set before the context (and Netty) starts; a system property because
 * Netty reads it once, when its buffer classes load.
 */
public class NettyAllocatorDefaults implements EnvironmentPostProcessor {

    static final String PROPERTY = "io.netty.allocator.type";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "pooled");
        }
    }
}
