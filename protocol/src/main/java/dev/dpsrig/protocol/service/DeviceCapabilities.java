package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;

/** {@code DeviceCapabilities}: whether the device is an IoT Edge device. */
public record DeviceCapabilities(boolean iotEdge) {
    public JsonObject toJson() {
        return Jsonp.createObjectBuilder().add("iotEdge", iotEdge).build();
    }

    static DeviceCapabilities fromJson(JsonObject json) {
        return new DeviceCapabilities(RequestFields.bool(json, "iotEdge").orElse(false));
    }
}
