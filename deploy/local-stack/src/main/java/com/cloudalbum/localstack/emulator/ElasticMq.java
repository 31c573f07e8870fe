package com.cloudalbum.localstack.emulator;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ's SQS API on loopback; the region makes queue ARNs usable in redrive policies. */
public final class ElasticMq implements Emulator {

    private final int port;
    private final String region;
    private SQSRestServer server;

    public ElasticMq(int port, String region) {
        this.port = port;
        this.region = region;
    }

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() {
        server = SQSRestServerBuilder.withPort(port)
                .withInterface("127.0.0.1")
                .withAWSRegion(region)
                .withAWSAccountId("000000000000")
                .start();
        server.waitUntilStarted();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stopAndWait();
        }
    }
}
