package dev.dpsrig.protocol.dps;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * {@code DeviceRegistration}: the body of a register request. Real clients send it without
 * {@code registrationId} (the path has it) or with an empty body, so both are optional here.
 *
 * @param payload custom data for a custom allocation webhook, passed on as it came
 */
public record DeviceRegistration(Optional<String> registrationId, Optional<JsonValue> payload) {
    public static DeviceRegistration of(String registrationId, Optional<JsonValue> payload) {
        return new DeviceRegistration(Optional.of(registrationId), payload);
    }

    /**
     * Real clients leave the registration id out of the body ({@code where}, the path or the MQTT user name, has it);
     * one that is there must agree.
     */
    public void requireRegistrationId(String registrationId, String where) {
        this.registrationId.filter(inBody -> !inBody.equalsIgnoreCase(registrationId)).ifPresent(inBody -> {
            throw DpsException.badRequest("registrationId '" + inBody + "' in the body differs from '" + registrationId + "' in " + where);
        });
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder();
        registrationId.ifPresent(id -> out.add("registrationId", id));
        payload.ifPresent(value -> out.add("payload", value));
        return out.build();
    }

    public static DeviceRegistration fromJson(JsonObject json) {
        return new DeviceRegistration(WireFields.string(json, "registrationId"), WireFields.value(json, "payload"));
    }
}
