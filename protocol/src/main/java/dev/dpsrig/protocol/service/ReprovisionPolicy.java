package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;

/**
 * {@code ReprovisionPolicy}: whether a device that registers again may move to another hub, and
 * whether its data moves with it. Each is true when left out, as DPS takes it.
 */
public record ReprovisionPolicy(boolean updateHubAssignment, boolean migrateDeviceData) {
    public JsonObject toJson() {
        return Jsonp.createObjectBuilder()
                .add("updateHubAssignment", updateHubAssignment)
                .add("migrateDeviceData", migrateDeviceData)
                .build();
    }

    static ReprovisionPolicy fromJson(JsonObject json) {
        return new ReprovisionPolicy(RequestFields.bool(json, "updateHubAssignment").orElse(true),
                RequestFields.bool(json, "migrateDeviceData").orElse(true));
    }
}
