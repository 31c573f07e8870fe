package com.cloudalbum.photo.album;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import com.cloudalbum.photo.problem.PhotoProblems;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's album. Another user's photo id answers 404, like a missing one. */
@RestController
class AlbumController {

    static final int MAX_LIMIT = 100;
    /** Items a search page may look at (DynamoDB reads), however few match. */
    static final int SEARCH_BUDGET = 1000;
    static final int MAP_LIMIT = 1000;

    private final PhotoRepository photos;
    private final PhotoUrls urls;
    private final Cursors cursors;
    private final PhotoDeletion deletions;
    private final PhotoEditing editing;

    AlbumController(PhotoRepository photos, PhotoUrls urls, Cursors cursors, PhotoDeletion deletions, PhotoEditing editing) {
        this.editing = editing;
        this.photos = photos;
        this.urls = urls;
        this.cursors = cursors;
        this.deletions = deletions;
    }

    @GetMapping("/api/photos")
    Mono<AlbumPage> list(@AuthenticationPrincipal Jwt token,
                         @RequestParam(defaultValue = "24") int limit,
                         @RequestParam(required = false) @Nullable String cursor,
                         @RequestParam(defaultValue = "uploaded") String order) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(PhotoProblems.invalid(List.of(Map.of("field", "limit", "message", "from 1 to " + MAX_LIMIT))));
        }
        return switch (order) {
            case "uploaded" -> albumPage(token.getSubject(), "uploaded", cursor, (userId, after) -> photos.page(userId, limit, after));
            // the cursor carries the index position; it is signed like the other, so it cannot be forged either
            case "taken" -> albumPage(token.getSubject(), "taken", cursor, (userId, after) -> photos.pageByTaken(userId, limit, after));
            default -> Mono.error(PhotoProblems.invalid(List.of(Map.of("field", "order", "message", "uploaded or taken"))));
        };
    }

    @GetMapping("/api/photos/{id}")
    Mono<PhotoView> get(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return photos.find(token.getSubject(), id)
                .filter(PhotoRecord::visible)
                .map(photo -> PhotoView.of(photo, urls.of(photo)))
                .switchIfEmpty(Mono.error(PhotoProblems::notFound));
    }

    /** Search: case-insensitive substring of tags, description and place; see README for its cost. */
    @GetMapping("/api/photos/search")
    Mono<AlbumPage> search(@AuthenticationPrincipal Jwt token,
                           @RequestParam String q,
                           @RequestParam(defaultValue = "24") int limit,
                           @RequestParam(required = false) @Nullable String cursor) {
        String needle = q.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty() || needle.length() > 100 || limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(PhotoProblems.invalid(List.of(Map.of("field", needle.isEmpty() || needle.length() > 100 ? "q" : "limit",
                    "message", "q: 1 to 100 characters; limit: 1 to " + MAX_LIMIT))));
        }
        return albumPage(token.getSubject(), "search", cursor,
                (userId, after) -> photos.search(userId, needle, limit, SEARCH_BUDGET, after));
    }

    /** Decodes the caller's cursor, runs the query from there and signs the cursor of the next page. */
    private Mono<AlbumPage> albumPage(String userId, String listing, @Nullable String cursor,
                                      BiFunction<String, @Nullable String, Mono<PhotoRepository.Page>> query) {
        return Mono.defer(() -> query.apply(userId, cursor == null || cursor.isEmpty() ? null : cursors.decode(userId, listing, cursor)))
                .map(page -> new AlbumPage(
                        page.items().stream().filter(PhotoRecord::visible).map(photo -> PhotoView.of(photo, urls.listed(photo))).toList(),
                        page.lastId() == null ? null : cursors.encode(userId, listing, page.lastId())));
    }

    /** Geotagged photos as map markers: the newest {@value #MAP_LIMIT} at most. */
    @GetMapping("/api/photos/map")
    Mono<List<Marker>> map(@AuthenticationPrincipal Jwt token) {
        return photos.geotagged(token.getSubject(), MAP_LIMIT)
                .map(list -> list.stream()
                        .map(geo -> new Marker(geo.id(), geo.lat(), geo.lng(), geo.takenAt(), geo.takenAtLocal(),
                                geo.description() == null || geo.description().isBlank() ? geo.fileName() : geo.description(),
                                geo.thumbnailKey() == null ? null : urls.url(geo.thumbnailKey())))
                        .toList());
    }

    @PatchMapping(path = "/api/photos/{id}", consumes = "application/json")
    Mono<PhotoView> edit(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                         @RequestBody Map<String, Object> patch) {
        return editing.edit(token.getSubject(), id, patch).map(photo -> PhotoView.of(photo, urls.of(photo)));
    }

    @DeleteMapping("/api/photos/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return deletions.delete(token.getSubject(), id);
    }

    /** A map marker: compact on purpose, the map may show a thousand of them; the title is the description or the file name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Marker(String id, double lat, double lng, java.time.@Nullable Instant takenAt, @Nullable String takenAtLocal,
                  String title, @Nullable String thumbnailUrl) {
    }

    /** One page of the album; {@code next} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AlbumPage(List<PhotoView> items, @Nullable String next) {
    }
}
