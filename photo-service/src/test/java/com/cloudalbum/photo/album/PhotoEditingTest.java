package com.cloudalbum.photo.album;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.cloudalbum.common.test.MutableClock;
import com.cloudalbum.photo.catalog.PhotoRecord;
import com.cloudalbum.photo.catalog.PhotoRepository;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/** The time a patch writes comes from the clock; a fake repository records the writes and the reads. */
class PhotoEditingTest {

    static final Instant UPLOADED = Instant.parse("2026-11-29T10:00:00Z");

    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00.123456Z"));
    List<String> calls = new ArrayList<>();
    List<PhotoRecord> written = new ArrayList<>();
    PhotoEditing editing = new PhotoEditing(repository(photo(UPLOADED)), clock);

    @Test
    void edit_validPatch_writesTheClocksTimeToTheMillisecond() {
        PhotoRecord edited = editing.edit("u", "p", Map.of("description", "beach")).block();

        assertThat(written).singleElement().satisfies(photo -> {
            assertThat(photo.updatedAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z"));
            assertThat(photo.description()).isEqualTo("beach");
            assertThat(photo.createdAt()).isEqualTo(UPLOADED);
        });
        assertThat(edited).isEqualTo(written.get(0));
    }

    @Test
    void edit_clockBehindTheStoredVersion_movesTheVersionForward() {
        Instant stored = Instant.parse("2026-11-30T10:00:05Z");
        editing = new PhotoEditing(repository(photo(stored)), clock);

        editing.edit("u", "p", Map.of("tags", List.of("a"))).block();

        assertThat(written).singleElement().extracting(PhotoRecord::updatedAt).isEqualTo(stored.plusMillis(1));
    }

    @Test
    void edit_invalidPatch_failsBeforeReadingThePhoto() {
        assertThatThrownBy(() -> editing.edit("u", "p", Map.of("fileName", "x.jpg")).block())
                .isInstanceOf(ErrorResponseException.class);
        assertThat(calls).isEmpty();
    }

    PhotoRepository repository(PhotoRecord stored) {
        return (PhotoRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PhotoRepository.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "find" -> Mono.just(stored);
                        case "replaceDetails" -> {
                            written.add((PhotoRecord) args[0]);
                            yield Mono.just(args[0]);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    static PhotoRecord photo(Instant updatedAt) {
        return new PhotoRecord("u", "p", "READY", "photos/u/p/original", 1000, "image/jpeg", "a.jpg", List.of(), null, null,
                PhotoRecord.Capture.unknown(), UPLOADED, updatedAt, null, null, null);
    }
}
