package com.cloudalbum.deploy.aws;

import java.util.List;

/**
 * What one service's JVM may use, every pool capped, so that a task's memory is a sum instead of a guess:
 * heap + direct + metaspace + code cache + thread stacks + the JVM's own (GC, symbols, class space) +
 * native (libraries' buffers outside the JVM) + the sidecars, with at least {@link #HEADROOM_PERCENT} % left.
 * Idle figures measured with {@code -XX:NativeMemoryTracking=summary} on JDK 25 (README "Operating on AWS"):
 * metaspace 48–51 MiB without the AOT cache, 9 MiB with it (its classes are mapped in the shared class space,
 * 89–100 MiB since the training run answers first requests), code 12–18 MiB, 24–26 threads, symbols 2–13 MiB,
 * the JIT's arenas ~23 MiB during start-up (trimmed back by {@code -XX:TrimNativeHeapInterval}).
 *
 * @param heapMiB       {@code -Xmx}; photo-service derives its upload slots from it, thumbnail-service decodes into it
 * @param directMiB     {@code -XX:MaxDirectMemorySize}: Netty's pooled buffers (without a cap it equals the heap)
 * @param metaspaceMiB  {@code -XX:MaxMetaspaceSize}: ~50 MiB used once started without the AOT cache
 * @param codeCacheMiB  {@code -XX:ReservedCodeCacheSize}: 18 MiB idle; the default 240 MiB is far more than these apps compile
 * @param threads       thread count budgeted for stacks (24–26 idle; event loops, SDK and schedulers under load)
 * @param stackKiB      {@code -Xss}: reactive code keeps stacks shallow
 * @param jvmOtherMiB   the AOT cache's class space (89–100 MiB), GC structures, symbols, arenas: not capped by a flag
 * @param nativeMiB     native libraries' own buffers (thumbnail-service's decoders), outside the JVM's accounting
 */
record JvmMemory(int heapMiB, int directMiB, int metaspaceMiB, int codeCacheMiB, int threads, int stackKiB,
                 int jvmOtherMiB, int nativeMiB) {

    /** The ADOT collector sidecar's hard limit (it idles at ~40 MiB). */
    static final int COLLECTOR_MIB = 96;
    /** ECS's Service Connect proxy: AWS asks to leave at least 64 MiB of the task for it. */
    static final int SERVICE_CONNECT_PROXY_MIB = 64;
    /** Left free of every budget: allocator fragmentation, page cache of the jar, what no flag caps. */
    static final int HEADROOM_PERCENT = 10;

    static JvmMemory of(ServiceSpec spec) {
        return switch (spec.name()) {
            case "photo-service" -> new JvmMemory(1152, 128, 96, 64, 120, 512, 128, 0);
            case "thumbnail-service" -> new JvmMemory(1088, 64, 96, 64, 80, 512, 128, 192);
            default -> new JvmMemory(320, 64, 96, 64, 100, 512, 128, 0);
        };
    }

    int stacksMiB() {
        return (threads * stackKiB + 1023) / 1024;
    }

    int jvmTotalMiB() {
        return heapMiB + directMiB + metaspaceMiB + codeCacheMiB + stacksMiB() + jvmOtherMiB + nativeMiB;
    }

    int taskTotalMiB() {
        return jvmTotalMiB() + COLLECTOR_MIB + SERVICE_CONNECT_PROXY_MIB;
    }

    /** The caps as JVM options; the image's ENTRYPOINT adds the GC, the AOT cache and exit-on-OOM. */
    String javaOptions() {
        return String.join(" ", List.of(
                "-Xmx" + heapMiB + "m",
                // a small start (the JVM's own default in a 1 GiB task): idle RSS 195 MB instead of 207 with 64m
                "-Xms16m",
                "-XX:MaxDirectMemorySize=" + directMiB + "m",
                "-XX:MaxMetaspaceSize=" + metaspaceMiB + "m",
                "-XX:ReservedCodeCacheSize=" + codeCacheMiB + "m",
                "-Xss" + stackKiB + "k"));
    }
}
