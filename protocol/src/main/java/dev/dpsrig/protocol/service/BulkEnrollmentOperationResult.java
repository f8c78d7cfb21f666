package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.service.BulkEnrollmentOperation.Target;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * {@code BulkEnrollmentOperationResult}: whether every item went through, and the error of each
 * that did not. It is successful exactly when there are no errors.
 */
public record BulkEnrollmentOperationResult(Target target, List<Error> errors) {
    public BulkEnrollmentOperationResult {
        errors = List.copyOf(errors);
    }

    /** {@code DeviceRegistrationOperationError}: an item that did not go through, with the DPS error it got. */
    public record Error(String id, int errorCode, String errorStatus) {
    }

    public boolean isSuccessful() {
        return errors.isEmpty();
    }

    public JsonObject toJson() {
        var list = Jsonp.createArrayBuilder();
        errors.forEach(error -> list.add(Jsonp.createObjectBuilder()
                .add(target.idName(), error.id()).add("errorCode", error.errorCode()).add("errorStatus", error.errorStatus())));
        return Jsonp.createObjectBuilder().add("isSuccessful", isSuccessful()).add("errors", list).build();
    }

    public static BulkEnrollmentOperationResult fromJson(JsonObject json, Target target) {
        List<Error> errors = WireFields.value(json, "errors").filter(v -> v.getValueType() == JsonValue.ValueType.ARRAY)
                .map(v -> v.asJsonArray().getValuesAs(JsonObject.class).stream()
                        .map(error -> new Error(WireFields.string(error, target.idName()).orElse(""),
                                WireFields.integer(error, "errorCode").orElse(0), WireFields.string(error, "errorStatus").orElse("")))
                        .toList())
                .orElse(List.of());
        return new BulkEnrollmentOperationResult(target, errors);
    }
}
