package com.cloudalbum.localstack.s3events;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import com.adobe.testing.s3mock.s3.model.BucketMetadata;
import com.adobe.testing.s3mock.s3.store.BucketStore;
import com.adobe.testing.s3mock.s3.store.MultipartStore;
import com.adobe.testing.s3mock.s3.store.ObjectStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes S3Mock's AbortMultipartUpload leave the key's object alone, as S3 does. S3Mock 5.2.0 also removes the key
 * from the bucket on abort ({@code MultipartService.abortMultipartUpload}), so aborting a stale upload of a key
 * whose object another upload completed made that object vanish. Seen in the system test that pauses the stack: an
 * SDK retry of CreateMultipartUpload left a second upload for the key, photo-service's sweeper aborted it 20 s
 * later, and a stored photo lost its original. When the key has an object, only the upload's parts are dropped.
 */
final class AbortKeepsObjectFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AbortKeepsObjectFilter.class);

    private final BucketStore buckets;
    private final ObjectStore objects;
    private final MultipartStore uploads;

    AbortKeepsObjectFilter(BucketStore buckets, ObjectStore objects, MultipartStore uploads) {
        this.buckets = buckets;
        this.objects = objects;
        this.uploads = uploads;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<S3Operation.UploadCall> abort = S3Operation.abortMultipartUpload(request.getMethod(),
                request.getRequestURI(), request.getQueryString());
        if (abort.isEmpty() || !abortsBesideAnObject(abort.get())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** Drops the upload's parts and answers for S3Mock when the key has an object; false leaves the call to it. */
    private boolean abortsBesideAnObject(S3Operation.UploadCall call) {
        try {
            BucketMetadata bucket = buckets.getBucketMetadata(call.bucket());
            UUID id = bucket.getID(call.key());
            UUID uploadId = UUID.fromString(call.uploadId());
            if (id == null || objects.getS3ObjectMetadata(bucket, id, null) == null
                    || uploads.getMultipartUploadInfo(bucket, uploadId) == null) {
                return false;
            }
            uploads.abortMultipartUpload(bucket, uploadId);
            log.info("multipart upload aborted, the key's object kept [bucket={}, key={}]", call.bucket(), call.key());
            return true;
        } catch (RuntimeException e) {
            return false; // no such bucket, a malformed upload id: S3Mock answers those itself
        }
    }
}
