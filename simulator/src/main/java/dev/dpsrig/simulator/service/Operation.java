package dev.dpsrig.simulator.service;

import java.time.Instant;

/**
 * A register call in progress. Until {@code readyAt} lookups answer {@code assigning}; from then on
 * the outcome decided at register time is the registration's state.
 */
public record Operation(String operationId, String registrationId, Instant readyAt, Registration outcome) {
}
