package com.cloudalbum.deploy.aws;

import java.util.Map;
import java.util.TreeMap;

import com.cloudalbum.contract.photo.PhotoAttributes;
import software.amazon.awscdk.Aws;

/**
 * Each service's configuration as environment variables, one per property of its
 * {@code @ConfigurationProperties} records, named by Spring's relaxed binding
 * ({@code album.photo.max-upload-size} → {@code ALBUM_PHOTO_MAX_UPLOAD_SIZE}). The services'
 * {@code application.yml} holds no local values (those are in the {@code local} profile), so nothing here
 * blanks anything: what is not set falls back to AWS's defaults (regional endpoints, the task role), and a
 * service missing a key it needs refuses to start. {@code EnvironmentTest} checks the names against the
 * records, and that every key a service requires is set.
 */
final class ServiceEnvironment {

    /** The secret photo-service signs album cursors with; an ECS secret, never a plain variable. */
    static final String CURSOR_SECRET = "ALBUM_PHOTO_CURSOR_SECRET";

    private ServiceEnvironment() {
    }

    static Map<String, String> gateway(Identity identity, Storage storage, String publicOrigin) {
        Map<String, String> env = security(identity);
        env.put("ALBUM_SECURITY_CORS_ORIGINS", publicOrigin);
        // the web app's Content-Security-Policy lets presigned photo URLs load: regional (what SDK v2
        // signs) and, for us-east-1, the global bucket host
        env.put("ALBUM_WEB_IMAGE_ORIGINS", "https://" + storage.bucket.getBucketRegionalDomainName()
                + ",https://" + storage.bucket.getBucketDomainName());
        env.put("ALBUM_GATEWAY_USER_SERVICE_URI", ServiceSpec.USER.serviceConnectUri());
        env.put("ALBUM_GATEWAY_PHOTO_SERVICE_URI", ServiceSpec.PHOTO.serviceConnectUri());
        return env;
    }

    static Map<String, String> userService(Identity identity, Storage storage) {
        Map<String, String> env = security(identity);
        env.putAll(aws());
        env.put("ALBUM_USER_TABLE", storage.users.getTableName());
        env.put("ALBUM_USER_EMAIL_INDEX", Storage.USER_EMAIL_INDEX);
        env.put("ALBUM_USER_USER_POOL_ID", identity.userPool.getUserPoolId());
        env.put("ALBUM_USER_CLIENT_ID", identity.webClient.getUserPoolClientId());
        // auto-confirm stays false (its default): Cognito e-mails a confirmation code; AdminConfirmSignUp is not granted
        return env;
    }

    static Map<String, String> photoService(Identity identity, Storage storage) {
        Map<String, String> env = security(identity);
        env.putAll(aws());
        env.put("ALBUM_PHOTO_BUCKET", storage.bucket.getBucketName());
        env.put("ALBUM_PHOTO_TABLE", storage.photos.getTableName());
        env.put("ALBUM_PHOTO_GEO_INDEX", Storage.PHOTO_GEO_INDEX);
        env.put("ALBUM_PHOTO_MAX_UPLOAD_SIZE", "50MB");
        env.put("ALBUM_PHOTO_PENDING_INDEX", PhotoAttributes.PENDING_INDEX);
        // the sweeper re-drives a photo stuck in PROCESSING by sending its S3 event to thumbnail-service's queue
        env.put("ALBUM_PHOTO_SWEEPER_THUMBNAIL_QUEUE", storage.thumbnailQueue.getQueueName());
        return env;
    }

    static Map<String, String> thumbnailService(Identity identity, Storage storage) {
        Map<String, String> env = security(identity);
        env.putAll(aws());
        env.put("ALBUM_THUMBNAIL_QUEUE_NAME", storage.thumbnailQueue.getQueueName());
        env.put("ALBUM_THUMBNAIL_BUCKET", storage.bucket.getBucketName());
        env.put("ALBUM_THUMBNAIL_TABLE", storage.photos.getTableName());
        env.put("ALBUM_THUMBNAIL_MAX_RECEIVES", Integer.toString(Storage.MAX_RECEIVE_COUNT));
        return env;
    }

    /** Every service is a resource server for the pool's access tokens. */
    private static Map<String, String> security(Identity identity) {
        Map<String, String> env = new TreeMap<>();
        env.put("ALBUM_SECURITY_ISSUER", identity.issuer());
        env.put("ALBUM_SECURITY_CLIENT_IDS", identity.webClient.getUserPoolClientId());
        return env;
    }

    /** The region only: no endpoint or key is set, so the SDK's regional endpoints and the task role apply. */
    private static Map<String, String> aws() {
        Map<String, String> env = new TreeMap<>();
        env.put("ALBUM_AWS_REGION", Aws.REGION);
        return env;
    }
}
