package dev.dpsrig.simulator.service;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * A register call in progress. Until {@code readyAt} lookups answer {@code assigning}; from then on
 * the outcome decided at register time is the registration's state.
 */
public record Operation(String operationId, String registrationId, Instant readyAt, Outcome outcome) {

    /** What register decided, and for an assignment, the device identity the hub will get. */
    public record Outcome(Registration registration, Optional<HubAssignment> hubAssignment) {
    }

    /** The hub device to create or update when the assignment takes effect. */
    public record HubAssignment(EnrollmentMatch match, String hubHostName, Optional<JsonObject> initialTwin) {
    }
}
