package com.cloudalbum.deploy.aws;

/**
 * How a task stops without cutting uploads (deploys and scale-in). The longest request is an upload: the
 * gateway's upload route allows {@value #LONGEST_UPLOAD_SECONDS} s (a 50 MB body over a 2 Mbit/s uplink).
 * <ol>
 *   <li>Gateway (behind the load balancer): ECS deregisters the task and sends SIGTERM only after the
 *       deregistration delay, so the delay covers the longest upload; then Spring's graceful shutdown phase
 *       (30 s) finishes what is left, within {@link #STOP_TIMEOUT_SECONDS}.</li>
 *   <li>Between the hops nothing cuts earlier than the gateway: the load balancer's idle timeout and the
 *       Service Connect proxy's per-request and idle timeouts are at least the longest upload.</li>
 *   <li>photo-service (behind Service Connect, no deregistration delay): on SIGTERM it stops taking requests and
 *       its shutdown phase lets in-flight uploads finish, bounded by Fargate's maximum stopTimeout
 *       (120 s): an upload longer than that still in flight when a photo-service task stops is cut
 *       (README "Drain").</li>
 * </ol>
 * {@code DrainTest} asserts the chain on the template and the services' {@code application.yml}.
 */
final class Drain {

    static final int LONGEST_UPLOAD_SECONDS = 300;
    static final int DEREGISTRATION_DELAY_SECONDS = LONGEST_UPLOAD_SECONDS + 10;
    static final int LOAD_BALANCER_IDLE_SECONDS = LONGEST_UPLOAD_SECONDS + 10;
    static final int PROXY_TIMEOUT_SECONDS = LONGEST_UPLOAD_SECONDS + 10;
    /** Fargate's maximum. */
    static final int STOP_TIMEOUT_SECONDS = 120;

    private Drain() {
    }
}
