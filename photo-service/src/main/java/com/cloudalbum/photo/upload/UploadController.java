package com.cloudalbum.photo.upload;

import java.net.URI;
import java.util.Map;

import com.cloudalbum.common.netty.InboundBody;
import com.cloudalbum.photo.album.PhotoUrls;
import com.cloudalbum.photo.album.PhotoView;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.problem.PhotoProblems;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/photos} in two forms, both streamed, never gathered in memory or on disk: the image itself as the
 * body (fields in the query string), or {@code multipart/form-data} read by our own streaming parser.
 */
@RestController
class UploadController {

    private final UploadService uploads;
    private final PhotoUrls urls;

    UploadController(UploadService uploads, PhotoUrls urls) {
        this.uploads = uploads;
        this.urls = urls;
    }

    @PostMapping(path = "/api/photos", consumes = {"image/*", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    Mono<ResponseEntity<PhotoView>> uploadRaw(@AuthenticationPrincipal Jwt token, @RequestParam Map<String, String> fields,
            ServerHttpRequest request) {
        long length = request.getHeaders().getContentLength();
        if (length < 0) {
            return Mono.error(PhotoProblems.lengthRequired());
        }
        return uploads.uploadRaw(token.getSubject(), fields, length, InboundBody.of(request)).map(this::created);
    }

    @PostMapping(path = "/api/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<PhotoView>> uploadMultipart(@AuthenticationPrincipal Jwt token, ServerHttpRequest request) {
        String boundary = MultipartParser.boundary(request.getHeaders().getContentType());
        return uploads.uploadMultipart(token.getSubject(), boundary, request.getHeaders().getContentLength(),
                InboundBody.of(request)).map(this::created);
    }

    private ResponseEntity<PhotoView> created(PhotoRecord photo) {
        return ResponseEntity.created(URI.create("/api/photos/" + photo.id())).body(PhotoView.of(photo, urls.of(photo)));
    }
}
