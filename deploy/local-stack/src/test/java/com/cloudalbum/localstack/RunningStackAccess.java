package com.cloudalbum.localstack;

import java.nio.file.Path;
import java.util.List;

import com.cloudalbum.localstack.provision.StackDefinition;

/** One local stack for this module's test JVM: reused when already running, else started here. */
public final class RunningStackAccess {

    private static LocalStack stack;

    private RunningStackAccess() {
    }

    public static synchronized LocalStack ensure() throws Exception {
        if (stack == null) {
            LocalStack candidate = new LocalStack(StackSettings.fromSystemProperties(Path.of("").toAbsolutePath()),
                    StackDefinition.CLOUDALBUM, List.of());
            if (candidate.alreadyRunning()) {
                candidate.provision();
            } else {
                candidate.start();
                Runtime.getRuntime().addShutdownHook(new Thread(candidate::close));
            }
            stack = candidate;
        }
        return stack;
    }
}
