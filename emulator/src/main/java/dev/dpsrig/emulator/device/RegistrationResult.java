package dev.dpsrig.emulator.device;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;

/**
 * A registration that ended {@code assigned}: where the device goes next, and the state DPS returned.
 *
 * @param payload      the custom allocation payload DPS returned, if any
 * @param registrationState the {@code registrationState} object exactly as DPS sent it
 */
public record RegistrationResult(
        String registrationId,
        String assignedHub,
        String deviceId,
        String substatus,
        Optional<JsonValue> payload,
        String operationId,
        Optional<Instant> createdDateTimeUtc,
        Optional<Instant> lastUpdatedDateTimeUtc,
        JsonObject registrationState,
        Timeline timeline) {
}
