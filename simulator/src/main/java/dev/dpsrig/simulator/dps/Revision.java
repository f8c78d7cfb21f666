package dev.dpsrig.simulator.dps;

import java.time.Instant;
import java.util.UUID;

/** The service-set bookkeeping of a stored object: its etag and when it was created and last changed. */
public record Revision(String etag, Instant created, Instant updated) {

    public static Revision first(Instant now) {
        return new Revision(newEtag(), now, now);
    }

    public Revision next(Instant now) {
        return new Revision(newEtag(), created, now);
    }

    /** Quoted, GUID-like, as the real service's Cosmos etags look. */
    private static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }
}
