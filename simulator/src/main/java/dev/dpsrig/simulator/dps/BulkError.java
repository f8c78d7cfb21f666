package dev.dpsrig.simulator.dps;

/** One item of a bulk enrollment operation that did not go through, with the DPS error it got. */
public record BulkError(String id, int errorCode, String errorStatus) {
}
