package com.cloudalbum.deploy.aws;

/**
 * One module deployed as one Fargate service: size of a task and the range autoscaling keeps it in.
 * Ports are the modules' own {@code server.port}, so the images need no port configuration.
 */
public record ServiceSpec(String name, String constructId, int port, int cpu, int memoryMiB, int minTasks, int maxTasks) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway", "Gateway", 8080, 512, 1024, 2, 10);
    public static final ServiceSpec USER = new ServiceSpec("user-service", "UserService", 8081, 512, 1024, 2, 6);
    /** Uploads hold up to 32 MiB each in the S3 client's buffer: more memory than the others. */
    public static final ServiceSpec PHOTO = new ServiceSpec("photo-service", "PhotoService", 8082, 1024, 2048, 2, 10);
    /** Decoding an original is CPU- and memory-heavy; one worker per vCPU by default. */
    public static final ServiceSpec THUMBNAIL = new ServiceSpec("thumbnail-service", "ThumbnailService", 8083, 1024, 2048, 1, 10);

    /** What ECS and the load balancer ask before sending traffic: Actuator's readiness group. */
    public static final String READINESS_PATH = "/actuator/health/readiness";

    public String readinessUrl() {
        return "http://localhost:" + port + READINESS_PATH;
    }

    /** The Service Connect address other tasks in the namespace use. */
    public String serviceConnectUri() {
        return "http://" + name + ":" + port;
    }
}
