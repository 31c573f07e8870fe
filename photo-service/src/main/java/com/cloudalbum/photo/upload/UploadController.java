package com.cloudalbum.photo.upload;

import java.net.URI;

import com.cloudalbum.photo.album.PhotoUrls;
import com.cloudalbum.photo.album.PhotoView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code POST /api/photos}: multipart parts as a stream of events, never gathered in memory or on disk. */
@RestController
class UploadController {

    private final UploadService uploads;
    private final PhotoUrls urls;

    UploadController(UploadService uploads, PhotoUrls urls) {
        this.uploads = uploads;
        this.urls = urls;
    }

    @PostMapping(path = "/api/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<PhotoView>> upload(@AuthenticationPrincipal Jwt token, @RequestBody Flux<PartEvent> parts) {
        return uploads.upload(token.getSubject(), parts)
                .map(photo -> ResponseEntity.created(URI.create("/api/photos/" + photo.id()))
                        .body(PhotoView.of(photo, urls.of(photo))));
    }
}
