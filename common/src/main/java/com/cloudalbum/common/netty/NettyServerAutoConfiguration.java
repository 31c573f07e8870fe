package com.cloudalbum.common.netty;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import reactor.netty.http.server.HttpServer;

/**
 * Request bodies reach the application in chunks as large as a socket read (up to {@value #MAX_CHUNK} bytes), not cut
 * into Netty's default 8 KiB: every chunk costs the same operators, context restores and writes whatever its size, so
 * an upload of 20 MB was 2 500 trips through the gateway's and photo-service's pipelines. The chunks are slices of
 * the read buffer: no byte more is held.
 */
@AutoConfiguration
@ConditionalOnClass(HttpServer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class NettyServerAutoConfiguration {

    static final int MAX_CHUNK = 64 * 1024;

    @Bean
    NettyServerCustomizer largeBodyChunks() {
        return server -> server.httpRequestDecoder(spec -> spec.maxChunkSize(MAX_CHUNK));
    }
}
