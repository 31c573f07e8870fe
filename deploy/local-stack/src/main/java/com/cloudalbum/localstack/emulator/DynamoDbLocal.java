package com.cloudalbum.localstack.emulator;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

/** Amazon DynamoDB Local, in memory. It has no bind option and always listens on 0.0.0.0. */
public final class DynamoDbLocal implements Emulator {

    private final int port;
    private DynamoDBProxyServer server;

    public DynamoDbLocal(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() throws Exception {
        server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                "-inMemory", "-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)});
        server.start();
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("dynamodb: stop failed: " + e);
            }
        }
    }
}
