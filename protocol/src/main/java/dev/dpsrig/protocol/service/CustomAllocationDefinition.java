package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.util.Optional;

/** {@code CustomAllocationDefinition}: the webhook that chooses a device's hub, and the API version it speaks. */
public record CustomAllocationDefinition(String webhookUrl, Optional<String> apiVersion) {
    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder().add("webhookUrl", webhookUrl);
        apiVersion.ifPresent(version -> out.add("apiVersion", version));
        return out.build();
    }

    /** @throws WireFormatException without a webhook URL */
    static CustomAllocationDefinition fromJson(JsonObject json) {
        return new CustomAllocationDefinition(RequestFields.string(json, "webhookUrl")
                .orElseThrow(() -> new WireFormatException("'customAllocationDefinition.webhookUrl' is required")),
                RequestFields.string(json, "apiVersion"));
    }
}
