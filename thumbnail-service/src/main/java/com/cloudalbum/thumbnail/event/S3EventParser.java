package com.cloudalbum.thumbnail.event;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cloudalbum.contract.photo.PhotoKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the S3 event notification JSON (also what photo-service's sweeper sends to re-drive a photo); keys arrive
 * form-encoded, so '+' is a space. Only what the work needs must be there (event name, bucket, key): a missing or
 * unreadable {@code eventTime} takes the message's own time, since it feeds only the lag metric.
 */
final class S3EventParser {

    /** ISO-8601 with or without offset or zone; without one the time is UTC (as some S3-compatible stores send it). */
    private static final DateTimeFormatter ISO_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .optionalStart().appendOffset("+HHMMss", "Z").optionalEnd()
            .optionalStart().appendLiteral('[').parseCaseSensitive().appendZoneRegionId().appendLiteral(']').optionalEnd()
            .toFormatter();

    /** An original's key anywhere in a body that did not parse, as S3 would encode it in JSON. */
    private static final Pattern ORIGINAL_IN_TEXT = Pattern.compile(
            Pattern.quote(PhotoKey.PREFIX) + "[^/\"\\s]+/[^/\"\\s]+/" + PhotoKey.ORIGINAL + "(?![^\"\\s,}\\]])");

    private final JsonMapper json;

    S3EventParser(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param receivedAt the time for records whose {@code eventTime} is missing or unreadable
     * @throws MalformedEventException if the body is not an S3 event notification
     */
    List<ObjectEvent> parse(String body, Instant receivedAt) {
        JsonNode root;
        try {
            root = json.readTree(body);
        }
        catch (JacksonException e) {
            throw new MalformedEventException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if ("s3:TestEvent".equals(root.path("Event").asString(""))) {
            return List.of();
        }
        JsonNode records = root.path("Records");
        if (!records.isArray()) {
            throw new MalformedEventException("no Records array");
        }
        List<ObjectEvent> events = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode s3 = record.path("s3");
            @Nullable String key = text(s3.path("object").path("key"));
            @Nullable String bucket = text(s3.path("bucket").path("name"));
            @Nullable String eventName = text(record.path("eventName"));
            if (key == null || bucket == null || eventName == null) {
                throw new MalformedEventException("record without eventName, bucket or key");
            }
            @Nullable String eventTime = text(record.path("eventTime"));
            events.add(new ObjectEvent(eventName, bucket, decode(key), s3.path("object").path("size").asLong(-1),
                    Optional.ofNullable(eventTime).flatMap(S3EventParser::time).orElse(receivedAt)));
        }
        return events;
    }

    /** ISO-8601, with or without zone (then UTC), with or without time (then midnight); empty when it is neither. */
    static Optional<Instant> time(String text) {
        try {
            TemporalAccessor parsed = ISO_TIME.parse(text.trim());
            if (parsed.query(TemporalQueries.zone()) != null) {
                return Optional.of(ZonedDateTime.from(parsed).toInstant());
            }
            if (parsed.isSupported(ChronoField.NANO_OF_DAY)) {
                return Optional.of(LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
            }
            return Optional.of(LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The originals a body that did not parse seems to be about: whatever looks like an original's key, decoded as
     * S3 encodes keys. Best effort, for marking those photos; never a reason to do work.
     */
    static Set<PhotoKey> originalsMentioned(String body) {
        Set<PhotoKey> originals = new LinkedHashSet<>();
        Matcher matcher = ORIGINAL_IN_TEXT.matcher(body);
        while (matcher.find()) {
            try {
                @Nullable PhotoKey original = PhotoKey.parseOriginal(decode(matcher.group()));
                if (original != null) {
                    originals.add(original);
                }
            }
            catch (IllegalArgumentException e) {
                // not decodable as a key: not one of ours
            }
        }
        return originals;
    }

    private static String decode(String key) {
        return URLDecoder.decode(key, StandardCharsets.UTF_8);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() || node.isNumber() ? node.asString() : null;
    }

    /** The message is not an S3 event notification; retrying will not help. */
    static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String reason) {
            super("not an S3 event notification: " + reason);
        }
    }
}
