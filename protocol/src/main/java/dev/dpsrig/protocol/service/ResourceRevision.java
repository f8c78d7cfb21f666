package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Optional;

/**
 * The members DPS adds to a stored enrollment or group: its {@code etag} and when it was created and
 * last updated. A request leaves them out, or gives the etag an {@code updateIfMatchETag} bulk
 * operation checks.
 */
public record ResourceRevision(Optional<String> etag, Optional<Instant> createdDateTimeUtc, Optional<Instant> lastUpdatedDateTimeUtc) {
    public static final ResourceRevision NONE = new ResourceRevision(Optional.empty(), Optional.empty(), Optional.empty());

    void writeTo(JsonObjectBuilder out) {
        etag.ifPresent(tag -> out.add("etag", tag));
        createdDateTimeUtc.ifPresent(at -> out.add("createdDateTimeUtc", DpsTimestamps.format(at)));
        lastUpdatedDateTimeUtc.ifPresent(at -> out.add("lastUpdatedDateTimeUtc", DpsTimestamps.format(at)));
    }

    static ResourceRevision fromJson(JsonObject json) {
        return new ResourceRevision(WireFields.string(json, "etag"), WireFields.instant(json, "createdDateTimeUtc"),
                WireFields.instant(json, "lastUpdatedDateTimeUtc"));
    }
}
