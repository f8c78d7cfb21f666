package dev.dpsrig.emulator.device;

import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.protocol.dps.DeviceRegistrationResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;

/**
 * A registration that ended {@code assigned}: where the device goes next, and the state DPS returned.
 *
 * @param state             the {@code registrationState} as the contract reads it
 * @param registrationState the {@code registrationState} object exactly as DPS sent it, for display
 */
public record RegistrationResult(
        String registrationId,
        String operationId,
        DeviceRegistrationResult state,
        JsonObject registrationState,
        Timeline timeline) {

    /** The hub's host name; an assigned result always has one (the client refuses one without). */
    public String assignedHub() {
        return state.assignedHub().orElseThrow();
    }

    public String deviceId() {
        return state.deviceId().orElseThrow();
    }

    /** Why the device is where it is; a first assignment when DPS did not say (or said something new). */
    public Substatus substatus() {
        return state.substatus().orElse(Substatus.INITIAL_ASSIGNMENT);
    }

    /** The custom allocation payload DPS returned, if any. */
    public Optional<JsonValue> payload() {
        return state.payload();
    }

    public Optional<Instant> createdDateTimeUtc() {
        return state.createdDateTimeUtc();
    }

    public Optional<Instant> lastUpdatedDateTimeUtc() {
        return state.lastUpdatedDateTimeUtc();
    }
}
