package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * {@code SymmetricKeyAttestation}: a device's keys, or a group's from which each device's key is
 * derived. A request may leave either key out for DPS to generate; answers to reads leave both out,
 * and the {@code attestationmechanism} answer shows them.
 */
public record SymmetricKeyAttestation(Optional<String> primaryKey, Optional<String> secondaryKey) implements AttestationMechanism {
    public static SymmetricKeyAttestation of(String primaryKey, String secondaryKey) {
        return new SymmetricKeyAttestation(Optional.of(primaryKey), Optional.of(secondaryKey));
    }

    /** Both keys left out: for DPS to generate in a request, hidden in an answer. */
    public static SymmetricKeyAttestation withoutKeys() {
        return new SymmetricKeyAttestation(Optional.empty(), Optional.empty());
    }

    @Override
    public String type() {
        return "symmetricKey";
    }

    @Override
    public JsonObject body() {
        var out = Jsonp.createObjectBuilder();
        primaryKey.ifPresent(key -> out.add("primaryKey", key));
        secondaryKey.ifPresent(key -> out.add("secondaryKey", key));
        return out.build();
    }

    static SymmetricKeyAttestation fromJson(JsonObject json) {
        return new SymmetricKeyAttestation(RequestFields.string(json, "primaryKey"), RequestFields.string(json, "secondaryKey"));
    }
}
