package dev.dpsrig.protocol.dps;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * {@code RegistrationOperationStatus}: the answer to a register (202 while {@code assigning}) and to
 * an operation lookup (202 again, or 200 with the terminal {@link DeviceRegistrationResult}).
 *
 * @param operationId empty when an answer came without one (a device then registers again)
 */
public record RegistrationOperationStatus(
        Optional<String> operationId, RegistrationStatus status, Optional<DeviceRegistrationResult> registrationState) {

    public static RegistrationOperationStatus of(String operationId, RegistrationStatus status,
                                                 Optional<DeviceRegistrationResult> registrationState) {
        return new RegistrationOperationStatus(Optional.of(operationId), status, registrationState);
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder();
        operationId.ifPresent(id -> out.add("operationId", id));
        out.add("status", status.wireName());
        registrationState.ifPresent(state -> out.add("registrationState", state.toJson()));
        return out.build();
    }

    /** @throws WireFormatException without a known status, or with a registration state that is not one */
    public static RegistrationOperationStatus fromJson(JsonObject json) {
        return new RegistrationOperationStatus(
                WireFields.string(json, "operationId"),
                DeviceRegistrationResult.status(json, "an operation status"),
                WireFields.object(json, "registrationState").map(DeviceRegistrationResult::fromJson));
    }
}
