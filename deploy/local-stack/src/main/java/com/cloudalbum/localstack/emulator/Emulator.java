package com.cloudalbum.localstack.emulator;

/** One third-party emulator run by the launcher. */
public interface Emulator {

    String name();

    int port();

    void start() throws Exception;

    /** Stops the emulator; safe to call when it never started. */
    void stop();
}
