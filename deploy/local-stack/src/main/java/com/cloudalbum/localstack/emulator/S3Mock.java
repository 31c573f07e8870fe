package com.cloudalbum.localstack.emulator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.adobe.testing.s3mock.S3MockApplication;

/**
 * Adobe S3Mock, embedded. Its own Spring Boot context also loads the S3 event hook
 * ({@code com.cloudalbum.localstack.s3events}), configured by the {@code s3events.*} properties.
 */
public final class S3Mock implements Emulator {

    private final int port;
    private final int httpsPort;
    private final Path root;
    private final Map<String, Object> hookProperties;
    private S3MockApplication app;

    public S3Mock(int port, int httpsPort, Path root, Map<String, Object> hookProperties) {
        this.port = port;
        this.httpsPort = httpsPort;
        this.root = root;
        this.hookProperties = hookProperties;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() {
        Map<String, Object> props = new HashMap<>(hookProperties);
        props.put("http.port", port);
        props.put("server.port", httpsPort);
        props.put("server.address", "127.0.0.1");
        props.put("com.adobe.testing.s3mock.store.root", root.toString());
        props.put("com.adobe.testing.s3mock.store.retain-files-on-exit", false);
        props.put("com.adobe.testing.s3mock.store.region", "us-east-1");
        // parts of the services' multipart uploads are 8 MiB; single PUTs up to this size
        props.put("com.adobe.testing.s3mock.max-payload-size", "64MB");
        props.put("spring.main.banner-mode", "off");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.com.cloudalbum", "INFO");
        app = S3MockApplication.Companion.start(props);
    }

    @Override
    public void stop() {
        if (app != null) {
            try {
                app.stop();
            } catch (IllegalStateException alreadyClosed) {
                // Spring Boot's own shutdown hook closed S3Mock's context first
            }
        }
    }
}
