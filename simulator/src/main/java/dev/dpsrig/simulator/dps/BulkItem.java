package dev.dpsrig.simulator.dps;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One item of a bulk operation over enrollments or groups.
 *
 * @param etag  what the item says its etag is, checked in {@code updateIfMatchETag} mode
 * @param draft the enrollment or group the item describes; read only when the mode writes it, after the
 *              checks that come first, so that each item fails with the error DPS gives first
 */
public record BulkItem<T>(String id, Optional<String> etag, Supplier<T> draft) {
}
