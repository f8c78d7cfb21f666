package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.util.Optional;

/** {@code X509CAReferences}: the names of CA certificates uploaded to and verified by the service. */
public record X509CaReferences(String primary, Optional<String> secondary) {
    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder().add("primary", primary);
        secondary.ifPresent(name -> out.add("secondary", name));
        return out.build();
    }

    /** @throws WireFormatException without a primary name */
    static X509CaReferences fromJson(JsonObject json) {
        return new X509CaReferences(
                RequestFields.string(json, "primary").orElseThrow(() -> new WireFormatException("'caReferences.primary' is required")),
                RequestFields.string(json, "secondary"));
    }
}
