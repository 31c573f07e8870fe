package com.cloudalbum.common.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A keep-alive connection keeps being read whichever thread finished the previous answer. Reactor Netty 1.3.6
 * (Boot 4.0.7's) could stop reading a connection whose next request arrived before the previous exchange had
 * terminated, when that request was then answered at once: the one after it waited until the client gave up
 * (reactor-netty#4361; seen here as a 20 s timeout of a system test). Pipelined requests reach that path every time.
 */
class KeepAliveTest {

    private DisposableServer server;

    @BeforeEach
    void start() {
        List<HttpServer> configured = new ArrayList<>();
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NettyServerAutoConfiguration.class))
                .run(context -> configured.add(context.getBean(NettyServerCustomizer.class).apply(HttpServer.create())));
        server = configured.get(0).host("127.0.0.1").port(0)
                // like a 401 answered after a hop to another scheduler, then ones answered on the event loop
                .handle((request, response) -> response.sendString(request.uri().startsWith("/later")
                        ? Mono.delay(Duration.ofMillis(20)).thenReturn("later")
                        : Mono.just("now")))
                .bindNow(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void requestsOnOneConnection_afterOneAnsweredLater_areAllAnswered() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 20; round++) {
                out.write((get("/later") + get("/now") + get("/now")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(List.of(readBody(in), readBody(in), readBody(in))).as("round %d", round).containsExactly("later", "now", "now");

                out.write(get("/now").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readBody(in)).as("round %d, the request after", round).isEqualTo("now");
            }
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** One response's body; the answers here always carry a Content-Length. A read timeout fails the test. */
    private static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
