package com.cloudalbum.localstack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Ports and names of the local stack. Every value can be changed with a system property of the same
 * name ({@code -Dlocalstack.s3.port=9095}); the defaults are what the services' configuration expects.
 */
public record StackSettings(
        String host,
        int dynamoDbPort,
        int s3Port,
        int s3HttpsPort,
        int sqsPort,
        int cognitoPort,
        String region,
        Path dataDir,
        Path cognitoModuleDir,
        Duration startTimeout) {

    public static StackSettings fromSystemProperties(Path moduleDir) {
        return new StackSettings(
                "localhost",
                Integer.getInteger("localstack.dynamodb.port", 8000),
                Integer.getInteger("localstack.s3.port", 9090),
                Integer.getInteger("localstack.s3.https-port", 9191),
                Integer.getInteger("localstack.sqs.port", 9324),
                Integer.getInteger("localstack.cognito.port", 9229),
                System.getProperty("localstack.region", "us-east-1"),
                Path.of(System.getProperty("localstack.data-dir",
                        moduleDir.resolve("target/local-stack-data").toString())),
                moduleDir.resolve("cognito"),
                Duration.parse(System.getProperty("localstack.start-timeout", "PT3M")));
    }

    public String endpoint(int port) {
        return "http://" + host + ":" + port;
    }
}
