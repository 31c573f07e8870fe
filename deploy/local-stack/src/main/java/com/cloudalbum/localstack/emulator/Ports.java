package com.cloudalbum.localstack.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Port probes for start-up and for finding a stack that is already running. */
public final class Ports {

    private Ports() {
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits (this is the launcher's start-up, not a request path) until the port accepts connections. */
    public static void awaitOpen(String name, int port, Duration timeout, BooleanSupplier stillRunning)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isOpen(port)) {
            if (!stillRunning.getAsBoolean()) {
                throw new IllegalStateException(name + " exited before it opened port " + port);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not open port " + port + " within " + timeout);
            }
            Thread.sleep(100); // start-up only, on the launcher's thread: nothing is served from it
        }
    }
}
