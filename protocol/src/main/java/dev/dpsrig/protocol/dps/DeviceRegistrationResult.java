package dev.dpsrig.protocol.dps;

import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.Substatus;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code DeviceRegistrationResult}: the {@code registrationState} of an operation's answer and the
 * body of a registration lookup. Which fields are present depends on the status: an assigned
 * device has {@code assignedHub}, {@code deviceId} and a {@code substatus}; a failed or disabled
 * one has {@code errorCode} and {@code errorMessage}.
 *
 * <p>Written in the member order DPS uses; read tolerantly, since DPS adds fields over time: only
 * {@code registrationId} and {@code status} are required, a substatus this contract does not know
 * counts as absent.
 */
public record DeviceRegistrationResult(
        String registrationId,
        Optional<AttestationResult> attestation,
        Optional<Instant> createdDateTimeUtc,
        Optional<String> assignedHub,
        Optional<String> deviceId,
        RegistrationStatus status,
        Optional<Substatus> substatus,
        Optional<Integer> errorCode,
        Optional<String> errorMessage,
        Optional<Instant> lastUpdatedDateTimeUtc,
        Optional<String> etag,
        Optional<JsonValue> payload) {

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder();
        attestation.ifPresent(a -> out.add(a.type(), a.toJson()));
        out.add("registrationId", registrationId);
        createdDateTimeUtc.ifPresent(at -> out.add("createdDateTimeUtc", DpsTimestamps.format(at)));
        assignedHub.ifPresent(hub -> out.add("assignedHub", hub));
        deviceId.ifPresent(id -> out.add("deviceId", id));
        out.add("status", status.wireName());
        substatus.ifPresent(s -> out.add("substatus", s.wireName()));
        errorCode.ifPresent(code -> out.add("errorCode", code));
        errorMessage.ifPresent(message -> out.add("errorMessage", message));
        lastUpdatedDateTimeUtc.ifPresent(at -> out.add("lastUpdatedDateTimeUtc", DpsTimestamps.format(at)));
        etag.ifPresent(tag -> out.add("etag", tag));
        payload.ifPresent(value -> out.add("payload", value));
        return out.build();
    }

    /** @throws WireFormatException without a registration id or a known status */
    public static DeviceRegistrationResult fromJson(JsonObject json) {
        return new DeviceRegistrationResult(
                WireFields.requiredString(json, "registrationId", "a registration result"),
                AttestationResult.fromResult(json),
                WireFields.instant(json, "createdDateTimeUtc"),
                WireFields.string(json, "assignedHub"),
                WireFields.string(json, "deviceId"),
                status(json, "a registration result"),
                WireFields.string(json, "substatus").flatMap(DeviceRegistrationResult::knownSubstatus),
                WireFields.integer(json, "errorCode"),
                WireFields.string(json, "errorMessage"),
                WireFields.instant(json, "lastUpdatedDateTimeUtc"),
                WireFields.string(json, "etag"),
                WireFields.value(json, "payload"));
    }

    static RegistrationStatus status(JsonObject json, String what) {
        String wire = WireFields.requiredString(json, "status", what);
        return Arrays.stream(RegistrationStatus.values()).filter(s -> s.wireName().equals(wire)).findFirst()
                .orElseThrow(() -> new WireFormatException(what + " has an unknown status '" + wire + "'"));
    }

    private static Optional<Substatus> knownSubstatus(String wire) {
        return Arrays.stream(Substatus.values()).filter(s -> s.wireName().equals(wire)).findFirst();
    }
}
