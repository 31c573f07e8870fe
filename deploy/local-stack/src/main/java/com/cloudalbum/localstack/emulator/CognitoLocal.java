package com.cloudalbum.localstack.emulator;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.cloudalbum.localstack.provision.StackDefinition;

/**
 * cognito-local (npm, pinned in {@code cognito/package-lock.json}) as a child process. Its pool and
 * app client are seeded as files with fixed ids, since its API only creates random ones.
 */
public final class CognitoLocal implements Emulator {

    private static final String EXIT_WITH_PARENT = "process.stdin.on('end', () => process.exit(0));"
            + "process.stdin.on('error', () => process.exit(0));"
            + "process.stdin.resume();"
            + "require(process.argv[1]);";

    private final int port;
    private final Path moduleDir;
    private final Path workDir;
    private final StackDefinition.UserPool pool;
    private Process process;

    public CognitoLocal(int port, Path moduleDir, Path workDir, StackDefinition.UserPool pool) {
        this.port = port;
        this.moduleDir = moduleDir;
        this.workDir = workDir;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "cognito";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() throws Exception {
        installIfMissing();
        seed();
        // node exits when its stdin closes, so it cannot outlive this JVM even if the JVM is killed hard
        ProcessBuilder builder = new ProcessBuilder(node(), "-e", EXIT_WITH_PARENT,
                moduleDir.resolve("node_modules/cognito-local/lib/bin/start.js").toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("cognito-local.log").toFile()));
        // the issuer in tokens and in cognito-local's discovery document must agree: keep "localhost"
        builder.environment().put("HOST", "localhost");
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
        Ports.awaitOpen("cognito", port, Duration.ofSeconds(60), () -> process.isAlive());
    }

    private void installIfMissing() throws IOException, InterruptedException {
        Path marker = moduleDir.resolve("node_modules/cognito-local/lib/bin/start.js");
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("npm-ci.log");
        System.out.println("cognito: installing cognito-local with npm ci (first start only; log: " + log + ")");
        // output to a file, never inherited: a test JVM's stdout is its channel to the build tool
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(moduleDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci failed in " + moduleDir + " (is Node 18+ with npm installed?):\n"
                    + Files.readString(log));
        }
    }

    private void seed() throws IOException {
        Path db = workDir.resolve(".cognito/db");
        Files.createDirectories(db);
        // usernames stay as given; the default ["email"] would replace them with the sub
        Files.writeString(workDir.resolve(".cognito/config.json"),
                "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]},"
                        + "\"TokenConfig\":{\"IssuerDomain\":\"http://localhost:" + port + "\"}}");
        Path poolFile = db.resolve(pool.id() + ".json");
        if (!Files.exists(poolFile)) {
            Files.writeString(poolFile, """
                    {"Users":{},"Options":{"Id":"%s","Name":"%s","UsernameAttributes":[],
                     "AutoVerifiedAttributes":["email"],
                     "Arn":"arn:aws:cognito-idp:us-east-1:000000000000:userpool/%s"}}
                    """.formatted(pool.id(), pool.name(), pool.id()));
        }
        Path clients = db.resolve("clients.json");
        if (!Files.exists(clients)) {
            Files.writeString(clients, """
                    {"Clients":{"%s":{"ClientId":"%s","ClientName":"%s","UserPoolId":"%s",
                     "ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],
                     "EnableTokenRevocation":true,
                     "TokenValidityUnits":{"AccessToken":"hours","IdToken":"hours","RefreshToken":"days"}}}}
                    """.formatted(pool.clientId(), pool.clientId(), pool.clientName(), pool.id()));
        }
    }

    private static String node() {
        return System.getProperty("localstack.node", "node");
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
